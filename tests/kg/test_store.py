"""The store: exact round trips, one named graph per document, atomic writes, a guarded read-only SPARQL."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
import rdflib
from factories import alignment_edges, small_document

import kg.store
from kg.errors import KgError, StoreError, UnknownDocument
from kg.records import DocumentGraph
from kg.store import (SparqlError, SparqlServiceRefused, SparqlSyntaxError, SparqlTimeout,
                      SparqlUpdateRefused, Store)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture()
def documents() -> list[DocumentGraph]:
    return [small_document(), small_document("lake.md", "Lakeside", priorities=2)]


@pytest.fixture()
def store(documents) -> Store:
    store = Store(None)
    for graph in documents:
        store.put_document(graph)
    yield store
    store.close()


def _by_id(graphs):
    return {graph.document.id: graph for graph in graphs}


# ---------------------------------------------------------------------------- documents
def test_round_trip_is_exact(store, documents):
    assert _by_id(store.load()) == _by_id(documents)
    assert store.load_document(documents[0].document.id) == documents[0]
    assert store.document_ids() == sorted(_by_id(documents))


def test_a_persistent_store_keeps_everything_across_opens(tmp_path, documents):
    store = Store(tmp_path / "store")
    for graph in documents:
        store.put_document(graph)
    store.put_edges("alignment", alignment_edges(*documents))
    store.close()
    with pytest.raises(StoreError):
        store.document_ids()  # a closed store says so
    reopened = Store(tmp_path / "store")  # close() let go of the directory's lock
    assert _by_id(reopened.load()) == _by_id(documents)
    assert reopened.load_edges("alignment") == alignment_edges(*documents)
    reopened.close()


def test_a_store_in_another_layout_is_refused_not_misread(tmp_path):
    import pyoxigraph

    old = pyoxigraph.Store(str(tmp_path / "old"))  # data, but no layout mark: an earlier version's store
    old.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://w3id.org/strategy-kg/id/doc-1"),
                            pyoxigraph.NamedNode("https://w3id.org/strategy-kg/ontology#text"),
                            pyoxigraph.Literal("x"), pyoxigraph.NamedNode("https://w3id.org/strategy-kg/id/graph/a")))
    old.flush()
    del old
    with pytest.raises(StoreError, match="layout"):
        Store(tmp_path / "old")


def test_putting_a_document_again_replaces_its_graph(store, documents):
    first = documents[0]
    before = len(store)
    store.put_document(first)
    assert len(store) == before  # same quads, not twice
    smaller = DocumentGraph(first.document, first.entities[:4], first.edges[:3], first.text_lines[:5])
    store.put_document(smaller)
    assert store.load_document(first.document.id) == smaller
    assert store.load_document(documents[1].document.id) == documents[1]  # the other document is untouched


def test_delete_removes_only_that_document(store, documents):
    first, second = (graph.document.id for graph in documents)
    assert store.delete_document(first) is True
    assert store.document_ids() == [second]
    assert store.delete_document(first) is False
    with pytest.raises(UnknownDocument):
        store.load_document(first)
    # the shared organisation is still stated by the other document
    assert store.query("ASK { <https://w3id.org/strategy-kg/id/org-care-quality-commission> ?p ?o }").boolean


@pytest.mark.parametrize("replacing", [False, True], ids=["new graph", "replaced graph"])
def test_awkward_values_come_back_through_both_write_paths(documents, replacing):
    first = documents[0]
    odd = 'quote " backslash \\ tab \t newline \n cr \r unicode “naïve” 😀 <iri> """ \'\'\' # comment'
    priority = next(e for e in first.entities if e.type == "priority")
    changed = replace(priority, label=odd, text=odd, number="", section=odd, confidence=0.1 + 0.2)
    edges = [replace(first.edges[0], confidence=5e-324, score=float("-inf"), verdict="none"),
             *first.edges[1:]]
    entities = [changed if e.id == priority.id else e for e in first.entities]
    lines = (*first.text_lines, odd.replace("\n", " "), "x\ny")
    graph = DocumentGraph(first.document, entities, edges, lines)
    store = Store(None)
    if replacing:
        store.put_document(first)  # the second put replaces, through one SPARQL update
    store.put_document(graph)
    assert store.load_document(first.document.id) == graph


def test_a_write_that_fails_while_building_leaves_the_store_as_it_was(store, documents):
    before = sorted(map(str, store.quads()))
    broken = replace(documents[0].entities[-1], type="no-such-type")
    graph = DocumentGraph(documents[0].document, [*documents[0].entities, broken], documents[0].edges)
    with pytest.raises(ValueError):
        store.put_document(graph)
    assert sorted(map(str, store.quads())) == before


def test_a_replacement_that_fails_while_writing_leaves_the_store_as_it_was(store, documents, monkeypatch):
    before = sorted(map(str, store.quads()))
    # the drop and the insert are one transaction: make the insert fail and nothing may be dropped
    monkeypatch.setattr(kg.store.pyoxigraph, "serialize", lambda *args, **kwargs: b"<broken")
    with pytest.raises(StoreError, match="unchanged"):
        store.put_document(documents[0])
    assert sorted(map(str, store.quads())) == before


def test_derived_edges_live_in_their_own_graph(store, documents):
    edges = alignment_edges(*documents)
    store.put_edges("alignment", edges)
    assert store.load_edges("alignment") == edges
    assert store.document_ids() == sorted(_by_id(documents))  # a derived graph is not a document
    store.put_edges("alignment", edges[:1])
    assert store.load_edges("alignment") == edges[:1]
    store.put_edges("alignment", [])
    assert store.load_edges("alignment") == []
    assert store.load_edges("never-stored") == []


def test_the_store_dataset_passes_its_shapes(store, documents):
    from kg.rdf import to_rdflib
    from kg.shacl import validate

    store.put_edges("alignment", alignment_edges(*documents))
    report = validate(to_rdflib(store.quads()))
    assert report.conforms, report.text[:2000]


# ---------------------------------------------------------------------------- SPARQL: guarded
@pytest.mark.parametrize("query,error", [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", SparqlUpdateRefused),
    ("DELETE WHERE { ?s ?p ?o }", SparqlUpdateRefused),
    ("PREFIX ex: <http://example.org/> INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }", SparqlUpdateRefused),
    ("LOAD <http://example.org/data.ttl>", SparqlUpdateRefused),
    ("DROP ALL", SparqlUpdateRefused),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", SparqlServiceRefused),
    ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", SparqlServiceRefused),
    ("SELECT WHERE {", SparqlSyntaxError),
    ("", SparqlSyntaxError),
])
def test_sparql_is_read_only_and_local(store, query, error):
    with pytest.raises(error) as raised:
        store.query(query)
    assert isinstance(raised.value, KgError) and raised.value.code in ("read_only", "bad_query")
    assert len(raised.value.message) > 20


def test_keywords_inside_strings_iris_and_comments_are_not_refused(store):
    query = ('SELECT ?s WHERE { ?s ?p ?o FILTER(?o != "SERVICE INSERT DATA" && ?s != <http://x/SERVICE>) } '
             "# SERVICE in a comment\nLIMIT 1")
    assert store.query(query).kind == "select"
    assert store.query("SELECT ?service WHERE { ?service ?p ?o } LIMIT 1").variables == ("service",)


def test_queries_see_the_union_of_all_documents(store, documents):
    rows = store.query("PREFIX skg: <https://w3id.org/strategy-kg/ontology#> "
                       "SELECT DISTINCT ?doc WHERE { ?doc a skg:Document }").rows
    assert {row[0].value.rsplit("/", 1)[1] for row in rows} == set(_by_id(documents))
    # and a property path over plain triples: initiatives serving a priority of either document
    rows = store.query("PREFIX skg: <https://w3id.org/strategy-kg/ontology#> "
                       "SELECT ?i WHERE { ?d skg:states ?p . ?i skg:serves ?p }").rows
    assert len(rows) == sum(1 for g in documents for e in g.edges if e.type == "serves")


def test_rows_beyond_the_limit_are_cut_off(documents):
    store = Store(None, max_rows=5)
    store.put_document(documents[0])
    result = store.query("SELECT * WHERE { ?s ?p ?o }")
    assert len(result.rows) == 5 and result.truncated
    assert not store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 3").truncated


def test_a_query_past_the_time_limit_is_stopped(documents):
    store = Store(None, time_limit=-1)
    store.put_document(documents[0])
    with pytest.raises(SparqlTimeout) as raised:
        store.query("SELECT * WHERE { ?s ?p ?o }")
    assert isinstance(raised.value, SparqlError) and raised.value.code == "bad_query"


# ---------------------------------------------------------------------------- SPARQL: results formats
def test_results_as_sparql_json(store):
    data, media = store.serialize_query(store.query(COUNT), "application/sparql-results+json")
    assert media == "application/sparql-results+json"
    binding = json.loads(data)["results"]["bindings"][0]["n"]
    assert binding["datatype"].endswith("#integer") and int(binding["value"]) == len(store)


def test_results_as_sparql_xml(store):
    query = ('SELECT ?label (STRLANG("x", "en") AS ?tagged) '
             "WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } LIMIT 2")
    data, media = store.serialize_query(store.query(query), "application/sparql-results+xml")
    root = ET.fromstring(data)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert media == "application/sparql-results+xml"
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["label", "tagged"]
    assert len(root.findall("r:results/r:result", ns)) == 2
    tagged = root.find("r:results/r:result/r:binding[@name='tagged']/r:literal", ns)
    assert tagged.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_results_as_csv_and_tsv(store):
    query = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?s"
    result = store.query(query)
    data, media = store.serialize_query(result, "text/csv")
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert media == "text/csv" and rows[0] == ["s", "label"] and len(rows) == len(result.rows) + 1
    assert rows[1][0].startswith("https://w3id.org/strategy-kg/id/")
    data, media = store.serialize_query(result, "text/tab-separated-values")
    lines = data.decode().splitlines()
    assert media == "text/tab-separated-values" and lines[0] == "?s\t?label"
    assert lines[1].startswith("<https://")


def test_ask_answers_a_boolean(store):
    data, media = store.serialize_query(store.query("ASK { ?s ?p ?o }"), None)
    assert media == "application/sparql-results+json" and json.loads(data) == {"head": {}, "boolean": True}
    data, _ = store.serialize_query(store.query("ASK { ?s ?p ?o }"), "application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in data


def test_construct_answers_turtle_that_parses(store):
    result = store.query("CONSTRUCT WHERE { ?s a ?t } LIMIT 7")
    data, media = store.serialize_query(result, "text/turtle")
    assert media == "text/turtle" and len(rdflib.Graph().parse(data=data, format="turtle")) == 7
    data, media = store.serialize_query(result, "application/n-triples")
    assert media == "application/n-triples" and len(data.splitlines()) == 7


@pytest.mark.parametrize("accept,kind,expected", [
    (None, "select", "application/sparql-results+json"),
    ("*/*", "select", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "select", "application/sparql-results+xml"),
    ("application/sparql-results+xml;q=0.2, text/csv;q=0.9", "select", "text/csv"),
    ("text/html, text/*;q=0.1", "select", "text/csv"),
    ("image/png", "select", "application/sparql-results+json"),
    ("text/turtle", "select", "application/sparql-results+json"),
    ("application/sparql-results+json", "graph", "text/turtle"),
    ("application/ld+json", "graph", "application/ld+json"),
])
def test_formats_are_negotiated_and_fall_back_to_the_default(store, accept, kind, expected):
    query = COUNT if kind == "select" else "CONSTRUCT WHERE { ?s a ?t } LIMIT 2"
    _, media = store.serialize_query(store.query(query), accept)
    assert media == expected
