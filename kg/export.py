"""Exports: a graph view as GraphML, GEXF, Turtle, JSON-LD, N-Triples, CSV (zip) or Cytoscape JSON.

In: entities and edges (a view: the caller filters, e.g. with :func:`select`). Out: an
:class:`Export` with the bytes, the media type and a file name. Edges whose ends are not among the
entities are left out of every format, so that each format holds the same nodes and edges.

- GraphML and GEXF (networkx writers): attributes flattened to strings and numbers; lists and
  evidence as JSON strings. GEXF reserves an edge's ``type``, so there the edge type is ``relation``
  (and the edge ``label``; its ``weight`` is the confidence).
- Turtle, N-Triples and JSON-LD: the store's RDF mapping (:mod:`kg.rdf`), each edge a plain triple
  plus its assertion with confidence, method and evidence; JSON-LD compacted with the published
  context ``ontology/context.jsonld``.
- CSV: a zip of ``nodes.csv`` and ``edges.csv``, one row per node and per edge.
- Cytoscape: Cytoscape.js JSON, ``{"elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}``,
  each ``data`` in the API's record shape plus ``id``.

Must not import flask, api or ingest. Raises :class:`~kg.errors.BadFormat` for an unknown format and
:class:`~kg.errors.BadRequest` for an unknown entity type in :func:`select`.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any, Iterable

from kg.errors import BadFormat, BadRequest
from kg.records import ENTITY_TYPES, Edge, Entity

#: format name -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "turtle": ("text/turtle", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "ntriples": ("application/n-triples", "nt"),
    "csv": ("application/zip", "zip"),
    "cytoscape": ("application/json", "cyjs"),
}

#: the columns of nodes.csv and edges.csv, in order
NODE_COLUMNS = ("id", "type", "label", "text", "document", "organisation", "number", "confidence", "method",
                "section", "kind", "aliases", "source", "sha256", "title", "publishers", "media_type",
                "ingested_at", "evidence")
EDGE_COLUMNS = ("id", "source", "target", "type", "confidence", "method", "score", "verdict", "evidence")


@dataclass(frozen=True)
class Export:
    """A graph view serialised: the bytes, their media type and a file name to save them under."""

    data: bytes
    media_type: str
    filename: str


def edge_id(edge: Edge) -> str:
    """A stable id for an edge, unique in a graph (edges are unique by source, type and target).

    >>> edge_id(Edge("ini-1", "pri-2", "serves", 0.9, "structure"))
    'ini-1--serves--pri-2'
    """
    return f"{edge.source}--{edge.type}--{edge.target}"


def select(entities: Iterable[Entity], edges: Iterable[Edge], type: str | Iterable[str] | None = None,
           document: str | None = None, organisation: str | None = None) -> tuple[list[Entity], list[Edge]]:
    """The sub-graph a filter selects: the entities it matches and the edges between them.

    Parameters
    ----------
    type
        An entity type, or several (a comma-separated string or an iterable).
    document
        A document id: entities stated in it, the document itself, and organisations it names
        (an organisation has evidence in every document that names it).
    organisation
        An organisation id: the organisation and the entities it owns.

    Raises
    ------
    BadRequest
        If a type is not an entity type.
    """
    kinds = None
    if type is not None:
        kinds = {t.strip() for t in (type.split(",") if isinstance(type, str) else type) if t.strip()}
        unknown = kinds - set(ENTITY_TYPES)
        if unknown:
            raise BadRequest(f"unknown type {', '.join(sorted(unknown))}; "
                             f"use one of {', '.join(ENTITY_TYPES)}")

    def kept(entity: Entity) -> bool:
        if kinds is not None and entity.type not in kinds:
            return False
        if document is not None and entity.document != document and entity.id != document \
                and not any(ev.document == document for ev in entity.evidence):
            return False
        if organisation is not None and entity.organisation != organisation and entity.id != organisation:
            return False
        return True

    chosen = [entity for entity in entities if kept(entity)]
    ids = {entity.id for entity in chosen}
    return chosen, [edge for edge in edges if edge.source in ids and edge.target in ids]


def export(entities: Iterable[Entity], edges: Iterable[Edge], fmt: str) -> Export:
    """Serialise a graph view in one of :data:`FORMATS`.

    Parameters
    ----------
    entities, edges
        The view; edges with an end outside ``entities`` are left out.
    fmt
        A key of :data:`FORMATS`.

    Raises
    ------
    BadFormat
        For a format not in :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise BadFormat(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    entities = list(entities)
    ids = {entity.id for entity in entities}
    edges = [edge for edge in edges if edge.source in ids and edge.target in ids]
    media_type, extension = FORMATS[fmt]
    return Export(_WRITERS[fmt](entities, edges), media_type, f"strategy-kg.{extension}")


# ---------------------------------------------------------------------------- flattening
def _node_record(entity: Entity) -> dict[str, Any]:
    record = entity.to_dict()
    record.pop("counts", None)  # per-document counts are the knowledge base's, not the view's
    return record


def _edge_record(edge: Edge) -> dict[str, Any]:
    return {"id": edge_id(edge), **edge.to_dict()}


def _flat(record: dict[str, Any]) -> dict[str, str | float | int]:
    """Attributes as GraphML, GEXF and CSV hold them: strings and numbers, lists as JSON, None left out."""
    flat: dict[str, str | float | int] = {}
    for name, value in record.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, dict)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            flat[name] = str(value).lower()
        elif isinstance(value, (int, float)):
            flat[name] = float(value)  # one attribute type per key, whatever the value
        else:
            flat[name] = str(value)
    return flat


# ---------------------------------------------------------------------------- writers
def _networkx(entities: list[Entity], edges: list[Edge], gexf: bool):
    import networkx as nx

    graph = nx.MultiDiGraph(name="strategy-kg")
    for entity in entities:
        data = _flat(_node_record(entity))
        del data["id"]
        graph.add_node(entity.id, **data)
    for edge in edges:
        data = _flat(_edge_record(edge))
        key = str(data.pop("id"))
        del data["source"], data["target"]
        if gexf:
            # GEXF gives "type" (directed or not), "label" and "weight" meanings of its own
            data["relation"] = data.pop("type")
            data["label"] = data["relation"]
            data["weight"] = data["confidence"]
            data["id"] = key
        graph.add_edge(edge.source, edge.target, key=key, **data)
    return graph


def _graphml(entities: list[Entity], edges: list[Edge]) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(_networkx(entities, edges, gexf=False), buffer, named_key_ids=True)
    return buffer.getvalue()


def _gexf(entities: list[Entity], edges: list[Edge]) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(_networkx(entities, edges, gexf=True), buffer)
    return buffer.getvalue()


def _rdf(entities: list[Entity], edges: list[Edge], rdf_format) -> bytes:
    import pyoxigraph

    from kg import rdf
    from ontology import PREFIXES

    prefixes = PREFIXES if rdf_format == pyoxigraph.RdfFormat.TURTLE else None
    return pyoxigraph.serialize(rdf.graph_triples(entities, edges), format=rdf_format, prefixes=prefixes)


def _turtle(entities: list[Entity], edges: list[Edge]) -> bytes:
    import pyoxigraph

    return _rdf(entities, edges, pyoxigraph.RdfFormat.TURTLE)


def _ntriples(entities: list[Entity], edges: list[Edge]) -> bytes:
    import pyoxigraph

    return _rdf(entities, edges, pyoxigraph.RdfFormat.N_TRIPLES)


def _jsonld(entities: list[Entity], edges: list[Edge]) -> bytes:
    """JSON-LD compacted with the published context, which it names by value so it stands alone."""
    from kg import rdf
    from ontology import CONTEXT_PATH

    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    graph = rdf.graph_to_rdflib(entities, edges)
    return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")


def _csv(entities: list[Entity], edges: list[Edge]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, columns, records in (("nodes.csv", NODE_COLUMNS, [_node_record(e) for e in entities]),
                                       ("edges.csv", EDGE_COLUMNS, [_edge_record(e) for e in edges])):
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=list(columns), extrasaction="ignore",
                                    lineterminator="\r\n")
            writer.writeheader()
            for record in records:
                writer.writerow({column: "" if value is None else value
                                 for column, value in _csv_row(record, columns).items()})
            archive.writestr(name, text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def _csv_row(record: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    row = {}
    for column in columns:
        value = record.get(column)
        if isinstance(value, (list, tuple, dict)):
            value = json.dumps(value, ensure_ascii=False)
        row[column] = value
    return row


def _cytoscape(entities: list[Entity], edges: list[Edge]) -> bytes:
    # "group" says which list an element belongs to, so a document's "source" field is never taken
    # for an edge end by a reader that merges the lists
    nodes = [{"group": "nodes", "data": _node_record(entity)} for entity in entities]
    links = [{"group": "edges", "data": _edge_record(edge)} for edge in edges]
    document = {"format_version": "1.0", "generated_by": "strategy-kg", "target_cytoscapejs_version": "~3",
                "data": {"name": "strategy-kg"}, "elements": {"nodes": nodes, "edges": links}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


_WRITERS = {"graphml": _graphml, "gexf": _gexf, "turtle": _turtle, "jsonld": _jsonld, "ntriples": _ntriples,
            "csv": _csv, "cytoscape": _cytoscape}

__all__ = ["FORMATS", "NODE_COLUMNS", "EDGE_COLUMNS", "Export", "export", "select", "edge_id"]
