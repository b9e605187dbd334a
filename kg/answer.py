"""The policy officer's question: which initiatives, across every plan, serve a priority like this?

The text is matched to priorities in every document (embeddings with lexical matching); the
initiatives serving the best matches are gathered through the graph — directly, through an
enabler, or through an aligned priority in another document — and fused with initiatives whose
own words answer the question, since many plans state a theme inside their actions rather than
as a priority. Each answer carries its path of edges and their evidence.
Must not import flask, api or spaCy.
"""
from __future__ import annotations

import numpy as np

from kg.graph import Graph, position
from kg.lexical import coverage
from kg.queries import priority_initiatives
from kg.search import entity_text

PRIORITY_FLOOR = 0.45  # a priority must match at least this well to be followed
PRIORITY_SPREAD = 0.80  # and be within this share of the best match
TEXT_FLOOR = 0.30  # an initiative answering by its own words must match at least this well
EXPANSION_WEIGHT = 0.9  # how far a match through a priority's meaning counts against the question's own
PATH_WEIGHT = {"direct": 1.0, "enabler": 0.85, "alignment": 0.75}


def _match(embedder, text: str, texts: list[str]) -> np.ndarray:
    semantic = embedder.similarity([text], texts)[0] if texts else np.zeros(0)
    lexical = np.array([coverage(text, t) for t in texts])
    return 0.5 * np.clip(semantic, 0, 1) + 0.5 * lexical


def initiatives_serving(graph: Graph, embedder, text: str, limit: int) -> dict:
    priorities = graph.of_type("priority")
    priority_scores = _match(embedder, text, [entity_text(p) for p in priorities])
    ranked = sorted(zip(priorities, priority_scores), key=lambda pair: -pair[1])
    best = ranked[0][1] if ranked else 0.0
    followed = [(p, float(s)) for p, s in ranked if s >= PRIORITY_FLOOR and s >= PRIORITY_SPREAD * best]
    answers: dict[str, dict] = {}

    def offer(initiative, score: float, priority_id: str | None, via: str, path: list) -> None:
        current = answers.get(initiative.id)
        if current is None or score > current["score"]:
            answers[initiative.id] = {"initiative": initiative, "score": score, "priority": priority_id,
                                      "via": via, "path": path}

    for priority, match in followed:
        for answer in priority_initiatives(graph, priority.id):
            offer(answer["initiative"], match * PATH_WEIGHT[answer["via"]] * answer["score"], priority.id,
                  answer["via"], answer["path"])
    initiatives = graph.of_type("initiative")
    texts = [entity_text(i) for i in initiatives]
    own = _match(embedder, text, texts)
    if followed and texts:
        # the matched priorities stand for the question too: an initiative close in meaning to one of
        # them answers it even when it shares no word with the question
        affinity = embedder.similarity(texts, [entity_text(p) for p, _ in followed])
        weights = np.array([match for _, match in followed])
        own = np.maximum(own, EXPANSION_WEIGHT * (affinity * weights).max(axis=1))
    for initiative, score in zip(initiatives, own):
        if score < TEXT_FLOOR:
            continue
        serving = [e for e in graph.out.get(initiative.id, []) if e.type == "serves"]
        offer(initiative, float(score) * 0.95, serving[0].target if serving else None, "direct" if serving else "text",
              serving[:1])
    items = sorted(answers.values(), key=lambda a: (-a["score"], position(a["initiative"])))[:limit]
    return {
        "query": text,
        "priorities": [{"priority": p.to_dict(), "score": round(s, 4)} for p, s in followed[:20]],
        "items": [{"initiative": a["initiative"].to_dict(), "score": round(a["score"], 4), "priority": a["priority"],
                   "via": a["via"], "path": [e.to_dict() for e in a["path"]]} for a in items],
    }
