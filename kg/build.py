"""Build: turn what ingest extracted from one document into the graph's entities and edges.

In: an :class:`~ingest.records.ExtractedDocument`. Out: a :class:`~kg.records.DocumentGraph` with
stable ids — the same bytes always give the same ids — the document record, its statements, its
organisations and every edge with its evidence. Pure: no I/O, no models.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from ingest.records import ExtractedDocument, Organisation, Span, Statement
from kg.records import DocumentGraph, Edge, Entity, Evidence

_PREFIX = {"vision": "vis", "priority": "pri", "initiative": "ini", "enabler": "ena", "metric": "met",
           "risk": "rsk", "document": "doc", "organisation": "org"}


def document_id(sha256: str) -> str:
    """A document's id: its content hash, so re-ingesting the same bytes gives the same id.

    >>> document_id("ab" * 32)
    'doc-abababababab'
    """
    return f"doc-{sha256[:12]}"


def statement_id(sha256: str, statement: Statement) -> str:
    """A statement's id from the document bytes and where and what it states."""
    digest = hashlib.sha256(
        f"{sha256}|{statement.type}|{statement.span.line_start}|{statement.span.line_end}|{statement.text}".encode()
    ).hexdigest()
    return f"{_PREFIX[statement.type]}-{digest[:12]}"


def organisation_id(key: str) -> str:
    """An organisation's id from its canonical key, shared by every document that names it."""
    slug = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:60]
    return f"org-{slug}"


def _evidence(doc_id: str, span: Span) -> Evidence:
    return Evidence(doc_id, span.line_start, span.line_end, span.quote)


def build_document_graph(extracted: ExtractedDocument, *, ingested_at: str | None = None) -> DocumentGraph:
    """The graph records one document contributes."""
    source = extracted.source
    doc_id = document_id(source.sha256)
    org_ids = {org.key: organisation_id(org.key) for org in extracted.organisations}
    ids = {s.key: statement_id(source.sha256, s) for s in extracted.statements}
    title_span = _title_span(extracted)
    document = Entity(
        id=doc_id, type="document", label=extracted.title, text=extracted.title, document=doc_id,
        organisation=org_ids.get(extracted.publishers[0]) if extracted.publishers else None,
        number=None, confidence=1.0, method="structure",
        evidence=(_evidence(doc_id, title_span),) if title_span else (),
        source=source.source, sha256=source.sha256, title=extracted.title,
        publishers=tuple(org_ids[p] for p in extracted.publishers if p in org_ids),
        media_type=source.media_type,
        ingested_at=ingested_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    entities = [document]
    entities.extend(_organisation_entity(org, org_ids[org.key], doc_id) for org in extracted.organisations)
    for statement in extracted.statements:
        entities.append(Entity(
            id=ids[statement.key], type=statement.type, label=statement.label, text=statement.text,
            document=doc_id, organisation=org_ids.get(statement.organisation or ""),
            number=statement.number, confidence=statement.confidence, method=statement.method,
            evidence=tuple(_evidence(doc_id, span) for span in (statement.span, *statement.also)),
            section=statement.section,
        ))
    edges = _edges(extracted, doc_id, ids, org_ids)
    return DocumentGraph(document=document, entities=entities, edges=edges, text_lines=source.lines)


def _organisation_entity(org: Organisation, org_id: str, doc_id: str) -> Entity:
    return Entity(
        id=org_id, type="organisation", label=org.name, text=org.name, document=None, organisation=None,
        number=None, confidence=org.confidence, method=org.method,
        evidence=tuple(_evidence(doc_id, span) for span in org.spans[:5]),
        aliases=tuple(org.aliases), kind=org.kind,
    )


def _edges(extracted: ExtractedDocument, doc_id: str, ids: dict[str, str], org_ids: dict[str, str]) -> list[Edge]:
    edges: dict[tuple[str, str, str], Edge] = {}

    def put(edge: Edge) -> None:
        edges.setdefault(edge.key, edge)

    for statement in extracted.statements:
        put(Edge(doc_id, ids[statement.key], "states", 1.0, "structure", (_evidence(doc_id, statement.span),)))
    for publisher in extracted.publishers:
        if publisher in org_ids:
            org = next(o for o in extracted.organisations if o.key == publisher)
            put(Edge(org_ids[publisher], doc_id, "publishes", org.confidence, org.method,
                     tuple(_evidence(doc_id, s) for s in org.spans[:1])))
    for link in extracted.links:
        source = doc_id if link.source == "" else ids.get(link.source) or org_ids.get(link.source)
        target = doc_id if link.target == "" else ids.get(link.target) or org_ids.get(link.target)
        if source is None or target is None:
            continue
        if link.type == "mentions":
            source = doc_id
        put(Edge(source, target, link.type, link.confidence, link.method, (_evidence(doc_id, link.span),)))
    return list(edges.values())


def _title_span(extracted: ExtractedDocument) -> Span | None:
    """Where the title stands; else the first line with text (a document's evidence is its opening)."""
    title = extracted.title.strip()
    lines = extracted.source.lines
    for number, line in enumerate(lines[:60], start=1):
        if title and title[:40] in re.sub(r"[#*_`]+", "", line):
            return Span(number, number, re.sub(r"\s+", " ", re.sub(r"[#*_`]+", "", line)).strip())
    for number, line in enumerate(lines, start=1):
        if line.strip():
            return Span(number, number, " ".join(line.split()))
    return None
