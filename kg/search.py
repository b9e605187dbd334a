"""Search: semantic and lexical search over every entity, fused into one ranking.

Each entity's label and text are embedded (cached) and scored by cosine similarity with the query;
BM25 scores the same texts lexically; the two are fused by reciprocal rank. Documents are not
searched (their titles are in the documents list); organisations are, by name and aliases.
Must not import flask, api or spaCy.
"""
from __future__ import annotations

import numpy as np

from kg.errors import BadRequest
from kg.graph import Graph
from kg.lexical import BM25
from kg.records import ENTITY_TYPES, Entity

_RRF = 60  # the usual reciprocal-rank-fusion constant: a rank's weight is 1 / (60 + rank)


def entity_text(entity: Entity) -> str:
    """What an entity is matched on: its label, its text and, for organisations, its aliases."""
    label = entity.label.rstrip("…")
    text = entity.text if entity.text.startswith(label) else f"{entity.label}. {entity.text}"
    if entity.aliases:
        text += " (" + "; ".join(entity.aliases) + ")"
    return text


def search(graph: Graph, embedder, q: str, type: str | None = None, limit: int = 20) -> list[tuple[Entity, float]]:
    """Entities best matching ``q``, best first, with a fused score in [0, 1]."""
    if type is not None and type not in ENTITY_TYPES:
        raise BadRequest(f"unknown type '{type}'; use one of {', '.join(ENTITY_TYPES)}")
    pool = [e for e in graph.entities.values() if e.type != "document" and (type is None or e.type == type)]
    if not pool:
        return []
    texts = [entity_text(e) for e in pool]
    semantic = embedder.similarity([q], texts)[0]
    lexical = np.array(BM25(texts).scores(q))
    fused = np.zeros(len(pool))
    for scores in (semantic, lexical):
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(pool))
        ranks[order] = np.arange(1, len(pool) + 1)
        fused += 1.0 / (_RRF + ranks)
    fused /= 2.0 / (_RRF + 1)  # 1.0 for an entity ranked first by both
    best = np.argsort(-fused, kind="stable")[:limit]
    return [(pool[i], float(fused[i])) for i in best]
