"""Alignment: how the priorities of one strategy map onto another's, with calibrated verdicts.

In: a :class:`~kg.graph.Graph`, an :class:`~ingest.embeddings.Embedder` and two document ids.
Out: the contract's alignment report (:func:`align_documents`) and the ``aligns_with`` edges
between the priorities of every pair of documents (:func:`alignment_edges`).

The score of a pair joins three cosine similarities of sentence embeddings:

- *priority*: the two priorities as written (label and text);
- *delivery*: what serves and measures each (the normalised mean of the embeddings of the
  initiatives and metrics with a ``serves`` or ``measures`` edge into it or into one of its parts;
  a priority nothing delivers yet stands for itself);
- *cross*: each priority against the other's delivery, the better of the two directions — a
  one-word priority ("Maternity") is often best recognised in what the other plan does.

``score = w_priority * priority + w_delivery * delivery + w_cross * cross``. The verdict joins
the score with where the pair stands among the other pairs of the same two documents, because
plans written in the same house style share vocabulary and every score between them is higher:

- ``aligned``: score ≥ the *aligned* threshold, and each priority is among the other's
  :data:`ALIGNED_RANK` best matches (one broad priority may map onto two narrower ones);
- ``partial``: score ≥ the *partial* threshold, and one of the two is among the other's
  :data:`PARTIAL_RANK` best matches;
- ``none`` otherwise.

The weights (chosen among a few fixed candidates) and the two thresholds are fitted on gold
pairs by ``bench/calibrate_alignment.py`` and read from ``kg/calibration.json``; the two ranks
are fixed, not fitted. Must not import flask, api or spaCy. Raises
:class:`ingest.embeddings.ModelUnavailable` when a text must be embedded and the model is missing.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kg.graph import Graph, position
from kg.records import Edge, Entity
from kg.search import entity_text

if TYPE_CHECKING:  # only for type hints: the model module loads nothing until asked
    from ingest.embeddings import Embedder

log = logging.getLogger(__name__)

CALIBRATION = Path(__file__).resolve().parent / "calibration.json"
#: "aligned" needs each priority among the other's this many best matches
ALIGNED_RANK = 2
#: "partial" needs one of the two among the other's this many best matches
PARTIAL_RANK = 3
#: what delivers a priority: edges of these types from entities of these types
DELIVERY_EDGES = ("serves", "measures")
DELIVERY_TYPES = ("initiative", "metric")
VERDICTS = ("aligned", "partial", "none")


@dataclass(frozen=True)
class Calibration:
    """Weights of the three similarities and the two score thresholds."""

    priority: float
    delivery: float
    cross: float
    aligned: float
    partial: float

    @property
    def weights(self) -> dict[str, float]:
        return {"priority": self.priority, "delivery": self.delivery, "cross": self.cross}


#: used only when kg/calibration.json is missing (a broken install); the fitted file is package data
FALLBACK = Calibration(priority=0.4, delivery=0.3, cross=0.3, aligned=0.49, partial=0.35)


@lru_cache(maxsize=1)
def calibration() -> Calibration:
    """The fitted calibration from ``kg/calibration.json`` (read once per process)."""
    try:
        data = json.loads(CALIBRATION.read_text())
        weights = data["weights"]
        return Calibration(priority=float(weights["priority"]), delivery=float(weights["delivery"]),
                           cross=float(weights["cross"]), aligned=float(data["aligned"]),
                           partial=float(data["partial"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("cannot read %s (%s); using the fallback calibration — run "
                    "`python -m bench.calibrate_alignment`", CALIBRATION, error)
        return FALLBACK


# ---------------------------------------------------------------------- scores
def delivery_texts(graph: Graph, priority: Entity) -> list[str]:
    """Texts of what serves or measures a priority or one of its parts (its initiatives and metrics),
    in reading order."""
    targets = [priority.id] + [e.source for e in graph.into.get(priority.id, [])
                               if e.type == "part_of" and graph.entities[e.source].type == "priority"]
    sources = {e.source: graph.entities[e.source] for target in targets for e in graph.into.get(target, [])
               if e.type in DELIVERY_EDGES}
    return [entity_text(s) for s in sorted(sources.values(), key=position) if s.type in DELIVERY_TYPES]


@dataclass(frozen=True)
class Profiles:
    """Embeddings of priorities, a row each: as written (``own``) and as delivered (``delivery``)."""

    priorities: list[Entity]
    own: np.ndarray
    delivery: np.ndarray


def profiles(graph: Graph, embedder: Embedder, priorities: list[Entity]) -> Profiles:
    """The two embeddings of every priority; one model call at most for all their texts."""
    groups = [delivery_texts(graph, p) for p in priorities]
    texts = [entity_text(p) for p in priorities] + [t for group in groups for t in group]
    if not priorities:
        empty = np.zeros((0, 384), dtype=np.float32)
        return Profiles([], empty, empty)
    vectors = embedder.encode(texts)
    own = vectors[:len(priorities)]
    delivery = own.copy()
    start = len(priorities)
    for row, group in enumerate(groups):
        if group:
            mean = vectors[start:start + len(group)].mean(axis=0)
            delivery[row] = mean / (np.linalg.norm(mean) or 1.0)
            start += len(group)
    return Profiles(list(priorities), own, delivery)


def combine(sources: Profiles, targets: Profiles, cal: Calibration | dict | None = None) -> np.ndarray:
    """Scores of every source priority (rows) with every target priority (columns)."""
    weights = cal.weights if isinstance(cal, Calibration) else (cal or calibration().weights)
    direct = sources.own @ targets.own.T
    delivery = sources.delivery @ targets.delivery.T
    cross = np.maximum(sources.own @ targets.delivery.T, sources.delivery @ targets.own.T)
    return weights["priority"] * direct + weights["delivery"] * delivery + weights["cross"] * cross


def score_matrix(graph: Graph, embedder: Embedder, sources: list[Entity], targets: list[Entity],
                 weights: dict | None = None) -> np.ndarray:
    """Alignment scores of every source priority with every target priority (rows × columns)."""
    if not sources or not targets:
        return np.zeros((len(sources), len(targets)))
    return combine(profiles(graph, embedder, sources), profiles(graph, embedder, targets), weights)


def match_ranks(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, the rank of the target among the source's matches and of the source among the target's.

    Rank 1 is the best; equal scores share a rank (a priority stated twice is not pushed down).

    >>> rows, cols = match_ranks(np.array([[0.9, 0.5], [0.9, 0.1]]))
    >>> rows.tolist(), cols.tolist()
    ([[1, 2], [1, 2]], [[1, 1], [1, 2]])
    """
    if scores.size == 0:
        shape = scores.shape
        return np.zeros(shape, dtype=int), np.zeros(shape, dtype=int)
    rows = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=2)
    cols = 1 + (scores[:, None, :] > scores[None, :, :]).sum(axis=0)
    return rows, cols


def verdicts(scores: np.ndarray, cal: Calibration | None = None) -> np.ndarray:
    """The verdict of every pair of a source × target score matrix (see the module docstring)."""
    cal = cal or calibration()
    rows, cols = match_ranks(scores)
    aligned = (scores >= cal.aligned) & (rows <= ALIGNED_RANK) & (cols <= ALIGNED_RANK)
    partial = (scores >= cal.partial) & ((rows <= PARTIAL_RANK) | (cols <= PARTIAL_RANK))
    out = np.full(scores.shape, "none", dtype=object)
    out[partial] = "partial"
    out[aligned] = "aligned"
    return out


# ---------------------------------------------------------------------- answers
def align_documents(graph: Graph, embedder: Embedder, source_id: str, target_id: str) -> dict:
    """Every source × target priority pair with score, verdict and evidence; coverage both ways; the gaps.

    ``coverage.source_aligned`` is the share of source priorities with an aligned or partial
    pair; ``coverage.target_covered`` the share of target priorities with one. Pairs are sorted
    best first. Evidence is the two priorities' own evidence (exact quotes), source first.

    Raises
    ------
    ingest.embeddings.ModelUnavailable
        When the embedding model is not installed.
    """
    sources = graph.of_type("priority", source_id)
    targets = graph.of_type("priority", target_id)
    scores = score_matrix(graph, embedder, sources, targets)
    found = verdicts(scores)
    order = {v: i for i, v in enumerate(VERDICTS)}
    cells = sorted(((i, j) for i in range(len(sources)) for j in range(len(targets))),
                   key=lambda c: (-round(float(scores[c]), 4), order[found[c]], c))
    pairs = [{"source_priority": sources[i].to_dict(), "target_priority": targets[j].to_dict(),
              "score": round(float(scores[i, j]), 4), "verdict": str(found[i, j]),
              "evidence": [ev.to_dict() for ev in (*sources[i].evidence, *targets[j].evidence)]}
             for i, j in cells]
    linked = found != "none"
    source_linked = linked.any(axis=1) if targets else np.zeros(len(sources), dtype=bool)
    target_linked = linked.any(axis=0) if sources else np.zeros(len(targets), dtype=bool)
    return {
        "source": source_id,
        "target": target_id,
        "pairs": pairs,
        "coverage": {"source_aligned": round(float(source_linked.mean()), 4) if sources else 0.0,
                     "target_covered": round(float(target_linked.mean()), 4) if targets else 0.0},
        "unaligned_source": [p.to_dict() for p, hit in zip(sources, source_linked) if not hit],
        "uncovered_target": [p.to_dict() for p, hit in zip(targets, target_linked) if not hit],
    }


def alignment_edges(graph: Graph, embedder: Embedder) -> list[Edge]:
    """``aligns_with`` edges for every aligned or partial pair of priorities of two different documents.

    Each edge runs from the priority of the document with the smaller id; ``score`` and
    ``verdict`` are as in :func:`align_documents`, ``confidence`` is the score clipped to [0, 1],
    the method is "embedding" and the evidence is each priority's first evidence. Embeddings are
    computed once per priority for all pairs of documents (and cached on disk by the embedder).

    Raises
    ------
    ingest.embeddings.ModelUnavailable
        When the embedding model is not installed.
    """
    by_document: dict[str, list[Entity]] = {}
    for priority in graph.of_type("priority"):
        if priority.document in graph.documents:
            by_document.setdefault(priority.document, []).append(priority)
    documents = sorted(by_document)
    everything = profiles(graph, embedder, [p for d in documents for p in by_document[d]])
    rows_of: dict[str, slice] = {}
    start = 0
    for doc_id in documents:
        rows_of[doc_id] = slice(start, start + len(by_document[doc_id]))
        start += len(by_document[doc_id])

    def of(doc_id: str) -> Profiles:
        rows = rows_of[doc_id]
        return Profiles(by_document[doc_id], everything.own[rows], everything.delivery[rows])

    cal = calibration()
    edges: list[Edge] = []
    for a, source_id in enumerate(documents):
        for target_id in documents[a + 1:]:
            sources, targets = of(source_id), of(target_id)
            scores = combine(sources, targets, cal)
            found = verdicts(scores, cal)
            for i, j in zip(*np.nonzero(found != "none")):
                source, target = sources.priorities[i], targets.priorities[j]
                score = float(scores[i, j])
                edges.append(Edge(source.id, target.id, "aligns_with", max(0.0, min(1.0, score)), "embedding",
                                  tuple(source.evidence[:1] + target.evidence[:1]),
                                  score=round(score, 4), verdict=str(found[i, j])))
    return sorted(edges, key=lambda e: (position(graph.entities[e.source]), -e.confidence, e.target))
