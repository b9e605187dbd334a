"""Actions: lists no cue phrase typed, read as initiatives when their items start with a verb.

Structure and cue phrases type most lists (:mod:`ingest.structure`). A list under a heading that
announces nothing ("Our approach", "Next year") is left untyped there; this stage gives spaCy's
part-of-speech tags a say: a list whose items mostly open with a verb of action ("Open two
hubs", "We will train 400 first aiders", "Developing a new pathway") states what the plan will do.
Each such item becomes an initiative (method ``rule``, lower confidence than a cued one). Lists
under a priority's heading never come here (the walk reads them as its actions), so these serve
no priority of their own. Lists of facts ("812,000 residents") stay untyped.

In: the untyped list items the walker set aside. Out: statements. Loads spaCy's model through :mod:`ingest.nlp` (once per process). Must not import
anything from kg/ or api/. Raises :class:`ingest.nlp.ModelUnavailable` without the model package.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.records import Span, Statement

#: the share of a list's items that must open with a verb for the list to be read as actions
ACTION_SHARE = 0.6
#: items further apart than this many lines belong to different lists
LIST_GAP = 2
CONFIDENCE = 0.55

# what may stand before the verb: "We will", "We are going to", "To", "Partners will"
_LEAD = re.compile(r"^(?:(?:we|partners|the \w+|they|systems?|trusts?|ICBs?)\s+(?:will|shall|should|must|are going to|"
                   r"plan to|intend to|aim to|commit to)\s+|to\s+)", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """A list item the structure walk could not type."""

    text: str
    label: str
    span: Span


def lists(items: list[Item]) -> list[list[Item]]:
    """Items grouped into lists: consecutive items at most :data:`LIST_GAP` lines apart."""
    groups: list[list[Item]] = []
    for item in items:
        if groups and item.span.line_start - groups[-1][-1].span.line_end <= LIST_GAP:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def opens_with_action(doc) -> bool:
    """Whether a parsed item opens with a verb of action (base form or gerund), after "We will"."""
    tokens = [t for t in doc if not t.is_punct and not t.is_space]
    if not tokens:
        return False
    lead = _LEAD.match(doc.text)
    if lead:
        tokens = [t for t in tokens if t.idx >= lead.end()]
    first = tokens[0] if tokens else None
    return first is not None and first.tag_ in ("VB", "VBP", "VBG") and first.pos_ in ("VERB", "AUX") \
        and first.lemma_.lower() not in ("be", "have", "do")


def find_actions(items: list[Item], first_key: int = 1) -> list[Statement]:
    """Initiatives from the lists whose items mostly open with a verb of action.

    Parameters
    ----------
    items
        Untyped list items in document order.
    first_key
        Number of the first key to give (keys are ``a0001``, ``a0002`` ...).

    Returns
    -------
    list[Statement]
        The initiatives, keyed ``a0001``, ``a0002`` ... from ``first_key``.
    """
    from ingest.nlp import get_nlp

    groups = [group for group in lists(items) if len(group) >= 2]
    if not groups:
        return []
    nlp = get_nlp()
    statements: list[Statement] = []
    for group in groups:
        parsed = list(nlp.pipe([item.text for item in group], disable=["ner"]))
        verbs = [opens_with_action(doc) for doc in parsed]
        if sum(verbs) < ACTION_SHARE * len(group):
            continue
        for item, verb in zip(group, verbs):
            if not verb:
                continue
            key = f"a{first_key + len(statements):04d}"
            statements.append(Statement(key, "initiative", item.label, item.text, item.span, CONFIDENCE, "rule"))
    return statements
