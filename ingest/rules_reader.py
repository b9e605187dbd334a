"""The rules reader: the section walk of :mod:`ingest.structure`, then the verb reading of
:mod:`ingest.actions` for the list items the walk left untyped.

In: a document's blocks. Out: typed statements and the links between them. The pipeline uses it as
the ``rules`` reader and the learned reader's features use it as one feature, so the rules are read
the same way in both. Must not import anything from kg/ or api/.
"""
from __future__ import annotations

from ingest.actions import Item, find_actions
from ingest.blocks import Block
from ingest.drafts import Draft, make_label
from ingest.records import Link, Span, Statement
from ingest.structure import find_structure


def read_by_rules(blocks: list[Block]) -> tuple[list[Statement], list[Link]]:
    """The statements and links the rules find in ``blocks``."""
    found = find_structure(blocks)
    statements = [_statement(draft) for draft in found.statements]
    statements.extend(find_actions([Item(b.text, make_label(b.text), Span(b.line_start, b.line_end, b.raw))
                                    for b in found.untyped]))
    return statements, list(found.links)


def _statement(draft: Draft) -> Statement:
    first, *more = draft.spans
    return Statement(
        key=draft.key, type=draft.type, label=draft.label, text=draft.text, span=first,
        confidence=draft.confidence, method=draft.method, number=draft.number, section=draft.section,
        also=tuple(more),
    )
