"""Cue phrases: the words strategy documents use to announce what a section holds.

In: a heading, a lead-in line or a "Label: text" prefix. Out: the statement type it announces
("vision", "priority", "initiative", "enabler", "metric", "risk"), "other" for sections that hold
none of these (governance, contents, glossary, background), or None when it says nothing.

These are phrases every plan shares ("Objectives", "Delivered by", "KPIs", "risks to be
mitigated"); no rule here may name a document, place or organisation. Must not import spaCy or
anything from kg/ or api/.
"""
from __future__ import annotations

import re

_ORDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve")
ORDINAL_VALUE = {word: str(i) for i, word in enumerate(_ORDINALS, start=1)}

# "Objective One", "Priority 2", "Strategic aim 3:", "Goal four –", "Ambition 1"
PRIORITY_HEADING = re.compile(
    r"^(?:strategic\s+|key\s+|our\s+|big\s+|main\s+|headline\s+)?(?P<word>objective|priority|aim|goal|outcome|"
    r"theme|ambition|pillar|workstream|work\s*stream|commitment)\s+(?P<n>\d{1,2}(?:\.\d{1,2})?|" +
    "|".join(_ORDINALS) +
    r")\b\s*[:.–—-]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Pillar A – Attract", "Theme B: Retain": a priority lettered, with a separator after its letter
LETTERED_HEADING = re.compile(r"^(?:strategic\s+|key\s+|our\s+)?(?P<word>objective|priority|aim|goal|outcome|theme|"
                              r"ambition|pillar|workstream|commitment)\s+(?P<n>[A-H])\s*[:.–—-]\s*(?P<rest>\S.*)$",
                              re.IGNORECASE)
# "SO1 – Deliver outstanding, safe care", "P2: Healthy homes": a priority named by its code
CODE_HEADING = re.compile(r"^(?P<n>(?:SO|SA|SG|SP|SI|PO|OBJ|AIM|O|P|A|G)\s?\d{1,2})\s*[:.–—-]\s*(?P<rest>\S.{2,})$")
# a code or dotted number that names a priority inside a text: "(Outcome 1.1)", "SO1, SO2 and SO3"
CODE_REFERENCE = re.compile(r"\b(?:SO|SA|SG|SP|SI|PO|OBJ|AIM)\s?\d{1,2}\b")
# Short headings that name what every plan's enablers are about: "Our people", "Data and digital"
_ENABLER_WORD = (r"(?:(?:our|the)\s+)?(?:people|workforce|staff|data|digital|technology|information|intelligence|"
                 r"estates?|buildings|facilities|premises|money|finance|funding|resources|communications?|"
                 r"engagement|leadership|culture|partnerships?|research|innovation|infrastructure|"
                 r"organisational development|OD|IT|IM&T)")
ENABLER_NAME = re.compile(rf"^{_ENABLER_WORD}(?:\s*(?:,|and|&)\s*{_ENABLER_WORD}){{0,2}}$", re.IGNORECASE)
# "Our cross-cutting enablers are a skilled workforce, shared data, …": enablers listed in a sentence
ENABLERS_LISTED = re.compile(r"\benablers\s+(?:are|include|will be)\s*:?\s+(?P<list>[^.]+)", re.IGNORECASE)
# what enables the plan, named as such: "Enabling actions", "Our enabling strategies"
ENABLING = re.compile(r"\benabling (?:actions|work|programmes?|strateg(?:y|ies)|plans?)\b", re.IGNORECASE)
# "Enabler – Workforce", "Enabler 2: Digital"
ENABLER_HEADING = re.compile(r"^enabler\s*(?:\d{1,2})?\s*[:.–-]\s*(?P<rest>.+)$", re.IGNORECASE)
# "Delivered by: …", "4. & 5. Delivered by: …"
DELIVERED_BY = re.compile(r"\b(?:delivered|achieved|supported)\s+(?:by|through)\s*[:–-]", re.IGNORECASE)
# "– Objectives 5, 6 & 7", "Objective 4", "(priority 2)", "(section 5.1)"
OBJECTIVE_REFERENCE = re.compile(
    r"\b(?:objectives?|priorit(?:y|ies)|aims?|goals?|sections?|themes?|ambitions?|pillars?|outcomes?)\s+(?P<refs>\d{1,2}(?:\.\d{1,2})?(?:\s*(?:,|&|and|-|–|to)\s*\d{1,2}(?:\.\d{1,2})?)*)",
    re.IGNORECASE,
)
# An inline measure inside a priority: "… measured by pathway referral and treatment times".
INLINE_MEASURE = re.compile(
    r"(?:^|[.;,]\s*|\s)(?:(?:and\s+)?(?:this\s+will\s+be\s+)?measured|monitored|tracked)\s+(?:by|through|using|against|via)\s+(?P<what>[^.;]{4,200})",
    re.IGNORECASE,
)
# "our six priorities are:", "we have chosen the following objectives:" — a list of the plan's own
OWN_LIST = re.compile(r"\b(our|these|the following|following|two|three|four|five|six|seven|eight|nine|ten)\b"
                      r"[\w\s,'’-]{0,40}\b(priorit(y|ies)|objectives?|aims|goals)\b", re.IGNORECASE)
# "Label: text" where the label is a short cue ("Governance arrangements: …", "Success Criteria: …")
LABEL_PREFIX = re.compile(r"^(?P<label>[A-Z][\w '’&/()-]{2,60}?)\s*[:–]\s+(?P<rest>\S.*)$")

_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        ("other", r"\b(our aim for|the aim of|contents|glossary|abbreviations|references|acknowledg|footnote|appendix [a-z] – map|"
                  r"governance|overseen|oversight|who (we are|is involved)|case for change|our values|values|principles|"
                  r"engagement process|what do you think|consultation questions|background|introduction|"
                  r"financial position|population|local challenges?|challenge –|views of|feedback|"
                  r"plans fit together|alignment of plans|clinical leadership groups|developing the strategy|"
                  r"next steps|further development|overview of our work|case stud(y|ies)|what matters (to|for)|"
                  r"what (people|residents|you) (said|told us)|"
                  r"(executive|clinical|senior|named|responsible) (leads?|owners?|sponsors?)|accountable (officer|director))\b"),
        ("metric", r"\b(what does success look like|how will we know|we will know|made a difference|kpis?|key performance indicators?|performance indicators?|indicators|success criteria|"
                   r"(outcomes?|what) we will (measure|track|monitor)|we will (measure|track|monitor) (success|progress)|"
                   r"success measures|measures|headline indicators?|"
                   r"measures? of success|measuring (success|progress|the benefits)|measured (by|using|through|against)|"
                   r"how (we|will we) (will )?(know|measure)|metrics|targets|scorecard|dashboard|outcome measures|"
                   r"outcomes framework|what success looks like)\b"),
        ("risk", r"\b(risks?|threats?|risks and mitigations?|risks to be mitigated|"
                 r"what (could|might) (get in the way|go wrong|stop us|hold us back)|barriers to (delivery|success))\b"),
        ("initiative", r"(\bwe will\s*:?\s*$|\bwe (ask|expect|require|want)\b[\w\s,]{0,40}\bto\s*:?\s*$|"
                       r"\b(systems?|trusts?|providers?|icbs?|boards?|partners|commissioners|we) (should|must)\s*:?\s*$|\bto (achieve|deliver) this,? we will\b|\bkey actions\b|\bwe are going to do\b|"
                       r"\bhow we will get there\b)|\b(action plans?|actions?|what we will do|we will do|how we will (deliver|achieve)|"
                       r"delivered by|initiatives?|programmes of work|projects?|implementation|implement|"
                       r"deliverables|work (already )?underway|key (activities|interventions)|interventions|"
                       r"commitments|next steps we will take|plans? for 20|schemes?|being implemented)\b"),
        ("enabler", r"\b(enablers?|enabling (work|programmes?|strateg(y|ies)|plans?|actions)|supporting infrastructure|"
                    r"our foundations|building blocks)\b"),
        ("priority", r"\b(objectives?|priorit(y|ies)|strategic aims?|our aims|goals?|strategic themes?|"
                     r"areas of focus|focus areas|outcomes we want|pillars|domains|workstreams?)\b"),
        ("vision", r"\b(vision|mission|ambitions?|purpose|what we want to achieve)\b"),
    )
)


def cue_of(text: str) -> str | None:
    """The statement type a heading or lead-in announces, "other", or None.

    >>> cue_of("High level risks to be mitigated")
    'risk'
    >>> cue_of("Measured using the following success criteria")
    'metric'
    >>> cue_of("The proposed action plan for prevention is to:")
    'initiative'
    >>> cue_of("Stronger communities") is None
    True
    """
    text = text.strip()
    if not text:
        return None
    if DELIVERED_BY.search(text):
        return "initiative"
    if PRIORITY_HEADING.match(text) or CODE_HEADING.match(text) or LETTERED_HEADING.match(text):
        return "priority"
    if ENABLER_HEADING.match(text) or ENABLING.search(text):
        return "enabler"  # "Enabling actions" are enablers though "actions" announce initiatives
    for kind, pattern in _CUES:
        if pattern.search(text):
            return kind
    return None


def label_prefix(text: str) -> tuple[str, str] | None:
    """Split "Label: text" when the label is a short cue phrase; None otherwise."""
    match = LABEL_PREFIX.match(text)
    if not match or len(match["label"].split()) > 6:
        return None
    return match["label"], match["rest"]


def code_references(text: str) -> list[str]:
    """Priority codes a text names, written without spaces: "SO1, SO 2" → ["SO1", "SO2"]."""
    return [code.replace(" ", "") for code in CODE_REFERENCE.findall(text)]


def parse_references(text: str) -> list[str]:
    """Numbers a text refers to: "Objectives 5, 6 & 7" → ["5", "6", "7"]; "Objectives 1-3" → 1, 2, 3."""
    numbers: list[str] = []
    for match in OBJECTIVE_REFERENCE.finditer(text):
        refs = match["refs"]
        for start, end in re.findall(r"(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})", refs):
            numbers.extend(str(n) for n in range(int(start), int(end) + 1) if int(end) - int(start) < 15)
        numbers.extend(re.findall(r"\d{1,2}(?:\.\d{1,2})?", refs))
    seen: list[str] = []
    for number in numbers:
        if number not in seen:
            seen.append(number)
    return seen


def leading_numbers(raw: str) -> list[str]:
    """Numbers that open a line: "4. & 5. Delivered by" → ["4", "5"]."""
    head = DELIVERED_BY.split(raw, maxsplit=1)[0]
    return re.findall(r"(?<![\d.])(\d{1,2})(?=[.):]|\s|$)", head)
