"""HTML loader (.html, .htm): one line per block of the page, as a reader sees it.

In: the file's bytes (BeautifulSoup with lxml finds the encoding from a byte-order mark or a
``<meta charset>``). Out: lines and the title (``<title>``, else the first ``<h1>``).

- ``script``, ``style``, ``nav``, ``head``, ``template``, ``noscript``, ``svg`` and comments
  are dropped: they are not the document's text.
- A heading (h1-h6) is its text alone on a line, with a blank line before and after, as a
  heading stands in a plain-text strategy.
- Paragraphs, block quotes and other block containers (``div`` text that is in no other block
  included) give one line each, with a blank line after; a ``<br>`` starts a new line.
- A list item is one line: ``"- "`` in a ``<ul>``, ``"1. "``, ``"2. "`` in an ``<ol>`` (its
  ``start``, ``type`` and ``reversed`` and an item's ``value`` respected); nested lists are
  indented two spaces per level. ``dt`` and ``dd`` give a line each.
- A table row (``tr``) is one line, its cells joined by a TAB.
- A ``<pre>`` keeps its own lines.

Inline whitespace collapses as a browser collapses it. Must not import spaCy, nor anything from
kg/ or api/. Raises nothing itself: a parser failure reaches :func:`ingest.loaders.load_bytes`,
which raises :class:`~ingest.errors.UnreadableDocument`.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.loaders.numbering import roman

_DROP = frozenset(("script", "style", "nav", "head", "template", "noscript", "svg", "math", "iframe",
                   "object", "canvas"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LISTS = frozenset(("ul", "ol", "menu", "dir"))
# Blocks that end the line before them and start their own; a blank line follows them.
_PARAGRAPHS = frozenset((
    "p", "div", "blockquote", "section", "article", "main", "header", "footer", "aside", "address",
    "figure", "figcaption", "caption", "details", "summary", "dialog", "fieldset", "legend", "form",
    "center", "hgroup", "body", "html", "dl", "hr", "option",
))
# Blocks that take a line each with no blank line between them.
_ITEMS = frozenset(("dt", "dd", "li", "tr"))
# Elements whose text runs on within the line around them (anything else parts words in a cell).
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
                     "wbr", "del", "ins"))
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# HTML collapses ASCII whitespace only; a no-break space is content.
_SPACE = re.compile(r"[ \t\n\r\f]+")


def read(data: bytes, name: str) -> tuple[list[str], str | None]:
    """The page's lines and title.

    Parameters
    ----------
    data : bytes
        The HTML document.
    name : str
        The file name (unused: HTML parsing does not fail on bad markup, it repairs it).

    Returns
    -------
    tuple of (list of str, str or None)
    """
    soup = BeautifulSoup(data, "lxml")
    title_tag = soup.find("title")
    title = _collapse(title_tag.get_text()) if title_tag else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    writer = _Writer()
    writer.walk(soup)
    writer.flush()
    if not title:
        first = soup.find("h1")
        title = _collapse(first.get_text()) if first else ""
    return writer.lines, title or None


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" ")


class _Writer:
    """Walks the tree, gathering inline text until a block ends the line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pending: list[str] = []  # inline text of the line being built
        self.marker = ""  # list marker waiting for the item's first text
        self.indent = ""
        self.in_item = 0  # inside a list item, paragraphs must not split it with blank lines

    def flush(self) -> None:
        text = _collapse("".join(self.pending))
        self.pending.clear()
        if text:
            self.lines.append(self.indent + self.marker + text)
            self.marker = ""

    def blank(self) -> None:
        self.flush()
        if self.lines and self.lines[-1] and not self.in_item:
            self.lines.append("")

    def end_block(self) -> None:
        # Inside a list item a paragraph ends the line but must not part the list with a blank.
        if self.in_item:
            self.flush()
        else:
            self.blank()

    def walk(self, node: Tag) -> None:
        for child in node.children:
            self.visit(child)

    def visit(self, child) -> None:
        if isinstance(child, _NOT_TEXT):
            return
        if isinstance(child, NavigableString):
            self.pending.append(str(child))
            return
        if not isinstance(child, Tag):
            return
        name = (child.name or "").lower()
        if name == "br":
            self.flush()
        elif name in _HEADINGS:
            self.blank()
            self.walk(child)
            self.blank()
        elif name in _LISTS:
            self.list(child, ordered=name == "ol")
        elif name == "table":
            self.table(child)
        elif name == "pre":
            self.pre(child)
        elif name in _ITEMS:
            self.flush()
            self.walk(child)
            self.flush()
        elif name in _PARAGRAPHS:
            self.end_block()
            self.walk(child)
            self.end_block()
        else:
            self.walk(child)  # inline: its text joins the current line

    def list(self, node: Tag, *, ordered: bool) -> None:
        self.end_block()
        items = node.find_all("li", recursive=False)
        markers = iter(_numbers(node, items) if ordered else ["-"] * len(items))
        outer_indent, outer_marker = self.indent, self.marker
        if self.in_item:
            self.indent = outer_indent + "  "
        self.in_item += 1
        for child in node.children:
            if isinstance(child, Tag) and child.name == "li":
                self.flush()
                self.marker = next(markers) + " "
                self.walk(child)
                self.flush()
                self.marker = ""
            else:
                self.visit(child)  # stray text or markup in a list is still the document's text
        self.flush()
        self.in_item -= 1
        self.indent, self.marker = outer_indent, outer_marker
        self.end_block()

    def table(self, node: Tag) -> None:
        self.end_block()
        for row in node.find_all("tr"):
            if row.find_parent("table") is not node:
                continue  # a nested table's rows come as the text of their cell
            cells = [_flat_text(cell) for cell in row.find_all(("td", "th"), recursive=False)]
            if any(cells):
                self.lines.append(self.indent + "\t".join(cells))
        self.end_block()

    def pre(self, node: Tag) -> None:
        self.end_block()
        lines = node.get_text().splitlines()
        while lines and not lines[0].strip():
            lines.pop(0)
        self.lines.extend(self.indent + line.rstrip() for line in lines)
        self.end_block()


def _flat_text(node: Tag) -> str:
    """A cell's text on one line: blocks inside it are parted by a space, inline text is not."""
    parts: list[str] = []
    for element in node.descendants:
        if isinstance(element, _NOT_TEXT):
            continue
        if isinstance(element, NavigableString):
            parts.append(str(element))
        elif isinstance(element, Tag) and (element.name or "").lower() not in _INLINE:
            parts.append(" ")
    return _collapse("".join(parts))


def _numbers(node: Tag, items: list[Tag]) -> list[str]:
    """The markers an ordered list shows, e.g. ``["1.", "2."]`` or ``["a.", "b."]``."""
    kind = str(node.get("type") or "1")
    step = -1 if node.has_attr("reversed") else 1
    value = _integer(node.get("start"), len(items) if step < 0 else 1)
    markers = []
    for item in items:
        value = _integer(item.get("value"), value)
        markers.append(_format_number(value, kind) + ".")
        value += step
    return markers


def _integer(text, default: int) -> int:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return default


def _format_number(value: int, kind: str) -> str:
    if kind in ("a", "A") and 1 <= value <= 26:
        letter = chr(ord("a") + value - 1)
        return letter.upper() if kind == "A" else letter
    if kind in ("i", "I") and 1 <= value < 4000:
        numerals = roman(value)
        return numerals.upper() if kind == "I" else numerals
    return str(value)
