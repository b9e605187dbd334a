"""Exports: a graph view as GraphML, GEXF, Turtle, JSON-LD, N-Triples, CSV (zip) or Cytoscape JSON.

In: entities and edges (already filtered by the caller). Out: an :class:`Export` with the bytes,
the media type and a file name. RDF formats use the same mapping as the store (:mod:`kg.rdf`),
so each edge keeps its own evidence. Must not import flask, api or spaCy.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from kg.errors import KgError
from kg.records import Edge, Entity


class BadFormat(KgError):
    code = "bad_format"


@dataclass(frozen=True)
class Export:
    data: bytes
    media_type: str
    filename: str


FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "turtle": ("text/turtle", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "ntriples": ("application/n-triples", "nt"),
    "csv": ("application/zip", "zip"),
    "cytoscape": ("application/json", "cyjs"),
}

NODE_FIELDS = ("id", "type", "label", "text", "document", "organisation", "number", "confidence", "method",
               "kind", "aliases", "source", "sha256", "title", "evidence")
EDGE_FIELDS = ("source", "target", "type", "confidence", "method", "score", "verdict", "evidence")


def _flat(record: dict, fields: tuple[str, ...]) -> dict:
    """Attributes as strings and numbers, the way GraphML, GEXF and CSV hold them."""
    flat = {}
    for name in fields:
        value = record.get(name)
        if value is None:
            flat[name] = ""
        elif isinstance(value, (list, tuple, dict)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _networkx(entities: list[Entity], edges: list[Edge]):
    import networkx as nx

    graph = nx.MultiDiGraph()
    for entity in entities:
        data = _flat(entity.to_dict(), NODE_FIELDS)
        data.pop("id")
        graph.add_node(entity.id, **data)
    for index, edge in enumerate(edges):
        data = _flat(edge.to_dict(), EDGE_FIELDS)
        data["relation"] = data.pop("type")  # GEXF reserves an edge attribute named "type"
        source, target = data.pop("source"), data.pop("target")
        graph.add_edge(source, target, key=f"e{index}", **data)
    return graph


def _rdf_quads(entities: list[Entity], edges: list[Edge]):
    from pyoxigraph import DefaultGraph

    from kg import rdf

    quads = []
    graph = DefaultGraph()
    for entity in entities:
        quads.extend(rdf.entity_quads(entity, graph))
    for edge in edges:
        document = edge.evidence[0].document if edge.evidence else "graph"
        quads.extend(rdf.edge_quads(edge, graph, document))
    return quads


def _rdf(entities: list[Entity], edges: list[Edge], fmt: str) -> bytes:
    import pyoxigraph
    from pyoxigraph import RdfFormat

    from ontology import DATA, DCTERMS, OA, PROV, SKG, SKOS, XSD

    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in _rdf_quads(entities, edges)]
    prefixes = {"skg": SKG, "data": DATA, "skos": SKOS, "dcterms": DCTERMS, "oa": OA, "prov": PROV, "xsd": XSD,
                "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    if fmt == "turtle":
        return pyoxigraph.serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes)
    if fmt == "ntriples":
        return pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES)
    return _jsonld(pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES))


def _jsonld(ntriples: bytes) -> bytes:
    """JSON-LD compacted with the published context (ontology/context.jsonld)."""
    import rdflib

    from ontology import CONTEXT_PATH

    graph = rdflib.Graph()
    graph.parse(data=ntriples.decode("utf-8"), format="nt")
    context = json.loads(CONTEXT_PATH.read_text())["@context"]
    return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")


def _csv(entities: list[Entity], edges: list[Edge]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, records, fields in (("nodes.csv", [e.to_dict() for e in entities], NODE_FIELDS),
                                      ("edges.csv", [e.to_dict() for e in edges], EDGE_FIELDS)):
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=list(fields), extrasaction="ignore")
            writer.writeheader()
            for record in records:
                writer.writerow(_flat(record, fields))
            archive.writestr(name, text.getvalue())
    return buffer.getvalue()


def _cytoscape(entities: list[Entity], edges: list[Edge]) -> bytes:
    nodes = [{"data": {**e.to_dict(), "evidence": [ev.to_dict() for ev in e.evidence]}} for e in entities]
    links = [{"data": {"id": f"e{i}", **edge.to_dict()}} for i, edge in enumerate(edges)]
    return json.dumps({"elements": {"nodes": nodes, "edges": links}}, ensure_ascii=False).encode("utf-8")


def export(entities: list[Entity], edges: list[Edge], fmt: str) -> Export:
    """Serialise a graph view.

    Raises
    ------
    BadFormat
        For a format not in :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise BadFormat(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    media_type, extension = FORMATS[fmt]
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = _networkx(entities, edges)
        buffer = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer)
        data = buffer.getvalue()
    elif fmt in ("turtle", "ntriples", "jsonld"):
        data = _rdf(entities, edges, fmt)
    elif fmt == "csv":
        data = _csv(entities, edges)
    else:
        data = _cytoscape(entities, edges)
    return Export(data, media_type, f"strategy-kg.{extension}")
