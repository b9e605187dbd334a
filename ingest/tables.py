"""Tables: what each column of a strategy's table holds, read from its header row.

In: a table's header cells (clean text). Out: a :class:`Columns` naming, per column, the statement
type its cells state ("priority", "initiative", "metric", "risk", "enabler"), the column that
numbers the rows, and the columns that only describe a row (baseline, target, lead, owner, date,
mitigation...), which state nothing of their own. Plans share these headers ("Measure | Baseline |
Target", "Risk | Impact | Mitigation | Owner", "Theme | Actions | Lead"); no rule here may name a
document, place or organisation. Must not import spaCy or anything from kg/ or api/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import cues

# "Area", "Focus", "Theme(s)", "Domain": the column naming what a row is about
AREA_COLUMN = re.compile(r"^(focus|areas?( of focus)?|themes?|domains?|workstreams?|programme areas?|ambitions?|pillars?)$",
                         re.IGNORECASE)
# "Measure", "KPI", "Headline indicator", "Success measure (by March 2027)", "Outcome measures"
METRIC_COLUMN = re.compile(
    r"^(?:key\s+|headline\s+|success\s+|outcome\s+|performance\s+|proposed\s+)*"
    r"(?:measures?|indicators?|metrics?|kpis?|measures? of success)\b", re.IGNORECASE)
RISK_COLUMN = re.compile(r"^(?:key\s+|main\s+)?(?:risks?|risk description|threats?)$", re.IGNORECASE)
ACTION_COLUMN = re.compile(r"^(?:key\s+|proposed\s+)?(?:actions?|initiatives?|schemes?|programmes?|projects?|"
                           r"interventions?|deliverables?|activities|what we will do)\b", re.IGNORECASE)
# Columns that describe a row without stating anything: values, people, dates, responses.
ATTRIBUTE_COLUMN = re.compile(
    r"^(?:baseline|current|now|today|target|trajectory|by|by when|when|date|deadline|due|timescales?|"
    r"timeframe|year|status|rag|progress|update|(?:executive\s+|senior\s+|accountable\s+)?leads?\b|"
    r"owners?|responsib|accountab|impact|likelihood|score|rating|mitigations?|controls?|response|"
    r"england|national|region|comparator|source|frequency|(?:ambition|aspiration|goal)s?\s+(?:for|by|in)\b|"
    r"\d{4}(?:/\d{2,4})?\b)", re.IGNORECASE)
NUMBER_COLUMN = re.compile(r"^(?:[\w-]+\s+)?(?:#|no\.?|number|ref\.?|reference|id)$", re.IGNORECASE)
# "Objectives supported", "Outcomes", "Links to priorities": cells that name priorities stated elsewhere
REFERENCE_COLUMN = re.compile(
    r"^(?:(?:objectives?|priorit(?:y|ies)|outcomes?|themes?|ambitions?|aims?|goals?)\s+(?:supported|addressed|"
    r"served|met|covered)|(?:supports?|contributes?\s+to|links?\s+to|relevant\s+to|aligned\s+to)\b.*|outcomes)$",
    re.IGNORECASE)


@dataclass
class Columns:
    """What each column of a table holds."""

    roles: dict[int, str] = field(default_factory=dict)  # column -> statement type
    number: int | None = None  # the column that numbers rows ("#", "No.", "Risk ref")
    references: int | None = None  # the column naming the priorities a row serves ("Objectives supported")
    header: tuple[str, ...] = ()  # the header's cells, to know it when a new page repeats it
    objectives: set[int] = field(default_factory=set)  # later priority-named columns ("Objective"), read as actions

    @property
    def states_anything(self) -> bool:
        return bool(self.roles)


def column_role(header: str) -> str | None:
    """The statement type a column's cells state, read from its header; None for other columns.

    >>> [column_role(h) for h in ("Measure", "Baseline 2023/24", "Risk", "Mitigation", "Theme", "Actions")]
    ['metric', None, 'risk', None, 'priority', 'initiative']
    >>> read_header(["Risk ref", "Risk", "Score"]).number, read_header(["Strategy", "Objectives supported"]).references
    (0, 1)
    >>> column_role("Success measure (by March 2027)"), column_role("Ambition for 2028")
    ('metric', None)
    """
    header = header.strip(" :*")
    if not header or ATTRIBUTE_COLUMN.match(header):
        return None
    if AREA_COLUMN.match(header):
        return "priority"
    if METRIC_COLUMN.match(header):
        return "metric"
    if RISK_COLUMN.match(header):
        return "risk"
    if ACTION_COLUMN.match(header):
        return "initiative"
    cue = cues.cue_of(header)
    return cue if cue in ("priority", "initiative", "metric", "risk", "enabler") else None


def read_header(cells: tuple[str, ...] | list[str]) -> Columns:
    """The columns a header row declares. Of several priority columns only the first names the row's
    priority ("Focus | Priorities for this year | Schemes": the later ones are its actions)."""
    columns = Columns(header=tuple(cells))
    for index, cell in enumerate(cells):
        if not cell:
            continue
        if NUMBER_COLUMN.match(cell.strip(" \\")):
            columns.number = index
            continue
        if REFERENCE_COLUMN.match(cell.strip(" :*")):
            columns.references = index
            continue
        role = column_role(cell)
        if role:
            columns.roles[index] = role
    priorities = sorted(i for i, role in columns.roles.items() if role == "priority")
    for index in priorities[1:]:
        columns.roles[index] = "initiative"
        columns.objectives.add(index)
    return columns


# a figure a data row holds: "9.4%", "£14.2m", "2,210"; a year ("2029 ambition") is a header's word
_FIGURE = re.compile(r"\d(?:\.\d+)?%|£|\b(?!(?:19|20)\d{2}\b)\d[\d,]{2,}")


def looks_like_header(cells: tuple[str, ...] | list[str]) -> bool:
    """Short labels and no figures: a header row even when no column names a statement type.

    >>> looks_like_header(["Measure", "Now", "2029 ambition"]), looks_like_header(["Vacancy rate", "9.4%", "7%"])
    (True, False)
    """
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(len(c.split()) <= 5 and not re.search(_FIGURE, c)
                                    for c in filled) and not any(c.endswith(".") for c in filled)


# A priority cell: "1. Looking after our people", "2", "All", "Urgent and emergency care"
_NUMBERED_CELL = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)[.):]?(?:\s+(?P<rest>\S.*))?$")
_EVERY_ROW = re.compile(r"^(all|every|cross[- ]cutting|overall|general|n/?a|-+)$", re.IGNORECASE)


def priority_cell(text: str) -> tuple[str | None, str]:
    """A priority cell's number and words: ("1", "Looking after our people"), ("2", ""), (None, "")
    for a cell that names every priority ("All").

    >>> priority_cell("1. Looking after our people"), priority_cell("2"), priority_cell("All")
    (('1', 'Looking after our people'), ('2', ''), (None, ''))
    """
    text = text.strip()
    if _EVERY_ROW.match(text):
        return None, ""
    numbered = _NUMBERED_CELL.match(text)
    if numbered:
        return numbered["number"], (numbered["rest"] or "").strip()
    if re.fullmatch(r"[A-H]", text):
        return text, ""  # "B": the lettered priority ("Pillar B")
    return None, text
