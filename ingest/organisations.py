"""Organisations: the bodies a document names, who publishes it, whose section each line is, who leads what.

In: a :class:`~ingest.records.SourceText` (and, for :func:`find_leads`, the
:class:`~ingest.records.Statement` records found in it). Out: :class:`OrganisationFindings` —
one :class:`~ingest.records.Organisation` per real body, with every name it was found under and
where, and the keys of the document's publishers — and the ``owns`` sections, ``leads`` and
``mentions`` :class:`~ingest.records.Link` records built on them.

Recognition (:mod:`ingest.org_patterns`) rests on the shapes public-sector bodies take in English,
a small curated table of England's national health bodies and spaCy's NER as support; resolution
(:mod:`ingest.org_resolve`) gives the same body the same key in every document. No rule names a
local body of any particular document. Must not import anything from kg/ or api/. Raises
:class:`ingest.nlp.ModelUnavailable` when NER is asked for and the spaCy model is not installed;
nothing else, whatever the text.

>>> from ingest.records import SourceText
>>> text = SourceText("p.txt", "text/plain", "0", ("Riverside Borough Council (RBC) and NHS Riverside CCG",))
>>> findings = find_organisations(text, use_ner=False)
>>> [(o.key, o.kind) for o in findings.organisations]
[('riverside-council', 'local authority'), ('nhs-riverside-ccg', 'commissioner')]
>>> findings.alias_index["rbc"]
'riverside-council'
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

from ingest.org_patterns import CONNECTORS, JoinedText, Mention, find_mentions, known_places, normalise, slug
from ingest.org_resolve import capital_twins, defined_abbreviations, resolve, short_names
from ingest.records import Link, Organisation, SourceText, Span, Statement

__all__ = ["OrganisationFindings", "find_organisations", "owners_by_line", "find_leads", "mentions",
           "normalise"]

TITLE_PAGE_LINES = 15  # how many non-empty lines the title page may have (converted covers are sparse)
SECTION_MAX_LINES = 80  # a plan on a page is a page: a section never runs longer than this


@dataclass(frozen=True)
class OrganisationFindings:
    """The organisations of one document and who publishes it."""

    organisations: tuple[Organisation, ...]  # one per real organisation, with aliases and spans
    publishers: tuple[str, ...]  # keys of the organisations that publish the document
    alias_index: Mapping[str, str] = field(default_factory=dict)  # normalised alias -> key

    def key_of(self, name: str) -> str | None:
        """The key of the organisation a name stands for in this document, if any."""
        name = re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE)
        bare = re.sub(r"['’]s\b", "", name)  # "X CCG's" is X CCG
        return self.alias_index.get(normalise(name)) or self.alias_index.get(normalise(bare))


def find_organisations(source: SourceText, *, use_ner: bool = True) -> OrganisationFindings:
    """Every organisation the document names, resolved to one record each, and its publishers.

    Parameters
    ----------
    source
        The document's numbered lines.
    use_ner
        Add spaCy's ORG entities that no shape rule covers (loads the model once per process).

    Returns
    -------
    OrganisationFindings
        Records in order of first naming; ``publishers`` from the title page, signatories,
        "X's vision is …", "X and Y joint commissioning intentions", "published by X", a "Who we
        are" section, and the collaboration of a multi-organisation plan. A list after "published
        by" or "a joint plan of" ends at the first words that are not another name ("X and Y, the
        partnership of Z" names X and Y); such a statement outweighs a partner's logo on the cover,
        and a title-page body after "Review:" or "approved by" oversees the document, not publishes it.

    Raises
    ------
    ingest.nlp.ModelUnavailable
        When ``use_ner`` is true and the spaCy model package is not installed.
    """
    doc = JoinedText(source)
    found = find_mentions(doc)
    found += defined_abbreviations(doc, found)
    found += short_names(doc, found)
    if use_ner and source.lines:
        found += _ner_mentions(doc, found)
    found += capital_twins(doc, found)
    organisations = resolve(doc, found)
    alias_index: dict[str, str] = {}
    for org in organisations:
        for alias in (org.name, *org.aliases):
            alias_index.setdefault(normalise(alias), org.key)
    partial = OrganisationFindings(tuple(organisations), (), MappingProxyType(alias_index))
    publishers = _publishers(doc, organisations, owners_by_line(source, partial))
    return OrganisationFindings(tuple(organisations), publishers, MappingProxyType(alias_index))


# ---------------------------------------------------------------------------------------- NER support
# Words that make an NER "organisation" a document, programme, place or topic instead.
_NOT_ORG = re.compile(
    r"\b(?:strategy|strategies|plan|plans|programme|programmes|program|fund|funding|framework|report|act|"
    r"assessment|standards?|statement|constitution|services?|pathways?|model|scheme|policy|guidance|review|"
    r"summit|week|day|agm|dashboard|scorecard|covenant|protocol|contract|pilot|project|test|record|vision|"
    r"criteria|"
    r"enablers?|objectives?|priority|priorities|aims?|challenge|team|teams|centres?|centers?|clinic|surgery|"
    r"practices?|hospital|ward|house|road|street|park|lane|estate|intentions|commissioning|care|tariff|"
    r"index|survey|census|awards?|bill|budget|budgets|appendix|annex|section|chapter|table|figure|"
    r"academy|academies|hub|hubs|initiative|campaign|charter|toolkit|approach|offer|challenge|pledge)\b",
    re.IGNORECASE)
# A lower-case word after a name that makes it the name of a document, programme or method:
# "our own *X Fairer Health* framework", "the X Way programme".
_NAMES_A_THING = re.compile(r"[*_'’\"”)\]]*\s+(?:framework|programme|program|strategy|plan|approach|"
                            r"model|"
                            r"scheme|initiative|campaign|fund|project|pilot|standard|toolkit|charter|pathway|"
                            r"policy|methodology|principles|brand|website|app|award|course|curriculum)\b")
_RULE_SHAPED = re.compile(
    r"\b(?:NHS|Boards?|Committees?|Groups?|Partnerships?|Networks?|Trusts?|Councils?|CCGs?|Commissioning|"
    r"Healthwatch|Authority|Authorities|Commission|Unit|Alliance|Federations?|Forum|Partners|Collaborative|"
    r"Agency|Association|Society|Institute|Foundation|College|Office|Department|Boroughs?|Wellbeing)\b")
_MONTHS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                     r"December)\b")
# Last words that make a capitalised name a body even without a known place in it.
_BODY_HEADS = frozenset("Homes Housing UK Charity Charities Limited Ltd LLP Plc PLC CIC Hospice Advice "
                        "Police Constabulary Brigade Mind University Universities".split())


def _ner_mentions(doc: JoinedText, known: list[Mention]) -> list[Mention]:
    """spaCy's ORG entities that the shape rules missed, filtered to likely bodies.

    Kept only when the name has two to six capitalised words, opens with a place this document
    names another body after ("Riverside Homes") or ends in a word such bodies end in ("UK",
    "Charity", "Housing"), and has nothing of a document, programme, premises, date or topic
    about it; a heading or a label ("Commissioning Vision:") is not a body, and the shapes the
    rules read ("… Board", "NHS …") are left to the rules.

    Raises
    ------
    ingest.nlp.ModelUnavailable
        When the spaCy model package is not installed.
    """
    from ingest.nlp import entities

    paragraphs = [(doc.starts[i], line) for i, line in enumerate(doc.lines) if line.strip()]
    places = known_places(known)
    covered = bytearray(len(doc.text) + 1)  # characters the rules already read
    for mention in known:
        covered[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
    headings = {normalise(line) for line in doc.lines if 0 < len(line.split()) <= 8}
    extra: list[Mention] = []
    for (base, line), spans in zip(paragraphs, entities([p for _, p in paragraphs])):
        for start, end, raw in spans:
            cleaned = re.sub(r"^(?:the|The)\s+", "", raw)
            cleaned = re.sub(r"(?:['’]s|[\d\u00b2\u00b3\u00b9\u2070-\u209f*#_.,;:'’\s])+$", "", cleaned)
            if not cleaned:
                continue
            start = base + start + raw.index(cleaned)
            end = start + len(cleaned)
            name = " ".join(cleaned.split())
            words = name.split()
            if not 2 <= len(words) <= 6 or words[-1] in CONNECTORS or \
                    re.search(r"[\d:*|/()\[\]\u00b2\u00b3\u00b9]", name):
                continue
            if not all(w[0].isupper() or w in CONNECTORS for w in words) or _NOT_ORG.search(name):
                continue
            if _RULE_SHAPED.search(name) or _MONTHS.search(name) or re.search(r"[a-z](?:ed|ing)$", words[-1]):
                continue  # the shape rules decide those; a date or a participle ends no body's name
            named_for = [place for place in places if f" {place} " in f" {normalise(name)} "]
            if normalise(name) in places or len(named_for) > 1 or not (named_for or words[-1] in _BODY_HEADS):
                continue  # "First Time": ordinary words in capitals; a place; a table header of places
            label = start - base <= 2 and re.match(rf"\s*{re.escape(cleaned)}\s*[:\u2013\u2014-]",
                                                    line[start - base:])
            if normalise(name) in headings or label or any(covered[start:end]):
                continue  # a heading or a label is not a body; what the rules read they decide
            if _NAMES_A_THING.match(doc.text, end, min(len(doc.text), end + 40)):
                continue  # "the X Fairer Health framework": a programme's name, not a body's
            extra.append(Mention(slug(name), name, "other", start, end, method="ner", confidence=0.55))
    return extra


# ---------------------------------------------------------------------------------------- publishers
# "Update for X Committee", "X Board update": X is who the document is for, not who publishes it.
_AUDIENCE = re.compile(r"\b(?:update|report|paper|presentation|briefing|submission|response|letter)\s+"
                       r"(?:for|to)\b|\b(?:for|to)\s*$|\b(?:update|report|paper|briefing)\s*$", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:chair|chairman|chairperson|chief|director|officer|executive|leader|cabinet|"
                   r"councillor|cllr|mayor|head|lead|president|secretary|member|manager|portfolio)\b",
                   re.IGNORECASE)
_TOC_ROW = re.compile(r"(?:\t|\.{3,}|\s{3,})\s*\d{1,3}\s*$")
_DOCUMENT = (r"(?:this|the|our)\s+(?:document|strategy|plan|report|paper|appendix|framework|"
             r"commissioning\s+intentions)")
_BY = re.compile(rf"\b{_DOCUMENT}\b[^.]{{0,160}}?\b(?:published|produced|prepared|developed|written|agreed|"
                 rf"commissioned|owned)\s+(?:jointly\s+)?by\b|\bon\s+behalf\s+of\b"
                 rf"|^[ \t*#-]*(?:published|produced|prepared|written)\s+(?:jointly\s+)?by\b"
                 rf"|^[ \t*#-]*publisher\s*:",
                 re.IGNORECASE | re.MULTILINE)
_JOINT = re.compile(r"\b(?:joint|shared)\s+(?:commissioning\s+intentions|(?:commissioning\s+|health\s+and\s+"
                    r"wellbeing\s+)?(?:strategy|plan|vision))\b"
                    r"(?!\s+(?:committee|board|group|team|programme)s?\b)"
                    r"(?P<of>\s+(?:of|from|by|between)\b)?", re.IGNORECASE)
_OWN_VISION = re.compile(r"^\s*(?:['’]s)?\s+(?:joint\s+|overall\s+|five\s+year\s+)?"
                         r"(?:vision|mission|ambition)\b", re.IGNORECASE)
_PROSE = re.compile(r"[.!?](?:\s|$)|\b(?:and|of|the|to|for|with|in|by)$")  # a sentence, or one that wraps
_BODY_START = re.compile(r"^(?:[-•*\u2022\uf0b7]|\d+[.)]\s|(?:contents|foreword|introduction|"
                         r"executive\s+summary)\b)", re.IGNORECASE)
_WHO_WE_ARE = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:who\s+we\s+are|about\s+us|who\s+is\s+publishing)\b",
                         re.IGNORECASE)


# A web page's chrome before its content: skip links, cookie banners, their buttons.
_WEB_CHROME = re.compile(r"^\W*(?:skip\s+to\b|(?:accept|reject|allow|decline|manage)\b.*\bcookies?\b|"
                         r".*\bcookies?\b.*\b(?:use|accept|policy|settings|preferences)\b|"
                         r"(?:menu|search|home|sign\s+in|log\s+in|back\s+to\s+top)\s*$)", re.IGNORECASE)
# "© X 2026", "Copyright © 2026 X": the body that owns the text ("(c) X" is more often a list item).
_COPYRIGHT = re.compile(r"^\W{0,3}(?:©|copyright\b)\s*(?:©\s*)?(?:\d{4}\s*)?(?P<owner>.{2,120}?)"
                        r"\s*(?:,?\s*\d{4}(?:\s*[-–]\s*\d{2,4})?)?\W*$", re.IGNORECASE)
_MARKUP = re.compile(r"^[\s*#_>|•-]+|[\s*#_|]+$")
TOP_LINES = 10  # how many non-empty lines of a document's top may hold its publisher's name alone


def _title_block(doc: JoinedText) -> list[int]:
    """Line numbers of the title page: the short lines before the first bullet, sentence or contents.

    A web page's chrome (skip links, a cookie banner) is not part of it and does not end it."""
    numbers: list[int] = []
    seen = 0
    for number, line in enumerate(doc.lines[:4 * TITLE_PAGE_LINES], start=1):
        stripped = line.strip()
        if not stripped or _WEB_CHROME.match(stripped):
            continue
        seen += 1
        if seen > TITLE_PAGE_LINES:
            break
        words = len(stripped.split())
        if _BODY_START.match(stripped) or words > 14 or words > 6 and _PROSE.search(stripped):
            break  # a bullet, a numbered item, a sentence or the contents: the title page is over
        if not _TOC_ROW.search(line):
            numbers.append(number)
    return numbers


def _publishers(doc: JoinedText, organisations: list[Organisation],
                owners: dict[int, str]) -> tuple[str, ...]:
    """Keys of the bodies that publish the document (see :func:`find_organisations`), first found first.

    A statement of who publishes it ("published jointly by X and Y", "a joint plan of X and Y")
    outweighs the cover: a body named only on the title page or in a page header (a partner's logo)
    is then a publisher only when the statement names it too. A body named on the title page after
    "Review:", "approved by" or "reports to" oversees the document rather than publishing it.
    """
    publishers: list[str] = []
    cover: set[str] = set()  # keys with only the cover or a header as evidence
    other: set[str] = set()  # keys with evidence from the text itself

    def add(key: str, from_cover: bool = False) -> None:
        (cover if from_cover else other).add(key)
        if key not in publishers:
            publishers.append(key)

    lines = doc.lines
    title = set(_title_block(doc))
    audience = {n for n in title
                if _AUDIENCE.search(lines[n - 1]) or n > 1 and _AUDIENCE.search(lines[n - 2])}
    named_in_title = False
    for org in organisations:
        for span in org.spans:
            if span.line_start in title and span.line_start not in audience and not _overseer(lines, span):
                add(org.key, from_cover=True)  # named on the title page
                named_in_title = True
            if _signature(lines, span):
                add(org.key)
            if org.kind != "national body" and not org.key.endswith("-board") and \
                    _OWN_VISION.match(_after_span(lines, span)):
                add(org.key)  # "NHS X CCG's vision is to …"
    # "© X 2026" at the foot, or X's name alone on a line at the top (a page header, a logo's text)
    for key in _imprint(doc, organisations):
        add(key, from_cover=True)
    # "X and Y joint commissioning intentions", "published by X", "Who we are": X and Y publish
    named = _named_at(doc, organisations)
    stated: list[str] = []
    for match in _JOINT.finditer(doc.text):
        if match.group("of"):  # "the joint commissioning intentions of X and Y"
            keys = _listed_after(doc, named, match.end())
        else:  # "X and Y's joint commissioning intentions"
            keys = _listed_before(doc, named, match.start())
        stated += keys
    for match in _BY.finditer(doc.text):
        keys = _listed_after(doc, named, match.end())
        if _STATED_BY.search(match.group(0)):
            stated += keys
        for key in keys:
            add(key)
    for key in stated:
        add(key)
    spans_by_line = _spans_by_line(organisations)
    for number, line in enumerate(lines, start=1):
        if _WHO_WE_ARE.match(line) and len(line.split()) <= 8:
            below = range(number + 1, min(number + 6, len(lines) + 1))
            paragraph = next((n for n in below if lines[n - 1].strip()), None)
            for key, _ in spans_by_line.get(paragraph, []):
                add(key)
    # the title names a region or a place: its collaboration, or its own commissioners and council
    title_text = " " + normalise(" ".join(lines[n - 1] for n in sorted(title - audience))) + " "
    for org in organisations:
        placed = re.fullmatch(r"(?:nhs-)?(.+)-(?:ccgs|ccg|council|icb|ics|icp)", org.key)
        place = placed.group(1) if placed else ""
        words = place.replace("-", " ")
        if not words or f" {words} " not in title_text:
            continue
        before = title_text[:title_text.index(f" {words} ")].split()[-1:]
        if before and before[0] in ("north", "south", "east", "west", "central"):
            continue  # "Midshire" in "north west Midshire": the region, not the county
        if org.key.endswith("-ccgs") or not named_in_title:
            add(org.key, from_cover=True)
    if stated:  # the document says who publishes it: a logo of someone else's on the cover is a partner's
        publishers = [k for k in publishers if k in stated or k in other]
    # a plan made of several organisations' plans on a page is published by their collaboration
    if len(set(owners.values())) >= 2:
        collaborations = [o.key for o in organisations if o.key.endswith("-ccgs")]
        if len(collaborations) == 1:
            add(collaborations[0])
    if not publishers:
        local_kinds = ("commissioner", "local authority", "partnership or network", "provider trust")
        local = Counter({o.key: len(o.spans) for o in organisations if o.kind in local_kinds})
        if local and local.most_common(1)[0][1] >= 3:
            add(local.most_common(1)[0][0])  # no statement of who publishes: the body the text is about
    return tuple(publishers)


# What a title page says of a body that oversees the document rather than publishing it:
# "Review: annually by the Quality Committee", "Approved by the Finance Committee", "Reports to X".
_OVERSEES = re.compile(r"\b(?:review(?:ed|s)?|approv(?:ed|al)|scrutin(?:y|ised|ized)|overs(?:een|ight)|"
                       r"monitored|assured|endorsed|report(?:s|ed|ing)?\s+to|accountable\s+to)\b"
                       r"[^:;]*[:;]?[^:;]*$", re.IGNORECASE)
# "published by", "produced by", "Publisher:": a statement of who publishes, not of who took part
_STATED_BY = re.compile(r"\b(?:published|produced|prepared|written|publisher)\b", re.IGNORECASE)
# What may stand between the names of a list of publishers: "X, Y and the Z (ZZ)", "jointly by the X".
_LIST_GAP = re.compile(r"[\s,;:()]*(?:(?:and|&|the|jointly|both)\b[\s,;:()]*)*")
_LIST_GAP_BEFORE = re.compile(r"(?:['’]s?)?[\s,;:()]*(?:(?:and|&|the|our)\b[\s,;:()]*)*")


def _overseer(lines: tuple[str, ...], span: Span) -> bool:
    """Whether the cell before a title-page name says it reviews, approves or receives the document."""
    line = lines[span.line_start - 1]
    named = re.search(r"\s+".join(map(re.escape, span.quote.split())), line)
    if named is None:
        return False
    cell = re.split(r"\t|\s{3,}", line[:named.start()])[-1]  # the text after the last column gap
    return bool(_OVERSEES.search(cell))


def _named_at(doc: JoinedText, organisations: Sequence[Organisation]) -> list[tuple[int, int, str]]:
    """Where each span of each organisation stands in the joined text: (start, end, key), in order."""
    found: set[tuple[int, int, str]] = set()
    for org in organisations:
        for span in org.spans:
            pattern = r"\s+".join(map(re.escape, span.quote.split()))
            if not pattern:
                continue
            first = doc.starts[span.line_start - 1]
            last = doc.starts[span.line_end] if span.line_end < len(doc.starts) else len(doc.text)
            for match in re.finditer(pattern, doc.text[first:last]):
                found.add((first + match.start(), first + match.end(), org.key))
    return sorted(found)


def _listed_after(doc: JoinedText, named: list[tuple[int, int, str]], offset: int) -> list[str]:
    """The bodies listed right after ``offset``: names with only "," "and" "the" between them."""
    keys: list[str] = []
    cursor = offset
    for start, end, key in named:
        if start < cursor:
            continue
        if not _LIST_GAP.fullmatch(doc.text, cursor, start):
            break
        if key not in keys:
            keys.append(key)
        cursor = end
    return keys


def _listed_before(doc: JoinedText, named: list[tuple[int, int, str]], offset: int) -> list[str]:
    """The bodies listed right before ``offset`` ("X and Y's joint plan"), nearest last."""
    keys: list[str] = []
    cursor = offset
    for start, end, key in reversed(named):
        if end > cursor:
            continue
        if not _LIST_GAP_BEFORE.fullmatch(doc.text, end, cursor):
            break
        if key not in keys:
            keys.insert(0, key)
        cursor = start
    return keys


def _imprint(doc: JoinedText, organisations: Sequence[Organisation]) -> list[str]:
    """Bodies named by a copyright line ("© X 2026", "Copyright © 2026 X") anywhere, or alone on one of
    the first :data:`TOP_LINES` non-empty lines of the document (a page header or a logo's text)."""
    lines = doc.lines
    top: list[int] = []
    for number, line in enumerate(lines, start=1):
        if len(top) >= TOP_LINES:
            break
        if line.strip() and not _WEB_CHROME.match(line.strip()):
            top.append(number)
    keys: list[str] = []
    for org in organisations:
        for span in org.spans:
            if span.line_start != span.line_end:
                continue
            line = lines[span.line_start - 1]
            copyright_ = _COPYRIGHT.match(line.strip())
            bare = _MARKUP.sub("", line.strip())
            bare = re.sub(r"^(?:the|The)\s+", "", bare)
            owner = normalise(copyright_.group("owner")).removeprefix("the ") if copyright_ else ""
            name = normalise(span.quote)
            if owner == name or span.line_start in top and normalise(bare) == name:
                if org.key not in keys:
                    keys.append(org.key)
    return keys


def _signature(lines: tuple[str, ...], span: Span) -> bool:
    """A signature block: a person's name, a role line, then the body alone on its line.

    "Executive lead: Chief People Officer" above "Delivered through: X Group" is a label and its
    value, not a signature: neither line may be one."""
    line = lines[span.line_end - 1].strip().rstrip(",.")
    if len(line.split()) > 9 or len(span.quote) < 0.6 * len(line) or re.search(r":(?:\s|$)", line):
        return False
    above = [n for n in range(span.line_start - 1, max(0, span.line_start - 4), -1) if lines[n - 1].strip()]
    if not above:
        return False
    role = lines[above[0] - 1].strip()
    return len(role.split()) <= 8 and bool(_ROLE.search(role)) and not role.endswith(".") \
        and not re.search(r":(?:\s|$)", role)


def _after_span(lines: tuple[str, ...], span: Span) -> str:
    """The text right after a span's quote, on its last line."""
    joined = " ".join(" ".join(lines[span.line_start - 1:span.line_end]).split())
    index = joined.find(span.quote)
    return joined[index + len(span.quote):] if index >= 0 else ""


def _spans_by_line(organisations: Sequence[Organisation]) -> dict[int, list[tuple[str, Span]]]:
    found: dict[int, list[tuple[str, Span]]] = defaultdict(list)
    for org in organisations:
        for span in org.spans:
            found[span.line_start].append((org.key, span))
    return found


# ---------------------------------------------------------------------------------------- sections
_SECTION_CUE = re.compile(r"^[^.]{0,80}?(?:['’]s\s+(?:vision|mission|plan|strategy|objectives|priorities)|"
                          r"\b(?:vision|mission)\b|\bplan\s+on\s+a\s+page)", re.IGNORECASE)
# "X will work to …" opens a section only in a document that already has two plans stated the strong way
_WEAK_SECTION_CUE = re.compile(r"^[^.]{0,80}?\bwill\s+(?:work|deliver|commission|focus)\b", re.IGNORECASE)
_SECTION_END = re.compile(r"^\W{0,6}(?:[\w’'-]+\s+){0,7}?(?:vision|mission)\b|plan\s+on\s+a\s+page",
                          re.IGNORECASE)


def owners_by_line(source: SourceText, findings: OrganisationFindings) -> dict[int, str]:
    """Lines of a multi-organisation plan mapped to the organisation whose section they are in.

    A section opens at a line that begins with an organisation's name stating its vision, mission
    or plan ("NHS X CCG's vision is to:", "X CCG mission:"), or at a line that is just the name with
    a vision or objectives right below; once two organisations have opened sections that way, also
    at "X Council will work …". It closes at the next opening, at a second "Vision" heading or a
    "plan on a page" one, or after :data:`SECTION_MAX_LINES` lines. A cover listing several names
    one after another opens nothing. Only a document with at least two owners has sections: one
    body's plan, or a joint plan's prose, is owned by its publishers, not by sections.

    Parameters
    ----------
    source
        The document's numbered lines.
    findings
        What :func:`find_organisations` found in it.

    Returns
    -------
    dict[int, str]
        1-based line number → organisation key; lines outside every section are absent.
    """
    lines = source.lines
    starts: dict[int, str] = {}
    weak: dict[int, str] = {}
    for org in findings.organisations:
        if org.kind == "national body" or org.key == "local-authorities":
            continue
        for span in org.spans:
            line = lines[span.line_start - 1].strip()
            head = re.sub(r"^(?:[-•*#\s]+)?(?:the\s+)?", "", line, flags=re.IGNORECASE)
            if not normalise(head).startswith(normalise(span.quote)) or len(span.quote.split()) < 2:
                continue
            if _SECTION_CUE.search(head):
                starts.setdefault(span.line_start, org.key)
            elif len(head.split()) <= len(span.quote.split()) + 2 and _vision_below(lines, span.line_end):
                starts.setdefault(span.line_start, org.key)
            elif _WEAK_SECTION_CUE.search(head):
                weak.setdefault(span.line_start, org.key)
    ordered = _without_cover_lists(lines, sorted(starts))
    if len({starts[n] for n in ordered}) < 2:
        return {}
    starts = {**weak, **starts}
    ordered = _without_cover_lists(lines, sorted(starts))
    owners: dict[int, str] = {}
    for index, start in enumerate(ordered):
        end = ordered[index + 1] if index + 1 < len(ordered) else len(lines) + 1
        # a section states one vision: a second "Vision" heading opens someone else's plan
        seen_vision = bool(re.search(r"\bvision\b", lines[start - 1], re.IGNORECASE))
        for number in range(start, min(end, start + SECTION_MAX_LINES)):
            if number > start and _SECTION_END.search(lines[number - 1]):
                if seen_vision or re.search(r"plan\s+on\s+a\s+page", lines[number - 1], re.IGNORECASE):
                    break
                seen_vision = True
            owners[number] = starts[start]
    return owners


def _vision_below(lines: tuple[str, ...], number: int) -> bool:
    below = [line for line in lines[number:number + 12] if line.strip()][:6]
    cue = re.compile(r"\b(?:vision|mission|objectives|priorities|plan\s+on\s+a\s+page)\b", re.IGNORECASE)
    return any(cue.search(line) for line in below)


def _without_cover_lists(lines: tuple[str, ...], numbers: list[int]) -> list[int]:
    """Drop runs of three or more section starts with under three non-empty lines between them."""
    def gap(a: int, b: int) -> int:
        return sum(1 for line in lines[a:b - 1] if line.strip())

    crowded: set[int] = set()
    run = [numbers[0]] if numbers else []
    for previous, number in zip(numbers, numbers[1:]):
        if gap(previous, number) < 3:
            run.append(number)
            continue
        if len(run) >= 3:
            crowded.update(run)
        run = [number]
    if len(run) >= 3:
        crowded.update(run)
    return [n for n in numbers if n not in crowded]


# ---------------------------------------------------------------------------------------- leads
# What may stand right before a lead's name: "Led by", "Delivered by: the", "Lead: Director of X;",
# "Responsible organisation –", a "Lead" cell, or a short "Name Role;" cell.
_LED_BY = re.compile(r"\b(?:led|lead|delivered|owned|chaired|coordinated)\s+by\s*:?\s*(?:the\s+)?$",
                     re.IGNORECASE)
_LEAD_LABEL = re.compile(r"(?:^|[\t\n(]|\s{2,}|[-•*]\s)\W*(?:joint\s+)?(?:lead(?:s|\s+(?:organisation|"
                         r"agency|body|partner|officer|commissioner)s?)?|responsible(?:\s+(?:organisation|"
                         r"body|officer|lead))?|owners?|accountable(?:\s+(?:body|officer))?|sro)"
                         r"\s*(?:[:\-–\t]|\s{2,})[^.!?]{0,80}$", re.IGNORECASE)
_ROLE_CELL = re.compile(r"(?:^|\t|\s{2,})[^\t;.]{0,60};\s*$")


def _names_lead(raw_before: str) -> bool:
    """Whether the text before an organisation's name on its line makes it a lead."""
    if _LED_BY.search(raw_before) or _ROLE_CELL.search(raw_before):
        return True
    label = _LEAD_LABEL.search(raw_before)
    return bool(label) and not re.search(r"\bdelivered\s+by\b", label.group(0), re.IGNORECASE)


def find_leads(source: SourceText, statements: Sequence[Statement],
               findings: OrganisationFindings) -> tuple[Link, ...]:
    """Organisations named as leading a statement: "Lead: Director of X; X Council", "Led by …",
    "Delivered by: X Council", "Responsible: …", or a "Name Chief Officer; NHS X CCG" cell.

    "Delivered by: working with X" says how, not who: X leads only when its name comes right after
    the cue. The statement led is the initiative, enabler or priority whose span holds the lead
    line, else the nearest one ending at most three lines above it.

    Parameters
    ----------
    source
        The document's numbered lines.
    statements
        The statements found in it.
    findings
        What :func:`find_organisations` found in it.

    Returns
    -------
    tuple[Link, ...]
        ``leads`` links, organisation key → statement key, with the lead line(s) as evidence.
    """
    lines = source.lines
    targets = [s for s in statements if s.type in ("initiative", "enabler", "priority")]
    links: dict[tuple[str, str], Link] = {}
    for org in findings.organisations:
        if org.key == "local-authorities":
            continue
        for span in org.spans:
            raw = "\n".join(lines[span.line_start - 1:span.line_end])
            named = re.search(r"\s+".join(map(re.escape, span.quote.split())), raw)
            if named is None or not _names_lead(raw[:named.start()]):
                continue
            target = _statement_at(targets, span.line_start)
            if target is None:
                continue
            evidence = Span(span.line_start, span.line_end, " ".join(raw.split()))
            link = Link(org.key, target.key, "leads", evidence, 0.75, "rule")
            links.setdefault((org.key, target.key), link)
    return tuple(links.values())


def _statement_at(statements: Sequence[Statement], number: int) -> Statement | None:
    inside = [s for s in statements if s.span.line_start <= number <= s.span.line_end]
    if inside:
        return max(inside, key=lambda s: (s.span.line_start, s.type != "priority"))
    above = [s for s in statements if s.span.line_end < number <= s.span.line_end + 3]
    return max(above, key=lambda s: (s.span.line_end, s.type != "priority")) if above else None


def mentions(findings: OrganisationFindings) -> tuple[Link, ...]:
    """The document mentions each organisation it names; the first naming is the evidence.

    Returns
    -------
    tuple[Link, ...]
        ``mentions`` links from the document (source ``""``) to each organisation key.
    """
    return tuple(Link("", org.key, "mentions", org.spans[0], org.confidence, org.method)
                 for org in findings.organisations)
