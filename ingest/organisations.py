"""Organisations: recognise the bodies a document names and resolve each to one record.

In: a :class:`~ingest.records.SourceText`. Out: :class:`OrganisationFindings` — one
:class:`~ingest.records.Organisation` per real body with every name it was found under, the
publishers of the document — plus helpers for the sections each body owns, the leads it is named
as, and the mentions.

Recognition rests on the shapes public-sector bodies take in English (``… Clinical Commissioning
Group`` / ``… CCG``, ``London Borough of …``, ``… Council``, ``… NHS (Foundation) Trust``,
``… Board``, ``… Partnership``, ``… Network``, ``… Committee``, ``Healthwatch …``), on
abbreviations the text defines, on a small table of England's national health bodies (general
knowledge), and on spaCy's NER as support. No rule names a local body of any document.
Must not import anything from kg/ or api/.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ingest.records import Link, Organisation, SourceText, Span, Statement

_W = r"[A-Z][\w'’-]*"  # a capitalised word
_COMPASS = frozenset("North South East West Central Mid Greater Inner Outer Upper Lower".split())
_COMPASS_LOWER = frozenset(w.lower() for w in _COMPASS) - {"upper", "lower", "inner", "outer", "mid"}
_CONNECT = r"(?:\s+(?:and|of|for|&|the|in)\s+|\s+)"
_STOP_FIRST = frozenset("Update Report Briefing Paper Presentation Submission Letter Appendix Annex Section "
                        "If When Last Next Since Following Through Under With Within Across Between For To In Of "
                        "The This That These Those Our Their Its Each All Any A An Every Local Individual Member "
                        "Other Some New Lead Host Existing Relevant Appropriate Respective Both Many Several "
                        "Your My We Why What How When Where Who".split())
_GENERIC = frozenset("Programme Project Transformation Steering Working Executive Oversight Implementation Delivery "
                     "Project Clinical Strategy Planning Partnership Quality Safety Finance Performance Contract "
                     "Management Governing Governance".split())
_NUMBERS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "twenty thirty thirty-two").split()

# England's national health and care bodies: general knowledge, never a local body of a document.
NATIONAL_BODIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NHS England", "national body", (
        r"NHS\s+England(?:\s*\(\s*London\s*\)|\s+London|\s+Direct\s+Commissioning)?", r"London\s+NHS\s+England",
        r"(?:[A-Z]\w+\s+Regional\s+Office\s+of\s+the\s+)?NHS\s+Commissioning\s+Board", r"NHS\s?CB\b", r"NHSE\b")),
    ("Care Quality Commission", "regulator", (r"Care\s+Quality\s+Commission", r"CQC\b")),
    ("Monitor", "regulator", (r"(?<=[,(]\s)Monitor\b", r"(?<=[a-z,]\s)Monitor(?=\s*[,)])",)),
    ("NHS Trust Development Authority", "regulator", (r"NHS\s+Trust\s+Development\s+Authority", r"(?:NHS\s+)?TDA\b")),
    ("NHS Improvement", "regulator", (r"NHS\s+Improvement", r"NHSI\b")),
    ("Public Health England", "national body", (r"Public\s+Health\s+England", r"PHE\b")),
    ("Department of Health", "national body", (r"Department\s+of\s+Health(?:\s+and\s+Social\s+Care)?", r"DHSC\b")),
    ("Health Education England", "national body", (r"Health\s+Education\s+England", r"HEE\b")),
    ("National Institute for Health and Care Excellence", "national body",
     (r"National\s+Institute\s+for\s+Health\s+and\s+Care\s+Excellence", r"NICE\b")),
    ("UK Health Security Agency", "national body", (r"UK\s+Health\s+Security\s+Agency", r"UKHSA\b")),
    ("Local Government Association", "national body", (r"Local\s+Government\s+Association", r"LGA\b")),
    ("NHS Digital", "national body", (r"NHS\s+Digital",)),
)

_SUFFIX_KIND = {
    "board": "board or committee", "boards": "board or committee", "committee": "board or committee",
    "group": "board or committee", "groups": "board or committee", "forum": "board or committee",
    "partnership": "partnership or network", "network": "partnership or network",
    "networks": "partnership or network", "alliance": "partnership or network",
    "collaborative": "partnership or network", "federation": "partnership or network",
    "federations": "partnership or network", "commission": "regulator", "authority": "national body",
    "agency": "national body", "unit": "other", "trust": "provider trust", "council": "local authority",
}


@dataclass
class _Mention:
    key: str
    name: str  # as written, whitespace-normalised
    kind: str
    start: int  # character offsets in the joined text
    end: int
    method: str = "rule"
    confidence: float = 0.8
    generic: str | None = None  # "ccg", "council", "hwb", "healthwatch": a placeless singular reference
    local: bool = False  # a board, committee or partnership of the plan's own area unless it names another


@dataclass(frozen=True)
class OrganisationFindings:
    organisations: tuple[Organisation, ...]
    publishers: tuple[str, ...]
    alias_index: Mapping[str, str] = field(default_factory=dict)


def normalise(name: str) -> str:
    """A name reduced to lowercase words, apostrophes dropped: "Lewisham's  Board" → "lewishams board"."""
    name = name.lower().replace("&", " and ")
    name = re.sub(r"['’`]", "", name)
    return " ".join(re.findall(r"[a-z0-9]+", name))


def _slug(text: str) -> str:
    return "-".join(normalise(text).split())


class _Text:
    """The document joined into one string, with a map from offsets back to line numbers."""

    def __init__(self, source: SourceText):
        self.lines = source.lines
        self.starts: list[int] = []
        offset = 0
        for line in source.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        self.text = "\n".join(source.lines)
        prose = re.sub(r"\S*(?:https?:|www\.|@|\.(?:org|gov|nhs|uk|com|net)\b)\S*", " ", self.text)  # not in addresses
        self.lowercase_words = set(re.findall(r"(?<![\w.])[a-z][a-z'’-]+\b", prose))

    def proper(self, word: str) -> bool:
        """Whether a capitalised word is a proper noun here: it never appears in lower case."""
        return word[:1].isupper() and word.lower() not in self.lowercase_words

    def line_of(self, offset: int) -> int:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def span(self, start: int, end: int) -> Span:
        quote = " ".join(self.text[start:end].split())
        return Span(self.line_of(start), self.line_of(max(start, end - 1)), quote)


def _place_words(words: str) -> str | None:
    """The place a name is of: its last word, with compass words and "and"-joined words before it.

    >>> _place_words("Appendix B. NHS Lewisham"), _place_words("the South East London"), _place_words("Brighton and Hove")
    ('Lewisham', 'South East London', 'Brighton and Hove')
    >>> _place_words("Each") is None
    True
    """
    parts = [w for w in re.split(r"[ \t]+", words.strip()) if w]
    if not parts or not parts[-1][:1].isupper() or parts[-1] in _STOP_FIRST or parts[-1] == "NHS":
        return None
    place = [parts[-1]]
    index = len(parts) - 2
    while index >= 0:
        word = parts[index]
        if word.capitalize() in _COMPASS and word[:1].isupper() or word.lower() in _COMPASS_LOWER:
            place.insert(0, word)
            index -= 1
        elif word in ("and", "&") and index >= 1 and parts[index - 1][:1].isupper() and parts[index - 1] not in _STOP_FIRST:
            place[:0] = [parts[index - 1], word]
            index -= 2
        else:
            break
    return " ".join(place)


def _possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text)


def _find(doc: _Text) -> list[_Mention]:
    text = doc.text
    found: list[_Mention] = []

    def _place(words: str) -> str | None:
        place = _place_words(words)
        if place is None or not (doc.proper(place.split()[-1]) or place.split()[-1].isupper()):
            return None  # "Last Years CCG": "years" is an ordinary word, not a place
        return place

    def add(key: str, name: str, kind: str, match: re.Match, group: int = 0, **extra) -> None:
        found.append(_Mention(key, " ".join(name.split()), kind, match.start(group), match.end(group), **extra))

    # national bodies first: they own their names ("NHS England", "Care Quality Commission")
    for name, kind, patterns in NATIONAL_BODIES:
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                add(_slug(name), match.group(0), kind, match, method="curated", confidence=0.95)
    # clinical commissioning groups, one place each, and their collaborations
    for match in re.finditer(rf"((?:NHS[ \t]+)?(?:{_W}[ \t]+){{1,4}}?)(Clinical\s+Commissioning\s+Groups?|CCGs?)\b(['’]s)?", text):
        place = _place(match.group(1))
        plural = match.group(2).endswith("s") and not match.group(2).endswith("Group")
        if match.group(2).endswith("Groups") or match.group(2) == "CCGs":
            plural = True
        if place is None:
            if not plural and re.search(r"\bthe\s*$", text[max(0, match.start() - 5):match.start()], re.I):
                add("", match.group(0), "commissioner", match, generic="ccg", confidence=0.6)
            continue
        region = re.search(r"\b(south|north|east|west|central)\b", place, re.IGNORECASE)
        start = match.start(1) + match.group(1).rfind(place)
        nhs = match.group(1).rfind("NHS", 0, match.group(1).rfind(place))
        if nhs >= 0 and not match.group(1)[nhs + 3:match.group(1).rfind(place)].strip():
            start = match.start(1) + nhs
        end = match.end(2)
        name = text[start:end]
        if plural or region:
            found.append(_Mention(f"{_slug(place)}-ccgs", " ".join(name.split()), "partnership or network", start, end))
        else:
            found.append(_Mention(f"{_slug(place)}-ccg", " ".join(name.split()), "commissioner", start, end))
    # counted collaborations: "the six CCGs in south east London", "six NHS organisations (…)"
    compass = r"(?i:south|north|east|west|central)"
    counted = rf"\b(?i:the\s+|all\s+)?(?i:{'|'.join(_NUMBERS)}|\d{{1,2}})\s+(?:CCGs|Clinical\s+Commissioning\s+Groups|NHS\s+organisations)" \
              rf"(?:\s*\((?:Clinical\s+Commissioning\s+Groups|CCGs)\))?(?:\s+(?:in|across)\s+((?:{compass}\s+)*[A-Z]\w+))?"
    for match in re.finditer(counted, text):
        name = re.split(r"\s*\(|\s+(?:in|across)\s", match.group(0))[0]
        if match.group(1):
            add(f"{_slug(match.group(1))}-ccgs", name, "partnership or network", match)
        else:
            add("", name, "partnership or network", match, generic="ccgs")
    # councils and their collectives
    for match in re.finditer(rf"\b(?:London[ \t]+Borough|LB|Royal[ \t]+Borough)[ \t]+of[ \t]+({_W}(?:[ \t]+(?:and[ \t]+)?{_W})?)", text):
        add(f"{_slug(_possessive(match.group(1)))}-council", match.group(0), "local authority", match)
    for match in re.finditer(rf"\b((?:{_W}[ \t]+(?:(?:and|&)[ \t]+)?){{1,4}})(?:(Borough|County|City|District|Metropolitan[ \t]+Borough|Town)[ \t]+)?Council\b", text):
        place = _place(_possessive(match.group(1).strip()))
        if place:
            start = match.start(1) + match.group(1).rfind(place.split()[0])
            found.append(_Mention(f"{_slug(place)}-council", " ".join(text[start:match.end()].split()),
                                  "local authority", start, match.end()))
    for match in re.finditer(r"\b(?:the|The)\s+Council\b", text):
        add("", match.group(0), "local authority", match, generic="council", confidence=0.6)
    for match in re.finditer(rf"\b(?:(?:all|the)\s+)?(?:(?:{'|'.join(_NUMBERS)}|\d{{1,2}})\s+)?local\s+authorities\b"
                             r"|\b(?:the\s+)?(?:" + "|".join(_NUMBERS) + r")\s+London\s+Boroughs\b", text, re.IGNORECASE):
        if re.search(rf"({'|'.join(_NUMBERS)}|\d|all)", match.group(0), re.IGNORECASE):
            name = re.sub(r"^(?:all|the)\s+", "", match.group(0), flags=re.IGNORECASE)
            add("local-authorities", name, "local authority", match, confidence=0.6)
    # trusts
    for match in re.finditer(rf"\b((?:{_W}(?:[ \t]+(?:and|&)[ \t]+|[ \t]+)){{1,6}}?)(?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust\b(?![ \t]+Special)", text):
        words = match.group(1).split()
        while words and (words[0] in _STOP_FIRST or words[0] in ("and", "&")):
            words = words[1:]
        name_words = [w for w in words if w != "NHS"]
        if name_words and name_words[-1] not in ("and", "&"):
            start = match.start(1) + match.group(1).find(words[0])
            found.append(_Mention(f"{_slug(' '.join(name_words))}-trust", " ".join(text[start:match.end()].split()),
                                  "provider trust", start, match.end()))
    # health and wellbeing boards and Healthwatch: one per place
    for match in re.finditer(rf"\b(?:({_W})['’]s[ \t]+|({_W})[ \t]+)?Health\s+(?:and|&)\s+Well[\s-]?[Bb]eing\s+Boards?\b", text):
        place = _place(match.group(1) or match.group(2) or "")
        if match.group(0).endswith("Boards"):
            continue  # the boards in general, not one body
        if place:
            add(f"{_slug(place)}-health-and-wellbeing-board", match.group(0), "board or committee", match)
        else:
            start = match.start() + (len(match.group(2)) + 1 if match.group(2) else 0)
            found.append(_Mention("", " ".join(text[start:match.end()].split()), "board or committee", start,
                                  match.end(), generic="hwb", confidence=0.7))
    for match in re.finditer(rf"\bHealthwatch(?:es)?\b(?:[ \t]+({_W}))?|\b({_W})[ \t]+Healthwatch\b", text):
        place = _place(match.group(1) or match.group(2) or "")
        if match.group(0).startswith("Healthwatches"):
            continue  # the local Healthwatch bodies in general, not one
        if place:
            add(f"healthwatch-{_slug(place)}", match.group(0), "voluntary sector", match)
        else:
            add("", "Healthwatch", "voluntary sector", match, generic="healthwatch", confidence=0.7)
    # boards, committees, partnerships, networks, groups: capitalised names of those shapes
    suffixes = "|".join(sorted({k.capitalize() for k in _SUFFIX_KIND if k not in ("trust", "council")}, key=len, reverse=True))
    shape = rf"\b((?:{_W}(?:\s+(?:and|of|for|&|in)\s+|[ \t]+|\n(?=[A-Z]))){{1,7}}?)({suffixes})\b"
    for match in re.finditer(shape, text):
        words = match.group(1).strip()
        while words and (words.split()[0] in _STOP_FIRST or words.split()[0] in ("and", "of", "for", "&", "in")):
            words = " ".join(words.split()[1:])  # "Update for X Committee" names X Committee
        if not words or words.split()[0] in _STOP_FIRST or "Health and Wellbeing" in words or \
                re.search(r"\b(Healthwatch|Council|CCGs?|Clinical Commissioning)\b", words):
            continue
        if all(w in _GENERIC for w in words.split()) and len(words.split()) < 2:
            continue
        start = match.start(1) + match.group(1).find(words)
        name = " ".join(text[start:match.end()].split())
        key = _slug(_possessive(name))
        kind = _SUFFIX_KIND[match.group(2).lower()]
        found.append(_Mention(key, name, kind, start, match.end(), confidence=0.7, local=True))
    return found


def _abbreviations(doc: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """ "London Borough of X (LBL)": the abbreviation names the same body, wherever it is used."""
    extra: list[_Mention] = []
    text = doc.text
    by_end = {m.end: m for m in mentions if m.key}
    for match in re.finditer(r"\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)", text):
        owner = by_end.get(match.start()) or by_end.get(match.start() - 1)
        if owner is None:
            continue
        abbreviation = match.group(1)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", owner.name) if w[0].isupper())
        if not set(abbreviation.rstrip("s").upper()) <= set(initials.upper()):
            continue
        extra.append(_Mention(owner.key, abbreviation, owner.kind, match.start(1), match.end(1), confidence=0.8))
        for use in re.finditer(rf"\b{re.escape(abbreviation)}\b", text):
            if use.start() != match.start(1):
                extra.append(_Mention(owner.key, abbreviation, owner.kind, use.start(), use.end(), confidence=0.75))
    return extra


_NOT_ORG = re.compile(r"\b(strategy|plan|programme|fund|framework|report|act|assessment|standard|statement|"
                      r"constitution|service|services|pathway|model|scheme|policy|guidance|review|summit|"
                      r"week|day|agm|dashboard|scorecard|covenant|protocol|contract|pilot|project)s?\b", re.IGNORECASE)


_RULE_SHAPED = re.compile(r"\b(boards?|council|ccgs?|trusts?|healthwatch\w*|committees?|partnerships?|networks?|"
                          r"groups?|commission|authority|nhs)\b", re.IGNORECASE)
_TOPIC_WORDS = frozenset("""care health mental primary public planned urgent emergency community services service adult
adults social children childrens young people peoples practice practices general success criteria vision enablers
enabler integrated integration commissioning intentions quality safety finance financial performance management
better user experiences experience outcomes prevention early intervention enhanced support neighbourhood wider
promotion information technology planning long term conditions maternity cancer hospital access choice workforce
and of for the in with & specialist medical centre centres clinic surgery practice record patient patients""".split())


def _ner(doc: _Text, known: list[_Mention]) -> list[_Mention]:
    """spaCy's ORG entities that the shape rules missed, filtered to likely bodies."""
    from ingest.nlp import entities

    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for line in doc.lines:
        if line.strip():
            paragraphs.append((offset, line))
        offset += len(line) + 1
    covered = [(m.start, m.end) for m in known]
    headings = {" ".join(re.sub(r"[*#:]", "", line).split()) for line in doc.lines if 0 < len(line.split()) <= 8}
    extra: list[_Mention] = []
    for (base, _), spans in zip(paragraphs, entities([p for _, p in paragraphs])):
        for start, end, name in spans:
            start, end = base + start, base + end
            name = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split())).strip(" .,;:")
            words = name.split()
            if len(words) < 2 or len(words) > 7 or not all(w[0].isupper() or w in ("and", "of", "for", "&") for w in words):
                continue
            if _NOT_ORG.search(name) or any(s < end and start < e for s, e in covered) or re.search(r"\d", name):
                continue
            if _RULE_SHAPED.search(name) or all(w.lower() in _TOPIC_WORDS for w in words) or name in headings:
                continue  # the shape rules decide these; topics and headings are not bodies
            extra.append(_Mention(_slug(name), name, "other", start, end, method="ner", confidence=0.55))
    return extra


def _resolve_generics(mentions: list[_Mention]) -> list[_Mention]:
    """ "the CCG", "the Council", "Healthwatch": the document's one body of that kind, else dropped."""
    by_generic = {"ccg": "-ccg", "council": "-council", "hwb": "-health-and-wellbeing-board",
                  "healthwatch": "healthwatch-", "ccgs": "-ccgs"}
    places = {re.sub(r"-(ccg|council)$", "", m.key) for m in mentions
              if m.key and not m.generic and re.search(r"-(ccg|council)$", m.key)}
    resolved: list[_Mention] = []
    for mention in mentions:
        if not mention.generic:
            resolved.append(mention)
            continue
        marker = by_generic[mention.generic]
        keys = {m.key for m in mentions if m.key and (m.key.endswith(marker) if marker.startswith("-")
                                                       else m.key.startswith(marker)) and m.key != "local-authorities"}
        if len(keys) == 1:
            mention.key = keys.pop()
            resolved.append(mention)
        elif not keys and mention.generic in ("hwb", "healthwatch") and len(places) == 1:
            place = next(iter(places))  # a single-place plan: its board, its Healthwatch
            mention.key = f"{place}-health-and-wellbeing-board" if mention.generic == "hwb" else f"healthwatch-{place}"
            resolved.append(mention)
    return resolved


def _localise(doc: _Text, mentions: list[_Mention]) -> None:
    """A committee named without a place, in a plan about one place, is that place's committee.

    The same body is then one record whether a plan writes "X Select Committee" or, being about X,
    just "Select Committee". The area is the plan's one council or CCG place, else its one region.
    """
    places = {re.sub(r"-(ccg|council)$", "", m.key) for m in mentions if re.search(r"-(ccg|council)$", m.key)}
    regions = {m.key[:-5] for m in mentions if m.key.endswith("-ccgs")}
    area = next(iter(places)) if len(places) == 1 else next(iter(regions)) if not places and len(regions) == 1 else None
    if not area:
        return
    area_words = area.split("-")
    renamed: dict[str, str] = {}
    for mention in mentions:
        words = mention.key.split("-")
        first = mention.name.split()[0]
        if mention.local and words[: len(area_words)] != area_words and not doc.proper(first) and \
                not any(w.capitalize() in _COMPASS for w in words[:2]):
            renamed[mention.key] = f"{area}-{mention.key}"
    for mention in mentions:  # abbreviations and plain mentions follow their body
        mention.key = renamed.get(mention.key, mention.key)


def _display_name(names: Counter) -> str:
    full = [n for n in names if not re.fullmatch(r"[A-Z]{2,8}s?", n) and not n.lower().startswith("the ")]
    pool = full or list(names)
    return max(pool, key=lambda n: (len(n.split()) <= 8, names[n], len(n)))


def find_organisations(source: SourceText) -> OrganisationFindings:
    """Every organisation the document names, resolved to one record each, and its publishers."""
    doc = _Text(source)
    mentions = _find(doc)
    mentions += _abbreviations(doc, mentions)
    mentions += _ner(doc, mentions)
    mentions = _resolve_generics(mentions)
    mentions = _drop_nested(mentions)
    _localise(doc, mentions)
    grouped: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.key].append(mention)
    organisations: list[Organisation] = []
    alias_index: dict[str, str] = {}
    for key, group in grouped.items():
        names = Counter(m.name for m in group if not m.generic)
        if not names:
            names = Counter(m.name for m in group)
        aliases = tuple(sorted({re.sub(r"['’]s$", "", n) for n in names} | set(names), key=str.lower))
        kind = Counter(m.kind for m in group).most_common(1)[0][0]
        best = max(group, key=lambda m: m.confidence)
        spans = tuple(doc.span(m.start, m.end) for m in sorted(group, key=lambda m: m.start))
        organisations.append(Organisation(key, _display_name(names), kind, aliases, spans,
                                          confidence=best.confidence, method=best.method))
        for alias in aliases:
            alias_index[normalise(alias)] = key
    organisations.sort(key=lambda o: o.spans[0].line_start)
    return OrganisationFindings(tuple(organisations), _publishers(doc, organisations), alias_index)


def _drop_nested(mentions: list[_Mention]) -> list[_Mention]:
    """Where two mentions overlap, the longer (or curated) one names the body."""
    ordered = sorted(mentions, key=lambda m: (m.method != "curated", -(m.end - m.start), m.start))
    kept: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in ordered:
        if any(mention.start < e and s < mention.end for s, e in taken) and not mention.generic:
            continue
        kept.append(mention)
        taken.append((mention.start, mention.end))
    return kept


_AUDIENCE = re.compile(r"\b(update|report|paper|presentation|briefing|submission)\s+(for|to)\b", re.IGNORECASE)
_ROLE = re.compile(r"\b(chair|chief|director|officer|executive|leader|cabinet|member|councillor|head|lead)\b", re.IGNORECASE)


def _publishers(doc: _Text, organisations: list[Organisation]) -> tuple[str, ...]:
    """Who publishes: the title page, signatories, "X's vision", and the region the title names."""
    publishers: list[str] = []

    def add(key: str) -> None:
        if key not in publishers:
            publishers.append(key)

    title_lines = [line for line in doc.lines[:30] if line.strip()][:8]
    title_text = " ".join(title_lines)
    for org in organisations:
        for span in org.spans:
            line = doc.lines[span.line_start - 1]
            before = doc.lines[span.line_start - 2] if span.line_start > 1 else ""
            if span.line_start <= 30 and line.strip() in title_lines and not _AUDIENCE.search(line + " " + before):
                add(org.key)
            if _ROLE.search(before) and len(line.split()) <= 8 and len(before.split()) <= 8:
                add(org.key)  # a signature: a name, a role, then the body
            if re.search(r"['’]s\s+(vision|mission|strategy|plan|ambition)", line[line.find(span.quote.split()[-1]):][:40], re.IGNORECASE):
                add(org.key)
    region_title = normalise(title_text)
    for org in organisations:
        if org.kind == "partnership or network" and org.key.endswith("-ccgs"):
            region = org.key[:-5].replace("-", " ")
            if region and f" {region} " in f" {region_title} ":
                add(org.key)
    if not publishers and organisations:
        counts = Counter({o.key: len(o.spans) for o in organisations if o.kind != "national body"})
        if counts:
            add(counts.most_common(1)[0][0])
    return tuple(publishers)


def owners_by_line(source: SourceText, findings: OrganisationFindings) -> dict[int, str]:
    """Lines of a multi-organisation plan mapped to the body whose section they are in.

    A section opens at a line that begins with a body's name stating its vision, mission or
    plan ("NHS X CCG's vision is to:", "X Council will …") and closes at the next such line, at a
    new "Vision" or "plan on a page" heading, or after 60 lines.
    """
    starts: list[tuple[int, str]] = []
    for org in findings.organisations:
        for span in org.spans:
            line = source.lines[span.line_start - 1].strip()
            head = re.sub(r"^(?:the\s+)?", "", line, flags=re.IGNORECASE)
            if head.lower().startswith(span.quote.lower()) and re.search(
                    r"^[^.]{0,80}?(['’]s\s+(vision|mission|plan|strategy|objectives)|\b(vision|mission)\b|\bwill\b)", head,
                    re.IGNORECASE):
                starts.append((span.line_start, org.key))
    if len({key for _, key in starts}) < 2:
        return {}  # one body's plan: ownership is its publisher's, not a section's
    starts.sort()
    owners: dict[int, str] = {}
    for index, (start, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(source.lines) + 1
        end = min(end, start + 60)
        for number in range(start, end):
            line = source.lines[number - 1]
            if number > start + 6 and re.search(r"\bvision\b|plan on a page", line, re.IGNORECASE):
                break
            owners[number] = key
    return owners


def find_leads(source: SourceText, statements: Sequence[Statement], findings: OrganisationFindings) -> tuple[Link, ...]:
    """ "Lead: Chief Officer; NHS X CCG" — the body leads the statement on or just above that line."""
    links: list[Link] = []
    spans_by_line: dict[int, list[tuple[str, Span]]] = defaultdict(list)
    for org in findings.organisations:
        for span in org.spans:
            spans_by_line[span.line_start].append((org.key, span))
    for number, line in enumerate(source.lines, start=1):
        if not spans_by_line.get(number):
            continue
        if not re.search(r"\b(lead|led by|responsible|owner|sro|chief officer|director)\b", line, re.IGNORECASE):
            continue
        candidates = [s for s in statements if s.type in ("enabler", "initiative", "priority")
                      and s.span.line_start <= number <= s.span.line_end + 3 and number - s.span.line_start <= 5]
        if not candidates:
            continue
        target = max(candidates, key=lambda s: (s.type == "enabler", s.span.line_start))
        for key, span in spans_by_line[number]:
            links.append(Link(key, target.key, "leads", Span(number, number, " ".join(line.split())), 0.75, "rule"))
    return tuple(links)


def mentions(findings: OrganisationFindings) -> tuple[Link, ...]:
    """The document mentions each body it names; the first naming is the evidence."""
    return tuple(Link("", org.key, "mentions", org.spans[0], org.confidence, org.method)
                 for org in findings.organisations)
