"""The policy officer's question: which initiatives, across every plan, serve a priority like this?

In: a :class:`~kg.graph.Graph`, an :class:`~ingest.embeddings.Embedder`, the question's text and how
many answers to give. Out: the contract's answer, ``{"query", "priorities", "items"}``.

1. **Priorities.** Every priority of every document is matched to the text: the cosine similarity
   of sentence embeddings, averaged with the share of the question's words the priority states (so
   a priority called "Mental health" beats a vague neighbour for "mental health"). The priorities
   close to the best match are followed (:data:`PRIORITY_FLOOR`, :data:`PRIORITY_SPREAD`), and
   always the best :data:`MIN_FOLLOWED`.
2. **Paths.** The initiatives serving a followed priority come from the graph
   (:func:`kg.queries.priority_initiatives`: directly, through an enabler, or through an aligned
   priority of another plan). A path counts ``priority match × path confidence × via weight``.
3. **Own words.** Many plans state a theme ("mental health") inside their actions rather than as a
   priority, so every initiative is also matched by its own text, and the best of three counts:
   against the question (as in 1); against the followed priorities, i.e. the question as the plans
   phrase it, weighted by how well each priority matched; and against the initiatives found in 2,
   times their path score — the same programme described again elsewhere (a case study, a table)
   serves what its twin serves. Similarities here are taken above their median over all
   initiatives: every action of a health plan is somewhat like every other, and only what stands
   out from that background is evidence.
4. **Fusion.** ``score = 1 - (1 - path) × (1 - own)``: two pieces of evidence, either of which can
   answer; an initiative with both ranks above one with either.

Each initiative is answered once, best first, with the priority it was reached through (for
"text" answers: the priority of its twin, else the one it serves, else null), ``via`` ("direct",
"enabler", "alignment", or "text" when only its own words answer; then ``similar_to`` names the
twin, if any) and the ``path`` of edges with their evidence (empty for "text").
Must not import flask, api or spaCy. Raises :class:`ingest.embeddings.ModelUnavailable`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from kg.graph import Graph, position
from kg.lexical import coverage
from kg.queries import priority_initiatives
from kg.records import Edge, Entity
from kg.search import entity_text

if TYPE_CHECKING:  # only for type hints: the model module loads nothing until asked
    from ingest.embeddings import Embedder

#: a priority must match at least this well to be followed ...
PRIORITY_FLOOR = 0.45
#: ... and be within this share of the best match
PRIORITY_SPREAD = 0.80
#: the best few priorities are followed whatever their match, so that a question is always answered
MIN_FOLLOWED = 2
#: how much a path counts, by how it reaches the priority
VIA_WEIGHT = {"direct": 1.0, "enabler": 0.85, "alignment": 0.7}
#: how much a match to a followed priority's words counts against a match to the question's own
EXPANSION_WEIGHT = 0.9
#: how many followed priorities the answer lists
LISTED_PRIORITIES = 20


def match_scores(embedder: Embedder, text: str, texts: list[str]) -> np.ndarray:
    """How well each text answers ``text``: mean of cosine similarity (clipped at 0) and word coverage."""
    if not texts:
        return np.zeros(0)
    semantic = np.clip(embedder.similarity([text], texts)[0], 0.0, 1.0)
    lexical = np.array([coverage(text, t) for t in texts])
    return 0.5 * semantic + 0.5 * lexical


def above_background(similarities: np.ndarray) -> np.ndarray:
    """Each column rescaled so that its median maps to 0 and a perfect match to 1, clipped to [0, 1].

    >>> above_background(np.array([[0.2], [0.4], [0.7]])).round(2).ravel().tolist()
    [0.0, 0.0, 0.5]
    """
    if similarities.size == 0:
        return similarities
    base = np.median(similarities, axis=0, keepdims=True)
    return np.clip((similarities - base) / np.maximum(1.0 - base, 1e-6), 0.0, 1.0)


def followed_priorities(graph: Graph, embedder: Embedder, text: str) -> list[tuple[Entity, float]]:
    """The priorities of every document that the text asks about, best first, with their match."""
    priorities = graph.of_type("priority")
    scores = match_scores(embedder, text, [entity_text(p) for p in priorities])
    ranked = sorted(zip(priorities, scores.tolist()), key=lambda pair: (-pair[1], position(pair[0])))
    if not ranked:
        return []
    best = ranked[0][1]
    return [(p, s) for rank, (p, s) in enumerate(ranked)
            if rank < MIN_FOLLOWED or (s >= PRIORITY_FLOOR and s >= PRIORITY_SPREAD * best)]


def _paths(graph: Graph, followed: list[tuple[Entity, float]]) -> dict[str, dict]:
    """The best path of every initiative that serves a followed priority, with its score."""
    reached: dict[str, dict] = {}
    for priority, match in followed:
        for answer in priority_initiatives(graph, priority.id):
            score = match * VIA_WEIGHT[answer["via"]] * float(answer["score"])
            current = reached.get(answer["initiative"].id)
            if current is None or score > current["path_score"]:
                reached[answer["initiative"].id] = {"path_score": score, "priority": priority.id,
                                                   "via": answer["via"], "path": answer["path"]}
    return reached


def _own_words(embedder: Embedder, text: str, initiatives: list[Entity], followed: list[tuple[Entity, float]],
               reached: dict[str, dict]) -> tuple[np.ndarray, dict[int, int]]:
    """How well each initiative answers by its own text, and the twin (a row) it owes that to, if any."""
    texts = [entity_text(i) for i in initiatives]
    vectors = embedder.encode(texts)
    semantic = above_background((vectors @ embedder.encode([text]).T))[:, 0]
    own = 0.5 * semantic + 0.5 * np.array([coverage(text, t) for t in texts])
    if followed:
        toward = above_background(vectors @ embedder.encode([entity_text(p) for p, _ in followed]).T)
        matches = np.array([m for _, m in followed])
        own = np.maximum(own, (EXPANSION_WEIGHT * toward * matches).max(axis=1))
    twin_of: dict[int, int] = {}
    row_of = {initiative.id: row for row, initiative in enumerate(initiatives)}
    seeds = [(row_of[i], found["path_score"]) for i, found in reached.items() if i in row_of]
    if seeds:
        rows = np.array([row for row, _ in seeds])
        near = above_background(vectors @ vectors[rows].T) * np.array([score for _, score in seeds])
        near[rows, np.arange(len(rows))] = 0.0  # an initiative is not its own twin
        best = near.argmax(axis=1)
        repeated = near[np.arange(len(initiatives)), best]
        for row in np.nonzero(repeated > own)[0]:
            twin_of[int(row)] = int(rows[best[row]])
        own = np.maximum(own, repeated)
    return own, twin_of


def initiatives_serving(graph: Graph, embedder: Embedder, text: str, limit: int) -> dict:
    """Initiatives serving the priorities that best match ``text``, across all documents, best first.

    Parameters
    ----------
    graph
        The graph to answer from.
    embedder
        An :class:`~ingest.embeddings.Embedder`.
    text
        The priority asked about, in the user's words ("prevention", "mental health").
    limit
        How many initiatives to answer at most.

    Returns
    -------
    dict
        ``{"query", "priorities": [{"priority", "score"}], "items": [{"initiative", "score",
        "priority", "via", "path"}]}``, entities and edges in the contract's JSON shape.

    Raises
    ------
    ingest.embeddings.ModelUnavailable
        When the embedding model is not installed.
    """
    followed = followed_priorities(graph, embedder, text)
    reached = _paths(graph, followed)
    initiatives = graph.of_type("initiative")
    own, twin_of = (_own_words(embedder, text, initiatives, followed, reached) if initiatives
                    else (np.zeros(0), {}))
    scored = []
    for row, initiative in enumerate(initiatives):
        found = reached.get(initiative.id)
        path_score = found["path_score"] if found else 0.0
        score = 1.0 - (1.0 - path_score) * (1.0 - float(own[row]))
        if found:
            item = {"priority": found["priority"], "via": found["via"], "path": found["path"]}
        else:
            twin = initiatives[twin_of[row]] if row in twin_of else None
            item = {"priority": reached[twin.id]["priority"] if twin else _served(graph, initiative),
                    "via": "text", "path": []}
            if twin:
                item["similar_to"] = twin.id
        scored.append((score, initiative, item))
    scored.sort(key=lambda s: (-s[0], position(s[1])))
    return {
        "query": text,
        "priorities": [{"priority": p.to_dict(), "score": round(s, 4)}
                       for p, s in followed[:LISTED_PRIORITIES]],
        "items": [_item(score, initiative, item) for score, initiative, item in scored[:max(0, limit)]],
    }


def _served(graph: Graph, initiative: Entity) -> str | None:
    """The priority an initiative serves directly, if any (the first in reading order)."""
    targets = [graph.entities[e.target] for e in graph.out.get(initiative.id, []) if e.type == "serves"]
    targets = [t for t in targets if t.type == "priority"]
    return min(targets, key=position).id if targets else None


def _item(score: float, initiative: Entity, item: dict) -> dict:
    path: list[Edge] = item["path"]
    return {"initiative": initiative.to_dict(), "score": round(score, 4),
            **{k: v for k, v in item.items() if k != "path"}, "path": [edge.to_dict() for edge in path]}
