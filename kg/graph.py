"""The graph in memory: every document's entities and edges, indexed for the questions users ask.

In: the :class:`~kg.records.DocumentGraph` list the store loads, plus derived edges (cross-document
alignment). Out: a read-only :class:`Graph` — entities by id, edges in and out, organisations merged
across documents — and a networkx ``MultiDiGraph`` view built on demand. The store stays the source
of truth: a new Graph is built after every change, never edited in place.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cached_property
from typing import Iterable

from kg.records import DocumentGraph, Edge, Entity

TYPE_ORDER = {t: i for i, t in enumerate(
    ("document", "organisation", "vision", "priority", "initiative", "enabler", "metric", "risk"))}


class Graph:
    """A read-only view of everything stored."""

    def __init__(self, documents: Iterable[DocumentGraph], derived: Iterable[Edge] = ()):
        self.documents: dict[str, DocumentGraph] = {}
        self.entities: dict[str, Entity] = {}
        edges: dict[tuple[str, str, str], Edge] = {}
        organisations: dict[str, list[Entity]] = defaultdict(list)
        for graph in sorted(documents, key=lambda g: (g.document.source or "", g.document.id)):
            self.documents[graph.document.id] = graph
            for entity in graph.entities:
                if entity.type == "organisation":
                    organisations[entity.id].append(entity)
                else:
                    self.entities[entity.id] = entity
            for edge in graph.edges:
                edges.setdefault(edge.key, edge)
        for org_id, records in organisations.items():
            self.entities[org_id] = _merge_organisation(records)
        for edge in derived:
            if edge.source in self.entities and edge.target in self.entities:
                edges.setdefault(edge.key, edge)
        self.edges: list[Edge] = [e for e in edges.values() if e.source in self.entities and e.target in self.entities]
        self.out: dict[str, list[Edge]] = defaultdict(list)
        self.into: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            self.out[edge.source].append(edge)
            self.into[edge.target].append(edge)

    # ------------------------------------------------------------------ lookups
    def of_type(self, kind: str, document: str | None = None) -> list[Entity]:
        return sorted((e for e in self.entities.values()
                       if e.type == kind and (document is None or e.document == document)), key=position)

    def document_counts(self, doc_id: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for entity in self.documents[doc_id].entities:
            if entity.type != "document":
                counts[entity.type] += 1
        return dict(sorted(counts.items()))

    def document_entities(self, doc_id: str) -> set[str]:
        """Ids of everything a document states or names (its organisations included)."""
        return {e.id for e in self.documents[doc_id].entities}

    def organisation_entities(self, org_id: str) -> set[str]:
        """Ids of what an organisation publishes, owns, leads, or is recorded as owner of."""
        ids = {e.id for e in self.entities.values() if e.organisation == org_id and e.type != "document"}
        ids |= {e.target for e in self.out.get(org_id, []) if e.type in ("owns", "leads", "publishes")}
        ids |= {d.document.id for d in self.documents.values() if org_id in d.document.publishers}
        ids.add(org_id)
        return ids

    def edges_of(self, entity_id: str) -> tuple[list[Edge], list[Edge]]:
        return list(self.out.get(entity_id, [])), list(self.into.get(entity_id, []))

    @cached_property
    def networkx(self):
        """The whole graph as a networkx MultiDiGraph (built once per Graph)."""
        import networkx as nx

        view = nx.MultiDiGraph()
        for entity in self.entities.values():
            view.add_node(entity.id, type=entity.type, label=entity.label, document=entity.document)
        for edge in self.edges:
            view.add_edge(edge.source, edge.target, key=edge.type, type=edge.type, confidence=edge.confidence)
        return view


def position(entity: Entity) -> tuple:
    """Reading order: document, then line, then type."""
    first = entity.evidence[0] if entity.evidence else None
    return (entity.document or "", first.line_start if first else 0, TYPE_ORDER.get(entity.type, 9), entity.id)


def _merge_organisation(records: list[Entity]) -> Entity:
    """One organisation named by several documents: every alias and a few pieces of evidence."""
    aliases: list[str] = []
    for record in records:
        for alias in (record.label, *record.aliases):
            if alias and alias not in aliases:
                aliases.append(alias)
    evidence = tuple(ev for record in records for ev in record.evidence[:3])
    best = max(records, key=lambda r: (r.confidence, len(r.aliases)))
    return replace(best, aliases=tuple(aliases), evidence=evidence,
                   confidence=max(r.confidence for r in records))
