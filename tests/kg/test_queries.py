"""Queries on a graph built by hand: a priority's parts, and the gaps, without any model."""
from __future__ import annotations

from kg import queries
from kg.graph import Graph
from kg.records import DocumentGraph, Entity
from tests.kg.factories import _Document, doc_id


def _ambition_with_outcomes() -> tuple[Graph, dict]:
    """Ambition 1 with outcomes 1.1 and 1.2 as its parts; one action tags outcome 1.1."""
    doc = _Document("ambitions.txt")
    ambition = doc.stated("priority", "A healthy start for every child", number="1")
    ready = doc.stated("priority", "Children are ready to learn", number="1.1")
    support = doc.stated("priority", "Young people get mental health support", number="1.2")
    for outcome in (ready, support):
        doc.edge(outcome.id, ambition.id, "part_of", 0.85, "structure", outcome.evidence[0])
    centres = doc.stated("initiative", "Start Well Centres", "Open 12 Start Well Centres (Outcome 1.1)")
    doc.edge(centres.id, ready.id, "serves", 0.9, "structure", centres.evidence[0])

    document = Entity(id=doc_id("ambitions.txt"), type="document", label="Ambitions", text="Ambitions",
                      document=None, organisation=None, number=None, confidence=1.0, method="structure",
                      evidence=())
    graph = Graph([DocumentGraph(document=document, entities=[document, *doc.entities], edges=doc.edges,
                                 text_lines=tuple(doc.lines))])
    return graph, {"ambition": ambition, "ready": ready, "support": support, "centres": centres}


def test_what_serves_a_part_of_a_priority_serves_the_priority():
    graph, stated = _ambition_with_outcomes()
    answers = queries.priority_initiatives(graph, stated["ambition"].id)
    assert [a["initiative"].id for a in answers] == [stated["centres"].id]
    assert answers[0]["via"] == "direct"
    assert [e.type for e in answers[0]["path"]] == ["serves", "part_of"]  # the path says how
    # the part itself is answered directly, and its sibling has nothing
    assert [a["initiative"].id for a in queries.priority_initiatives(graph, stated["ready"].id)] == \
        [stated["centres"].id]
    assert queries.priority_initiatives(graph, stated["support"].id) == []


def test_a_priority_served_through_its_parts_is_no_gap():
    graph, stated = _ambition_with_outcomes()
    without = {p.id for p in queries.gaps(graph)["priorities_without_initiatives"]}
    assert stated["ambition"].id not in without and stated["ready"].id not in without
    assert stated["support"].id in without
