"""Layout context of each block: is it a heading, at what level, and under which headings it stands.

In: the blocks of :func:`ingest.blocks.split_blocks`. Out: one :class:`Context` per block. This is
rule-based and general (Markdown levels, dotted numbering depth, short title lines, capitals); it
decides nothing about what a block states, which is the model's job. Must not import spaCy,
sklearn or anything from kg/ or api/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block

#: a short line without closing punctuation and a few words: a title, unless it is a list item
_TITLE_WORDS = 12
_END_PUNCTUATION = re.compile(r"[.;,:!?…]\s*$")
_ROMAN = re.compile(r"^[ivxlc]+$")
PLAIN_TITLE_LEVEL = 20
CAPS_TITLE_LEVEL = 19


@dataclass(frozen=True)
class Context:
    """Where a block stands: its own heading level (``None`` for content) and the headings above it."""

    level: int | None
    path: tuple[int, ...]  # indexes of the heading blocks above, outermost first

    @property
    def depth(self) -> int:
        return len(self.path)


def number_depth(number: str | None) -> int:
    """``"2.1.4"`` → 3, ``"3a"`` → 2, ``"k"`` or ``"iv"`` → 1, no number → 0."""
    if not number:
        return 0
    parts = [p for p in number.split(".") if p]
    depth = len(parts)
    if re.fullmatch(r"\d+[a-z]", parts[-1] if parts else ""):
        depth += 1
    return max(depth, 1)


def number_style(number: str | None) -> str:
    """How a block is numbered: ``digit``, ``dotted``, ``letter``, ``roman`` or ``none``."""
    if not number:
        return "none"
    if "." in number.strip(".") or re.fullmatch(r"\d+[a-z]", number):
        return "dotted"
    if number.isdigit():
        return "digit"
    if _ROMAN.match(number):
        return "roman"
    return "letter"


def heading_level(block: Block, following: Block | None) -> int | None:
    """The level of ``block`` as a heading (lower is outer), or ``None`` when it is content."""
    if block.kind == "heading":
        return block.level
    text = block.text
    if not text or block.kind in ("rule", "footnote", "row", "bullet"):
        return None
    words = len(text.split())
    if words > _TITLE_WORDS or _END_PUNCTUATION.search(text) or not (text[0].isupper() or text[0].isdigit()):
        return None
    if following is not None and following.kind == block.kind and block.kind == "numbered" \
            and number_depth(following.number) == number_depth(block.number) and following.words <= _TITLE_WORDS:
        return None  # a list of short numbered items, not a heading
    if block.kind == "numbered":
        return 6 + number_depth(block.number)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return CAPS_TITLE_LEVEL
    return PLAIN_TITLE_LEVEL


def contexts(blocks: list[Block]) -> list[Context]:
    """The :class:`Context` of every block, from one pass keeping a stack of open headings."""
    out: list[Context] = []
    stack: list[tuple[int, int]] = []  # (level, block index)
    for index, block in enumerate(blocks):
        following = next((b for b in blocks[index + 1:index + 3] if b.kind != "rule"), None)
        level = heading_level(block, following)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
        out.append(Context(level, tuple(i for _, i in stack)))
        if level is not None:
            stack.append((level, index))
    return out
