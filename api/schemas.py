"""Request and response schemas, declared once: they validate requests and describe the OpenAPI.

Each query or body model is a pydantic model; :func:`parse` turns a request's arguments into one
(raising :class:`BadInput` with a message that says what to fix), and `api.openapi` reads the same
models to describe parameters and bodies. Response models document the answers' shapes.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

EntityType = Literal["organisation", "document", "vision", "priority", "initiative", "enabler", "metric", "risk"]
ExportFormat = Literal["graphml", "gexf", "turtle", "jsonld", "ntriples", "csv", "cytoscape"]


class BadInput(Exception):
    """A request's parameters or body do not fit its schema."""

    code = "bad_request"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Query(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class EntitiesQuery(Query):
    type: EntityType | None = Field(None, description="Only entities of this type.")
    document: str | None = Field(None, description="A document id, source file name or sha256.")
    organisation: str | None = Field(None, description="An organisation id or any of its names.")
    q: str | None = Field(None, description="Words that must occur in the label, text or aliases.")
    limit: int = Field(50, ge=1, le=1000, description="Page size, 1 to 1000.")
    offset: int = Field(0, ge=0, description="How many to skip.")


class InitiativesQuery(Query):
    serves: str = Field(..., min_length=1, description="The priority to ask about, e.g. 'mental health'.")
    limit: int = Field(30, ge=1, le=500, description="How many initiatives, 1 to 500.")


class AlignmentQuery(Query):
    source: str = Field(..., min_length=1, description="Source document (id, file name or sha256).")
    target: str = Field(..., min_length=1, description="Target document (id, file name or sha256).")


class GapsQuery(Query):
    document: str | None = Field(None, description="Only this document's gaps.")


class SearchQuery(Query):
    q: str = Field(..., min_length=1, description="What to look for, in any words.")
    type: EntityType | None = Field(None, description="Only entities of this type.")
    limit: int = Field(20, ge=1, le=500, description="How many results, 1 to 500.")


class ExportQuery(Query):
    format: ExportFormat = Field(..., description="graphml, gexf, turtle, jsonld, ntriples, csv or cytoscape.")
    type: EntityType | None = Field(None, description="Only entities of this type.")
    document: str | None = Field(None, description="Only what this document states.")
    organisation: str | None = Field(None, description="Only what this organisation publishes, owns or leads.")


class SparqlQuery(Query):
    query: str = Field(..., min_length=1, description="A SPARQL 1.1 query (read-only).")


class TextDocument(BaseModel):
    """A document sent as JSON text instead of a file."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=255, description="A file name; its extension gives the format.")
    text: str = Field(..., min_length=1, description="The document's text.")


class CheckRequest(BaseModel):
    """A draft to check against a stored document; nothing is stored."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, description="The draft's text (Markdown or plain text).")
    target: str = Field(..., min_length=1, description="The stored document to check against.")
    name: str = Field("draft.md", max_length=255, description="A file name for the draft; its extension gives the format.")


# ---------------------------------------------------------------------------- responses
class Evidence(BaseModel):
    document: str
    line_start: int
    line_end: int
    quote: str


class Entity(BaseModel):
    id: str
    type: EntityType
    label: str
    text: str
    document: str | None
    organisation: str | None
    number: str | None
    confidence: float
    method: Literal["structure", "rule", "ner", "embedding", "curated"]
    evidence: list[Evidence]


class Edge(BaseModel):
    source: str
    target: str
    type: str
    confidence: float
    method: str
    evidence: list[Evidence]


class Health(BaseModel):
    status: Literal["ok"]
    documents: int
    nodes: int
    edges: int


class Items(BaseModel):
    items: list[dict[str, Any]]


class Page(BaseModel):
    items: list[Entity]
    total: int


class EntityWithEdges(Entity):
    edges: dict[str, list[Edge]]


class PriorityInitiatives(BaseModel):
    priority: Entity
    items: list[dict[str, Any]]


class Initiatives(BaseModel):
    query: str
    priorities: list[dict[str, Any]]
    items: list[dict[str, Any]]


class Alignment(BaseModel):
    source: str
    target: str
    pairs: list[dict[str, Any]]
    coverage: dict[str, float]
    unaligned_source: list[Entity]
    uncovered_target: list[Entity]


class Gaps(BaseModel):
    priorities_without_initiatives: list[Entity]
    priorities_without_metrics: list[Entity]
    initiatives_without_priority: list[Entity]


class ErrorBody(BaseModel):
    code: str
    message: str


class Error(BaseModel):
    error: ErrorBody


def parse(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """Validate ``data`` against ``model``.

    Raises
    ------
    BadInput
        Naming each field that is wrong and what it should be.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        for issue in error.errors():
            field = ".".join(str(part) for part in issue["loc"]) or "body"
            problems.append(f"{field}: {issue['msg'].lower()}")
        raise BadInput("; ".join(problems)) from None
