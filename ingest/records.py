"""Plain records that ingest produces and every later layer reads.

A loader turns bytes into a :class:`SourceText` (numbered lines); the pipeline turns that into an
:class:`ExtractedDocument` holding typed, located :class:`Statement` records, the
:class:`Link` records between them, and the :class:`Organisation` records named in the text.

These are frozen dataclasses with no behaviour beyond small derived properties, so that `kg`
can read them without importing spaCy or any other part of ingest. Line numbers are 1-based and
refer to ``SourceText.lines``; for a .txt file those are exactly the file's own lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Entity types a statement can have (organisations and documents are records of their own).
STATEMENT_TYPES = ("vision", "priority", "initiative", "enabler", "metric", "risk")

#: Link types ingest can find inside one document.
LINK_TYPES = ("serves", "supports", "measures", "part_of", "leads", "owns", "mentions", "publishes")

#: The kinds an organisation can be.
ORGANISATION_KINDS = (
    "commissioner", "local authority", "national body", "provider trust", "board or committee",
    "partnership or network", "regulator", "voluntary sector", "other",
)

#: How a record was found.
METHODS = ("structure", "rule", "ner", "embedding", "model", "curated")


@dataclass(frozen=True)
class SourceText:
    """A document's text as numbered lines, whatever format it came in."""

    source: str  # file name as ingested, e.g. "plan.pdf"
    media_type: str  # e.g. "text/plain", "application/pdf"
    sha256: str  # of the original bytes
    lines: tuple[str, ...]  # line i (1-based) is lines[i - 1]
    title: str | None = None  # a title the format itself declares (HTML <title>, docx core props)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Span:
    """Where something is stated: inclusive 1-based line range and the exact quote.

    ``quote`` is whitespace-normalised text that occurs in the normalised join of
    ``lines[line_start - 1:line_end]``.
    """

    line_start: int
    line_end: int
    quote: str


@dataclass(frozen=True)
class Statement:
    """A typed statement found in a document: a vision, priority, initiative, and so on."""

    key: str  # unique within the document, e.g. "s0042"; kg derives stable ids from content
    type: str  # one of STATEMENT_TYPES
    label: str  # short human name
    text: str  # the full statement as written, whitespace-normalised
    span: Span
    confidence: float
    method: str  # one of METHODS
    number: str | None = None  # "5.1", "3", "k" as written
    organisation: str | None = None  # key of the owning Organisation, when known
    section: str | None = None  # heading path it sits under, for context
    also: tuple[Span, ...] = ()  # further places the same statement is made (a priority restated)


@dataclass(frozen=True)
class Organisation:
    """One real organisation named in a document, with every name it was found under."""

    key: str  # canonical slug, e.g. "nhs-example-ccg"; the same body gives the same key everywhere
    name: str  # canonical display name
    kind: str  # one of ORGANISATION_KINDS
    aliases: tuple[str, ...]
    spans: tuple[Span, ...]  # where it is named
    confidence: float = 0.8
    method: str = "rule"


@dataclass(frozen=True)
class Link:
    """A relation found inside one document, with its evidence.

    ``source`` and ``target`` are Statement keys, or Organisation keys for ``leads``, ``owns``,
    ``mentions`` and ``publishes`` (whose document end is the empty string ``""``).
    """

    source: str
    target: str
    type: str  # one of LINK_TYPES
    span: Span
    confidence: float
    method: str


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything ingest found in one document."""

    source: SourceText
    title: str
    statements: tuple[Statement, ...] = ()
    links: tuple[Link, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    publishers: tuple[str, ...] = ()  # Organisation keys
    warnings: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for statement in self.statements:
            counts[statement.type] = counts.get(statement.type, 0) + 1
        if self.organisations:
            counts["organisation"] = len(self.organisations)
        return counts
