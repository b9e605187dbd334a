"""Sentences: what the section walk reads inside a line, a paragraph or a cell.

In: text. Out: the phrases that mark a sentence as a plan's purpose, an introduction to a list, a
mitigation, governance or background; quantified targets (:func:`quantified_targets`); a cell's or
a paragraph's items (:func:`split_cell`, :func:`split_sentences`); an enabler's general category
(:func:`enabler_label`). Phrases every plan shares, never the words of one document. Must not import
spaCy or anything from kg/ or api/.
"""
from __future__ import annotations

import re

from ingest.drafts import make_label

# "Our strategy is to …", "Our ambition is for …": a plan stating what it is for
STATED_PURPOSE = re.compile(r"^(?:our|the)\s+(?:overall\s+)?(?:strategy|ambition|vision|mission|purpose|aim)\s+"
                            r"(?:for\s+[\w\s]{1,40}?\s+)?(?:is|are)\s+(?:to|for|that)\b", re.IGNORECASE)
PURPOSE_WORDS = re.compile(r"\b(vision|ambition|mission|our aim is|we want (to|every|all)|we aim to|our purpose)\b",
                           re.IGNORECASE)
# the tail that makes a numbered aim a lead-in to its actions: "…, by:", "… by", "… through:"
AIM_LEADIN = re.compile(r",?\s+(?:by|through|via)\s*:?\s*$|:\s*$", re.IGNORECASE)

# "Supports: Themes 2 and 4", "Contributes to: priority 1", "Links to: …" under an enabler
SUPPORTS_LABEL = re.compile(r"^(?:supports?|supporting|contributes?\s+to|links?\s+to|relevant\s+to|"
                            r"(?:themes?|priorit(?:y|ies)|objectives?|aims?)(?:\s+supported)?)$", re.IGNORECASE)
# a sentence about a list rather than an item of it: "these risks", "depends on four enablers"
INTRODUCTION = re.compile(r"\b(?:these|the following|following|our|main|key|\d|two|three|four|five|six|seven|"
                          r"eight|nine|ten)\s+(?:[\w-]+\s+){0,2}?(?:enablers|enabling strategies|enabling plans|"
                          r"risks|measures|indicators)\b", re.IGNORECASE)
# the sections a plan closes with, after its priorities: how it will be delivered
DELIVERY_SECTION = re.compile(r"^(?:making it happen|delivering (?:the|this|our) (?:strategy|plan)|how we will deliver|"
                              r"(?:our )?delivery plan|implementation(?: plan)?|putting (?:the|this) (?:strategy|plan) "
                              r"into (?:practice|action))\b", re.IGNORECASE)
# what a sentence stating a risk says: what may fail, fall short or get worse
RISK_LANGUAGE = re.compile(r"\b(?:may|might|could|fail\w*|unable|not|insufficient|lack\w*|shortages?|pressures?|"
                           r"delay\w*|loss|risks?|threat\w*|uncertain\w*|disrupt\w*|slow\w*)\b", re.IGNORECASE)
# how a risk is managed, written under it: "→ We will …", "Mitigation: …"
MITIGATION = re.compile(r"^(?:we will|we are|we have|mitigations?\b|actions?:|controls?:|what we are doing\b|"
                        r"how we (?:will )?manage\b|response:)", re.IGNORECASE)
# who watches the list: "The Board will review these risks twice a year"
GOVERNANCE = re.compile(r"\b(?:will|to)\s+(?:review|monitor|oversee|keep)\b.{0,40}\b(?:these|the)\s+(?:risks|measures)\b|"
                        r"^(?:each|every|all)\s+(?:of\s+these\s+)?(?:risks?|measures?)\b.{0,80}\b(?:owner|register|"
                        r"reviewed|monitored|reported)\b", re.IGNORECASE)
# headings of background sections: figures there describe today, not commitments
BACKGROUND = re.compile(r"\b(why (this|it) matters|where we are|background|context|the challenge|case for change|"
                        r"what (people|residents|our people|colleagues|you) (told us|said)|what matters (to|for)|"
                        r"at a glance|case study)\b", re.IGNORECASE)
# "supports all three priorities", "runs through every ambition": what serves the whole plan
EVERY_PRIORITY = re.compile(r"\b(?:all|every|each of)\s+(?:(?:the|our|\w+)\s+){0,2}(?:priorities|priority|objectives?|"
                            r"ambitions?|themes?|pillars?)\b", re.IGNORECASE)
# a caption: "Table 1: National objectives", "Figure 3 – Life expectancy by district"
CAPTION = re.compile(r"^(?:table|figure|chart|box|graph|diagram|map)\s+\d+[a-z]?\b(?:\s*\(continued\))?\s*(?:[:.–—-]|$)",
                     re.IGNORECASE)
# a pointer to another part of the document: "See Appendix 1 for the actions that deliver these goals"
CROSS_REFERENCE = re.compile(r"^\(?see\s+(?:also\s+)?(?:appendix|annex|section|page|table|chapter|part)\b", re.IGNORECASE)
# a table's key: "Pillar: A = Attract, B = Retain, C = Develop"
LEGEND = re.compile(r"^[\w ]{1,30}:\s*(?:\S{1,4}\s*=\s*[^,;]+[,;]\s*){2,}")
# a sentence that glosses a measures list rather than stating a measure: "Year 1 is March 2026"
GLOSS = re.compile(r"^(?:year \d+|baseline|targets? (?:is|are)|data (?:is|are)|sources?|notes?|figures? (?:is|are))\b",
                   re.IGNORECASE)
# a quantified commitment: a figure with a unit and a verb of change in its base form
_FIGURE = r"(?:\d[\d,.]*\s?%|£\s?\d|\b\d{1,3}(?:,\d{3})+\b|\b\d[\d,.]*\s+(?:weeks?|days?|hours?|minutes?|months?|years?|per\s+cent|percentage\s+points?)\b|\b(?:zero|no\s+\w+\s+(?:waits?|more\s+than)))"
_CHANGE = (r"\b(?:improve|reduce|increase|eliminate|meet|achieve|deliver|treat|diagnose|cut|halve|double|raise|"
           r"lower|maintain|sustain|reach|provide|recover|return|see|seen|offer|complete|expand|grow)\b")
_TARGET = re.compile(_FIGURE, re.IGNORECASE)
_CHANGE_RE = re.compile(_CHANGE, re.IGNORECASE)
# where one sentence states two targets: "…within 4 hours, and to improve category 2 response times…"
_TARGET_SPLIT = re.compile(r"(?:,\s*|\s+)and\s+(?:to\s+)?(?=" + _CHANGE + r")|,\s+to\s+(?=" + _CHANGE + r")|;\s+",
                           re.IGNORECASE)


def quantified_targets(raw: str) -> list[str]:
    """The quantified commitments of a paragraph, each as written.

    >>> quantified_targets("Demand rose by 9%. We will reduce agency spend by 30% and reduce bank use by 10%.")
    ['We will reduce agency spend by 30%', 'reduce bank use by 10%']
    """
    found: list[str] = []
    for sentence in re.split(r"(?<=[a-z0-9%)])\.\s+(?=[A-Z])", raw):
        for part in _TARGET_SPLIT.split(sentence):
            part = part.strip(" .;,")
            if len(part.split()) >= 4 and _TARGET.search(part) and _CHANGE_RE.search(part):
                found.append(part)
    return found


# a run-on cell: "… a hub Eastvale and Westvale are piloting …" starts a new item at its new subject
_RUN_ON = re.compile(r"(?<=[a-z0-9)])(?<! and)(?<! or)\s+(?=[A-Z][\w'’]+(?:\s+and\s+[A-Z][\w'’]+)?\s+(?:are|is|has|have|will|was)\s)")
_CELL_BULLET = re.compile(r"\s*[•\uf0b7\uf0a7●▪■]\s*")
# a case-study box: "Riverside's Healthy Homes Scheme", "Northfield's Wellbeing Hub"
CASE_STUDY = re.compile(r"^[A-Z][\w-]+['’]s\s+(?:[A-Z][\w&-]*\s*){1,6}$")


def split_cell(raw: str) -> list[str]:
    """A table cell's items: PDF tables put several bulleted items in one cell.

    >>> split_cell("Prevention • Develop incentives • Extend screening")
    ['Prevention', 'Develop incentives', 'Extend screening']
    >>> split_cell("Northfield is opening a hub Eastvale and Westvale are piloting texts")
    ['Northfield is opening a hub', 'Eastvale and Westvale are piloting texts']
    """
    parts = [p.strip(" -") for p in _CELL_BULLET.split(raw)]
    parts = [clause.strip() for part in parts for clause in _RUN_ON.split(part)]
    return [p for p in parts if p] or [raw.strip()]


_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)])[.;]\s+(?=[A-Z])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, each with at least three words.

    >>> split_sentences("Fewer falls. Shorter waits for all patients. OK.")
    ['Fewer falls', 'Shorter waits for all patients. OK.']
    """
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and len(part.split()) < 3:
            merged[-1] = f"{merged[-1]}. {part}"
        else:
            merged.append(part)
    return merged


_ENABLER_CATEGORIES = (
    ("workforce", r"workforce|staff|skills?|training|recruit"),
    ("digital and information technology", r"technolog|digital|\bit\b|information systems?|records?|connect"),
    ("estates", r"estates?|buildings?|premises|infrastructure"),
    ("communication and engagement", r"communicat|engag|public"),
    ("commissioning and contracting", r"commissioning|procurement|contract"),
    ("finance", r"financ|funding|budget|payment"),
    ("leadership and governance", r"leadership|governance|programme support"),
)


def enabler_label(text: str) -> str:
    """The category an enabling action builds, named in general terms."""
    lowered = text.lower()
    for name, pattern in _ENABLER_CATEGORIES:
        if re.search(pattern, lowered):
            return f"{name.capitalize()}: {make_label(text, 8)}"
    return make_label(text, 8)
