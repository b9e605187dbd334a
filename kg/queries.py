"""The questions users ask of the graph, answered from a :class:`~kg.graph.Graph`.

Each function takes the graph first, has no side effects, and returns plain records or the
contract's JSON shapes. Raises :mod:`kg.errors` exceptions for unknown ids and bad parameters.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.errors import BadRequest, UnknownDocument, UnknownEntity
from kg.graph import Graph, position
from kg.records import ENTITY_TYPES, Edge, Entity


def resolve_document(graph: Graph, reference: str) -> str:
    """A document id from an id, a source file name or a sha256.

    Raises
    ------
    UnknownDocument
        When nothing stored matches, with the documents that are there.
    """
    reference = (reference or "").strip()
    for doc_id, stored in graph.documents.items():
        record = stored.document
        if reference in (doc_id, record.source, record.sha256) or \
                (record.source and reference == record.source.rsplit("/", 1)[-1]):
            return doc_id
    known = ", ".join(sorted(d.document.source or d.document.id for d in graph.documents.values())[:10])
    raise UnknownDocument(f"no stored document is '{reference}'; give a document id, file name or sha256 "
                          f"(stored: {known or 'none yet'})")


def resolve_organisation(graph: Graph, reference: str) -> str:
    """An organisation id from its id, name or any alias (case-insensitive)."""
    wanted = (reference or "").strip().lower()
    if reference in graph.entities and graph.entities[reference].type == "organisation":
        return reference
    for entity in graph.entities.values():
        if entity.type == "organisation" and wanted in {a.lower() for a in (entity.label, *entity.aliases)}:
            return entity.id
    raise UnknownEntity(f"no organisation is '{reference}'; list them with /api/v1/entities?type=organisation")


def get_entity(graph: Graph, entity_id: str) -> Entity:
    try:
        return graph.entities[entity_id]
    except KeyError:
        raise UnknownEntity(f"no entity has id '{entity_id}'; find ids with /api/v1/entities or /api/v1/search") from None


@dataclass(frozen=True)
class EntityFilter:
    type: str | None = None
    document: str | None = None
    organisation: str | None = None
    q: str | None = None


def filter_entities(graph: Graph, wanted: EntityFilter) -> list[Entity]:
    """Entities matching every given filter, in reading order."""
    if wanted.type and wanted.type not in ENTITY_TYPES:
        raise BadRequest(f"unknown type '{wanted.type}'; use one of {', '.join(ENTITY_TYPES)}")
    candidates = list(graph.entities.values())
    if wanted.document:
        doc_id = resolve_document(graph, wanted.document)
        in_document = graph.document_entities(doc_id)
        candidates = [e for e in candidates if e.id in in_document]
    if wanted.organisation:
        org_id = resolve_organisation(graph, wanted.organisation)
        owned = graph.organisation_entities(org_id)
        candidates = [e for e in candidates if e.id in owned]
    if wanted.type:
        candidates = [e for e in candidates if e.type == wanted.type]
    if wanted.q:
        needle = wanted.q.lower()
        candidates = [e for e in candidates if needle in f"{e.label} {e.text} {' '.join(e.aliases)}".lower()]
    return sorted(candidates, key=position)


def priority_initiatives(graph: Graph, priority_id: str) -> list[dict]:
    """Initiatives serving a priority: directly (or one of its parts), through an enabler, or through an
    aligned priority.

    Each answer carries ``score`` (the confidence of its path) and ``path`` (the edges, with evidence).
    """
    priority = get_entity(graph, priority_id)
    if priority.type != "priority":
        raise BadRequest(f"'{priority_id}' is a {priority.type}, not a priority")
    answers: dict[str, dict] = {}

    def offer(initiative_id: str, via: str, path: list[Edge]) -> None:
        score = 1.0
        for edge in path:
            score *= edge.confidence
        current = answers.get(initiative_id)
        if current is None or score > current["score"]:
            answers[initiative_id] = {"initiative": graph.entities[initiative_id], "score": round(score, 4),
                                      "via": via, "path": path}

    # the priority itself and its parts ("Outcome 1.1" part of "Ambition 1"): what serves a part serves it
    parts = [(priority_id, [])] + [(e.source, [e]) for e in graph.into.get(priority_id, [])
                                   if e.type == "part_of" and graph.entities[e.source].type == "priority"]
    for served, via_part in parts:
        for edge in graph.into.get(served, []):
            if edge.type == "serves" and graph.entities[edge.source].type == "initiative":
                offer(edge.source, "direct", [edge, *via_part])
                for part in graph.into.get(edge.source, []):
                    if part.type == "part_of" and graph.entities[part.source].type == "initiative":
                        offer(part.source, "direct", [part, edge, *via_part])
    for edge in graph.into.get(priority_id, []):
        if edge.type == "supports" and graph.entities[edge.source].type == "enabler":
            for second in graph.into.get(edge.source, []):
                if second.type == "supports" and graph.entities[second.source].type == "initiative":
                    offer(second.source, "enabler", [second, edge])
            for second in graph.out.get(edge.source, []):
                if second.type == "supports" and graph.entities[second.target].type == "initiative":
                    offer(second.target, "enabler", [edge, second])
    for edge in [*graph.out.get(priority_id, []), *graph.into.get(priority_id, [])]:
        if edge.type != "aligns_with" or edge.verdict == "none":
            continue
        other = edge.target if edge.source == priority_id else edge.source
        for serving in graph.into.get(other, []):
            if serving.type == "serves" and graph.entities[serving.source].type == "initiative":
                offer(serving.source, "alignment", [edge, serving])
    order = {"direct": 0, "enabler": 1, "alignment": 2}
    return sorted(answers.values(), key=lambda a: (order[a["via"]], -a["score"], position(a["initiative"])))


def gaps(graph: Graph, document: str | None = None) -> dict[str, list[Entity]]:
    """Priorities with no initiative, priorities with no metric, initiatives serving no priority."""
    doc_id = resolve_document(graph, document) if document else None
    priorities = graph.of_type("priority", doc_id)
    initiatives = graph.of_type("initiative", doc_id)

    def has(entity_id: str, relation: str, kind: str) -> bool:
        """Whether the priority, or one of its parts, has an edge of ``relation`` from a ``kind``."""
        parts = [entity_id] + [e.source for e in graph.into.get(entity_id, [])
                               if e.type == "part_of" and graph.entities[e.source].type == "priority"]
        return any(e.type == relation and graph.entities[e.source].type == kind
                   for part in parts for e in graph.into.get(part, []))

    def serves_any(initiative: Entity) -> bool:
        if any(e.type == "serves" for e in graph.out.get(initiative.id, [])):
            return True
        parents = [e.target for e in graph.out.get(initiative.id, []) if e.type == "part_of"]
        return any(any(e.type == "serves" for e in graph.out.get(p, [])) for p in parents)

    return {
        "priorities_without_initiatives": [p for p in priorities if not has(p.id, "serves", "initiative")],
        "priorities_without_metrics": [p for p in priorities if not has(p.id, "measures", "metric")],
        "initiatives_without_priority": [i for i in initiatives if not serves_any(i)],
    }
