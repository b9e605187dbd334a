"""Organisation mentions: where a document names a body, found from the shapes such names take.

In: a :class:`~ingest.records.SourceText`, wrapped as :class:`JoinedText`. Out: a list of
:class:`Mention` (a name as written, its character span, a provisional key and kind), not yet
resolved into records — :mod:`ingest.org_resolve` does that.

The rules know the shapes public-sector bodies take in English, never a particular body of a
corpus: ``… Clinical Commissioning Group(s)`` / ``… CCG(s)``, ``London Borough of …``,
``… (Borough|County|City) Council``, ``… NHS (Foundation) Trust`` / ``… NHS FT``, ``… Health and
Wellbeing Board``, ``Healthwatch …`` (one place, or two joined by "and"), ``… Board|Committee|Group|
Partnership|Network|Alliance|Unit``, ``Office of …``, ``NHS|National … Office`` ("NHS National X
Office" is "National X Office"), ``University of …`` / ``… University`` /
``… College``, ``… Fire and Rescue Service``, ``… Police`` / ``… Constabulary``, ``… Council for
Voluntary Service`` / ``… Community and Voluntary Service`` / ``… CVS``, ``Voluntary Action …`` /
``Community Action …`` (place after or before) / ``Age UK …`` / ``Citizens Advice …``, counted
collaborations ("the six CCGs in …") and a small curated table of England's national health and
care bodies (general knowledge). A list of two bodies ("University of X and Y College", "X Council
and Y NHS Trust") is split where the words before "and" end a body's name; a document's title
("Integrated Care Strategy of the X Partnership") is not part of its owner's name. A name written
all in capitals ("RIVERSIDE BOROUGH COUNCIL") is read by the same rules in ordinary case.
A place is a capitalised word
the document never writes in lower case (so "Previous CCG" names no place). spaCy's NER support
lives in :mod:`ingest.organisations`.
Must not import anything from kg/ or api/. Raises nothing, whatever the text.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ingest.records import SourceText, Span

# A gap inside a name: spaces, or one line break (names wrap across lines; a blank line or a tab,
# which the loaders use between table cells, ends a name).
SP = r"(?:[ \u00a0]+|[ \u00a0]*\n[ \u00a0]*)"
W = r"[A-Z][\w'’-]*"  # a capitalised word, possessive included
_COMPASS = r"(?i:north|south|east|west|central)"
_PLACE_TOKEN = rf"(?:{W}|{_COMPASS}(?=[ \u00a0\n]))"
_PRE = rf"(?:{_PLACE_TOKEN}{SP}(?:(?:and|&){SP})?)"  # one word of a place, with "and" joins
COMPASS_WORDS = frozenset("north south east west central mid greater inner outer".split())
NUMBER_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty").split()
_COUNT = rf"(?i:{'|'.join(NUMBER_WORDS)}|\d{{1,2}})"
CONNECTORS = frozenset(("and", "&", "of", "for", "in", "on", "the"))

# Words that open a sentence or a label rather than a name ("Update for X Committee" names X Committee).
STOP_FIRST = frozenset("""Update Report Briefing Paper Presentation Submission Letter Appendix Annex Section
If When Last Next Since Following Through Under With Within Across Between For To In Of On At By From As
The This That These Those Our Their Its Each All Any A An Every Individual Member Other Some New Lead
Host Existing Relevant Appropriate Respective Both Many Several Your My We Why What How Where Who Plus
And Or But Also Via Including Include Includes Such Support Supporting Working Work Ensure Agreed
Establish Develop Developing Commission Governance Overseen Signed Measured Delivered Led Chair Chief
Director Officer Manager Dr Mr Mrs Ms Cllr Councillor Professor Figure Table Source Note Notes See
Contents Page Version Draft Objective Objectives Priority Priorities Aim Aims Vision Mission Values Risks
Risk Success Criteria Enabler Enablers Key Domain""".split())
# Words that name a kind of body, so are never the place a body is "of".
TYPE_WORDS = frozenset("""NHS ICB ICS ICP Group Groups Council Councils Board Boards Trust Trusts CCG CCGs
Committee Committees Borough Boroughs County City District Clinical Commissioning Health Care Partnership
Partnerships Network Networks Authority Authorities Foundation Hospital Hospitals Service Services Unit
Commission Healthwatch Forum Alliance Federation Federations Agency Department Office Public England
Wellbeing Well Being Integrated System Practice Practices Primary Community Mental Social Adult Adults
Children Strategy Plan Programme""".split())


class JoinedText:
    """A document as one string, with line starts to map character offsets back to line numbers."""

    def __init__(self, source: SourceText):
        self.lines = source.lines
        self.text = "\n".join(source.lines)
        self.starts: list[int] = []
        offset = 0
        for line in source.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        # Addresses are not prose: "www.example.gov.uk" must not make "Example" a common word.
        prose = re.sub(r"\S*(?:https?:|www\.|@|\.(?:org|gov|nhs|uk|com|net)\b)\S*", " ", self.text)
        self.lowercase_words = set(re.findall(r"(?<![\w.])[a-z][a-z'’-]*[a-z]\b", prose))
        self.place_abbreviations = self._place_abbreviations()
        self.prose_places = self._prose_places()

    def proper(self, word: str) -> bool:
        """Whether a capitalised word is a proper noun here: it never appears in lower case.

        An acronym ("NWM", "ABC") counts as proper.
        """
        word = re.sub(r"['’]s?$", "", word)
        if len(word) > 1 and word.isupper():
            return True
        return word[:1].isupper() and word.lower() not in self.lowercase_words

    def line_of(self, offset: int) -> int:
        """The 1-based line an offset falls on."""
        return bisect.bisect_right(self.starts, offset)

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, its quote whitespace-normalised."""
        quote = " ".join(self.text[start:end].split())
        return Span(self.line_of(start), self.line_of(max(start, end - 1)), quote)

    def _prose_places(self) -> Counter:
        """Proper words the prose uses as places: "in X", "across X", "X residents", "X's population"."""
        counts: Counter = Counter()
        pattern = re.compile(rf"\b(?:in|across|within|throughout|around|for)[ \u00a0]+({W})\b"
                             rf"|\b({W})[ \u00a0]+(?:people|residents|population|patients|borough|"
                             rf"communities|citizens|health[ \u00a0]+economy)\b")
        for match in pattern.finditer(self.text):
            word = _without_possessive(match.group(1) or match.group(2))
            if len(word) > 1 and not word.isupper() and word not in STOP_FIRST | TYPE_WORDS \
                    and self.proper(word):
                counts[word] += 1
        return counts

    def _place_abbreviations(self) -> dict[str, str]:
        """ "North West Midshire (NWM)": an abbreviation standing for a place, for "NWM CCGs"."""
        found: dict[str, str] = {}
        for match in re.finditer(rf"((?:{_PLACE_TOKEN}{SP}){{1,4}})\(([A-Z]{{2,5}})\)", self.text):
            words = match.group(1).split()
            for size in range(len(words), 1, -1):
                tail = words[-size:]
                if "".join(w[0] for w in tail).upper() == match.group(2) and self.proper(tail[-1]):
                    found[match.group(2)] = " ".join(tail)
                    break
        return found


@dataclass
class Mention:
    """One naming of a body in the text, before resolution."""

    key: str  # provisional canonical key ("" for a generic reference not yet resolved)
    name: str  # as written, whitespace-normalised
    kind: str
    start: int  # character offsets in JoinedText.text
    end: int
    method: str = "rule"
    confidence: float = 0.8
    generic: str | None = None  # "ccg", "council", "hwb", "healthwatch", "ccgs": a reference by kind alone
    local: bool = False  # named without a place ("Partnership Board"): the plan's own area's body
    count: str | None = None  # "six" in "the six CCGs"
    alias: bool = True  # whether the name is worth keeping as an alias ("the CCG" is not)


def normalise(name: str) -> str:
    """A name reduced to lowercase words, apostrophes dropped.

    >>> normalise("Riverside's  Health & Wellbeing Board")
    'riversides health and wellbeing board'
    """
    name = name.lower().replace("&", " and ")
    name = re.sub(r"['’`‘]", "", name)
    return " ".join(re.findall(r"[a-z0-9]+", name))


def slug(name: str) -> str:
    """A key from a name, possessives dropped.

    >>> slug("NHS England (North)"), slug("Children and Young People’s Strategic Partnership")
    ('nhs-england-north', 'children-and-young-people-strategic-partnership')
    """
    return "-".join(normalise(re.sub(r"['’]s\b", "", name)).split())


def _without_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def _placeish(doc: JoinedText, word: str) -> bool:
    bare = _without_possessive(word)
    return bool(bare) and bare[0].isupper() and bare not in STOP_FIRST and bare not in TYPE_WORDS \
        and not bare[0].isdigit() and doc.proper(bare)


def _place_of(doc: JoinedText, words: str) -> tuple[str, int] | None:
    """The place that the words before a body's type name: the last word, with a second proper word,
    compass words and "and"-joined places before it; and how many words of ``words`` it takes.

    "NHS Riverside" → "Riverside"; "the north west Midshire" → "north west Midshire"; "Group and
    Riverside" → "Riverside" ("Group" names a kind of body, not a place); "Upper Millbrook" →
    "Upper Millbrook" (two proper words on one line, not the end of a longer run of capitalised words
    such as a person's name: "Ann Lee Millbrook Council" is Millbrook's). None when the last word is
    not a proper noun of this document.
    """
    tokens = list(re.finditer(r"\S+", words))
    parts = [t.group() for t in tokens]
    if not parts or not _placeish(doc, parts[-1]):
        return None
    place = [_without_possessive(parts[-1])]
    index = len(parts) - 2
    while index >= 0:
        word = parts[index]
        if word.lower() in COMPASS_WORDS:
            place.insert(0, word)
            index -= 1
        elif word in ("and", "&") and index >= 1 and _joins(doc, parts, index - 1, place[0]):
            place[:0] = [parts[index - 1], word]
            index -= 2
        elif len(place) == 1 and _second_word(doc, word, place[0],
                                              words[tokens[index].end():tokens[index + 1].start()]) \
                and not (index >= 1 and parts[index - 1][:1].isupper()
                         and parts[index - 1] not in STOP_FIRST | TYPE_WORDS):
            place.insert(0, word)  # "Upper Millbrook", "Forest Heath": a place of two proper words
            index -= 1
        else:
            break
    if len(place) == 1 and place[0] in doc.place_abbreviations:
        return doc.place_abbreviations[place[0]], 1
    return " ".join(place), len(place)


def _second_word(doc: JoinedText, word: str, place: str, gap: str) -> bool:
    """Whether ``word`` is the first of a two-word place ending in ``place``: proper, not an acronym,
    not a possessive ("Midshire's Riverside Council" is Riverside's) and on the same line."""
    return "\n" not in gap and _placeish(doc, word) and not word.isupper() and not place.isupper() \
        and word.lower() not in COMPASS_WORDS and not re.search(r"['’]s?$", word) and word != place


def _joins(doc: JoinedText, parts: list[str], index: int, place: str) -> bool:
    """Whether ``parts[index]`` and the place after "and" name one place ("Brighton and Hove").

    Not a compass word, the same letter case, not the same word again, and not the end of
    another body's name ("Healthwatch Westvale and Eastport Council": Westvale is Healthwatch's).
    """
    word = parts[index]
    return _placeish(doc, word) and word.lower() not in COMPASS_WORDS and word.isupper() == place.isupper() \
        and word != place and (index < 1 or parts[index - 1] not in TYPE_WORDS - {"NHS"})


def _tail_start(base: int, words: str, count: int) -> int:
    """Offset of the last ``count`` words of ``words`` (which starts at ``base``)."""
    tokens = list(re.finditer(r"\S+", words))
    return base + tokens[-count].start() if count <= len(tokens) else base


# England's national health and care bodies and a few national charities and funders: general
# knowledge, never a local body. (canonical name, kind, patterns)
NATIONAL_BODIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NHS England", "national body", (
        rf"NHS{SP}England(?:{SP}?\((?:[A-Z][a-z]+ ?){{1,3}}\)|{SP}(?:Direct|Specialised){SP}Commissioning)?",
        rf"(?:[A-Z][a-z]+{SP})?Regional{SP}Office{SP}of{SP}the{SP}NHS{SP}Commissioning{SP}Board",
        rf"NHS{SP}Commissioning{SP}Board", r"\bNHS ?CB\b", r"\bNHSE\b")),
    ("NHS Improvement", "regulator", (rf"NHS{SP}Improvement\b", r"\bNHSI\b")),
    ("Monitor", "regulator", (
        # the regulator, not the verb: mid-sentence, in a list or after "and", never before an object
        r"(?:(?<=[,(;&]\s)|(?<=\())Monitor\b(?!\s+(?:the|our|their|and\s+(?:review|evaluate|report)|progress|"
        r"performance|how|whether)\b)",
        r"(?<=\band\s)Monitor\b(?!\s+(?:the|our|their|progress|performance|how|whether)\b)",
        r"(?<=\bwith\s)Monitor\b(?=[,.;)]|\s+and\b)")),
    ("NHS Trust Development Authority", "regulator", (rf"(?:NHS{SP})?Trust{SP}Development{SP}Authority",
                                                      r"\b(?:NHS ?)?N?TDA\b")),
    ("Care Quality Commission", "regulator", (rf"Care{SP}Quality{SP}Commission", r"\bCQC\b")),
    ("Ofsted", "regulator", (r"\bOfsted\b",)),
    ("Public Health England", "national body", (rf"Public{SP}Health{SP}England", r"\bPHE\b")),
    # renamed in 2018: one body, under its current name; "Department of Health" stays an alias where written
    ("Department of Health and Social Care", "national body", (
        rf"Department{SP}of{SP}Health(?:{SP}(?:and|&){SP}Social{SP}Care)?\b", r"\bDHSC\b", r"\bDoH\b")),
    ("Department for Education", "national body", (rf"Department{SP}for{SP}Education", r"\bDfE\b")),
    ("Department for Work and Pensions", "national body", (
        rf"Department{SP}for{SP}Work{SP}(?:and|&){SP}Pensions", r"\bDWP\b")),
    ("Home Office", "national body", (rf"Home{SP}Office\b",)),
    ("Health Education England", "national body", (rf"Health{SP}Education{SP}England", r"\bHEE\b")),
    ("National Institute for Health and Care Excellence", "national body", (
        rf"National{SP}Institute{SP}for{SP}Health(?:{SP}(?:and|&){SP}Care)?{SP}Excellence", r"\bNICE\b")),
    ("UK Health Security Agency", "national body", (rf"UK{SP}Health{SP}Security{SP}Agency", r"\bUKHSA\b")),
    ("Office for Health Improvement and Disparities", "national body", (
        rf"Office{SP}for{SP}Health{SP}Improvement{SP}(?:and|&){SP}Disparities", r"\bOHID\b")),
    ("NHS Digital", "national body", (rf"NHS{SP}Digital\b",)),
    ("NHS Improving Quality", "national body", (rf"NHS{SP}Improving{SP}Quality", r"\bNHSIQ\b")),
    ("NHS Business Services Authority", "national body", (rf"NHS{SP}Business{SP}Services{SP}Authority",)),
    ("NHS Property Services", "national body", (rf"NHS{SP}Property{SP}Services",)),
    ("Healthwatch England", "national body", (rf"Healthwatch{SP}England",)),
    ("Local Government Association", "national body", (rf"Local{SP}Government{SP}Association", r"\bLGA\b")),
    ("Office for National Statistics", "national body", (
        rf"Office{SP}for{SP}National{SP}Statistics", r"\bONS\b")),
    ("National Audit Office", "national body", (rf"National{SP}Audit{SP}Office",)),
    ("Sport England", "national body", (rf"Sport{SP}England",)),
    ("The King's Fund", "other", (rf"King['’]?s{SP}Fund\b",)),
    ("Nuffield Trust", "other", (rf"Nuffield{SP}Trust\b",)),
    ("The Health Foundation", "other", (rf"(?<=[Tt]he ){SP}?Health{SP}Foundation\b",)),
    ("National Voices", "voluntary sector", (rf"National{SP}Voices?\b(?!{SP}[a-z])",)),
    ("Big Lottery Fund", "national body", (rf"Big{SP}Lottery(?:{SP}Fund)?\b",
                                            rf"National{SP}Lottery{SP}Community{SP}Fund")),
)
_NATIONAL_RE = tuple((name, kind, re.compile(pattern)) for name, kind, patterns in NATIONAL_BODIES
                     for pattern in patterns)


def find_mentions(doc: JoinedText, capitals: bool = True) -> list[Mention]:
    """Every naming the shape rules and the curated table find.

    Parameters
    ----------
    doc
        The document, joined.
    capitals
        Also read names written all in capitals (see :func:`_in_capitals`).

    Returns
    -------
    list[Mention]
        Namings with provisional keys, in no particular order. They may overlap:
        :func:`ingest.org_resolve.resolve` keeps the longest. Abbreviations the text defines are
        added by :func:`ingest.org_resolve.defined_abbreviations`.
    """
    found: list[Mention] = []
    for finder in (_national, _placed_bodies, _collaborations, _councils, _trusts,
                   _health_and_wellbeing_boards, _healthwatch):
        found.extend(finder(doc))
    places = known_places(found)
    found.extend(_nhs_places(doc, places))
    found.extend(_named_bodies(doc, places))
    found.extend(_offices(doc))
    found.extend(_public_services(doc))
    found.extend(_voluntary_bodies(doc))
    if capitals:
        found.extend(_in_capitals(doc))
    return found


# Written in capitals, these stay so when a name is read in ordinary case ("NHS", "CCGs").
_ACRONYM_FORMS = {form.upper(): form
                  for form in "NHS CCG CCGs ICB ICBs ICS ICP UK CVS GP GPs PCN HWB".split()}
_CAPITALS_RUN = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]+(?:[ \u00a0]+(?:[A-Z][A-Z'’-]*|&))+"
                           r"(?![\w'’-])")
# Last words of bodies' names, in capitals: a run of capitals without one names no body.
_CAPITAL_BODY_WORDS = re.compile(
    r"\b(?:COUNCIL|TRUST|BOARD|COMMITTEE|GROUP|PARTNERSHIP|NETWORK|ALLIANCE|COLLABORATIVE|FORUM|CCGS?|"
    r"ICB|ICS|ICP|HEALTHWATCH|UNIVERSITY|COLLEGE|POLICE|CONSTABULARY|SERVICE|ACTION|ADVICE|AUTHORITY|"
    r"COMMISSION|AGENCY|FOUNDATION|CVS)\b")


def _in_capitals(doc: JoinedText) -> list[Mention]:
    """Names written all in capitals ("RIVERSIDE BOROUGH COUNCIL" on a cover), read by the same shape
    rules as the name in ordinary case, so that both give the same key.

    Each run of capitalised words holding a body's last word is rewritten in ordinary case
    (acronyms such as "NHS" kept, "AND"/"OF" in lower case, the same length, so offsets hold) and
    the rules run again; only what they find inside such runs is kept.
    """
    runs = [m for m in _CAPITALS_RUN.finditer(doc.text) if _CAPITAL_BODY_WORDS.search(m.group())
            and any(w.upper() not in _ACRONYM_FORMS and len(w) > 2 for w in m.group().split())]
    if not runs:
        return []
    chars = list(doc.text)
    for run in runs:
        for word in re.finditer(r"\S+", run.group()):
            token = word.group()
            if token in _ACRONYM_FORMS:
                plain = _ACRONYM_FORMS[token]
            elif token.lower() in CONNECTORS:
                plain = token.lower()
            else:
                plain = token[0] + token[1:].lower()
            start = run.start() + word.start()
            chars[start:start + len(token)] = plain
    text = "".join(chars)
    plain_doc = JoinedText(SourceText("", "text/plain", "", tuple(text.split("\n"))))
    inside = [(run.start(), run.end()) for run in runs]
    return [m for m in find_mentions(plain_doc, capitals=False)
            if any(start <= m.start and m.end <= end for start, end in inside)]


def _national(doc: JoinedText) -> Iterator[Mention]:
    for name, kind, pattern in _NATIONAL_RE:
        for match in pattern.finditer(doc.text):
            yield Mention(slug(re.sub(r"^The ", "", name)), " ".join(match.group(0).split()), kind,
                          match.start(), match.end(), method="curated", confidence=0.95)


_START = r"(?<![\w'’-])"  # a name starts at a word's start

# Bodies named "<place> <type>", one per place: (type pattern, abbreviation, key format, kind, generic tag).
# CCGs and ICBs are formally "NHS <place> …" whether or not a text says "NHS". A plural CCG name
# ("X CCGs", "X Clinical Commissioning Groups") is the collaboration of X's CCGs.
PLACED_TYPES = (
    (rf"Clinical{SP}Commissioning{SP}Group", "CCG", "nhs-{}-ccg", "commissioner", "ccg"),
    (rf"Integrated{SP}Care{SP}Board", "ICB", "nhs-{}-icb", "commissioner", "icb"),
    (rf"Integrated{SP}Care{SP}System", "ICS", "{}-ics", "partnership or network", "ics"),
    (rf"Integrated{SP}Care{SP}Partnership", "ICP", "{}-icp", "partnership or network", "icp"),
)
_PLACED_RE = re.compile(
    rf"{_START}(?P<pre>{_PRE}{{0,6}}?)(?P<type>"
    + "|".join(rf"(?P<t{i}>{long}s?|{short}s?)" for i, (long, short, *_) in enumerate(PLACED_TYPES))
    + r")\b")


def _placed_bodies(doc: JoinedText) -> Iterator[Mention]:
    """Clinical commissioning groups, integrated care boards, systems and partnerships: one per place.

    "NHS X Clinical Commissioning Group", "X CCG" and "X CCG's" all give ``nhs-x-ccg``; "the CCG" and
    a bare "CCG" are references by kind, resolved later.
    """
    text = doc.text
    for match in _PLACED_RE.finditer(text):
        pre, kind_words = match.group("pre"), match.group("type")
        index = next(i for i in range(len(PLACED_TYPES)) if match.group(f"t{i}"))
        _, short, key_format, kind, generic = PLACED_TYPES[index]
        plural = kind_words.endswith("s")
        found = _place_of(doc, pre)
        if found is None:
            before = text[max(0, match.start() - 12):match.start()]
            if not plural and re.search(r"\b(?:the|The|our|Our)\s+\Z", before + pre):
                # "the CCG": resolved later to the document's one CCG, if it has exactly one
                yield Mention("", f"the {short}", kind, match.start("type"), match.end("type"),
                              generic=generic, confidence=0.6, alias=False)
            elif not plural and not pre and kind_words == short:
                # bare "CCG" as in "CCG level", "the CCG's members": the document's one CCG, if it has one
                yield Mention("", short, kind, match.start("type"), match.end("type"),
                              generic=generic, confidence=0.5, alias=False)
            continue
        place, size = found
        if plural and re.search(rf"(?:{W},\s*)+\Z", text[max(0, match.start() - 80):match.start()]):
            continue  # "Ashby, Brent, Colne and Dale CCGs": a list of CCGs, not one body
        start = _tail_start(match.start("pre"), pre, size)
        nhs = re.search(rf"NHS{SP}\Z", text[max(0, start - 6):start])
        if nhs:
            start -= len(nhs.group(0))
        name = " ".join(text[start:match.end("type")].split())
        if plural and generic == "ccg":
            yield Mention(f"{slug(place)}-ccgs", name, "partnership or network", start, match.end("type"))
        elif not plural:
            yield Mention(key_format.format(slug(place)), name, kind, start, match.end("type"),
                          confidence=0.9)


_NHS_PLACE_RE = re.compile(rf"\bNHS{SP}(?P<place>(?:{_COMPASS}{SP}){{0,2}}{W})\b(?!{SP}(?:{W}))")


def _nhs_places(doc: JoinedText, places: set[str]) -> Iterator[Mention]:
    """ "NHS <place>" alone: a place's NHS commissioner ("NHS North West Midshire", "NHS Riverside").

    Only for a region (compass words before a proper noun) or a place the document names other
    bodies after or writes about as a place, so that "NHS Choices" or "NHS Constitution" is no body.
    Resolution makes it the place's CCG when the document names one.
    """
    for match in _NHS_PLACE_RE.finditer(doc.text):
        found = _place_of(doc, match.group("place"))
        if found is None or found[1] != len(match.group("place").split()):
            continue
        place = found[0]
        regional = len(place.split()) > 1 and place.split()[0].lower() in COMPASS_WORDS
        if regional or normalise(place) in places or place in doc.prose_places:
            end = match.end() - (len(match.group(0)) - len(match.group(0).rstrip("'’")))  # a closing quote
            yield Mention(f"nhs-{slug(place)}", " ".join(doc.text[match.start():end].split()), "commissioner",
                          match.start(), end, confidence=0.7)


_COUNTED_RE = re.compile(
    rf"\b(?:(?i:the|all(?:{SP}the)?){SP})?(?P<count>{_COUNT}){SP}"
    rf"(?P<what>CCGs|Clinical{SP}Commissioning{SP}Groups|NHS{SP}organisations(?={SP}?\((?:Clinical|CCG)))"
    rf"(?P<paren>{SP}?\((?:Clinical{SP}Commissioning{SP}Groups|CCGs)\))?")
_REGION_AFTER = re.compile(
    rf"{SP}(?:in|across|of|within){SP}(?:the{SP})?((?:{_PLACE_TOKEN}(?:{SP}|(?=[^\w]))){{1,4}})")


def _collaborations(doc: JoinedText) -> Iterator[Mention]:
    """Counted groups of CCGs ("the four CCGs in north west Midshire") and of local authorities."""
    text = doc.text
    for match in _COUNTED_RE.finditer(text):
        name = " ".join(text[match.start("count"):match.end("what")].split())
        region = _REGION_AFTER.match(text, match.end())
        place = _place_of(doc, region.group(1)) if region else None
        if place and len(place[0].split()) == len(region.group(1).split()):
            yield Mention(f"{slug(place[0])}-ccgs", name, "partnership or network", match.start("count"),
                          match.end("what"), count=match.group("count").lower())
        else:
            yield Mention("", name, "partnership or network", match.start("count"), match.end("what"),
                          generic="ccgs", count=match.group("count").lower(), confidence=0.7)
    # "the six Midshire Boroughs", "six local authorities", "Local Authorities": the councils together
    collective = re.compile(
        rf"\b(?:(?P<count>(?i:all|{'|'.join(NUMBER_WORDS)}|\d{{1,2}})){SP}(?:(?:{W}){SP})?"
        rf"(?:local{SP}authorities|Local{SP}Authorities|Boroughs|boroughs|councils|Councils)\b"
        rf"|\bLocal{SP}Authorities\b)")
    for match in collective.finditer(text):
        name = " ".join(match.group(0).split())
        if match.group("count") and re.search(r"[Bb]oroughs|[Cc]ouncils", name) and \
                not re.search(rf"{_COUNT}{SP}{W}{SP}", match.group(0)):
            continue  # "two boroughs" is a count of places; "the six Midshire Boroughs" names the councils
        yield Mention("local-authorities", name, "local authority", match.start(), match.end(),
                      confidence=0.6)


_BOROUGH_OF_RE = re.compile(
    rf"\b(?:(?:London|Royal|Metropolitan){SP}Borough|LB|City){SP}of{SP}"
    rf"(?P<place>{W}(?:{SP}(?:and|&|upon|on){SP}{W}|{SP}{W}){{0,2}})(?P<council>{SP}Council)?")
_COUNCIL_RE = re.compile(
    rf"{_START}(?P<pre>{_PRE}{{1,4}}?)"
    rf"(?:(?:City|County|Borough|District|Metropolitan{SP}Borough|Town|Parish|Unitary){SP})?"
    rf"Council\b(?!{SP}(?:for|of)\b)")


def _councils(doc: JoinedText) -> Iterator[Mention]:
    text = doc.text
    for match in _BOROUGH_OF_RE.finditer(text):
        words = match.group("place").split()
        # keep the place's own words: "London Borough of Riverside The Council" ends at "Riverside"
        while len(words) > 1 and not (doc.proper(words[-1]) and words[-1] not in STOP_FIRST | TYPE_WORDS):
            words.pop()
        while len(words) > 1 and words[-1] in ("and", "&", "upon", "on"):
            words.pop()
        if not _placeish(doc, words[0]):
            continue
        place = " ".join(_without_possessive(w) for w in words)
        end = match.start("place") + _end_of_words(match.group("place"), len(words))
        if match.group("council") and len(words) == len(match.group("place").split()):
            end = match.end("council")
        yield Mention(f"{slug(place)}-council", " ".join(text[match.start():end].split()), "local authority",
                      match.start(), end, confidence=0.9)
    for match in _COUNCIL_RE.finditer(text):
        found = _place_of(doc, match.group("pre"))
        if found is None:
            continue
        start = _tail_start(match.start("pre"), match.group("pre"), found[1])
        name = " ".join(text[start:match.end()].split())
        yield Mention(f"{slug(found[0])}-council", name, "local authority", start, match.end(),
                      confidence=0.9)
    for match in re.finditer(rf"\b(?:the|The){SP}Council\b(?!{SP}(?:for|of)\b)", text):
        yield Mention("", "the Council", "local authority", match.start(), match.end(), generic="council",
                      confidence=0.6, alias=False)


def _end_of_words(text: str, count: int) -> int:
    tokens = list(re.finditer(r"\S+", text))
    return tokens[count - 1].end() if tokens else 0


# Last words of a body's name: "X Council and Y NHS Trust" lists two bodies, "X and Y NHS Trust" names one.
_LISTED_BODY_END = frozenset("""Council Councils CCG CCGs ICB ICS ICP Police Constabulary Service Board Trust
Partnership Network University College Authority Agency Commission Committee Group""".split())


def _after_listed_body(tokens: list[re.Match]) -> list[re.Match]:
    """The tokens after the last "and" that follows another body's last word ("X Council and …")."""
    for index in range(len(tokens) - 1, 0, -1):
        if tokens[index].group() in ("and", "&") and tokens[index - 1].group() in _LISTED_BODY_END:
            return tokens[index + 1:]
    return tokens


_TRUST_RE = re.compile(
    rf"{_START}(?P<pre>(?:{W}(?:{SP}(?:and|&|of){SP}|{SP})){{1,7}}?)"
    rf"(?:(?P<nhs>NHS{SP})?(?:Foundation{SP})?Trust\b(?!{SP}(?:Special|Development|Board)\b)"
    rf"|(?P<ft>NHS{SP}F\.?T)\b(?!\.?\w))")  # "X NHS FT": a foundation trust's own short form
_THE_TRUST_RE = re.compile(rf"\b(?:the|The|our|Our){SP}(?P<trust>Trust)\b"
                           rf"(?!{SP}(?:Board|Development|Special)\b)")
_PROVIDER_WORDS = re.compile(r"\b(?:Hospitals?|Healthcare|Health|Care|Mental|Community|Ambulance|Partnership|"
                             r"Teaching|University|Acute)\b")


def _trusts(doc: JoinedText) -> Iterator[Mention]:
    text = doc.text
    for match in _TRUST_RE.finditer(text):
        tokens = _after_listed_body(list(re.finditer(r"\S+", match.group("pre"))))
        while tokens and (tokens[0].group() in STOP_FIRST or tokens[0].group() in ("and", "&", "of")
                          or tokens[0].group().endswith("ing") and not doc.proper(tokens[0].group())):
            tokens.pop(0)
        words = [t.group() for t in tokens if t.group() not in ("NHS", "Foundation")]
        if not words or not any(_placeish(doc, w) or (doc.proper(w) and w not in TYPE_WORDS) for w in words):
            continue  # "the Acute Trust", "Mental Health Trust": no name of its own
        start = match.start("pre") + tokens[0].start()
        name = " ".join(text[start:match.end()].split())
        provider = match.group("nhs") or match.group("ft") or "Foundation" in name or \
            _PROVIDER_WORDS.search(name)
        kind = "provider trust" if provider else "voluntary sector"  # "X Trust" alone may be a charity
        yield Mention(f"{slug(' '.join(words))}-trust", name, kind, start, match.end(), confidence=0.85)
    for match in _THE_TRUST_RE.finditer(text):  # a trust's own strategy says "the Trust"
        yield Mention("", "the Trust", "provider trust", match.start("trust"), match.end("trust"),
                      generic="trust", confidence=0.6, alias=False)


_HWB_RE = re.compile(rf"{_START}(?:(?P<pre>{_PRE}{{1,3}}?))?"
                     rf"(?P<board>Health{SP}(?:and|&){SP}Well(?:-|{SP})?[Bb]eing{SP}Boards?)\b")


def _health_and_wellbeing_boards(doc: JoinedText) -> Iterator[Mention]:
    """A health and wellbeing board is its place's ("X's Health and Wellbeing Board")."""
    text = doc.text
    for match in _HWB_RE.finditer(text):
        if match.group("board").endswith("s"):
            continue  # the boards in general, not one body
        found = _place_of(doc, match.group("pre") or "")
        if found:
            start = _tail_start(match.start("pre"), match.group("pre"), found[1])
            name = " ".join(text[start:match.end()].split())
            yield Mention(f"{slug(found[0])}-health-and-wellbeing-board", name, "board or committee", start,
                          match.end(), confidence=0.85)
        else:
            yield Mention("", " ".join(match.group("board").split()), "board or committee",
                          match.start("board"), match.end(), generic="hwb", confidence=0.7)
    for match in re.finditer(r"\bHWBB?\b", text):
        yield Mention("", match.group(0), "board or committee", match.start(), match.end(), generic="hwb",
                      confidence=0.6, alias=False)


# What may follow a place without making it a body's or a noun's ("Millbrook residents", "Millbrook Council").
_PLACE_AS_WORD = re.compile(r"[ \u00a0]+(?:[A-Z]|(?:people|residents|population|patients|communities|"
                            r"citizens|borough|county|city|area|areas|district|districts)\b)")


def _healthwatch(doc: JoinedText) -> Iterator[Mention]:
    """ "Healthwatch X" or "X Healthwatch" is its place's; a bare "Healthwatch" is resolved later.

    A Healthwatch may be named after two places joined by "and" ("Healthwatch Westvale and
    Eastport"), unless the second place opens another body's name or a noun phrase ("Healthwatch
    Westvale and Eastport Council", "… and Eastport residents")."""
    text = doc.text
    after_re = re.compile(rf"{SP}({W})")
    joined_re = re.compile(rf"{SP}(?:and|&){SP}((?:{_COMPASS}{SP})?{W})")
    for match in re.finditer(r"\bHealthwatch\b", text):
        start, end = match.start(), match.end()
        after = after_re.match(text, end)
        window = text[max(0, start - 40):start]
        before = re.search(rf"({W}){SP}\Z", window)
        if after and after.group(1) == "England":
            continue  # the national body, from the curated table
        if after and _placeish(doc, after.group(1)):
            place, end = _without_possessive(after.group(1)), after.end(1)
            joined = joined_re.match(text, end) if not re.search(r"['’]s?$", after.group(1)) else None
            if joined and _placeish(doc, joined.group(1).split()[-1]) and \
                    not _PLACE_AS_WORD.match(text, joined.end(1)) and joined.group(1).split()[-1] != place:
                second = " ".join(joined.group(1).split())
                place = f"{place} and {_without_possessive(second)}"
                end = joined.end(1) - (len(second) - len(_without_possessive(second)))
        elif before and _placeish(doc, before.group(1)):
            place, start = _without_possessive(before.group(1)), start - (len(window) - before.start(1))
        else:
            yield Mention("", "Healthwatch", "voluntary sector", start, end, generic="healthwatch",
                          confidence=0.7)
            continue
        name = " ".join(text[start:end].split())
        yield Mention(f"healthwatch-{slug(place)}", name, "voluntary sector", start, end)


# Suffixes that make a capitalised name a body, and the kind each makes.
SUFFIX_KIND = {
    "Board": "board or committee", "Boards": "board or committee", "Committee": "board or committee",
    "Committees": "board or committee", "Group": "board or committee", "Groups": "board or committee",
    "Forum": "board or committee", "Panel": "board or committee",
    "Partnership": "partnership or network", "Partnerships": "partnership or network",
    "Network": "partnership or network", "Networks": "partnership or network",
    "Alliance": "partnership or network",
    "Collaborative": "partnership or network", "Federation": "partnership or network",
    "Federations": "partnership or network", "Partners": "partnership or network",
    "Consortium": "partnership or network", "Coalition": "partnership or network",
    "Unit": "other", "Agency": "national body", "Authority": "other", "Commission": "other",
    "Association": "other", "Society": "other", "Institute": "other", "Foundation": "voluntary sector",
    "Senate": "board or committee", "System": "partnership or network", "Office": "national body",
}
# "Office" ends a body's name only after a national prefix and a word of what it does ("NHS National
# Delivery Office", "National Records Office"); "Programme Office", "Post Office", "Head Office" are not bodies.
_OFFICE_OPENERS = frozenset("NHS National UK".split())
_PLURAL_SUFFIXES = frozenset("Boards Committees Groups Partnerships Networks Federations".split())
_SUFFIX_RE = "|".join(sorted(SUFFIX_KIND, key=len, reverse=True))
_JOIN = rf"(?:{SP}(?:and|&|in|on){SP}|{SP}(?:of|for)(?:{SP}the)?{SP}|{SP})"
# a suffix followed by another body word is not the end of the name ("Local Care Network Boards")
_OTHER_SHAPES = re.compile(r"\b(?:Trusts?|Councils?|CCGs?|Clinical Commissioning|Healthwatch|Wellbeing|"
                           r"Well Being|NHS England|Local Authorit(?:y|ies))\b"
                           r"|^(?:NHS )?Integrated Care (?:Board|System|Partnership)s?$")
_NAMED_RE = re.compile(rf"{_START}(?P<words>(?:{W}{_JOIN}){{1,8}}?)(?P<suffix>{_SUFFIX_RE})\b"
                       rf"(?!{SP}(?:NHS|Trusts?|{_SUFFIX_RE})\b)")
_NATIONAL_PREFIX = frozenset("NHS National Royal UK British English Regional".split())
# Words of a body's role: a name made of them says what the body does, not whose it is.
_GOVERNANCE = frozenset("""Joint Select Strategic Executive Oversight Steering Programme Partnership
Commissioning Scrutiny Overview Health Care Adult Adults Children Young People Clinical Quality Safety
Management Contract Integrated Transformation Delivery Implementation Finance Performance Governance
Local Primary Community Mental Social Public Patient Engagement Reference Advisory Planning System
Leadership Safeguarding Working Task Finish Operational Project Senior Sub Assurance Risk Audit
Remuneration Governing Wellbeing Improvement Innovation Urgent Emergency Planned Cancer Maternity Older
Learning Disability Disabilities Carers Prevention Medicines Infection Estates Workforce Digital
Information Technology Communications Network Forum Board Group Committee""".split())
# Qualifiers that make "X Group(s)" a kind of gathering rather than a body.
_GATHERING = frozenset("""Focus Working Patient Patients User Users Support Interest Peer Age Population
Ethnic Risk Target Faith Voluntary Community Diagnosis Diagnostic Related Reading Discussion Study Blood
Service Staff Professional Stakeholder Member Members Care Condition Conditions Disease Clinical""".split())
_SPECIAL_KIND = (
    (re.compile(r"\bIntegrated Care Boards?$"), "commissioner"),
    (re.compile(r"\b(?:Integrated Care|Sustainability and Transformation) (?:System|Partnership)s?$"),
     "partnership or network"),
    (re.compile(r"\bCommissioning Support Unit$"), "other"),
)


# Words naming a document: "X Strategy of the Y Partnership" is Y Partnership's document, not a body.
DOCUMENT_WORDS = frozenset("""Strategy Strategies Plan Plans Framework Report Programme Review Assessment
Policy Charter Agreement Constitution Guidance Vision Statement Prospectus Compact Accord""".split())
_GOVERNED = re.compile(r"^(\S+(?:\s+\S+)+?\s+(?:Network|Partnership|Alliance|Collaborative))s?\s+"
                       r"(?:Board|Committee|Group)$")


def _participle(doc: JoinedText, word: str) -> bool:
    """ "Establishing", "Supporting": a verb opening a line, not the first word of a name."""
    return bool(re.fullmatch(r"[A-Z][a-z]+ing", word)) and not doc.proper(word)


def _named_bodies(doc: JoinedText, places: set[str]) -> Iterator[Mention]:
    """Capitalised names ending in a body's suffix: "X Strategic Partnership", "Y Select Committee".

    ``places`` are the places other bodies are named after here: "X Local Care Networks" (plural)
    is one body only when X is such a place, a region or an acronym ("ABC Steering Groups").
    """
    text = doc.text
    for match in _NAMED_RE.finditer(text):
        tokens = list(re.finditer(r"\S+", match.group("words")))
        titled = [i for i, t in enumerate(tokens[:-1])
                  if t.group() in DOCUMENT_WORDS and tokens[i + 1].group() in ("of", "for", "by", "from")]
        if titled:
            tokens = tokens[titled[-1] + 1:]  # "Integrated Care Strategy of the X Partnership": X's
        tokens = _after_listed_body(tokens)  # "X Council and Y Safeguarding Board": Y's board
        while tokens and (tokens[0].group() in STOP_FIRST | CONNECTORS
                          or _participle(doc, tokens[0].group())):
            tokens.pop(0)  # "Update for X Committee", "Establishing Local Care Networks"
        suffix = match.group("suffix")
        integrated = re.search(rf"Integrated{SP}Care{SP}\Z", match.group("words"))
        if not tokens or suffix == "System" and not integrated:
            continue  # of systems, only an integrated care system is a body
        start = match.start("words") + tokens[0].start()
        name = " ".join(text[start:match.end("suffix")].split())
        words = [t.group() for t in tokens]
        if _OTHER_SHAPES.search(name):
            continue  # the rules for those shapes decide
        proper = [w for w in words if w not in CONNECTORS | TYPE_WORDS | STOP_FIRST and doc.proper(w)]
        qualifiers = [w for w in words if w[:1].isupper()]
        if not qualifiers:
            continue
        if suffix.startswith("Group") and not proper and (
                set(qualifiers) & _GATHERING and len(qualifiers) < 3 or len(qualifiers) < 2):
            continue  # "Focus Groups", "Patient Group", "Working Group": gatherings, not named bodies
        if suffix == "Office" and not (words[0] in _OFFICE_OPENERS and len(qualifiers) >= 2):
            continue  # "Programme Office", "Regional Office", "Head Office": a room or a team, not a body
        # "Midshire Armed Forces Network", "NHS Midshire Network" name a place; "Select Committee" does not
        placed = words[0] in _NATIONAL_PREFIX or words[0].isupper() or _starts_with_place(name, places) or \
            any(_without_possessive(w) in doc.prose_places for w in words)
        # a body named by its role ("Select Committee", "Partnership Board") is the area's own; one named
        # by a proper name of its own ("Hurley Group", "King's Health Partners") is itself wherever named
        generic_name = all(_without_possessive(w) in _GOVERNANCE for w in proper)
        region = words[0].isupper() or words[0].lower() in COMPASS_WORDS or _starts_with_place(name, places)
        if suffix.endswith("s") and suffix not in ("Partners",) and not region:
            before = text[max(0, start - 20):start]
            defined = re.match(rf"{SP}?\(\s*[A-Z][A-Za-z]{{1,7}}\s*\)", text[match.end():match.end() + 14])
            if not (re.search(rf"\b{_COUNT}{SP}\Z", before) or defined):
                continue  # "Health and Wellbeing Boards", "Finance Working Groups": bodies of a kind, not one
        kind = SUFFIX_KIND[suffix]
        for pattern, special in _SPECIAL_KIND:
            if pattern.search(name):
                kind = special
        singular = name[: -len(suffix)] + (suffix[:-1] if suffix in _PLURAL_SUFFIXES else suffix)
        governing = _GOVERNED.match(singular)
        if governing:  # "X Network Boards" govern X Network: one body with it
            singular = governing.group(1)
            kind = SUFFIX_KIND[singular.split()[-1]]
        key = slug(_without_possessive(singular))
        if len(words) > 2 and words[0] == "NHS" and words[1] in _NATIONAL_PREFIX - {"NHS"}:
            key = key[len("nhs-"):]  # "NHS National X Office" is the "National X Office" written without NHS
        yield Mention(key, name, kind, start, match.end("suffix"),
                      confidence=0.75 if proper else 0.65, local=not placed and generic_name)


_OFFICE_RE = re.compile(
    rf"\b(?P<head>(?:Royal{SP})?(?:College|Colleges|Office|Department|Ministry|Institute|Association|Society|"
    rf"Academy|University|Federation|Council)){SP}(?:of|for){SP}"
    rf"(?P<rest>(?:the{SP})?{W}(?:{_JOIN}{W}){{0,5}})")


def _offices(doc: JoinedText) -> Iterator[Mention]:
    """Names that open with their kind: "Office of the X", "Royal College of Y", "Department for Z"."""
    text = doc.text
    for match in _OFFICE_RE.finditer(text):
        rest = match.group("rest")
        tokens = list(re.finditer(r"\S+", rest))
        for index, token in enumerate(tokens):
            if token.group() in ("and", "&") and _body_shaped([t.group() for t in tokens[index + 1:]]):
                tokens = tokens[:index]  # "University of X and Y College": two bodies, listed
                break
            if token.group() in _LISTED_BODY_END and index + 1 < len(tokens) and \
                    "\n" in rest[token.end():tokens[index + 1].start()]:
                tokens = tokens[:index + 1]  # "… for Voluntary Service" ends its line and its name
                break
        while tokens and tokens[-1].group() in STOP_FIRST | CONNECTORS:
            tokens.pop()
        if not tokens:
            continue
        end = match.start("rest") + tokens[-1].end()
        name = " ".join(text[match.start():end].split())
        head = match.group("head").split()[-1]
        if head == "Council" and not re.search(r"\bCouncil for Voluntary", name):
            continue  # "Council of the City of X" is rare and "Council for X" usually a role; only CVS bodies
        kind = ("national body" if head in ("Office", "Department", "Ministry") else
                "voluntary sector" if head == "Council" else "other")
        yield Mention(slug(name), name, kind, match.start(), end, confidence=0.7)


# Last words that make a name a body of its own: "University of X and Y College" lists two bodies.
_BODY_END_WORDS = frozenset("""College University Council Trust Service Police Constabulary Board Authority
Agency Commission Partnership Network CCG ICB Hospital Hospitals Healthwatch""".split())


def _body_shaped(words: list[str]) -> bool:
    """Whether the words after an "and" name a body by themselves: capitalised, ending in a body's word."""
    return bool(words) and words[-1] in _BODY_END_WORDS and all(w[:1].isupper() for w in words)


# Public services and institutions named "<place> <type>": (type pattern, key suffix, kind). A fire
# service, a police force, an ambulance service, a university or college, a council for voluntary
# service. Longer types first, so that "X Police and Crime Commissioner" is not "X Police".
PLACE_SUFFIXED_TYPES = (
    (rf"Fire{SP}(?:and|&){SP}Rescue{SP}Service", "fire-and-rescue-service", "other"),
    (rf"Fire{SP}(?:and|&){SP}Rescue{SP}Authority", "fire-and-rescue-authority", "other"),
    (rf"Fire{SP}(?:and|&){SP}Rescue\b(?!{SP}(?:Services|Authorities)\b)", "fire-and-rescue-service", "other"),
    (rf"Police{SP}(?:and|&){SP}Crime{SP}Commissioner", "police-and-crime-commissioner", "other"),
    (rf"Police(?:{SP}Service)?|Constabulary", "police", "other"),
    (rf"Ambulance{SP}Service(?!{SP}(?:NHS|Trust)\b)", "ambulance-service-trust", "provider trust"),
    (r"University|College", "", "other"),
    (rf"Council{SP}for{SP}Voluntary{SP}(?:Service|Action)s?|CVS", "cvs", "voluntary sector"),
    (rf"(?:Community{SP}(?:and|&){SP}Voluntary|Voluntary{SP}(?:and|&){SP}Community){SP}Services?",
     "cvs", "voluntary sector"),
    (rf"Community{SP}Action", "community-action", "voluntary sector"),
    (rf"Voluntary{SP}Action", "voluntary-action", "voluntary sector"),
)
# Types whose key names the kind first, as "<kind> <place>" names of the same bodies do ("Community
# Action X" and "X Community Action" are both ``community-action-x``).
_KIND_FIRST_KEYS = frozenset(("community-action", "voluntary-action"))
_SUFFIXED_RE = re.compile(
    rf"{_START}(?P<pre>{_PRE}{{1,4}}?)(?P<type>"
    + "|".join(rf"(?P<s{i}>{pattern})" for i, (pattern, *_) in enumerate(PLACE_SUFFIXED_TYPES))
    + r")\b(?!-)")
# Capitalised words before "College" or "Police" that say what kind it is, not where
_NOT_A_PLACE = frozenset("""Royal National British English UK Regional Further Higher Education Sixth Form
Medical Nursing Open Training Specialist Independent Private Voluntary Transport Military
Neighbourhood""".split())
# "College Road", "Riverside University Hospital": a place named after the body, or a longer name
_NOT_INSTITUTION = re.compile(r"[ \u00a0]+(?:[A-Z]|NHS\b|of\b)")


def _public_services(doc: JoinedText) -> Iterator[Mention]:
    """ "<place> Fire and Rescue Service", "<place> Police", "<place> Constabulary", "<place> University",
    "<place> College", "<place> Council for Voluntary Service" / "<place> CVS": one body per place.

    Without a place ("the Fire and Rescue Service's role", "College Road") there is no body. A
    college or university followed by another capitalised word is part of a longer name ("X
    College Hospital") or a street ("X College Road"), not the body. In "University of X and Y
    College" the place is Y alone: X belongs to the university.
    """
    text = doc.text
    for match in _SUFFIXED_RE.finditer(text):
        index = next(i for i in range(len(PLACE_SUFFIXED_TYPES)) if match.group(f"s{i}"))
        _, suffix, kind = PLACE_SUFFIXED_TYPES[index]
        type_words = match.group("type")
        if type_words in ("University", "College") and _NOT_INSTITUTION.match(text, match.end()):
            continue
        pre = match.group("pre")
        if re.search(rf"\b[A-Z][\w'’-]*{SP}(?:of|for){SP}(?:the{SP})?\Z", text[max(0, match.start() - 60):
                                                                               match.start()]):
            joined = re.search(rf"{SP}(?:and|&){SP}", pre)
            if not joined:
                continue  # "University of X College" is one odd name, not a college of X
            pre = pre[joined.end():]  # "University of X and Y College": Y's college
        found = _place_of(doc, pre)
        if found is None or set(found[0].split()) & _NOT_A_PLACE:
            continue  # "the Royal College", "Further Education College": no place, no body
        place, size = found
        start = _tail_start(match.end("pre") - len(pre), pre, size)
        name = " ".join(text[start:match.end()].split())
        key = f"{suffix}-{slug(place)}" if suffix in _KIND_FIRST_KEYS else \
            f"{slug(place)}-{suffix or type_words.lower()}"
        yield Mention(key, name, kind, start, match.end(), confidence=0.8)


# Voluntary bodies named "<kind> <place>": "Voluntary Action X", "Community Action X", "Age UK X",
# "Citizens Advice X". Age UK and Citizens Advice without a place are the national charities.
_PLACE_AFTER_RE = re.compile(
    rf"\b(?P<head>(?:Voluntary|Community){SP}Action|Age{SP}UK|Citizens['’]?{SP}Advice(?:{SP}Bureaux?)?)"
    rf"(?P<place>(?:[ \u00a0]+(?:{_COMPASS}[ \u00a0]+)?{W}(?:[ \u00a0]+{W})?)?)")


def _voluntary_bodies(doc: JoinedText) -> Iterator[Mention]:
    """ "Voluntary Action <place>", "Community Action <place>", "Age UK <place>",
    "Citizens Advice <place>"; "Age UK" and "Citizens Advice" alone are the national charities."""
    text = doc.text
    for match in _PLACE_AFTER_RE.finditer(text):
        head = " ".join(match.group("head").split())
        tokens = list(re.finditer(r"\S+", match.group("place")))
        words = [t.group() for t in tokens]
        size = 0
        if len(words) == 2 and words[0].lower() in COMPASS_WORDS and _placeish(doc, words[1]):
            size = 2  # "Community Action North Riverside"
        elif words and _placeish(doc, words[0]):
            size = 2 if len(words) == 2 and _second_word(doc, words[0], words[1], " ") \
                and _placeish(doc, words[1]) else 1
        base = re.sub(r"\s+Bureaux?$", "", re.sub(r"['’]", "", head))
        if not size:
            if head.split()[-1] == "Action":
                continue  # "Community Action" in a heading is an activity, not a body
            yield Mention(slug(base), head, "voluntary sector", match.start(), match.end("head"),
                          confidence=0.75)
            continue
        place = " ".join(_without_possessive(w) for w in words[:size])
        end = match.start("place") + tokens[size - 1].end()
        end -= len(words[size - 1]) - len(_without_possessive(words[size - 1]))  # "Age UK Riverside's"
        yield Mention(f"{slug(base)}-{slug(place)}", " ".join(text[match.start():end].split()),
                      "voluntary sector", match.start(), end, confidence=0.8)


def known_places(known: list[Mention]) -> set[str]:
    """Places the shape rules found bodies of, as normalised words.

    Parameters
    ----------
    known
        Mentions found so far.

    Returns
    -------
    set[str]
        "riverside" for ``nhs-riverside-ccg``, ``healthwatch-riverside``, ``riverside-council``, …
    """
    places = set()
    for mention in known:
        match = re.fullmatch(r"(?:nhs-)?(.+?)-(?:ccgs?|icb|ics|icp|council|health-and-wellbeing-board)",
                             mention.key) or re.fullmatch(r"healthwatch-(.+)", mention.key)
        if match and mention.key != "local-authorities":
            places.add(match.group(1).replace("-", " "))
    return places


def _starts_with_place(name: str, places: set[str]) -> bool:
    """Whether a name opens with one of ``places`` ("Riverside Homes" with "riverside")."""
    words = normalise(name)
    return any(words == place or words.startswith(place + " ") for place in places)
