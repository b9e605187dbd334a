"""Organisation resolution: mentions in, one :class:`~ingest.records.Organisation` per real body out.

In: the :class:`~ingest.org_patterns.Mention` list of one document. Out: records whose ``key`` is
the same for the same body in any document — "NHS X Clinical Commissioning Group", "X CCG" and
"X CCG's" all give ``nhs-x-ccg`` — with every name the body was found under and every span.

Steps: abbreviations the text defines ("Riverside Borough Council (RBC)") name their body
wherever used, and so does a trust's name without "NHS (Foundation) Trust" ("X Royal Hospitals",
"X Royal") and an all-capitals writing of a name found in ordinary case; overlapping mentions keep
the longest (curated names first); namings that read the same once normalised are one body, and a
name without its kind ("X Place" for "X Place Partnership") is the body named in full;
references by kind alone ("the CCG", "the Council", "the Health and Wellbeing Board", "the six
CCGs") become the document's one body of that kind, or are dropped when there is not exactly one; a body named
without a place ("Partnership Board") in a plan about one area becomes that area's body; then
mentions are grouped by key. Must not import anything from kg/ or api/. Raises nothing.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ingest.org_patterns import (COMPASS_WORDS, CONNECTORS, NATIONAL_BODIES, NUMBER_WORDS, SP, JoinedText,
                                  Mention, known_places, normalise, slug)
from ingest.records import Organisation

_NATIONAL = {slug(re.sub(r"^The ", "", name)): (name, kind) for name, kind, _ in NATIONAL_BODIES}
_METHOD_RANK = {"curated": 3, "rule": 2, "structure": 2, "ner": 1}


def resolve(doc: JoinedText, mentions: list[Mention]) -> list[Organisation]:
    """The document's organisations, one record per key.

    Parameters
    ----------
    doc
        The document, joined.
    mentions
        Everything recognition found, overlapping or not (changed in place: keys are resolved).

    Returns
    -------
    list[Organisation]
        In order of first naming; each with its display name, kind, aliases and spans (full
        names first, then references by kind).
    """
    mentions = _drop_nested(mentions)
    _same_name_same_body(mentions)
    _names_without_kind(doc, mentions)
    _nhs_place_is_its_ccg(mentions)
    mentions = _resolve_generics(doc, mentions)
    _short_forms(mentions)
    _localise(doc, mentions)
    return _build_records(doc, mentions)


# Abbreviations of kinds, not names: "(CCG)" after a CCG's name still means any CCG elsewhere.
GENERIC_ABBREVIATIONS = frozenset("CCG CCGs HWB HWBB LA LAs ICB ICBs ICS ICP PCN PCNs GP GPs".split())


def defined_abbreviations(doc: JoinedText, mentions: list[Mention]) -> list[Mention]:
    """ "Riverside Borough Council (RBC)": the abbreviation names the same body wherever it is used.

    The name must end right before the bracket and its initials must fit the abbreviation;
    abbreviations of kinds ("(CCG)", "(HWB)") are left to the references by kind.

    Parameters
    ----------
    doc
        The document, joined.
    mentions
        The namings found so far.

    Returns
    -------
    list[Mention]
        The definition and every later or earlier use, each keyed as its body.
    """
    text = doc.text
    by_end: dict[int, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.end - m.start):
        if mention.key and not mention.generic:
            by_end[mention.end] = mention  # the longest naming that ends here wins
    extra: list[Mention] = []
    defined: dict[str, Mention] = {}
    for match in re.finditer(r"\(\s*(?:the\s+)?['‘’\"“]?([A-Z][A-Za-z]{1,7})['’\"”]?\s*\)", text):
        end = len(text[:match.start()].rstrip())  # the name ends right before the bracket, "'s" allowed
        owner = by_end.get(end) or (by_end.get(end - 2) if text[end - 2:end] in ("'s", "’s") else None)
        abbreviation = match.group(1)
        if owner is None or abbreviation in GENERIC_ABBREVIATIONS or \
                not _initials_fit(abbreviation, owner.name):
            continue
        defined.setdefault(abbreviation, owner)
        extra.append(Mention(owner.key, abbreviation, owner.kind, match.start(1), match.end(1), owner.method,
                             owner.confidence, local=owner.local))
    starts = {m.start for m in extra}
    for abbreviation, owner in defined.items():
        singular = abbreviation[:-1] if abbreviation.endswith("s") else abbreviation
        for use in re.finditer(rf"\b{re.escape(singular)}s?\b", text):  # "PSG" and "PSGs" alike
            if use.start() not in starts:
                starts.add(use.start())
                extra.append(Mention(owner.key, use.group(0), owner.kind, use.start(), use.end(),
                                     owner.method, min(owner.confidence, 0.75), local=owner.local))
    return extra


def _initials_fit(abbreviation: str, name: str) -> bool:
    """Whether an abbreviation's capitals follow the initials of a name's words, in order.

    >>> _initials_fit("RBC", "Riverside Borough Council"), _initials_fit("PSGs", "Patient Safety Groups")
    (True, True)
    >>> _initials_fit("RaM", "Riverside and Millbrook NHS Foundation Trust")
    True
    >>> _initials_fit("XY", "Riverside CCG")
    False
    """
    letters = [c for c in re.sub(r"s$", "", abbreviation) if c.isupper()]
    initials = "".join(w[0].upper() for w in re.findall(r"[A-Za-z][\w'’]*", name)
                       if w[0].isupper() or w.lower() not in CONNECTORS)
    position = 0
    for letter in letters:
        position = initials.find(letter, position)
        if position < 0:
            return False
        position += 1
    return len(letters) >= 2


def capital_twins(doc: JoinedText, mentions: list[Mention]) -> list[Mention]:
    """ "RIVERSIDE BOROUGH COUNCIL" on a cover is the Riverside Borough Council the text names in
    ordinary case: every all-capitals writing of a name of two or more words found here.

    Parameters
    ----------
    doc
        The document, joined.
    mentions
        The namings found so far.

    Returns
    -------
    list[Mention]
        One naming per all-capitals occurrence, keyed as the body its ordinary-case twin names.
    """
    extra: list[Mention] = []
    seen: set[int] = set()
    names: set[str] = set()
    for mention in sorted(mentions, key=lambda m: (-_METHOD_RANK.get(m.method, 0), -(m.end - m.start))):
        words = mention.name.split()
        if mention.generic or not mention.key or len(words) < 2 or mention.name.upper() == mention.name \
                or mention.name in names:
            continue
        names.add(mention.name)
        pattern = rf"(?<![\w&'’-]){SP.join(re.escape(w.upper()) for w in words)}(?![\w'’-])"
        for match in re.finditer(pattern, doc.text):
            if match.start() in seen:
                continue
            seen.add(match.start())
            extra.append(Mention(mention.key, " ".join(match.group(0).split()), mention.kind, match.start(),
                                 match.end(), mention.method, mention.confidence, local=mention.local))
    return extra


def _same_name_same_body(mentions: list[Mention]) -> None:
    """Namings that read the same once normalised ("RIVERSIDE MIND", "Riverside Mind", "the X
    Network") name one body: the key the best method gave, else the one given most often."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.key and not mention.generic:
            by_name[re.sub(r"^the ", "", normalise(mention.name))].append(mention)
    for group in by_name.values():
        keys = Counter(m.key for m in group)
        if len(keys) < 2:
            continue
        rank = {k: max(_METHOD_RANK.get(m.method, 0) for m in group if m.key == k) for k in keys}
        best = max(keys, key=lambda k: (rank[k], keys[k], len(k)))
        for mention in group:
            mention.key = best


# How a body's name ends when it says what kind of body it is, leaving the name it goes by: "X NHS
# Foundation Trust" is "X" to itself and its partners, "X Place Partnership" is "X Place".
_TRUST_TAIL = re.compile(r"^(?P<stem>.+?)\s+(?:NHS\s+(?:Foundation\s+)?Trust|NHS\s+F\.?T|"
                         r"Foundation\s+Trust)$")
_PARTNERSHIP_TAIL = re.compile(r"^(?P<stem>.+?)\s+(?:Partnership|Alliance|Collaborative)$")
# Last words of a trust's short name that say what it runs, not who it is: "X Royal Hospitals" is "X Royal".
_SERVICE_WORDS = frozenset("""Hospital Hospitals Healthcare Health Care Services Service Teaching University
General Acute Community Mental and""".split())
# Last words that make a short name another body's ("X College", "X University"): never a trust's short form.
_OTHER_BODY_END = frozenset("""College University Council Board Committee Group Police Constabulary Authority
Agency Commission CCG ICB ICS ICP""".split())


def short_names(doc: JoinedText, mentions: list[Mention]) -> list[Mention]:
    """Where the text calls an NHS trust it names in full by its name alone ("X Royal Hospitals" or
    "X Royal" for "X Royal Hospitals NHS Trust", "X Partnership" for "X Partnership NHS Foundation
    Trust"), those namings, keyed as the trust.

    The short name has two words or more, is no place and no other body's name, and is not the
    start of a longer capitalised name ("X Royal Infirmary").

    Parameters
    ----------
    doc
        The document, joined.
    mentions
        The namings found so far.

    Returns
    -------
    list[Mention]
        One naming per use of a short name.
    """
    extra: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for short, trust in _trust_short_names(doc, mentions).items():
        words = short.split()
        pattern = rf"(?<![\w'’-]){SP.join(re.escape(w) for w in words)}(?![\w'’-])" \
            rf"(?![ \u00a0]+(?:[A-Z]|of\b))"  # not the start of a longer name
        for match in re.finditer(pattern, doc.text):
            if (match.start(), match.end()) in seen:
                continue
            seen.add((match.start(), match.end()))
            extra.append(Mention(trust.key, " ".join(match.group(0).split()), trust.kind, match.start(),
                                 match.end(), trust.method, min(trust.confidence, 0.75)))
    return extra


def _trust_short_names(doc: JoinedText, mentions: list[Mention]) -> dict[str, Mention]:
    """Short names of the trusts named in full here ("X Royal Hospitals", "X Royal") → its naming."""
    places = known_places(mentions) | {normalise(p) for p in doc.prose_places}
    found: dict[str, Mention] = {}
    clash: set[str] = set()
    for mention in mentions:
        tail = _TRUST_TAIL.match(mention.name) if mention.kind == "provider trust" else None
        if mention.generic or not tail:
            continue
        words = tail.group("stem").split()
        if words and words[0] == "NHS":
            words = words[1:]
        shorter = list(words)
        while len(shorter) > 2 and shorter[-1] in _SERVICE_WORDS:
            shorter.pop()
        for form in {" ".join(words), " ".join(shorter)}:
            if not _may_be_short_name(form, places):
                continue
            if form in found and found[form].key != mention.key:
                clash.add(form)
            found.setdefault(form, mention)
    return {form: m for form, m in found.items() if form not in clash}


def _may_be_short_name(form: str, places: set[str]) -> bool:
    """Two words or more, not ending in another body's word or a connector, and not all place words."""
    words = form.split()
    if len(words) < 2 or words[-1] in _OTHER_BODY_END or words[-1] in CONNECTORS or normalise(form) in places:
        return False
    place_words = {w for place in places for w in place.split()}
    return any(normalise(w) not in place_words | COMPASS_WORDS | CONNECTORS for w in words)


def _names_without_kind(doc: JoinedText, mentions: list[Mention]) -> None:
    """A naming that is a body's name without its kind ("X Partnership" for "X Partnership NHS
    Foundation Trust", "X Place" for "X Place Partnership") names that body, when the document names
    the body in full."""
    places = known_places(mentions) | {normalise(p) for p in doc.prose_places}
    targets: dict[str, dict[str, str]] = defaultdict(dict)  # short name -> {key: kind}
    for short, trust in _trust_short_names(doc, mentions).items():
        targets[normalise(short)][trust.key] = trust.kind
    for mention in mentions:
        tail = _PARTNERSHIP_TAIL.match(mention.name) if not mention.generic and mention.key else None
        if tail and _may_be_short_name(tail.group("stem"), places) and \
                tail.group("stem").split()[-1] not in _SERVICE_WORDS:
            targets[normalise(re.sub(r"^(?:the|The)\s+", "", tail.group("stem")))][mention.key] = mention.kind
    for mention in mentions:
        if mention.generic or not mention.key:
            continue
        keys = targets.get(re.sub(r"^the ", "", normalise(mention.name)), {})
        if len(keys) == 1 and mention.key not in keys:
            mention.key, mention.kind = next(iter(keys.items()))


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Where two mentions overlap, the curated one, else the longer one, names the body."""
    ordered = sorted(mentions, key=lambda m: (m.method != "curated", -(m.end - m.start),
                                              m.generic is not None, m.start))
    kept: list[Mention] = []
    taken = bytearray(max((m.end for m in mentions), default=0) + 1)  # characters already named
    for mention in ordered:
        if any(taken[mention.start:mention.end]):
            continue
        kept.append(mention)
        taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(kept, key=lambda m: m.start)


def _nhs_place_is_its_ccg(mentions: list[Mention]) -> None:
    """ "NHS X" in a document that names NHS X CCG is that CCG (its usual short name)."""
    keys = {m.key for m in mentions}
    for mention in mentions:
        if re.fullmatch(r"nhs-.+", mention.key) and f"{mention.key}-ccg" in keys:
            mention.key = f"{mention.key}-ccg"


def _places(keys: set[str]) -> set[str]:
    """Places with a CCG or a council of their own: "nhs-x-ccg", "x-council" → "x"."""
    places = set()
    for key in keys:
        match = re.fullmatch(r"nhs-(.+)-ccg|(.+)-council", key)
        if match and key != "local-authorities":
            places.add(match.group(1) or match.group(2))
    return places


def _document_area(doc: JoinedText, mentions: list[Mention]) -> tuple[str | None, str]:
    """The one area a document is about, as a key slug, and how it is known.

    ``"named"``: the place of its only CCG or council; ``"region"``: the region of its only CCG
    collaboration; ``"prose"``: with no local body named, the place its prose keeps returning to
    ("for X people", "in X"), at least three times and twice as often as any other.
    """
    keys = {m.key for m in mentions if m.key and not m.generic}
    places = _places(keys)
    if len(places) == 1:
        return next(iter(places)), "named"
    if places:
        return None, ""
    regions = {k[: -len("-ccgs")] for k in keys if k.endswith("-ccgs")}
    if len(regions) == 1:
        return next(iter(regions)), "region"
    ranked = doc.prose_places.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return slug(ranked[0][0]), "prose"
    return None, ""


def _place_name(area: str) -> str:
    return " ".join(w if w in ("and", "upon", "on") else w.capitalize() for w in area.split("-"))


def _resolve_generics(doc: JoinedText, mentions: list[Mention]) -> list[Mention]:
    """ "the CCG", "the Council", "Healthwatch", "the six CCGs": the one body of that kind, else dropped.

    With no body of that kind named, a reference by kind in a document about one place is that
    place's body ("the Council" in a plan about X is X's council, named "X Council").
    """
    keys = {m.key for m in mentions if m.key and not m.generic}
    area, known_by = _document_area(doc, mentions)
    member_ccgs = {k for k in keys if k.endswith("-ccg")}
    collaboration_counts: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.key.endswith("-ccgs") and mention.count:
            collaboration_counts[mention.key].add(_number(mention.count))
    candidates = {
        "ccg": member_ccgs,
        "icb": {k for k in keys if k.endswith("-icb")},
        "ics": {k for k in keys if k.endswith("-ics")},
        "icp": {k for k in keys if k.endswith("-icp")},
        "council": {k for k in keys if k.endswith("-council")},
        "hwb": {k for k in keys if k.endswith("-health-and-wellbeing-board")},
        "healthwatch": {k for k in keys if k.startswith("healthwatch-") and k != "healthwatch-england"},
        "ccgs": {k for k in keys if k.endswith("-ccgs")},
        "trust": {m.key for m in mentions if m.key.endswith("-trust") and m.kind == "provider trust"},
    }
    own_body = {"ccg": ("nhs-{}-ccg", "NHS {} CCG"), "council": ("{}-council", "{} Council"),
                "hwb": ("{}-health-and-wellbeing-board", "{} Health and Wellbeing Board"),
                "healthwatch": ("healthwatch-{}", "Healthwatch {}")}
    resolved: list[Mention] = []
    for mention in mentions:
        if not mention.generic:
            if mention.key:
                resolved.append(mention)
            continue
        found = candidates[mention.generic]
        key = None
        if len(found) == 1:
            key = next(iter(found))
        elif not found and area and known_by in ("named", "prose") and mention.generic in own_body:
            key_format, name_format = own_body[mention.generic]
            key = key_format.format(area)
            if known_by == "prose" or mention.generic in ("ccg", "council"):
                mention.name, mention.alias = name_format.format(_place_name(area)), False
        if key and mention.generic == "ccgs" and mention.count:
            count = _number(mention.count)
            known = collaboration_counts.get(key)
            members = len(member_ccgs)
            if known and count not in known or members >= 2 and count != members or count > 20:
                key = None  # "all 32 CCGs" is not "the six CCGs"
        if key:
            mention.key = key
            resolved.append(mention)
    return resolved


def _number(count: str) -> int:
    """ "six" → 6, "12" → 12 (0 when unknown)."""
    if count.isdigit():
        return int(count)
    values = dict(zip(NUMBER_WORDS, [*range(2, 21), 30, 40]))
    return values.get(count.lower(), 0)


def _short_forms(mentions: list[Mention]) -> None:
    """ "Joint Committee" for the document's one "Joint … Committee": the same body, named short.

    Only for two-word names of bodies named by their role (``local``), and only when exactly one
    longer name here opens with the same word and ends with the same kind.
    """
    names = {m.key: m.name.split() for m in mentions if not m.generic and m.alias}
    renamed: dict[str, str] = {}
    for key, words in names.items():
        if len(words) != 2 or not any(m.local for m in mentions if m.key == key):
            continue
        first, kind = words[0], words[1].rstrip("s")
        longer = {k for k, w in names.items() if len(w) > 2 and w[0] == first and w[-1].rstrip("s") == kind}
        if len(longer) == 1:
            renamed[key] = longer.pop()
    for mention in mentions:
        mention.key = renamed.get(mention.key, mention.key)


def _localise(doc: JoinedText, mentions: list[Mention]) -> None:
    """A body named without a place, in a plan about one area, is that area's body.

    The same committee is then one record whether a plan writes "X Select Committee" or, being
    about X, just "Select Committee". The area is the document's one CCG or council place, else
    its one region (from "Region CCGs"); a body also named with a place prefix in the same
    document ("Region Clinical Leadership Groups") takes that prefix.
    """
    keys = {m.key for m in mentions}
    area, _ = _document_area(doc, mentions)
    names = {m.key: m.name for m in mentions if not m.generic}

    def place_prefixed(longer: str, key: str) -> bool:
        """Whether ``longer`` is ``key`` with a place before it ("riverside-" + "select-committee")."""
        if not longer.endswith("-" + key) or longer == key or longer not in names:
            return False
        size = len(longer.split("-")) - len(key.split("-"))
        words = names[longer].split()[:size]
        return len(words) == size and all(doc.proper(w) or w.lower() in COMPASS_WORDS for w in words)

    renamed: dict[str, str] = {}
    for key in {m.key for m in mentions if m.local}:
        prefixed = {k for k in keys if place_prefixed(k, key)}
        if len(prefixed) == 1:
            renamed[key] = prefixed.pop()
        elif area and not key.startswith(area + "-"):
            renamed[key] = f"{area}-{key}"
    for mention in mentions:  # abbreviations and plain namings follow their body
        mention.key = renamed.get(mention.key, mention.key)


def _is_abbreviation(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{0,7}", name)) and sum(c.isupper() for c in name) >= 2


def _display_name(key: str, names: Counter) -> str:
    """The fullest name a body goes by: its place in it, not an abbreviation, not in capitals, most words,
    most used."""
    first = re.sub(r"^nhs-", "", key).split("-")[0]
    full = [n for n in names if not _is_abbreviation(n) and not n.lower().startswith("the ")]
    pool = full or list(names)
    return max(pool, key=lambda n: (first in normalise(n).split(), not n.isupper(), min(len(n.split()), 8),
                                    names[n], n))


def _build_records(doc: JoinedText, mentions: list[Mention]) -> list[Organisation]:
    """Group mentions by key into records; spans of full names come first, each in text order."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.key].append(mention)
    records: list[Organisation] = []
    for key, group in grouped.items():
        named = [m for m in group if m.alias]
        names = Counter(m.name for m in named) or Counter(m.name for m in group)
        canonical = _NATIONAL.get(key)
        name = canonical[0] if canonical else _display_name(key, names)
        if key.endswith("-ccgs") and key.split("-")[0] not in normalise(name).split():
            name = f"{_place_name(key[: -len('-ccgs')])} CCGs"  # "the six CCGs" says whose only in context
        aliases: dict[str, str] = {}
        for alias in [name, *(m.name for m in named)]:
            for form in (alias, re.sub(r"['’]s$", "", alias)):
                aliases.setdefault(normalise(form), form)
        kinds = Counter(m.kind for m in group if not m.generic) or Counter(m.kind for m in group)
        kind = canonical[1] if canonical else kinds.most_common(1)[0][0]
        best = max(group, key=lambda m: (_METHOD_RANK.get(m.method, 0), m.confidence))
        ordered = sorted(group, key=lambda m: (not m.alias, m.start))
        spans = []
        for mention in ordered:
            span = doc.span(mention.start, mention.end)
            if span not in spans:
                spans.append(span)
        records.append(Organisation(key, name, kind, tuple(aliases.values()), tuple(spans),
                                    confidence=best.confidence, method=best.method))
    records.sort(key=lambda o: min(s.line_start for s in o.spans))
    return records
