"""Every setting of strategy-kg, with its environment variable, default and help text.

This is the one place that reads the environment (``Settings.from_env``); the CLI and the app
factory call it once and pass the result down. Nothing else reads ``os.environ``. A value a
setting cannot take raises :class:`kg.errors.BadSetting`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "KG_DATA_DIR", "./var", "Where the embedded store and the embedding cache live."),
    Setting("corpus_dir", "KG_CORPUS", "./corpus",
            "Folder ingested by `kg serve` and `make run` when the store is empty."),
    Setting("api_token", "KG_API_TOKEN", None,
            "Bearer token for the write endpoints; when unset they answer 403."),
    Setting("sparql_url", "KG_SPARQL_URL", None,
            "Graph Store Protocol endpoint of a SPARQL 1.1 server to copy every named graph to, "
            "e.g. http://127.0.0.1:7878/store."),
    Setting("max_upload_mb", "KG_MAX_UPLOAD_MB", "20", "Largest accepted upload, in MiB."),
    Setting("reader", "KG_READER", "rules",
            "How documents are read: 'rules' (section walk and cue phrases) or 'model' (the learned "
            "reader trained by `kg train`)."),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Build with :meth:`from_env` or directly in tests."""

    data_dir: Path = Path("./var")
    corpus_dir: Path = Path("./corpus")
    api_token: str | None = None
    sparql_url: str | None = None
    max_upload_mb: int = 20
    reader: str = "rules"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Read every setting from ``environ`` (default ``os.environ``), then apply ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for setting in SETTINGS:
            raw = env.get(setting.env) or setting.default
            values[setting.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        kinds = {f.name: f.type for f in fields(cls)}
        converted: dict[str, object] = {}
        for name, value in values.items():
            if value is None:
                converted[name] = None
            elif name in ("data_dir", "corpus_dir"):
                converted[name] = Path(str(value))
            elif kinds[name] in ("int", int):
                converted[name] = _positive_int(name, value)
            elif name == "sparql_url" and not str(value).startswith(("http://", "https://")):
                from kg.errors import BadSetting

                raise BadSetting(f"KG_SPARQL_URL={value!r} is not an http(s) URL; give the Graph Store "
                                 "endpoint of a SPARQL server, e.g. http://127.0.0.1:7878/store, or unset it")
            elif name == "reader" and value not in ("rules", "model"):
                from kg.errors import BadSetting

                raise BadSetting(f"KG_READER={value!r} is not a reader; use 'rules' or 'model'")
            else:
                converted[name] = value
        return cls(**converted)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


def _positive_int(name: str, value: object) -> int:
    """``value`` as a whole number above 0, or :class:`kg.errors.BadSetting` naming the variable."""
    from kg.errors import BadSetting

    try:
        number = int(str(value))
    except ValueError:
        number = 0
    if number < 1:
        env = next(s.env for s in SETTINGS if s.name == name)
        raise BadSetting(f"{env}={value!r} is not a whole number above 0; set it to e.g. "
                         f"{next(s.default for s in SETTINGS if s.name == name)} or unset it")
    return number
