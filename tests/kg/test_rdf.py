"""The RDF mapping: exact round trips, plain triples plus assertions, evidence that points into the text."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest
import rdflib
from factories import alignment_edges, small_document
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode
from rdflib.compare import isomorphic

from kg import rdf
from kg.records import DocumentGraph, Edge, Entity, Evidence
from ontology import DATA, OA, PROV, RDF, SKG, XSD


def _objects(quads, subject, predicate: str) -> list:
    return [q.object for q in quads if q.subject == subject and q.predicate.value == predicate]


def test_document_round_trip_is_exact():
    graph = small_document()
    back = rdf.document_graph_from_quads(rdf.document_triples(graph))
    assert back == graph  # every field, entities and edges in order, tuples in order
    organisation = next(e for e in back.entities if e.type == "organisation")
    assert organisation.aliases == ("NHS Riverside Clinical Commissioning Group", "Riverside CCG")
    assert back.document.publishers == graph.document.publishers


def test_round_trip_keeps_orders_that_sorting_would_change():
    graph = small_document()
    document = replace(graph.document, publishers=tuple(reversed(graph.document.publishers)))
    organisation = next(e for e in graph.entities if e.type == "organisation")
    shuffled = replace(organisation, aliases=("zeta", "Alpha", "beta", "zeta"))
    entities = [document, *reversed([shuffled if e.id == organisation.id else e for e in graph.entities[1:]])]
    changed = DocumentGraph(document, entities, list(reversed(graph.edges)), graph.text_lines)
    assert rdf.document_graph_from_quads(rdf.document_triples(changed)) == changed


def test_a_document_record_outside_the_entity_list_stays_outside():
    graph = small_document()
    outside = DocumentGraph(graph.document, graph.entities[1:], graph.edges, graph.text_lines)
    back = rdf.document_graph_from_quads(rdf.document_triples(outside))
    assert back == outside and back.entities[0].type != "document"


@pytest.mark.parametrize("lines", [(), ("",), ("one",), ("a", "", "b", ""),
                                   ("tab\tand \r return", "x\ny", "z"), ("naïve — “quoted” 😀",)])
def test_text_lines_come_back_exactly(lines):
    graph = small_document()
    graph = DocumentGraph(graph.document, graph.entities, graph.edges, lines)
    assert rdf.document_graph_from_quads(rdf.document_triples(graph)).text_lines == lines


def test_confidences_are_doubles_and_come_back_as_the_same_float():
    graph = small_document()
    entity = replace(graph.entities[5], confidence=0.1 + 0.2)  # 0.30000000000000004
    edge = replace(graph.edges[0], confidence=1e-17, score=float("inf"))
    nan = replace(graph.edges[1], score=float("nan"))
    graph = DocumentGraph(graph.document, [*graph.entities[:5], entity, *graph.entities[6:]],
                          [edge, nan, *graph.edges[2:]], graph.text_lines)
    quads = rdf.document_triples(graph)
    confidences = [q.object for q in quads if q.predicate.value == SKG + "confidence"]
    assert confidences and all(c.datatype.value == XSD + "double" for c in confidences)
    back = rdf.document_graph_from_quads(quads)
    assert back.entities[5].confidence == 0.1 + 0.2
    assert back.edges[0].confidence == 1e-17 and back.edges[0].score == float("inf")
    assert math.isnan(back.edges[1].score)


def test_every_edge_is_a_plain_triple_and_an_assertion_with_a_deterministic_iri():
    graph = small_document()
    quads = rdf.document_triples(graph)
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    for edge in graph.edges:
        subject, target = DATA + edge.source, DATA + edge.target
        predicate = SKG + {"part_of": "partOf"}.get(edge.type, edge.type)
        assert (subject, predicate, target) in triples
        node = rdf.assertion_iri(edge.source, edge.type, edge.target, graph.document.id)
        types = {t.value for t in _objects(quads, node, RDF + "type")}
        assert {SKG + "Assertion", RDF + "Statement", PROV + "Entity"} <= types
        assert _objects(quads, node, RDF + "subject")[0].value == subject
        assert _objects(quads, node, RDF + "object")[0].value == target
        assert _objects(quads, node, PROV + "wasDerivedFrom")[0] == rdf.entity_iri(graph.document.id)
        assert _objects(quads, node, SKG + "evidence")
    # the same graph gives the same IRIs (and the same graph, up to the blank nodes of lists)
    again = rdf.document_triples(graph)
    assert isomorphic(rdf.to_rdflib(quads), rdf.to_rdflib(again))
    assert {q.subject for q in quads if isinstance(q.subject, NamedNode)} == \
        {q.subject for q in again if isinstance(q.subject, NamedNode)}


def test_the_same_claim_in_two_documents_keeps_two_assertions():
    claim = ("ini-1", "serves", "pri-1")
    assert rdf.assertion_iri(*claim, "doc-a") != rdf.assertion_iri(*claim, "doc-b")
    assert rdf.assertion_iri(*claim, "doc-a") == rdf.assertion_iri(*claim, "doc-a")


def test_evidence_selectors_point_at_the_quote_in_the_text():
    graph = small_document()
    quads = rdf.document_triples(graph)
    text = "\n".join(graph.text_lines)
    content = _objects(quads, rdf.rendition_iri(graph.document.id), SKG + "content")[0].value
    assert content == text
    positions = [q.subject for q in quads if q.object == NamedNode(OA + "TextPositionSelector")]
    assert positions
    for position in positions:
        start = int(_objects(quads, position, OA + "start")[0].value)
        end = int(_objects(quads, position, OA + "end")[0].value)
        evidence = NamedNode(position.value.removesuffix("-position"))
        quote = _objects(quads, NamedNode(evidence.value + "-quote"), OA + "exact")[0].value
        assert " ".join(text[start:end].split()) == quote
        line_start = int(_objects(quads, evidence, SKG + "lineStart")[0].value)
        assert text.count("\n", 0, start) + 1 == line_start


def test_a_quote_not_in_its_lines_gets_no_position():
    graph = small_document()
    priority = next(e for e in graph.entities if e.type == "priority")
    moved = replace(priority, evidence=(Evidence(graph.document.id, 1, 1, "words that are not there"),))
    graph = DocumentGraph(graph.document, [moved if e.id == priority.id else e for e in graph.entities],
                          graph.edges, graph.text_lines)
    quads = rdf.document_triples(graph)
    evidence = _objects(quads, rdf.entity_iri(priority.id), SKG + "evidence")[0]
    assert len(_objects(quads, evidence, OA + "hasSelector")) == 1  # the quote only
    assert rdf.document_graph_from_quads(quads) == graph


def test_organisations_are_typed_by_kind_and_named_with_rdfs_label():
    graph = small_document()
    quads = rdf.document_triples(graph)
    ccg = rdf.entity_iri("org-nhs-riverside-ccg")
    types = {t.value for t in _objects(quads, ccg, RDF + "type")}
    assert types == {SKG + "Organisation", SKG + "Commissioner"}
    assert _objects(quads, ccg, "http://www.w3.org/2000/01/rdf-schema#label")
    assert not _objects(quads, ccg, "http://www.w3.org/2004/02/skos/core#prefLabel")


def test_leads_and_publishes_state_their_public_terms_too():
    graph = small_document()
    quads = rdf.document_triples(graph)
    lead = next(e for e in graph.edges if e.type == "leads")
    attributed = _objects(quads, rdf.entity_iri(lead.target), PROV + "wasAttributedTo")
    assert rdf.entity_iri(lead.source) in attributed
    publisher = next(e for e in graph.edges if e.type == "publishes")
    assert rdf.entity_iri(publisher.source) in _objects(quads, rdf.entity_iri(publisher.target),
                                                        "http://purl.org/dc/terms/publisher")


def test_derived_edges_round_trip_and_state_their_strength():
    first, second = small_document(), small_document("lake.md", "Lakeside")
    edges = alignment_edges(first, second)
    quads = rdf.derived_quads("alignment", edges)
    assert {q.graph_name for q in quads} == {rdf.derived_graph_iri("alignment")}
    assert rdf.edges_from_quads(quads) == edges
    strengths = {q.predicate.value for q in quads if q.predicate.value.startswith(SKG + "aligns")}
    assert strengths == {SKG + "alignsWith", SKG + "alignsClosely", SKG + "alignsPartially"}


def test_unknown_types_are_refused_before_anything_is_built():
    graph = small_document()
    with pytest.raises(ValueError, match="no-such-type"):
        rdf.document_triples(DocumentGraph(graph.document, [replace(graph.entities[3], type="no-such-type")]))
    with pytest.raises(ValueError, match="causes"):
        rdf.derived_quads("x", [Edge("a", "b", "causes", 1.0, "rule")])


def test_quads_without_a_document_are_refused():
    with pytest.raises(ValueError, match="no document"):
        rdf.document_graph_from_quads([])


def test_graph_to_rdflib_is_the_view_without_storage_order():
    first, second = small_document(), small_document("lake.md", "Lakeside")
    entities = first.entities + second.entities
    edges = first.edges + second.edges + alignment_edges(first, second)
    graph = rdf.graph_to_rdflib(entities, edges)
    assert dict(graph.namespaces())["skg"] == rdflib.URIRef(SKG)
    # positions of records are the store's business; a view keeps only the order of each one's evidence
    indexed = set(graph.subjects(rdflib.URIRef(SKG + "index"), None))
    assert indexed and indexed <= set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(OA + "SpecificResource")))
    assert not list(graph.subjects(rdflib.RDF.first, None))  # no storage-only lists in a view
    assert len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(SKG + "Assertion")))) == len(edges)
    confidence = next(graph.objects(None, rdflib.URIRef(SKG + "confidence")))
    assert confidence.datatype == rdflib.XSD.double


# ---------------------------------------------------------------------------- property: any text round-trips
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(label=_text, text=_text, quote=_text, aliases=st.lists(_text, max_size=4), number=st.none() | _text,
       confidence=st.floats(0, 1), score=st.none() | st.floats(allow_nan=False),
       lines=st.lists(_text, max_size=6), span=st.tuples(st.integers(1, 9), st.integers(0, 3)))
def test_any_record_round_trips(label, text, quote, aliases, number, confidence, score, lines, span):
    doc = "doc-0123456789ab"
    evidence = (Evidence(doc, span[0], span[0] + span[1], quote),)
    document = Entity(doc, "document", label, text, doc, None, None, 1.0, "structure", evidence, title=text,
                      source=label, sha256="0" * 64, publishers=("org-b", "org-a"))
    organisation = Entity("org-b", "organisation", label, text, None, None, None, confidence, "ner", evidence,
                          aliases=tuple(aliases), kind="other")
    priority = Entity("pri-0123456789ab", "priority", label, text, doc, "org-b", number, confidence, "rule",
                      evidence + evidence, section=text or None)
    edges = [Edge("org-b", priority.id, "owns", confidence, "rule", evidence),
             Edge(priority.id, priority.id, "aligns_with", confidence, "embedding", evidence, score=score,
                  verdict="partial")]
    graph = DocumentGraph(document, [document, organisation, priority], edges, tuple(lines))
    assert rdf.document_graph_from_quads(rdf.document_triples(graph)) == graph


def test_literals_are_typed_as_the_ontology_says():
    quads = rdf.document_triples(small_document())
    for name, datatype in (("lineStart", "integer"), ("lineEnd", "integer"), ("index", "integer"),
                           ("confidence", "double")):
        values = [q.object for q in quads if q.predicate.value == SKG + name]
        assert values, name
        assert all(isinstance(v, Literal) and v.datatype.value == XSD + datatype for v in values), name
