"""The vocabulary and its SHACL shapes: good graphs conform, deliberately broken ones do not.

A passing validation proves nothing unless the same shapes fail on broken data, so every shape
that matters has a test here that breaks a small, valid graph and expects a violation.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, Namespace, URIRef

from kg import rdf
from kg.shacl import validate
from ontology import (ALIGNMENT_STRENGTH, CLASSES, KIND_CLASSES, METHODS, PROPERTIES, SKG, ontology_graph,
                      shapes_graph)

# the record factories live beside the kg tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kg"))
from factories import alignment_edges, small_document  # noqa: E402

S = Namespace(SKG)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# the namespaces we may ground our terms in: stable, published vocabularies only
PUBLISHED = ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://purl.org/dc/terms/",
             "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/oa#", "http://data.europa.eu/m8g/",
             "https://spec.edmcouncil.org/fibo/", "http://w3id.org/kpionto/",
             "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", SKG)


@pytest.fixture(scope="module")
def valid() -> rdflib.Graph:
    """Two documents and the alignment between them, as the store holds them."""
    first, second = small_document(), small_document("lake.md", "Lakeside", priorities=2)
    quads = rdf.document_triples(first) + rdf.document_triples(second)
    quads += rdf.derived_quads("alignment", alignment_edges(first, second))
    return rdf.to_rdflib(quads)


@pytest.fixture()
def graph(valid) -> rdflib.Graph:
    """A copy of the valid graph, to break."""
    copy = rdflib.Graph()
    for triple in valid:
        copy.add(triple)
    return copy


def _first(graph: rdflib.Graph, kind: str) -> URIRef:
    return sorted(graph.subjects(RDF.type, S[kind]))[0]


def _set(graph: rdflib.Graph, subject, predicate, value) -> None:
    graph.remove((subject, predicate, None))
    graph.add((subject, predicate, value))


def _fails(graph: rdflib.Graph, *words: str) -> None:
    report = validate(graph)
    assert not report.conforms and report.violations >= 1
    for word in words:
        assert word in report.text, report.text[:2000]


# ---------------------------------------------------------------------------- the vocabulary
def test_every_term_of_ours_has_a_label_and_a_definition():
    ontology = ontology_graph()
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(SKG)}
    required = {S[name] for name in [*CLASSES.values(), *PROPERTIES.values(), *KIND_CLASSES.values(),
                                     *ALIGNMENT_STRENGTH.values()]}
    assert required <= terms
    for term in terms:
        assert (term, RDFS.label, None) in ontology, term
        assert (term, SKOS.definition, None) in ontology, term


def test_terms_are_grounded_only_in_published_vocabularies():
    ontology = ontology_graph()
    parents = set(ontology.objects(None, RDFS.subClassOf)) | set(ontology.objects(None, RDFS.subPropertyOf))
    assert parents and all(str(parent).startswith(PUBLISHED) for parent in parents), parents
    assert (S.Initiative, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Plan")) in ontology
    assert (S.Metric, RDFS.subClassOf, URIRef("http://w3id.org/kpionto/Indicator")) in ontology
    assert (S.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in ontology
    # the SKOS mapping properties have range skos:Concept: priorities must not inherit that
    assert not [p for p in ontology.objects(None, RDFS.subPropertyOf) if str(p).startswith(str(SKOS))]


def test_the_shapes_allow_exactly_the_methods_the_code_knows():
    shapes = shapes_graph()
    lists = [rdflib.collection.Collection(shapes, node) for node in shapes.objects(None, SH["in"])]
    methods = [tuple(str(v) for v in values) for values in lists if Literal("structure") in list(values)]
    assert methods and all(values == METHODS for values in methods)


# ---------------------------------------------------------------------------- good graphs conform
def test_a_small_valid_graph_conforms(valid):
    report = validate(valid)
    assert report.conforms, report.text[:3000]
    conforms, text, violations = report
    assert conforms and violations == 0 and "Conforms: True" in text


def test_it_conforms_with_rdfs_inference_too(valid):
    assert validate(valid, inference="rdfs").conforms


def test_an_export_view_conforms():
    from kg.graph import Graph
    from kg.shacl import validate_records

    first, second = small_document(), small_document("lake.md", "Lakeside", priorities=2)
    view = Graph([first, second], alignment_edges(first, second))
    report = validate_records(view.entities.values(), view.edges)
    assert report.conforms, report.text[:3000]


def test_only_known_inference_modes():
    with pytest.raises(ValueError, match="owlrl"):
        validate(rdflib.Graph(), inference="owlrl")


# ---------------------------------------------------------------------------- broken graphs fail
def test_missing_evidence_fails(graph):
    priority = _first(graph, "Priority")
    graph.remove((priority, S.evidence, None))
    _fails(graph, "carries evidence")


def test_an_edge_without_evidence_fails(graph):
    assertion = _first(graph, "Assertion")
    graph.remove((assertion, S.evidence, None))
    _fails(graph, "carries evidence")


def test_confidence_out_of_range_fails(graph):
    _set(graph, _first(graph, "Priority"), S.confidence, Literal(1.5, datatype=rdflib.XSD.double))
    _fails(graph, "[0, 1]")


def test_confidence_of_another_datatype_fails(graph):
    # sh:datatype is an exact match: a decimal is not a double
    _set(graph, _first(graph, "Assertion"), S.confidence, Literal("0.5", datatype=rdflib.XSD.decimal))
    _fails(graph, "[0, 1]")


def test_a_method_outside_the_allowed_set_fails(graph):
    _set(graph, _first(graph, "Initiative"), S.method, Literal("guesswork"))
    _fails(graph, "method is one of")


def test_serves_from_a_metric_fails(graph):
    graph.add((_first(graph, "Metric"), S.serves, _first(graph, "Priority")))
    _fails(graph, "only an initiative serves")


def test_serves_to_a_risk_fails(graph):
    graph.add((_first(graph, "Initiative"), S.serves, _first(graph, "Risk")))
    _fails(graph, "an initiative serves priorities")


def test_measures_a_vision_fails(graph):
    graph.add((_first(graph, "Metric"), S.measures, _first(graph, "Vision")))
    _fails(graph, "a metric measures priorities or initiatives")


def test_supports_from_a_priority_fails(graph):
    graph.add((_first(graph, "Priority"), S.supports, _first(graph, "Initiative")))
    _fails(graph, "only an enabler supports")


def test_aligning_an_initiative_fails(graph):
    graph.add((_first(graph, "Priority"), S.alignsWith, _first(graph, "Initiative")))
    _fails(graph, "a priority aligns with priorities")


def test_part_of_another_kind_fails(graph):
    graph.add((_first(graph, "Initiative"), S.partOf, _first(graph, "Priority")))
    _fails(graph, "not of the same kind")


def test_a_missing_label_fails(graph):
    graph.remove((_first(graph, "Enabler"), SKOS.prefLabel, None))
    _fails(graph, "skos:prefLabel")


def test_an_empty_quote_fails(graph):
    quote = sorted(graph.subjects(RDF.type, OA.TextQuoteSelector))[0]
    _set(graph, quote, OA.exact, Literal(""))
    _fails(graph, "exact text")


def test_evidence_ending_before_it_starts_fails(graph):
    evidence = sorted(graph.subjects(RDF.type, OA.SpecificResource))[0]
    _set(graph, evidence, S.lineStart, Literal(10**6))
    _fails(graph, "no later than its last line")


def test_evidence_on_line_zero_fails(graph):
    evidence = sorted(graph.subjects(RDF.type, OA.SpecificResource))[0]
    _set(graph, evidence, S.lineStart, Literal(0))
    _set(graph, evidence, S.lineEnd, Literal(0))
    _fails(graph, "positive")


def test_an_assertion_without_its_plain_triple_fails(graph):
    assertion = _first(graph, "Assertion")
    triple = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
              graph.value(assertion, RDF.object))
    graph.remove(triple)
    _fails(graph, "no plain triple")


# ---------------------------------------------------------------------------- the seed corpus, real models
@pytest.mark.models
def test_the_seed_corpus_conforms(seed_kb):
    quads = []
    for document in seed_kb.graph.documents.values():
        quads += rdf.document_triples(document)
    quads += rdf.derived_quads("alignment", [e for e in seed_kb.graph.edges if e.type == "aligns_with"])
    report = validate(rdf.to_rdflib(quads))
    assert report.conforms, report.text[:3000]


@pytest.mark.models
@pytest.mark.parametrize("dev_set", ["unseen", "heldout", "fourth", "fifth"])
def test_the_dev_sets_of_other_shapes_conform(dev_set, tmp_path):
    """Rules written for plans of other shapes must not state an edge the vocabulary forbids."""
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    folder = Path(__file__).resolve().parents[1] / "fixtures" / dev_set
    kb = KnowledgeBase.open(Settings(data_dir=tmp_path, corpus_dir=folder))
    try:
        kb.ensure_corpus()
        assert len(kb.graph.documents) == 3
        quads = [q for document in kb.graph.documents.values() for q in rdf.document_triples(document)]
        quads += rdf.derived_quads("alignment", [e for e in kb.graph.edges if e.type == "aligns_with"])
        report = validate(rdf.to_rdflib(quads))
        assert report.conforms, report.text[:3000]
    finally:
        kb.close()
