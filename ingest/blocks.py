"""Blocks: a document's lines grouped into headings, list items, table rows and paragraphs.

In: a :class:`~ingest.records.SourceText`. Out: a list of :class:`Block`, each with its line span,
its raw text (for exact quotes) and its clean text (list markers and emphasis removed). Knows
nothing of what a block means; :mod:`ingest.sections` and :mod:`ingest.classify` decide that.
Must not import spaCy or anything from kg/ or api/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.records import SourceText

# A bullet glyph at the start of a line: dashes, dots, private-use glyphs from PDF symbol fonts.
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*•●◦○▪■□➢➤►▸▹◆◇❖→✓✔–·o\uf0a7\uf0b7\uf076\uf0d8\uf0fc])\s+(?P<rest>\S.*)$")
_SPACED_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[•●◦▪■\uf0a7\uf0b7\uf076\uf0d8\uf0fc])(?P<rest>\S.*)$")
# "1.", "1)", "3:", "(a)", "a)", "k.", "5.1", "iv)" followed by text.
_NUMBER = re.compile(
    r"^(?P<indent>\s*)(?:[-*•]\s*)?(?:\*\*)?(?P<number>\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|\d{1,2}(?:\.\d{1,2}){0,3}|\d{1,2}[a-z](?=[.)])|[a-z]|[ivx]{1,4})"
    r"(?P<sep>[.):]|\s+-|\s+–)?(?:\*\*)?\s+(?P<rest>\S.*)$"
)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.+?)\s*#*\s*$")
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]{1,200}>")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SPACE = re.compile(r"\s+")
# A Markdown pipe-table row "| a | b |" and its separator "|---|:--:|"
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
# running headers and footers: "… | People Strategy 2024–2029          7", "Page 3 of 13", "page 12"
_PAGE_FURNITURE = re.compile(r"(?:\bpage\s+\d{1,3}(?:\s+of\s+\d{1,3})?|\S\s{5,}\d{1,3})\s*$|^\s*\d{1,3}\s*$",
                             re.IGNORECASE)
# a box's sides: "│ text │", "║ text ║"
_BOX_SIDES = re.compile(r"^\s*[│║┃|]\s?|\s*[│║┃|]\s*$")
# a box's frame drawn with box-drawing characters or a rule of dashes, equals signs or underscores
_BOX_RULE = re.compile(r"^\s*[\u2500-\u257f=_-]{5,}\s*$|^\s*[\u2500-\u257f]{2,}.*[\u2500-\u257f]\s*$|"
                       r"^\s*\+[-=+]{3,}\+\s*$")
# Markdown block-quote markers, which a reader does not see
_QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S|(?:\d{1,2}\.\s*)?(?:sources?|notes?)\s*:)", re.IGNORECASE)


def clean(text: str) -> str:
    """Text as a reader sees it: emphasis markers, markdown links, tags and footnote marks removed."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _FOOTNOTE.sub("", text)
    text = text.replace("\uf0b7", " ").replace("\u00a0", " ")
    return _SPACE.sub(" ", text).strip(" \t-–•")


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class Block:
    """One unit of layout with where it stands in the source."""

    kind: str  # "heading" (markdown only), "bullet", "numbered", "row", "line", "footnote", "rule"
    text: str  # clean text, markers removed
    raw: str  # the source lines joined by a space, whitespace-normalised
    line_start: int
    line_end: int
    indent: int = 0  # leading spaces of the first line, for nesting
    number: str | None = None  # "5.1", "3", "k"
    cells: tuple[str, ...] = ()  # table cells, clean
    raw_cells: tuple[str, ...] = ()  # table cells as written (whitespace-normalised), for quotes
    level: int = 0  # markdown heading level
    blank_before: bool = True
    blank_after: bool = True
    marker: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _parse_line(line: str, number: int) -> Block | None:
    if not line.strip():
        return None
    raw = normalise_space(line)
    if _BOX_RULE.match(line) or (_PIPE_SEPARATOR.match(line) and "|" in line) or _PAGE_FURNITURE.search(line):
        # layout: a table's header rule, a box's frame, a page's running header or footer
        return Block("rule", "", raw, number, number)  # a table's header rule: layout, not content
    if _PIPE_ROW.match(line) and len(_PIPE_SPLIT.split(line.strip())) > 3:
        return _pipe_row(line, raw, number)
    if line.lstrip()[:1] in "│║┃|":  # a box's side; "| text |" with one cell is a box drawn in ASCII
        line = _BOX_SIDES.sub("", line)  # the text inside a box, without its sides
        if not line.strip():
            return None
    if _QUOTE_MARKER.match(line):
        line = _QUOTE_MARKER.sub("", line)  # the quote's text; ``raw`` keeps the marker for quotes
        if not line.strip():
            return None
    if _FOOTNOTE_LINE.match(line):
        return Block("footnote", clean(line), raw, number, number)
    heading = _MD_HEADING.match(line.strip())
    if heading and not line.strip().startswith("#" * 7):
        return Block("heading", clean(heading["rest"]), raw, number, number, level=len(heading["hashes"]))
    if "\t" in line.strip() and len([c for c in line.split("\t") if c.strip()]) >= 2 or line.count("\t") >= 2:
        cells = tuple(clean(c) for c in line.split("\t"))
        return Block("row", " ".join(c for c in cells if c), raw, number, number, _indent(line), cells=cells,
                     raw_cells=tuple(normalise_space(c) for c in line.split("\t")))
    numbered = _NUMBER.match(line)
    if numbered and _plausible_number(numbered):
        rest = numbered["rest"]
        return Block("numbered", clean(rest), raw, number, number, _indent(line),
                     number=numbered["number"].strip("()"), marker=numbered["sep"])
    bullet = _BULLET.match(line) or _SPACED_BULLET.match(line)
    if bullet:
        return Block("bullet", clean(bullet["rest"]), raw, number, number, len(bullet["indent"].expandtabs(4)),
                     marker=bullet["marker"])
    return Block("line", clean(line), raw, number, number, _indent(line))


def _pipe_row(line: str, raw: str, number: int) -> Block:
    """A Markdown table row: cells between unescaped pipes, ``<br>`` as a space."""
    parts = _PIPE_SPLIT.split(line.strip())[1:-1]
    raw_cells = tuple(normalise_space(p.replace("\\|", "|")) for p in parts)
    cells = tuple(clean(re.sub(r"<br\s*/?>", " ", c, flags=re.IGNORECASE).replace("\\", "")) for c in raw_cells)
    return Block("row", " ".join(c for c in cells if c), raw, number, number, _indent(line), cells=cells,
                 raw_cells=raw_cells)


def _plausible_number(match: re.Match) -> bool:
    number, sep, rest = match["number"], match["sep"], match["rest"]
    if number.isdigit() and int(number) > 60:
        return False  # a year or a quantity, not a list number
    if re.fullmatch(r"\(?(?:[a-z]|[ivx]{1,4})\)?", number):
        # a letter counts only as "a)", "(b)" or "k." ("a." and "i." usually start a sentence, unless
        # set out as a list's number: indented, or with a wide gap before the text)
        spaced = bool(match["indent"]) or match.string[match.end("sep") if sep else match.end("number"):
                                                      match.start("rest")].count(" ") >= 2
        return sep == ")" or number.startswith("(") or (sep == "." and (number not in ("a", "i") or spaced))
    if sep is None and "." not in number:
        if re.match(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", rest, re.IGNORECASE):
            return False  # "30 May 2014" is a date
        # "2 Who we are", "4 We will establish a partnership …"; not "4 week quitters"
        return bool(rest.lstrip("*")[:1].isupper()) and int(number) <= 20
    return True


def split_blocks(source: SourceText) -> list[Block]:
    """Group the source's lines into blocks, joining lines that continue the one before."""
    blocks: list[Block] = []
    previous_blank = True
    width = wrap_width(source.lines)
    running = running_lines(source.lines)
    for index, line in enumerate(source.lines, start=1):
        block = _parse_line(line, index)
        if block is not None and running_key(line) in running:
            block = Block("rule", "", block.raw, index, index)  # a running header or footer: layout
        if block is None:
            if blocks:
                blocks[-1].blank_after = True
            previous_blank = True
            continue
        block.blank_before = previous_blank
        block.blank_after = False
        if block.kind == "line" and line.startswith("\t") and blocks and blocks[-1].kind == "row" and \
                not previous_blank:
            block = _tab_row(line, block)  # "\tmore of the second cell": a row whose first cell is empty
        if blocks and not previous_blank and _spills(blocks[-1], block):
            _merge_row(blocks[-1], block)
        elif blocks and not previous_blank and (_continues(blocks[-1], block) or
                                                _wrapped(blocks[-1], block, source.lines[index - 2], width)):
            _merge(blocks[-1], block)
        else:
            blocks.append(block)
        previous_blank = False
    if blocks:
        blocks[-1].blank_after = True
    return blocks


def _continues(before: Block, block: Block) -> bool:
    """Whether ``block`` is the wrapped tail of ``before`` (PDF and slide line breaks)."""
    if block.kind != "line" or before.kind in ("heading", "row"):
        return False
    tail = before.raw.rstrip()
    if tail.endswith(";") and before.kind == "line" and block.text[:1].islower():
        return True  # "Mitigation: a shared charter;" / "our retention offer": one clause list
    if not tail or tail[-1] in ".!?;:" or (tail.endswith("**") and not block.text.startswith("(")):
        return False  # a bold line is a heading of its own, unless a bracket goes on with it
    first = block.text[:1]
    return bool(first) and (first.islower() or first in "&(,/–-" or before.raw.rstrip().endswith((",", "and", "or", "of", "the", "to", "for", "with", "&")))


def running_lines(lines: tuple[str, ...] | list[str]) -> set[str]:
    """Lines repeated on page after page: a running header or footer naming the body, the document
    or its years ("Riverside NHS Trust      Workforce Plan 2025–2028"), not a repeated heading."""
    counts: dict[str, int] = {}
    for line in lines:
        text = normalise_space(line)
        if text and "\t" not in line.strip() and not text.startswith("|") and len(text.split()) <= 14 and \
                re.search(r"\b(?:19|20)\d{2}\b|\|", text):  # a table's header repeats too: not those
            counts[running_key(text)] = counts.get(running_key(text), 0) + 1
    return {key for key, n in counts.items() if n >= 3}


def running_key(text: str) -> str:
    """A line with its numbers blanked, so that "14 | Guidance 2027" and "15 | Guidance 2027" are one."""
    return re.sub(r"\d+", "#", normalise_space(text))


def wrap_width(lines: tuple[str, ...] | list[str]) -> int | None:
    """The width a PDF conversion wrapped its paragraphs at, or None for text that is not hard-wrapped.

    Hard-wrapped text has many lines of about the same length, the longest ones; text with a
    paragraph to a line has lengths spread far wider.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) > 20 and "\t" not in line)
    if len(lengths) < 20:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if 0.8 * width <= n <= width * 1.02)
    return width if width <= 130 and near >= len(lengths) * 0.25 else None


def _wrapped(before: Block, block: Block, previous_line: str, width: int | None) -> bool:
    """Whether ``block`` goes on with ``before``: a list item's hanging indent, or a line the
    conversion broke because it reached the page's width."""
    if block.kind != "line" or before.kind in ("heading", "row", "footnote", "rule"):
        return False
    tail = before.raw.rstrip()
    if not tail or tail[-1] in ".!?;:" or re.search(r"\.{4,}\s*\d+$", tail):
        return False  # a sentence's end, or a contents line ("Four pillars ........ 4")
    if before.kind in ("bullet", "numbered") and block.indent > before.indent:
        return True  # "1a.  Bring health visiting … in 12 Start" / "      Well Centres, one in each …"
    if width is None or len(previous_line.rstrip()) < 0.8 * width:
        return False
    # a full-width line that stops inside a name ("… in Riverside East, Riverside West, North") or a
    # phrase: the next line goes on with it, whatever its case; one ending a whole clause may be
    # an item of an unmarked list, followed by the next item
    return tail.split()[-1][:1].isupper() or _cut(tail)


def _tab_row(line: str, block: Block) -> Block:
    cells = tuple(clean(c) for c in line.split("\t"))
    return Block("row", block.text, block.raw, block.line_start, block.line_end, cells=cells,
                 raw_cells=tuple(normalise_space(c) for c in line.split("\t")), blank_before=block.blank_before,
                 blank_after=block.blank_after)


def _spills(before: Block, block: Block) -> bool:
    """Whether ``block`` holds the rest of the cells of the table row ``before``.

    PDF tables break a long cell over lines: the next row then has an empty first cell or one
    that goes on in lower case ("Staff who say the Trust takes positive | 52%" then
    "action on health and wellbeing"), while a new row starts with a capital.
    """
    if before.kind != "row" or block.kind not in ("row", "line") or before.raw.startswith("|"):
        return False
    if block.kind == "row":
        # the text goes on in lower case, or after a word that needs more; an empty first cell
        # alone may start the next item of a group
        column, first = next(((i, cell) for i, cell in enumerate(block.cells) if cell), (0, ""))
        above = before.cells[column] if column < len(before.cells) else ""
        return first[:1].islower() or (bool(first) and _cut(above))
    first_cell = before.cells[0] if before.cells else ""
    if block.words > 12 or first_cell.endswith((".", ":")):
        return False
    # "… an appraisal in the last | 71%" then "12 months": a short tail of figures and words
    tail = block.words <= 3 and block.text[:1].isdigit()
    return bool(block.text[:1].islower()) or _cut(first_cell) or tail


def _cut(cell: str) -> bool:
    """Whether a cell stops where its text cannot end: "… seen within", "Lived Experience and", "Eastgate,"."""
    return bool(re.search(r"(?:\b(?:within|of|from|and|or|to|for|in|with|at|by|on|than|per|the|a|an)|,)$", cell))


def _merge_row(before: Block, block: Block) -> None:
    """Append each spilled cell to the cell above it; a plain line goes on the first cell.

    A merged cell's first line stays its quote (``meta["first_cells"]``): the lines between hold
    the other columns, so the joined text is not what any line says.
    """
    before.meta.setdefault("first_cells", before.raw_cells)
    parts = block.cells if block.kind == "row" else (block.text,)
    raw_parts = block.raw_cells if block.kind == "row" else (block.raw,)
    cells, raw_cells = list(before.cells), list(before.raw_cells)
    for index, (part, raw_part) in enumerate(zip(parts, raw_parts)):
        if not part:
            continue
        if index < len(cells):
            cells[index] = clean(f"{cells[index]} {part}") if cells[index] else part
            raw_cells[index] = f"{raw_cells[index]} {raw_part}".strip()
        else:
            cells.append(part)
            raw_cells.append(raw_part)
    before.cells, before.raw_cells = tuple(cells), tuple(raw_cells)
    before.text = " ".join(c for c in cells if c)
    before.raw = f"{before.raw} {block.raw}"
    before.line_end = block.line_end


def _merge(before: Block, block: Block) -> None:
    before.raw = f"{before.raw} {block.raw}"
    if re.search(r"[a-z]-$", before.text) and block.text[:1].islower():
        before.text = clean(f"{before.text[:-1]}{block.text}")  # "pan-" + "demic": a word the wrap split
    else:
        before.text = clean(f"{before.text} {block.text}")
    before.line_end = block.line_end
    if before.cells:
        before.cells = before.cells[:-1] + (clean(f"{before.cells[-1]} {block.text}"),)
        before.raw_cells = before.raw_cells[:-1] + (f"{before.raw_cells[-1]} {block.raw}",)
