"""The graph's records: entities, edges and their evidence, shaped as the API contract answers them.

`kg.build` makes these from ingest's records; `kg.store` keeps them as RDF and reads them back;
every query answers them. ``to_dict`` gives the contract's JSON shape. Nothing here does I/O.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("organisation", "document", "vision", "priority", "initiative", "enabler", "metric", "risk")
EDGE_TYPES = ("publishes", "states", "owns", "serves", "supports", "measures", "leads", "part_of",
              "aligns_with", "mentions")


@dataclass(frozen=True)
class Evidence:
    """Where a record is stated: document id, inclusive 1-based lines and the exact quote."""

    document: str
    line_start: int
    line_end: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Entity:
    """A node of the graph. Organisation and document fields are empty on other types."""

    id: str
    type: str
    label: str
    text: str
    document: str | None
    organisation: str | None
    number: str | None
    confidence: float
    method: str
    evidence: tuple[Evidence, ...] = ()
    section: str | None = None
    # organisation only
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    # document only
    source: str | None = None
    sha256: str | None = None
    title: str | None = None
    publishers: tuple[str, ...] = ()
    media_type: str | None = None
    ingested_at: str | None = None

    def to_dict(self, counts: dict[str, int] | None = None) -> dict[str, Any]:
        """The contract's JSON shape; type-specific fields only on their type."""
        data: dict[str, Any] = {
            "id": self.id, "type": self.type, "label": self.label, "text": self.text,
            "document": self.document, "organisation": self.organisation, "number": self.number,
            "confidence": round(self.confidence, 3), "method": self.method,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.section:
            data["section"] = self.section
        if self.type == "organisation":
            data["aliases"] = list(self.aliases)
            data["kind"] = self.kind
        if self.type == "document":
            data.update(source=self.source, sha256=self.sha256, title=self.title,
                        publishers=list(self.publishers), media_type=self.media_type,
                        ingested_at=self.ingested_at, counts=dict(counts or {}))
        return data


@dataclass(frozen=True)
class Edge:
    """A typed, evidenced relation between two entities."""

    source: str
    target: str
    type: str
    confidence: float
    method: str
    evidence: tuple[Evidence, ...] = ()
    score: float | None = None  # aligns_with only: similarity score
    verdict: str | None = None  # aligns_with only: aligned | partial | none

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source, "target": self.target, "type": self.type,
            "confidence": round(self.confidence, 3), "method": self.method,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.score is not None:
            data["score"] = round(self.score, 4)
        if self.verdict is not None:
            data["verdict"] = self.verdict
        return data


@dataclass
class DocumentGraph:
    """Everything one document contributes to the graph: its record, entities and edges.

    Organisations appear here too; the same organisation id in two documents is one node whose
    aliases and evidence are merged when the graph is assembled.
    """

    document: Entity
    entities: list[Entity] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    text_lines: tuple[str, ...] = ()
