"""Markdown loader (.md, .markdown): the file's own lines unchanged, and the title it declares.

In: the file's bytes. Out: ``decode(data).splitlines()`` exactly as for plain text (so evidence
line numbers match the file; the structure reader understands ``#`` headings, lists and tables
itself), and the title: a ``title:`` in YAML front matter, else the first level-one heading
(``# Title`` or ``Title`` underlined with ``===``) outside fenced code.

Must not import spaCy, nor anything from kg/ or api/. Raises
:class:`~ingest.errors.UnreadableDocument` for text holding NUL characters.
"""
from __future__ import annotations

import re

from ingest.loaders.text import decode_text

_ATX_TITLE = re.compile(r"^ {0,3}#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_FRONT_TITLE = re.compile(r"^title:\s*(?P<title>.+?)\s*$", re.IGNORECASE)


def read(data: bytes, name: str) -> tuple[list[str], str | None]:
    """The file's lines, exactly as ``decode(data).splitlines()`` gives them, and its title.

    Raises
    ------
    UnreadableDocument
        When the text holds NUL characters.
    """
    lines = decode_text(data, name).splitlines()
    return lines, title(lines)


def title(lines: list[str]) -> str | None:
    """The title a Markdown document declares, or None.

    Examples
    --------
    >>> title(["---", "title: 'Our plan'", "---", "# Heading"])
    'Our plan'
    >>> title(["```", "# a shell comment", "```", "Our plan", "========"])
    'Our plan'
    """
    body_start = 0
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                body_start = index + 1
                break
            found = _FRONT_TITLE.match(line)
            if found:
                value = found["title"].strip("'\"").strip()
                if value:
                    return value
    fenced = False
    for index in range(body_start, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        atx = _ATX_TITLE.match(line)
        if atx:
            return atx["title"].strip()
        if line.strip() and index + 1 < len(lines) and _SETEXT_RULE.match(lines[index + 1]):
            return line.strip()
    return None
