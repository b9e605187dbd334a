"""Alignment: verdict rules, the calibration file, and reports between two invented strategies.

The two strategies below name organisations that occur nowhere in the corpus. Tests marked
``models`` load the sentence-embedding model; the others run in milliseconds.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from ingest.pipeline import extract_bytes
from kg import align
from kg.align import (ALIGNED_RANK, CALIBRATION, Calibration, align_documents, alignment_edges, match_ranks,
                      verdicts)
from kg.build import build_document_graph
from ingest.embeddings import Embedder
from kg.graph import Graph

DRAFT = """Kestrel Bay Health and Care Plan 2026-2031

Kestrel Bay Health Partnership

Our priorities

1. Better mental health for everyone
2. Giving children the best start in life
3. Faster access to urgent and emergency care

1. Better mental health for everyone

What we will do

- Open a mental health crisis cafe in each town
- Offer talking therapies through every GP practice

2. Giving children the best start in life

What we will do

- Give every new family a named health visitor
- Expand free childcare places for two-year-olds

3. Faster access to urgent and emergency care

What we will do

- Open an urgent treatment centre next to the hospital
- Add ambulance crews at weekends
"""

REGIONAL = """Thornmere Regional Strategy 2025-2035

Thornmere District Council

Our priorities

1. Good mental health and wellbeing for all residents
2. The best start in life for children and young people
3. Less road congestion and more reliable bus services
4. Affordable homes for key workers

1. Good mental health and wellbeing for all residents

The action plan is to:

- Train mental health first aiders in every workplace
- Fund peer support groups for people with depression and anxiety

2. The best start in life for children and young people

The action plan is to:

- Open family hubs in every town
- Support school readiness through early years speech and language programmes

3. Less road congestion and more reliable bus services

The action plan is to:

- Build a park and ride at the ring road
- Add bus lanes on the main routes into town

4. Affordable homes for key workers

The action plan is to:

- Build 2,000 homes for nurses, teachers and carers
"""


@pytest.fixture(scope="module")
def documents():
    return [build_document_graph(extract_bytes(name, text.encode()))
            for name, text in (("kestrel-draft.txt", DRAFT), ("thornmere.txt", REGIONAL))]


@pytest.fixture(scope="module")
def graph(documents) -> Graph:
    return Graph(documents)


@pytest.fixture(scope="module")
def embedder(tmp_path_factory) -> Embedder:
    return Embedder(tmp_path_factory.mktemp("embeddings"))


@pytest.fixture(scope="module")
def report(graph, documents, embedder) -> dict:
    return align_documents(graph, embedder, documents[0].document.id, documents[1].document.id)


def _pair(report: dict, source_words: str, target_words: str) -> dict:
    return next(p for p in report["pairs"] if source_words in p["source_priority"]["label"]
                and target_words in p["target_priority"]["label"])


def _normalised(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- rules, no model
def test_calibration_file_is_fitted_and_sane():
    data = json.loads(CALIBRATION.read_text())
    assert {"weights", "aligned", "partial", "fit"} <= set(data)
    assert data["fit"]["pairs"] > 0 and "alignment_recall" in data["fit"]
    cal = align.calibration()
    assert 0 < cal.partial <= cal.aligned < 1
    assert sum(cal.weights.values()) == pytest.approx(1.0)
    assert cal.priority >= max(cal.delivery, cal.cross)  # a priority's own words weigh most


def test_ranks_are_shared_by_equal_scores():
    rows, cols = match_ranks(np.array([[0.9, 0.9, 0.1], [0.2, 0.5, 0.4]]))
    assert rows.tolist() == [[1, 1, 3], [3, 1, 2]]
    assert cols.tolist() == [[1, 1, 2], [2, 2, 1]]


def test_verdicts_need_a_high_score_and_a_mutual_best_match():
    cal = Calibration(priority=0.4, delivery=0.3, cross=0.3, aligned=0.5, partial=0.35)
    scores = np.array([[0.80, 0.70, 0.60, 0.10],
                       [0.75, 0.20, 0.10, 0.05],
                       [0.72, 0.15, 0.36, 0.05]])
    found = verdicts(scores, cal)
    assert found[0, 0] == "aligned"
    assert found[1, 0] == "aligned"  # target 0's second-best source: still mutual within ALIGNED_RANK
    assert ALIGNED_RANK == 2 and found[2, 0] == "partial"  # third-best source of target 0
    assert found[0, 2] == "aligned" or found[0, 2] == "partial"
    assert found[2, 2] == "partial" and found[1, 3] == "none" and found[0, 3] == "none"


def test_no_priorities_give_an_empty_report():
    empty = Graph([build_document_graph(extract_bytes("notes.txt", b"Meeting notes\n\nNothing decided.\n"))])
    doc_id = next(iter(empty.documents))
    report = align_documents(empty, None, doc_id, doc_id)
    assert report["pairs"] == [] and report["coverage"] == {"source_aligned": 0.0, "target_covered": 0.0}


# ---------------------------------------------------------------- with the model
@pytest.mark.models
def test_report_has_the_contract_shape(report, documents):
    assert set(report) == {"source", "target", "pairs", "coverage", "unaligned_source", "uncovered_target"}
    assert report["source"] == documents[0].document.id and report["target"] == documents[1].document.id
    pair = report["pairs"][0]
    assert set(pair) == {"source_priority", "target_priority", "score", "verdict", "evidence"}
    assert pair["source_priority"]["type"] == pair["target_priority"]["type"] == "priority"
    fields = {"id", "label", "text", "document", "evidence", "confidence", "method"}
    assert fields <= set(pair["source_priority"])
    assert all(p["verdict"] in ("aligned", "partial", "none") for p in report["pairs"])
    assert set(report["coverage"]) == {"source_aligned", "target_covered"}


@pytest.mark.models
def test_every_source_target_pair_is_there_best_first(report, graph, documents):
    sources = graph.of_type("priority", documents[0].document.id)
    targets = graph.of_type("priority", documents[1].document.id)
    assert (len(sources), len(targets)) == (3, 4)
    assert len(report["pairs"]) == len(sources) * len(targets)
    assert {(p["source_priority"]["id"], p["target_priority"]["id"]) for p in report["pairs"]} == \
        {(s.id, t.id) for s in sources for t in targets}
    scores = [p["score"] for p in report["pairs"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.models
def test_matching_priorities_align_and_unrelated_ones_do_not(report):
    assert _pair(report, "mental health", "mental health")["verdict"] == "aligned"
    assert _pair(report, "best start", "best start")["verdict"] == "aligned"
    assert _pair(report, "mental health", "road congestion")["verdict"] == "none"
    assert _pair(report, "best start", "Affordable homes")["verdict"] == "none"
    assert _pair(report, "urgent and emergency", "Affordable homes")["verdict"] == "none"
    matching = _pair(report, "mental health", "mental health")
    assert matching["score"] > _pair(report, "mental health", "bus")["score"]


@pytest.mark.models
def test_coverage_and_gaps_agree_with_the_verdicts(report):
    linked = [p for p in report["pairs"] if p["verdict"] != "none"]
    sources = {p["source_priority"]["id"] for p in report["pairs"]}
    targets = {p["target_priority"]["id"] for p in report["pairs"]}
    linked_sources = {p["source_priority"]["id"] for p in linked}
    linked_targets = {p["target_priority"]["id"] for p in linked}
    assert report["coverage"]["source_aligned"] == pytest.approx(len(linked_sources) / len(sources), abs=1e-4)
    assert report["coverage"]["target_covered"] == pytest.approx(len(linked_targets) / len(targets), abs=1e-4)
    assert {p["id"] for p in report["unaligned_source"]} == sources - linked_sources
    assert {p["id"] for p in report["uncovered_target"]} == targets - linked_targets
    uncovered = {p["label"] for p in report["uncovered_target"]}
    assert any("road congestion" in label for label in uncovered)
    assert any("Affordable homes" in label for label in uncovered)


@pytest.mark.models
def test_evidence_quotes_are_exact(report, documents):
    lines = {d.document.id: d.text_lines for d in documents}
    for pair in report["pairs"]:
        assert len(pair["evidence"]) >= 2
        for evidence in pair["evidence"]:
            span = lines[evidence["document"]][evidence["line_start"] - 1:evidence["line_end"]]
            window = _normalised(" ".join(span))
            assert evidence["quote"] and evidence["quote"] in window
        assert pair["evidence"][0]["document"] == pair["source_priority"]["document"]
        assert pair["evidence"][-1]["document"] == pair["target_priority"]["document"]


@pytest.mark.models
def test_alignment_edges_join_priorities_of_different_documents(graph, embedder, report):
    edges = alignment_edges(graph, embedder)
    assert edges
    linked = {(p["source_priority"]["id"], p["target_priority"]["id"]): p for p in report["pairs"]
              if p["verdict"] != "none"}
    for edge in edges:
        source, target = graph.entities[edge.source], graph.entities[edge.target]
        assert edge.type == "aligns_with" and edge.method == "embedding"
        assert source.type == target.type == "priority" and source.document != target.document
        assert edge.verdict in ("aligned", "partial") and 0.0 <= edge.confidence <= 1.0
        assert edge.evidence == (source.evidence[0], target.evidence[0])
        key = (edge.source, edge.target)
        if key not in linked:
            key = (edge.target, edge.source)
        assert linked[key]["verdict"] == edge.verdict
        assert linked[key]["score"] == pytest.approx(edge.score, abs=1e-4)
    assert len(edges) == len(linked)
