"""Exports: every format holds every node and edge, and reads back with the tools people use."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
import rdflib
from factories import alignment_edges, small_document
from rdflib.compare import isomorphic

from kg.errors import BadRequest, KgError
from kg.export import EDGE_COLUMNS, FORMATS, NODE_COLUMNS, edge_id, export, select
from kg.graph import Graph
from kg.records import Edge
from ontology import CONTEXT_PATH


@pytest.fixture(scope="module")
def view():
    """Two documents, an organisation they share and the alignment between them, as the graph merges them."""
    first, second = small_document(), small_document("lake.md", "Lakeside", priorities=2)
    graph = Graph([first, second], alignment_edges(first, second))
    return sorted(graph.entities.values(), key=lambda e: e.id), list(graph.edges)


def test_every_format_has_a_media_type_and_an_extension():
    assert set(FORMATS) == {"graphml", "gexf", "turtle", "jsonld", "ntriples", "csv", "cytoscape"}
    for fmt, (media_type, extension) in FORMATS.items():
        assert "/" in media_type and extension


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_answers_its_media_type_and_file_name(view, fmt):
    result = export(*view, fmt)
    assert result.data and result.media_type == FORMATS[fmt][0]
    assert result.filename.endswith("." + FORMATS[fmt][1])


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_formats_read_back_with_the_same_nodes_and_edges(view, fmt, reader):
    entities, edges = view
    graph = reader(io.BytesIO(export(entities, edges, fmt).data))
    assert graph.number_of_nodes() == len(entities)
    assert graph.number_of_edges() == len(edges)
    assert set(graph.nodes) == {e.id for e in entities}
    priority = next(e for e in entities if e.type == "priority")
    node = graph.nodes[priority.id]
    assert node["type"] == "priority" and node["label"] == priority.label
    assert json.loads(node["evidence"])[0]["quote"] == priority.evidence[0].quote
    relation = "type" if fmt == "graphml" else "relation"  # GEXF keeps "type" for directed or not
    kinds = sorted(data[relation] for _, _, data in graph.edges(data=True))
    assert kinds == sorted(e.type for e in edges)


def test_rdf_formats_parse_into_isomorphic_graphs(view):
    entities, edges = view
    turtle = rdflib.Graph().parse(data=export(entities, edges, "turtle").data, format="turtle")
    ntriples = rdflib.Graph().parse(data=export(entities, edges, "ntriples").data, format="nt")
    jsonld = rdflib.Graph().parse(data=export(entities, edges, "jsonld").data, format="json-ld")
    assert len(turtle) > 500
    assert isomorphic(turtle, ntriples)
    assert isomorphic(turtle, jsonld)
    skg = rdflib.Namespace("https://w3id.org/strategy-kg/ontology#")
    assert len(set(turtle.subjects(rdflib.RDF.type, skg.Assertion))) == len(edges)
    assert len(set(turtle.subjects(skg.text, None))) == len(entities)


def test_jsonld_is_compacted_with_the_published_context(view):
    entities, edges = view
    data = json.loads(export(entities, edges, "jsonld").data)
    published = json.loads(CONTEXT_PATH.read_text())["@context"]
    assert data["@context"] == published
    assert any(node.get("label") for node in data["@graph"])


def test_the_published_context_names_every_property_an_export_uses(view):
    entities, edges = view
    graph = rdflib.Graph().parse(data=export(entities, edges, "ntriples").data, format="nt")
    context = json.loads(CONTEXT_PATH.read_text())["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    named = {expand(v if isinstance(v, str) else v["@id"]) for k, v in context.items() if k not in prefixes}
    used = {str(p) for p in graph.predicates()} - {str(rdflib.RDF.type)}
    assert used <= named, used - named


def test_csv_zip_holds_every_node_and_edge(view):
    entities, edges = view
    archive = zipfile.ZipFile(io.BytesIO(export(entities, edges, "csv").data))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
    links = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(links[0]) == EDGE_COLUMNS
    assert [row["id"] for row in nodes] == [e.id for e in entities]
    assert [row["id"] for row in links] == [edge_id(e) for e in edges]
    assert json.loads(links[0]["evidence"])[0]["quote"] == edges[0].evidence[0].quote
    organisation = next(row for row in nodes if row["type"] == "organisation")
    assert json.loads(organisation["aliases"])


def test_cytoscape_holds_every_node_and_edge(view):
    entities, edges = view
    data = json.loads(export(entities, edges, "cytoscape").data)
    nodes, links = data["elements"]["nodes"], data["elements"]["edges"]
    assert [n["data"]["id"] for n in nodes] == [e.id for e in entities]
    assert all({"id", "label", "type"} <= set(n["data"]) for n in nodes)
    assert len(links) == len(edges) == len({e["data"]["id"] for e in links})
    ids = {e.id for e in entities}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids and e["data"]["type"] for e in links)
    aligned = next(e["data"] for e in links if e["data"]["type"] == "aligns_with")
    assert aligned["verdict"] in ("aligned", "partial") and aligned["score"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_edges_to_entities_outside_the_view_are_left_out_of_every_format(view, fmt):
    entities, edges = view
    dangling = Edge(entities[0].id, "pri-not-in-the-view", "serves", 0.5, "rule")
    assert export(entities, [*edges, dangling], fmt).data == export(entities, edges, fmt).data


def test_an_empty_view_exports():
    for fmt, parse in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")):
        assert len(rdflib.Graph().parse(data=export([], [], fmt).data, format=parse)) == 0
    assert nx.read_graphml(io.BytesIO(export([], [], "graphml").data)).number_of_nodes() == 0
    assert json.loads(export([], [], "cytoscape").data)["elements"] == {"nodes": [], "edges": []}


def test_unknown_format_is_a_clear_error(view):
    with pytest.raises(KgError) as raised:
        export(*view, "xlsx")
    assert raised.value.code == "bad_format"
    assert all(fmt in raised.value.message for fmt in FORMATS)


# ---------------------------------------------------------------------------- select
def test_select_by_type_keeps_edges_between_kept_entities(view):
    entities, edges = view
    chosen, links = select(entities, edges, type="initiative,priority")
    assert {e.type for e in chosen} == {"initiative", "priority"}
    assert {e.type for e in links} == {"serves", "part_of", "aligns_with"}
    ids = {e.id for e in chosen}
    assert all(e.source in ids and e.target in ids for e in links)
    assert select(entities, edges, type=["priority"])[0] == [e for e in entities if e.type == "priority"]


def test_select_by_document_keeps_its_statements_and_the_organisations_it_names(view):
    entities, edges = view
    document = next(e for e in entities if e.type == "document")
    chosen, links = select(entities, edges, document=document.id)
    assert document in chosen
    assert all(e.document == document.id or e.type == "organisation" for e in chosen)
    assert any(e.id == "org-care-quality-commission" for e in chosen)
    assert not any(e.type == "aligns_with" for e in links)  # the other end is in the other document


def test_select_by_organisation(view):
    entities, edges = view
    chosen, _ = select(entities, edges, organisation="org-lakeside-borough-council")
    assert chosen and {e.type for e in chosen} == {"organisation", "initiative"}


def test_select_refuses_unknown_types(view):
    with pytest.raises(BadRequest, match="widget"):
        select(*view, type="widget")


# ---------------------------------------------------------------------------- the seed corpus, real models
@pytest.mark.models
@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_the_seed_corpus_exports_with_the_counts_the_api_reports(seed_kb, fmt, reader):
    entities, edges = list(seed_kb.graph.entities.values()), list(seed_kb.graph.edges)
    graph = reader(io.BytesIO(export(entities, edges, fmt).data))
    health = seed_kb.health()
    assert graph.number_of_nodes() == health["nodes"] and graph.number_of_edges() == health["edges"]
