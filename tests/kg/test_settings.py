"""Settings: read from the environment in one place; a value a setting cannot take is refused by name."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import BadSetting
from kg.settings import SETTINGS, Settings


def test_defaults_and_overrides():
    settings = Settings.from_env({}, data_dir=Path("/tmp/elsewhere"))
    assert settings.data_dir == Path("/tmp/elsewhere")
    assert settings.corpus_dir == Path("./corpus") and settings.api_token is None
    assert settings.max_upload_bytes == 20 * 1024 * 1024
    assert settings.reader == "rules"
    assert {s.env for s in SETTINGS} == {"KG_DATA_DIR", "KG_CORPUS", "KG_API_TOKEN", "KG_SPARQL_URL",
                                         "KG_MAX_UPLOAD_MB", "KG_READER"}


@pytest.mark.parametrize("variable,value", [("KG_SPARQL_URL", "localhost:7878/store"),
                                            ("KG_MAX_UPLOAD_MB", "lots"), ("KG_MAX_UPLOAD_MB", "0"),
                                            ("KG_READER", "guess")])
def test_a_setting_it_cannot_take_is_refused_by_name(variable, value):
    with pytest.raises(BadSetting, match=variable):
        Settings.from_env({variable: value})

