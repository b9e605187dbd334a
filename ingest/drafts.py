"""Drafts: the statements a section walk builds, and the word-level helpers that name and compare them.

In: text. Out: :class:`Draft` (a statement being built), :class:`Heading` (a section heading on
the walk's stack), :class:`Findings` (what a walk found), and :func:`tokens`, :func:`similar`,
:func:`make_label`. Pure data and string functions; must not import spaCy or anything from kg/
or api/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.blocks import Block
from ingest.records import Link, Span

TITLE_LEVEL = 20  # unnumbered short title lines: the lowest level, siblings replace each other
PRIORITY_HEADING_LEVEL = 15  # "Objective One": titles after it nest inside it

_STOP = frozenset("a an and the of for to in on with our by at as from into is are be we will its their "
                  "this that all s section".split())


@dataclass
class Draft:
    """A statement being built; turned into an ingest Statement by the pipeline."""

    key: str
    type: str
    label: str
    text: str
    spans: list[Span]
    confidence: float
    method: str = "structure"
    number: str | None = None
    section: str | None = None


@dataclass
class Heading:
    level: int
    text: str
    cue: str | None
    block: Block
    priority: str | None = None  # key of the priority this heading states
    number: str | None = None


@dataclass
class Findings:
    statements: list[Draft] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # list items no cue typed (none under a priority's heading): :mod:`ingest.actions` reads their verbs
    untyped: list[Block] = field(default_factory=list)


def tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in _STOP}


def similar(a: str, b: str) -> float:
    """Overlap of content words: 1.0 when one label's words contain the other's."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb)) if min(len(ta), len(tb)) >= 2 else float(ta == tb)


def make_label(text: str, limit: int = 12) -> str:
    """A short name: the title before " – " or ":" when there is one, else the first words."""
    text = re.sub(r"\(section [\d.]+\)", "", text, flags=re.IGNORECASE).strip()
    for separator in (" – ", " - ", ": ", " — "):
        head = text.split(separator, 1)[0].strip()
        if head != text and 1 <= len(head.split()) <= 8:
            return head.rstrip(" .,;:")
    words = text.split()
    label = " ".join(words[:limit])
    sentence_end = re.search(r"[.;](\s|$)", label)
    if sentence_end and sentence_end.start() > 15:
        label = label[: sentence_end.start()]
    return label.rstrip(" .,;:") + ("…" if len(words) > limit and not sentence_end else "")
