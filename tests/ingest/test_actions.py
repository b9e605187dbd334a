"""Actions: lists no cue typed become initiatives when their items open with verbs (spaCy tags)."""
from __future__ import annotations

import hashlib

import pytest

from ingest.actions import Item, lists
from ingest.pipeline import extract
from ingest.records import SourceText, Span

PLAN = """Northbrook Wellbeing Plan

Our approach

- Open two new family hubs in the north of the borough
- We will train 400 school staff in mental health first aid
- Developing a new speech and language pathway with schools

At a glance

- 96,000 children live in Northbrook
- One in five children lives in a low income household
"""


def _extract(text: str):
    data = text.encode()
    return extract(SourceText("plan.txt", "text/plain", hashlib.sha256(data).hexdigest(), tuple(text.splitlines())))


@pytest.mark.models
def test_a_list_of_verbs_is_read_as_initiatives():
    document = _extract(PLAN)
    actions = [s for s in document.statements if s.type == "initiative"]
    assert [a.label.split()[0] for a in actions] == ["Open", "We", "Developing"]
    assert all(a.method == "rule" and a.confidence < 0.85 for a in actions)
    for action in actions:  # the quote is the line as written
        assert action.span.quote in PLAN.splitlines()[action.span.line_start - 1]


@pytest.mark.models
def test_a_list_of_facts_stays_untyped():
    document = _extract(PLAN)
    assert not any("96,000" in s.text or "low income" in s.text for s in document.statements)


def test_items_far_apart_are_different_lists():
    def item(line: int) -> Item:
        return Item("Open a hub", "Open a hub", Span(line, line, "Open a hub"))

    assert [len(group) for group in lists([item(3), item(4), item(6), item(20)])] == [3, 1]
