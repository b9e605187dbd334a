"""Alignment: how the priorities of one strategy map onto another's, with calibrated verdicts.

A pair's score joins three cosine similarities of sentence embeddings: the two priorities
themselves; what serves and measures each (the mean of their initiatives' and metrics'
embeddings); and each priority against the other's delivery. Verdicts (aligned, partial, none)
come from two thresholds fitted on gold pairs by ``bench/calibrate_alignment.py`` and read from
``kg/calibration.json``. Must not import flask, api or spaCy.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from kg.graph import Graph, position
from kg.records import Edge, Entity
from kg.search import entity_text

CALIBRATION = Path(__file__).resolve().parent / "calibration.json"
DEFAULTS = {"weights": {"priority": 0.6, "delivery": 0.25, "cross": 0.15}, "aligned": 0.55, "partial": 0.40}


@lru_cache(maxsize=1)
def calibration() -> dict:
    """Weights and thresholds: the fitted ones when present, else the documented defaults."""
    if CALIBRATION.exists():
        return json.loads(CALIBRATION.read_text())
    return DEFAULTS


def _delivery(graph: Graph, priority: Entity) -> list[str]:
    """Texts of what serves or measures a priority (its initiatives and metrics)."""
    return [entity_text(graph.entities[e.source]) for e in graph.into.get(priority.id, [])
            if e.type in ("serves", "measures") and graph.entities[e.source].type in ("initiative", "metric")]


def score_matrix(graph: Graph, embedder, sources: list[Entity], targets: list[Entity],
                 weights: dict | None = None) -> np.ndarray:
    """Alignment scores of every source priority with every target priority."""
    weights = weights or calibration()["weights"]
    if not sources or not targets:
        return np.zeros((len(sources), len(targets)))
    own_s = embedder.encode([entity_text(p) for p in sources])
    own_t = embedder.encode([entity_text(p) for p in targets])

    def context(priorities: list[Entity], own: np.ndarray) -> np.ndarray:
        rows = []
        for index, priority in enumerate(priorities):
            texts = _delivery(graph, priority)
            if texts:
                mean = embedder.encode(texts).mean(axis=0)
                rows.append(mean / (np.linalg.norm(mean) or 1.0))
            else:
                rows.append(own[index])  # nothing delivers it yet: it stands for itself
        return np.vstack(rows)

    ctx_s, ctx_t = context(sources, own_s), context(targets, own_t)
    direct = own_s @ own_t.T
    delivery = ctx_s @ ctx_t.T
    cross = np.maximum(own_s @ ctx_t.T, ctx_s @ own_t.T)
    return weights["priority"] * direct + weights["delivery"] * delivery + weights["cross"] * cross


def verdict(score: float, thresholds: dict | None = None) -> str:
    thresholds = thresholds or calibration()
    if score >= thresholds["aligned"]:
        return "aligned"
    if score >= thresholds["partial"]:
        return "partial"
    return "none"


def align_documents(graph: Graph, embedder, source_id: str, target_id: str) -> dict:
    """Every source × target priority pair with score and verdict, coverage both ways, and the gaps."""
    sources = graph.of_type("priority", source_id)
    targets = graph.of_type("priority", target_id)
    scores = score_matrix(graph, embedder, sources, targets)
    pairs = []
    for i, source in enumerate(sources):
        for j, target in enumerate(targets):
            score = float(scores[i, j])
            pairs.append({"source_priority": source.to_dict(), "target_priority": target.to_dict(),
                          "score": round(score, 4), "verdict": verdict(score),
                          "evidence": [ev.to_dict() for ev in (source.evidence[:1] + target.evidence[:1])]})
    pairs.sort(key=lambda p: -p["score"])
    matched_sources = {p["source_priority"]["id"] for p in pairs if p["verdict"] != "none"}
    matched_targets = {p["target_priority"]["id"] for p in pairs if p["verdict"] != "none"}
    return {
        "source": source_id, "target": target_id, "pairs": pairs,
        "coverage": {"source_aligned": round(len(matched_sources) / len(sources), 4) if sources else 0.0,
                     "target_covered": round(len(matched_targets) / len(targets), 4) if targets else 0.0},
        "unaligned_source": [p.to_dict() for p in sources if p.id not in matched_sources],
        "uncovered_target": [p.to_dict() for p in targets if p.id not in matched_targets],
    }


def alignment_edges(graph: Graph, embedder) -> list[Edge]:
    """``aligns_with`` edges between priorities of different documents, aligned or partial."""
    documents = sorted(graph.documents)
    edges: list[Edge] = []
    for a_index, source_id in enumerate(documents):
        for target_id in documents[a_index + 1:]:
            sources = graph.of_type("priority", source_id)
            targets = graph.of_type("priority", target_id)
            scores = score_matrix(graph, embedder, sources, targets)
            for i, source in enumerate(sources):
                for j, target in enumerate(targets):
                    score = float(scores[i, j])
                    found = verdict(score)
                    if found == "none":
                        continue
                    edges.append(Edge(source.id, target.id, "aligns_with", max(0.0, min(1.0, score)), "embedding",
                                      tuple(source.evidence[:1] + target.evidence[:1]), score=score, verdict=found))
    return sorted(edges, key=lambda e: (position(graph.entities[e.source]), -e.confidence))
