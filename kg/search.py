"""Search: semantic and lexical search over the graph's entities, fused into one ranking.

In: a :class:`~kg.graph.Graph`, an :class:`~ingest.embeddings.Embedder` and a query. Out: entities
with a score in [0, 1], best first. Each entity is matched on :func:`entity_text` (its label, its
text and, for organisations, every alias). Two rankings are fused by reciprocal rank (RRF): cosine
similarity of sentence embeddings, which finds paraphrases, and Okapi BM25, which makes sure an
entity saying the very words asked about is not outranked by a vague neighbour. Only entities that
share a word with the query take part in the lexical ranking, so an arbitrary order among
non-matching entities never adds to a score.

Documents are left out unless ``type="document"`` is asked for: their titles are listed by
``/documents``, and a document whose title matches would otherwise push the statements that answer
the question down the list. Organisations are searched by name and aliases.

Must not import flask, api or spaCy. Raises :class:`kg.errors.BadRequest` for an unknown type.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from kg.errors import BadRequest
from kg.graph import Graph, position
from kg.lexical import BM25
from kg.records import ENTITY_TYPES, Entity

if TYPE_CHECKING:  # only for type hints: the model module loads nothing until asked
    from ingest.embeddings import Embedder

#: the usual reciprocal-rank-fusion constant: the entity ranked r-th adds 1 / (RRF_K + r)
RRF_K = 60


def entity_text(entity: Entity) -> str:
    """What an entity is matched on: its label, its text and, for organisations, its aliases.

    A label that merely starts the text (or is the text cut short with "…") is not repeated.
    """
    label = entity.label.rstrip("…").strip()
    text = entity.text if entity.text.startswith(label) else f"{entity.label}. {entity.text}"
    if entity.source:
        text += f" ({entity.source})"
    if entity.aliases:
        text += " (" + "; ".join(a for a in entity.aliases if a != entity.label) + ")"
    return text


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each score, best first; ties keep reading order."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def search(graph: Graph, embedder: Embedder, q: str, type: str | None = None,
           limit: int = 20) -> list[tuple[Entity, float]]:
    """Entities best matching ``q``, best first, each with its fused score in [0, 1].

    Parameters
    ----------
    graph
        The graph to search.
    embedder
        An :class:`~ingest.embeddings.Embedder` (or anything with its ``encode``).
    q
        The query, a few words or a sentence.
    type
        Only entities of this type (one of :data:`kg.records.ENTITY_TYPES`); documents are searched
        only when asked for by this filter.
    limit
        How many entities to answer at most.

    Returns
    -------
    list of (Entity, float)
        1.0 is an entity ranked first both semantically and lexically.

    Raises
    ------
    kg.errors.BadRequest
        When ``type`` is not an entity type.
    ingest.embeddings.ModelUnavailable
        When the embedding model is not installed.
    """
    if type is not None and type not in ENTITY_TYPES:
        raise BadRequest(f"unknown type '{type}'; use one of {', '.join(ENTITY_TYPES)}")
    pool = sorted((e for e in graph.entities.values()
                   if (e.type == type if type else e.type != "document")), key=position)
    if not pool or limit < 1:
        return []
    texts = [entity_text(e) for e in pool]
    semantic = embedder.encode([q]) @ embedder.encode(texts).T
    fused = 1.0 / (RRF_K + _ranks(semantic[0]))
    lexical = np.asarray(BM25(texts).scores(q))
    matching = lexical > 0
    if matching.any():
        fused[matching] += 1.0 / (RRF_K + _ranks(lexical[matching]))
    fused /= 2.0 / (RRF_K + 1)  # so that first in both rankings scores 1.0
    best = np.argsort(-fused, kind="stable")[:limit]
    return [(pool[i], float(fused[i])) for i in best]
