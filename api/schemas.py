"""Request and response schemas, declared once: they validate requests and describe the OpenAPI.

In: a request's query string, JSON body, form fields or raw body. Out: a validated pydantic model,
or :class:`BadInput` whose message names each wrong field, what it should be and what was sent.
:mod:`api.openapi` reads the same models to describe parameters, bodies and answers, so the
documentation cannot drift from the validation. Response models describe the answers; the
views do not validate their output against them at run time (the tests do).

Enumerations come from :mod:`kg` (entity types, export formats) so there is one list of each.
Must not import flask views or call the knowledge base; raises :class:`BadInput` only.
"""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema

from kg.export import FORMATS
from kg.records import EDGE_TYPES, ENTITY_TYPES

EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]  # the one list lives in kg.records
EdgeType = Literal[EDGE_TYPES]  # type: ignore[valid-type]
ExportFormat = Literal[tuple(FORMATS)]  # type: ignore[valid-type]  # the one list lives in kg.export


class BadInput(Exception):
    """A request's parameters or body do not fit its schema.

    Parameters
    ----------
    message
        What was wrong and how to fix it.
    code
        The stable error code (``bad_request`` unless the schema names another for the field).
    """

    def __init__(self, message: str, code: str = "bad_request"):
        super().__init__(message)
        self.message = message
        self.code = code


class RequestModel(BaseModel):
    """Base of every request model.

    ``field_errors`` maps a field to the error code (and optionally the message) a failure on it
    answers with, when ``bad_request`` would say less than the contract's code does.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    field_errors: ClassVar[dict[str, tuple[str, str | None]]] = {}


# ---------------------------------------------------------------------------- path parameters
#: What each path parameter of the route table is (always a string).
PATH_PARAMETERS: dict[str, str] = {
    "document_id": "A document's id, source file name or sha256.",
    "entity_id": "An entity's id, as answered by /api/v1/entities or /api/v1/search.",
    "priority_id": "A priority's id.",
    "filename": "A file of the web page.",
}


# ---------------------------------------------------------------------------- query strings
class EntitiesQuery(RequestModel):
    type: EntityType | None = Field(None, description="Only entities of this type.")
    document: str | None = Field(
        None, description="Only what this document states: its id, source file name or sha256.")
    organisation: str | None = Field(
        None, description="Only entities of this organisation: its id or any of its names.")
    q: str | None = Field(None, description="Words that must occur in the label, text or aliases.")
    limit: int = Field(50, ge=1, le=1000, description="Page size, 1 to 1000.")
    offset: int = Field(0, ge=0, description="How many entities to skip, 0 or more.")


class LinesQuery(RequestModel):
    start: int = Field(1, ge=1, description="First line to answer (1-based).")
    end: int | None = Field(None, ge=1, description="Last line to answer (inclusive); default the last line.")


class InitiativesQuery(RequestModel):
    serves: str = Field(
        ..., min_length=1, description="The priority to ask about, in any words, e.g. 'mental health'.")
    limit: int = Field(30, ge=1, le=500, description="How many initiatives to answer, 1 to 500.")


class AlignmentQuery(RequestModel):
    source: str = Field(..., min_length=1, description="Source document: its id, source file name or sha256.")
    target: str = Field(..., min_length=1, description="Target document: its id, source file name or sha256.")


class GapsQuery(RequestModel):
    document: str | None = Field(
        None, description="Only this document's gaps (id, file name or sha256); default all.")


class SearchQuery(RequestModel):
    q: str = Field(..., min_length=1, description="What to look for, in any words.")
    type: EntityType | None = Field(None, description="Only entities of this type.")
    limit: int = Field(20, ge=1, le=500, description="How many results, 1 to 500.")


class ExportQuery(RequestModel):
    field_errors = {"format": ("bad_format", None)}

    format: ExportFormat = Field(
        ..., description="One of: " + ", ".join(FORMATS) + " (csv is a zip of nodes.csv and edges.csv).")
    type: EntityType | None = Field(
        None, description="Only entities of this type (with the documents and organisations around them).")
    document: str | None = Field(
        None, description="Only what this document states (id, file name or sha256).")
    organisation: str | None = Field(
        None, description="Only what this organisation publishes, owns or leads.")


_READ_ONLY = "this SPARQL endpoint is read-only; SPARQL Update requests are refused"


class SparqlRequest(RequestModel):
    """A SPARQL 1.1 Protocol query: ``?query=``, a form field, or an ``application/sparql-query`` body."""

    field_errors = {"update": ("read_only", _READ_ONLY)}

    query: str = Field(
        ..., min_length=1, description="A SPARQL 1.1 query: SELECT, ASK, CONSTRUCT or DESCRIBE.")
    # Declared so that it is documented, and typed None so that any value fails as read_only.
    update: Annotated[None, WithJsonSchema({"type": "string"})] = Field(
        None, description="Refused: the endpoint is read-only (answers 400 read_only).")


# ---------------------------------------------------------------------------- bodies
class UploadedDocument(RequestModel):
    """A document to read, with a file name whose extension gives its format."""

    name: str

    def content(self) -> bytes:
        """The document's bytes."""
        raise NotImplementedError


class TextDocument(UploadedDocument):
    """A document sent as JSON text instead of a file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)
    name: str = Field(..., min_length=1, max_length=255,
                      description="A file name; its extension (.txt, .md, .html) gives the format.")
    text: str = Field(..., description="The document's text.")

    def content(self) -> bytes:
        return self.text.encode("utf-8")


class FileDocument(UploadedDocument):
    """A document sent as a multipart file."""

    file: bytes = Field(..., description="The document: .txt, .md, .html, .pdf or .docx.")
    # filled from the uploaded file's own name when the form does not give one
    name: str | None = Field(None, min_length=1, max_length=255,
                             description="File name to use instead of the uploaded file's own name.")

    def content(self) -> bytes:
        return self.file


class DraftText(TextDocument):
    """A draft sent as JSON text, to check against a stored document; nothing is stored."""

    name: str = Field("draft.md", min_length=1, max_length=255,
                      description="A file name for the draft; its extension gives the format.")
    text: str = Field(..., description="The draft's text (Markdown or plain text).")
    target: str = Field(
        ..., min_length=1, description="The stored document to check against (id, file name or sha256).")


class DraftFile(FileDocument):
    """A draft sent as a multipart file, to check against a stored document; nothing is stored."""

    target: str = Field(
        ..., min_length=1, description="The stored document to check against (id, file name or sha256).")


# ---------------------------------------------------------------------------- answers
class Answer(BaseModel):
    # the contract welcomes more fields than it names
    model_config = ConfigDict(extra="allow")


class Evidence(Answer):
    document: str = Field(..., description="Id of the document that states it.")
    line_start: int = Field(..., ge=1, description="First line, 1-based.")
    line_end: int = Field(..., ge=1, description="Last line, inclusive.")
    quote: str = Field(..., description="The exact text of those lines that says it.")


class Entity(Answer):
    id: str = Field(..., description="Stable id: the same after re-ingesting the same bytes.")
    type: EntityType
    label: str = Field(..., description="Short human name.")
    text: str = Field(..., description="The full statement as written, whitespace-normalised.")
    document: str | None = Field(..., description="Document it was stated in (null for organisations).")
    organisation: str | None = Field(..., description="Organisation that owns it, when known.")
    number: str | None = Field(..., description="Its number or letter as written ('5.1', '3', 'k').")
    confidence: float = Field(..., ge=0, le=1)
    method: str = Field(..., description="structure, rule, ner, embedding, model (the learned reader) or curated.")
    evidence: list[Evidence]
    aliases: list[str] | None = Field(None, description="Organisations only: every name it was found under.")
    kind: str | None = Field(None, description="Organisations only: commissioner, local authority, ...")


class Document(Entity):
    source: str | None = Field(..., description="File name as ingested.")
    sha256: str = Field(..., description="SHA-256 of its bytes.")
    title: str | None
    publishers: list[str] = Field(..., description="Ids of the organisations that publish it.")
    counts: dict[str, int] = Field(..., description="Entities it states, per type.")


class Edge(Answer):
    source: str
    target: str
    type: EdgeType
    confidence: float = Field(..., ge=0, le=1)
    method: str
    evidence: list[Evidence]


class Mirror(Answer):
    url: str = Field(description="The Graph Store endpoint the graph is copied to (KG_SPARQL_URL).")
    error: str | None = Field(description="Why the last copy failed; null when it succeeded.")


class Reader(BaseModel):
    name: Literal["rules", "model"] = Field(..., description="How documents are read (KG_READER).")
    version: str | None = Field(None, description="The trained reader's version (model only).")
    trained_on: int | None = Field(None, description="How many labelled documents it was trained on.")


class Health(Answer):
    status: Literal["ok"]
    reader: Reader | None = None
    documents: int
    nodes: int
    edges: int
    mirror: Mirror | None = Field(None, description="Present when KG_SPARQL_URL is set.")


class Documents(Answer):
    items: list[Document]


class EntityPage(Answer):
    items: list[Entity]
    total: int = Field(..., description="How many match the filters, across all pages.")


class Lines(Answer):
    document: str
    lines: list[dict[str, Any]] = Field(..., description="[{number, text}] in order.")


class Edges(Answer):
    out: list[Edge]
    # "in" is a Python keyword, hence the alias
    in_: list[Edge] = Field(..., alias="in")


class EntityWithEdges(Entity):
    edges: Edges


class ServingInitiative(Answer):
    initiative: Entity
    score: float
    via: Literal["direct", "enabler", "alignment"]
    path: list[Edge] = Field(
        ..., description="The edges from the initiative to the priority, with their evidence.")


class PriorityInitiatives(Answer):
    priority: Entity
    items: list[ServingInitiative] = Field(..., description="Best first.")


class ScoredPriority(Answer):
    priority: Entity
    score: float


class AnsweringInitiative(Answer):
    initiative: Entity
    score: float
    priority: str | None = Field(..., description="Id of the priority it serves, when known.")


class Initiatives(Answer):
    query: str
    priorities: list[ScoredPriority]
    items: list[AnsweringInitiative] = Field(..., description="Best first.")


class AlignedPair(Answer):
    source_priority: Entity
    target_priority: Entity
    score: float
    verdict: Literal["aligned", "partial", "none"]
    evidence: list[Evidence]


class Coverage(Answer):
    source_aligned: float = Field(
        ..., description="Share of source priorities aligned with some target priority.")
    target_covered: float = Field(..., description="Share of target priorities some source priority covers.")


class Alignment(Answer):
    source: str
    target: str
    pairs: list[AlignedPair] = Field(..., description="Every source x target priority pair, best first.")
    coverage: Coverage
    unaligned_source: list[Entity]
    uncovered_target: list[Entity]


class Gaps(Answer):
    priorities_without_initiatives: list[Entity]
    priorities_without_metrics: list[Entity]
    initiatives_without_priority: list[Entity]


class SearchHit(Answer):
    entity: Entity
    score: float


class SearchResults(Answer):
    items: list[SearchHit]


class ErrorBody(BaseModel):
    code: str = Field(..., description="A short stable code, e.g. unknown_entity.")
    message: str = Field(..., description="What was wrong and how to fix it.")


class Error(BaseModel):
    """Every error answers this shape, with a 4xx status (500 only for a defect)."""

    error: ErrorBody


# ---------------------------------------------------------------------------- parsing
def parse(model: type[RequestModel], data: Mapping[str, Any]) -> Any:
    """Validate ``data`` against ``model``; empty strings count as absent (HTML forms send them).

    Raises
    ------
    BadInput
        Naming each field that is wrong, what it should be and what was sent; its code is
        ``bad_request`` unless the model's ``field_errors`` names another for the field.
    """
    present = {key: value for key, value in data.items() if value != "" and value is not None}
    try:
        return model.model_validate(present)
    except ValidationError as error:
        problems = []
        for issue in error.errors():
            field = ".".join(str(part) for part in issue["loc"]) or "body"
            if field in model.field_errors:
                code, message = model.field_errors[field]
                raise BadInput(message or _problem(model, field, issue), code) from None
            problems.append(_problem(model, field, issue))
        raise BadInput("; ".join(problems)) from None


def _problem(model: type[RequestModel], field: str, issue: dict) -> str:
    message = f"{field}: {issue['msg'][0].lower()}{issue['msg'][1:]}"
    if issue["type"] == "missing":
        declared = model.model_fields.get(field)
        what = f" ({declared.description[0].lower()}{declared.description[1:].rstrip('.')})" \
            if declared is not None and declared.description else ""
        return f"{field}: this is required{what}"
    given = issue.get("input")
    if isinstance(given, (str, int, float)):
        shown = given if len(str(given)) <= 60 else f"{str(given)[:57]}..."
        message += f" (got {shown!r})"
    return message
