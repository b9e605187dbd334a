"""RDF: the graph's records as quads in our vocabulary, and back again, field for field.

In: a :class:`~kg.records.DocumentGraph` (or entities and edges). Out: pyoxigraph quads in the
document's own named graph; :func:`document_graph_from_quads` reverses it exactly.

How evidence is kept (see ``ontology/strategy.ttl``): every edge is a plain triple, so SPARQL
paths and the networkx view stay simple, plus an assertion node — ``rdf:Statement`` and
``prov:Entity`` with a deterministic IRI hashed from subject, predicate, object and document —
carrying its confidence, method and evidence. Evidence is an ``oa:SpecificResource`` on the
document with an ``oa:TextQuoteSelector`` (the exact quote) and an ``oa:TextPositionSelector``
(code-point offsets of its lines), plus the line span. Must not import flask, api or spaCy.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Iterable

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.records import DocumentGraph, Edge, Entity, Evidence
from ontology import CLASSES, DATA, DCTERMS, OA, PROPERTIES, PROV, RDF, RDFS, SKG, SKOS, XSD

_CLASS_TYPE = {f"{SKG}{name}": kind for kind, name in CLASSES.items()}
_KIND_CLASS = {"commissioner": "StatutoryBody", "local authority": "StatutoryBody", "provider trust": "StatutoryBody",
               "national body": "StatutoryBody", "regulator": "StatutoryBody", "partnership or network": "Partnership",
               "board or committee": "Board"}
_PROPERTY_TYPE = {f"{SKG}{name}": kind for kind, name in PROPERTIES.items()}


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _s(local: str) -> NamedNode:
    return NamedNode(SKG + local)


A = _n(RDF + "type")
LABEL = _n(SKOS + "prefLabel")
ALT = _n(SKOS + "altLabel")
RDFS_LABEL = _n(RDFS + "label")
TITLE = _n(DCTERMS + "title")
PUBLISHER = _n(DCTERMS + "publisher")
XSD_DOUBLE = _n(XSD + "double")
XSD_INTEGER = _n(XSD + "integer")


def entity_iri(entity_id: str) -> NamedNode:
    return NamedNode(DATA + entity_id)


def graph_iri(name: str) -> NamedNode:
    """The named graph of one document (or of a set of derived edges)."""
    return NamedNode(f"{DATA}graph/{name}")


def _id(node) -> str:
    return node.value[len(DATA):] if node.value.startswith(DATA) else node.value


def _double(value: float) -> Literal:
    return Literal(repr(float(value)), datatype=XSD_DOUBLE)


def _integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD_INTEGER)


def _text(value: str) -> Literal:
    return Literal(value)


def _evidence_quads(owner: str, evidence: tuple[Evidence, ...], line_offsets: list[int] | None,
                    graph: NamedNode) -> list[Quad]:
    quads: list[Quad] = []
    for index, ev in enumerate(evidence):
        node = NamedNode(f"{DATA}evidence/{hashlib.sha256(f'{owner}|{index}|{ev}'.encode()).hexdigest()[:20]}")
        quote, position = BlankNode(), BlankNode()
        quads += [
            Quad(_n(owner), _s("evidence"), node, graph),
            Quad(node, A, _n(OA + "SpecificResource"), graph),
            Quad(node, _n(OA + "hasSource"), entity_iri(ev.document), graph),
            Quad(node, _s("index"), _integer(index), graph),
            Quad(node, _s("lineStart"), _integer(ev.line_start), graph),
            Quad(node, _s("lineEnd"), _integer(ev.line_end), graph),
            Quad(node, _n(OA + "hasSelector"), quote, graph),
            Quad(quote, A, _n(OA + "TextQuoteSelector"), graph),
            Quad(quote, _n(OA + "exact"), _text(ev.quote), graph),
        ]
        if line_offsets and 1 <= ev.line_start <= ev.line_end < len(line_offsets):
            quads += [
                Quad(node, _n(OA + "hasSelector"), position, graph),
                Quad(position, A, _n(OA + "TextPositionSelector"), graph),
                Quad(position, _n(OA + "start"), _integer(line_offsets[ev.line_start - 1]), graph),
                Quad(position, _n(OA + "end"), _integer(line_offsets[ev.line_end] - 1), graph),
            ]
    return quads


def entity_quads(entity: Entity, graph: NamedNode, line_offsets: list[int] | None = None) -> list[Quad]:
    """Quads stating one entity and its evidence."""
    subject = entity_iri(entity.id)
    # an organisation is one node named by many documents, each its own way: rdfs:label allows that,
    # where two skos:prefLabel values would break SKOS
    label = RDFS_LABEL if entity.type == "organisation" else LABEL
    quads = [
        Quad(subject, A, _s(CLASSES[entity.type]), graph),
        Quad(subject, label, _text(entity.label), graph),
        Quad(subject, _s("text"), _text(entity.text), graph),
        Quad(subject, _s("confidence"), _double(entity.confidence), graph),
        Quad(subject, _s("method"), _text(entity.method), graph),
    ]
    optional = {"number": entity.number, "section": entity.section, "kind": entity.kind, "source": entity.source,
                "sha256": entity.sha256, "mediaType": entity.media_type, "ingestedAt": entity.ingested_at}
    for name, value in optional.items():
        if value is not None:
            quads.append(Quad(subject, _s(name), _text(value), graph))
    if entity.document is not None:
        quads.append(Quad(subject, _s("document"), entity_iri(entity.document), graph))
    if entity.organisation is not None:
        quads.append(Quad(subject, _s("organisation"), entity_iri(entity.organisation), graph))
    for alias in entity.aliases:
        quads.append(Quad(subject, ALT, _text(alias), graph))
    if entity.type == "organisation" and entity.kind in _KIND_CLASS:
        quads.append(Quad(subject, A, _s(_KIND_CLASS[entity.kind]), graph))
    if entity.type == "document":
        quads.append(Quad(subject, TITLE, _text(entity.title or entity.label), graph))
        for index, publisher in enumerate(entity.publishers):
            quads.append(Quad(subject, PUBLISHER, entity_iri(publisher), graph))
            quads.append(Quad(subject, _s("publisherOrder"), _text(f"{index}|{publisher}"), graph))
        quads.append(Quad(subject, _n(RDF + "type"), _n(PROV + "Entity"), graph))
    quads += _evidence_quads(subject.value, entity.evidence, line_offsets, graph)
    return quads


def assertion_iri(edge: Edge, document: str) -> NamedNode:
    digest = hashlib.sha256(f"{edge.source}|{edge.type}|{edge.target}|{document}".encode()).hexdigest()[:24]
    return NamedNode(f"{DATA}assertion/{digest}")


def edge_quads(edge: Edge, graph: NamedNode, document: str, line_offsets: list[int] | None = None) -> list[Quad]:
    """The plain triple of an edge plus its assertion node with confidence, method and evidence."""
    subject, predicate, target = entity_iri(edge.source), _s(PROPERTIES[edge.type]), entity_iri(edge.target)
    node = assertion_iri(edge, document)
    quads = [
        Quad(subject, predicate, target, graph),
        Quad(node, A, _n(RDF + "Statement"), graph),
        Quad(node, A, _n(PROV + "Entity"), graph),
        Quad(node, _n(RDF + "subject"), subject, graph),
        Quad(node, _n(RDF + "predicate"), predicate, graph),
        Quad(node, _n(RDF + "object"), target, graph),
        Quad(node, _s("confidence"), _double(edge.confidence), graph),
        Quad(node, _s("method"), _text(edge.method), graph),
        Quad(node, _n(PROV + "wasDerivedFrom"), entity_iri(document), graph),
    ]
    if edge.score is not None:
        quads.append(Quad(node, _s("score"), _double(edge.score), graph))
    if edge.verdict is not None:
        quads.append(Quad(node, _s("verdict"), _text(edge.verdict), graph))
    quads += _evidence_quads(node.value, edge.evidence, line_offsets, graph)
    return quads


def _line_offsets(lines: tuple[str, ...]) -> list[int]:
    """Code-point offset where each line starts, plus the end of the text."""
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    offsets.append(total)
    return offsets


def document_quads(graph_record: DocumentGraph) -> list[Quad]:
    """Every quad one document contributes, in its own named graph."""
    doc_id = graph_record.document.id
    graph = graph_iri(doc_id)
    offsets = _line_offsets(graph_record.text_lines)
    quads = entity_quads(graph_record.document, graph, offsets)
    quads.append(Quad(entity_iri(doc_id), _s("content"), _text(json.dumps(list(graph_record.text_lines))), graph))
    for entity in graph_record.entities:
        if entity.id != doc_id:
            quads += entity_quads(entity, graph, offsets)
    for edge in graph_record.edges:
        quads += edge_quads(edge, graph, doc_id, offsets)
    return quads


def derived_quads(name: str, edges: Iterable[Edge]) -> list[Quad]:
    """Quads of edges derived across documents (alignment), in their own named graph."""
    graph = graph_iri(name)
    quads: list[Quad] = []
    for edge in edges:
        document = edge.evidence[0].document if edge.evidence else name
        quads += edge_quads(edge, graph, document)
    return quads


# --------------------------------------------------------------------------- reading back
def _value(term) -> str:
    return term.value


def _group(quads: Iterable[Quad]) -> dict:
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        by_subject[quad.subject][quad.predicate.value].append(quad.object)
    return by_subject


def _evidence_of(subject, by_subject) -> tuple[Evidence, ...]:
    items = []
    for node in by_subject[subject].get(SKG + "evidence", []):
        fields = by_subject[node]
        quote = ""
        for selector in fields.get(OA + "hasSelector", []):
            exact = by_subject[selector].get(OA + "exact")
            if exact:
                quote = exact[0].value
        items.append((int(fields[SKG + "index"][0].value), Evidence(
            _id(fields[OA + "hasSource"][0]), int(fields[SKG + "lineStart"][0].value),
            int(fields[SKG + "lineEnd"][0].value), quote)))
    return tuple(ev for _, ev in sorted(items, key=lambda item: item[0]))


def _one(fields, name: str, default=None):
    values = fields.get(SKG + name)
    return values[0].value if values else default


def _entity(subject, fields, by_subject, kind: str) -> Entity:
    publishers: tuple[str, ...] = ()
    if kind == "document":
        ordered = sorted(v.value.split("|", 1) for v in fields.get(SKG + "publisherOrder", []))
        publishers = tuple(p for _, p in sorted(ordered, key=lambda pair: int(pair[0])))
    document = fields.get(SKG + "document")
    organisation = fields.get(SKG + "organisation")
    return Entity(
        id=_id(subject), type=kind, label=(fields.get(SKOS + "prefLabel") or fields[RDFS + "label"])[0].value,
        text=_one(fields, "text", ""),
        document=_id(document[0]) if document else None,
        organisation=_id(organisation[0]) if organisation else None,
        number=_one(fields, "number"), confidence=float(_one(fields, "confidence", 0.0)),
        method=_one(fields, "method", "structure"), evidence=_evidence_of(subject, by_subject),
        section=_one(fields, "section"),
        aliases=tuple(sorted((v.value for v in fields.get(SKOS + "altLabel", [])), key=str.lower)),
        kind=_one(fields, "kind"), source=_one(fields, "source"), sha256=_one(fields, "sha256"),
        title=fields[DCTERMS + "title"][0].value if DCTERMS + "title" in fields else None,
        publishers=publishers, media_type=_one(fields, "mediaType"), ingested_at=_one(fields, "ingestedAt"),
    )


def _edges(by_subject) -> list[Edge]:
    edges = []
    for subject, fields in by_subject.items():
        if not any(t.value == RDF + "Statement" for t in fields.get(RDF + "type", [])):
            continue
        score = _one(fields, "score")
        edges.append(Edge(
            source=_id(fields[RDF + "subject"][0]), target=_id(fields[RDF + "object"][0]),
            type=_PROPERTY_TYPE[fields[RDF + "predicate"][0].value],
            confidence=float(_one(fields, "confidence", 0.0)), method=_one(fields, "method", "structure"),
            evidence=_evidence_of(subject, by_subject),
            score=float(score) if score is not None else None, verdict=_one(fields, "verdict"),
        ))
    return sorted(edges, key=lambda e: (e.source, e.type, e.target))


def document_graph_from_quads(quads: Iterable[Quad]) -> DocumentGraph:
    """The DocumentGraph that :func:`document_quads` wrote, exactly."""
    by_subject = _group(quads)
    document: Entity | None = None
    entities: list[Entity] = []
    lines: tuple[str, ...] = ()
    for subject, fields in by_subject.items():
        kinds = [_CLASS_TYPE[t.value] for t in fields.get(RDF + "type", []) if t.value in _CLASS_TYPE]
        if not kinds:
            continue
        entity = _entity(subject, fields, by_subject, kinds[0])
        if entity.type == "document":
            document = entity
            content = _one(fields, "content")
            lines = tuple(json.loads(content)) if content else ()
        else:
            entities.append(entity)
    if document is None:
        raise ValueError("the quads hold no document")
    entities.sort(key=lambda e: (e.evidence[0].line_start if e.evidence else 0, e.type, e.id))
    return DocumentGraph(document=document, entities=[document, *entities], edges=_edges(by_subject), text_lines=lines)


def edges_from_quads(quads: Iterable[Quad]) -> list[Edge]:
    """Derived edges read back from their named graph."""
    return _edges(_group(quads))


__all__ = ["document_quads", "document_graph_from_quads", "derived_quads", "edges_from_quads", "graph_iri",
           "entity_iri", "entity_quads", "edge_quads", "DefaultGraph"]
