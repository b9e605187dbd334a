""""Which initiatives serve this priority?" answered across two invented strategies.

The strategies name organisations that occur nowhere in the corpus. Tests marked ``models`` load
the sentence-embedding model.
"""
from __future__ import annotations

import numpy as np
import pytest

from ingest.pipeline import extract_bytes
from kg.align import alignment_edges
from kg.answer import above_background, initiatives_serving
from kg.build import build_document_graph
from ingest.embeddings import Embedder
from kg.graph import Graph

COUNTY = """Oakhurst County Health and Wellbeing Strategy 2026-2031

Oakhurst County Council

Our priorities

1. Good mental health for all
2. Healthy ageing

1. Good mental health for all

What we will do

- Train 500 mental health first aiders across Oakhurst
- Open a crisis cafe in every town centre

2. Healthy ageing

What we will do

- Run falls prevention classes in community centres
- Offer home adaptations so older people can live independently
"""

TRUST = """Millbrook Community Trust Plan 2026-2029

Millbrook Community Trust

Our priorities

1. Reliable community nursing
2. Faster hospital discharge

1. Reliable community nursing

What we will do

- Recruit forty district nurses
- Give every carer of someone with dementia or depression a named mental health link worker

2. Faster hospital discharge

What we will do

- Open a discharge lounge seven days a week
"""


@pytest.fixture(scope="module")
def documents():
    return [build_document_graph(extract_bytes(name, text.encode()))
            for name, text in (("oakhurst.txt", COUNTY), ("millbrook.txt", TRUST))]


@pytest.fixture(scope="module")
def embedder(tmp_path_factory) -> Embedder:
    return Embedder(tmp_path_factory.mktemp("embeddings"))


@pytest.fixture(scope="module")
def graph(documents, embedder) -> Graph:
    bare = Graph(documents)
    return Graph(documents, alignment_edges(bare, embedder))  # as the knowledge base builds it


@pytest.fixture(scope="module")
def answer(graph, embedder) -> dict:
    return initiatives_serving(graph, embedder, "mental health", 30)


def _label(item: dict) -> str:
    return item["initiative"]["label"]


def test_above_background_keeps_only_what_stands_out():
    rescaled = above_background(np.array([[0.3, 0.1], [0.3, 0.9], [0.9, 0.5]]))
    assert rescaled[:, 0].tolist() == pytest.approx([0.0, 0.0, 6 / 7])
    assert rescaled[1, 1] == pytest.approx(0.8) and rescaled[0, 1] == 0.0


@pytest.mark.models
def test_answer_has_the_contract_shape(answer):
    assert set(answer) == {"query", "priorities", "items"} and answer["query"] == "mental health"
    assert answer["priorities"][0]["priority"]["label"] == "Good mental health for all"
    for row in answer["priorities"]:
        assert row["priority"]["type"] == "priority" and isinstance(row["score"], float)
    for item in answer["items"]:
        assert {"initiative", "score", "priority", "via", "path"} <= set(item)
        assert item["initiative"]["type"] == "initiative"
        assert item["via"] in ("direct", "enabler", "alignment", "text")
        assert (item["via"] == "text") == (item["path"] == [])


@pytest.mark.models
def test_direct_initiatives_of_the_matching_priority_come_first(answer):
    priority_id = answer["priorities"][0]["priority"]["id"]
    top = answer["items"][:2]
    assert {_label(item) for item in top} == {"Train 500 mental health first aiders across Oakhurst",
                                              "Open a crisis cafe in every town centre"}
    for item in top:
        assert item["via"] == "direct" and item["priority"] == priority_id
        assert item["path"][-1]["type"] == "serves" and item["path"][-1]["target"] == priority_id
        assert item["path"][0]["source"] == item["initiative"]["id"]


@pytest.mark.models
def test_an_initiative_stating_the_theme_is_found_by_its_own_words(answer):
    labels = [_label(item) for item in answer["items"]]
    stated = next(label for label in labels if label.startswith("Give every carer"))
    assert labels.index(stated) < labels.index("Recruit forty district nurses")


@pytest.mark.models
def test_ranked_best_first_each_initiative_once(answer, graph, embedder):
    scores = [item["score"] for item in answer["items"]]
    assert scores == sorted(scores, reverse=True)
    ids = [item["initiative"]["id"] for item in answer["items"]]
    assert len(ids) == len(set(ids))
    assert len(initiatives_serving(graph, embedder, "mental health", 2)["items"]) == 2


@pytest.mark.models
def test_every_evidence_quote_is_exact(answer, documents):
    lines = {d.document.id: d.text_lines for d in documents}
    evidence = [ev for row in answer["priorities"] for ev in row["priority"]["evidence"]]
    for item in answer["items"]:
        evidence += item["initiative"]["evidence"]
        evidence += [ev for edge in item["path"] for ev in edge["evidence"]]
    assert evidence
    for ev in evidence:
        window = " ".join(" ".join(lines[ev["document"]][ev["line_start"] - 1:ev["line_end"]]).split())
        assert ev["quote"] and ev["quote"] in window, ev


@pytest.mark.models
def test_a_narrow_question_is_still_answered(graph, embedder):
    found = initiatives_serving(graph, embedder, "falls", 5)
    assert found["priorities"] and found["items"]
    top = [_label(item) for item in found["items"][:2]]
    assert "Run falls prevention classes in community centres" in top
