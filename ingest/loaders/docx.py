"""Word loader (.docx): paragraphs and tables in the order the body holds them.

In: the file's bytes (opened with python-docx). Out: lines and the title (core properties'
title, else the first Title- or Heading-style paragraph).

The body's XML children are walked in order, so a table sits between the paragraphs around it;
content controls (``w:sdt``) and text boxes are walked too. Headers, footers, footnotes and
comments are left out: they repeat on every page or annotate rather than state.

- A heading (a Heading or Title style, or an outline level) is its text alone on a line, with a
  blank line before and after; Word's own numbering of it ("2.1") is kept in front.
- A list paragraph (numbering on the paragraph or its style, or a style whose name holds
  "List") is one line: ``"- "`` for bullets, the number Word shows for numbered lists ("1.",
  "a)", "2.3"), counted as Word counts; deeper levels are indented two spaces each.
- Any other paragraph is one line with a blank line after it; a manual line break starts a new
  line.
- A table row is one line, its cells joined by a TAB (a merged cell once; a nested table's text
  inside its cell).

Text comes from the XML runs, so tracked deletions and field codes are left out and hyperlinks'
text kept. TABs inside a paragraph become spaces, because a TAB marks a table cell.

Must not import spaCy, nor anything from kg/ or api/. Raises nothing itself: a file python-docx
cannot open reaches :func:`ingest.loaders.load_bytes`, which raises
:class:`~ingest.errors.UnreadableDocument`.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn

from ingest.loaders.numbering import roman
from ingest.loaders.titles import is_placeholder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Run content that is not the text as shown: deletions, field codes, properties, footnote marks.
_SKIP = frozenset(_W + name for name in (
    "del", "delText", "instrText", "moveFrom", "pPr", "rPr", "sectPr", "footnoteReference",
    "endnoteReference", "commentReference", "annotationRef", "sym",
))
_MAX_LEVEL = 9


def read(data: bytes, name: str) -> tuple[list[str], str | None]:
    """The document's lines and title.

    Parameters
    ----------
    data : bytes
        The .docx file.
    name : str
        The file name (python-docx's own error says what is wrong with a bad file).

    Returns
    -------
    tuple of (list of str, str or None)
    """
    document = docx.Document(io.BytesIO(data))
    reader = _Reader(_Styles.of(document), _Numbering.of(document))
    reader.container(document.element.body)
    title = (document.core_properties.title or "").strip()
    if is_placeholder(title):
        title = reader.title_paragraph or reader.first_heading or ""
    return reader.lines, title or None


@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    level: int
    outline_level: int | None


@dataclass
class _Styles:
    by_id: dict[str, _Style]
    default: str | None

    @classmethod
    def of(cls, document) -> "_Styles":
        by_id: dict[str, _Style] = {}
        default = None
        for element in document.styles.element.findall(qn("w:style")):
            if element.get(qn("w:type")) not in (None, "paragraph"):
                continue
            style_id = element.get(qn("w:styleId"))
            if not style_id:
                continue
            name_el = element.find(qn("w:name"))
            based = element.find(qn("w:basedOn"))
            num_id, level, outline = _numbering_and_outline(element.find(qn("w:pPr")))
            by_id[style_id] = _Style(
                name=(name_el.get(qn("w:val")) if name_el is not None else style_id) or style_id,
                based_on=based.get(qn("w:val")) if based is not None else None,
                num_id=num_id, level=level or 0, outline_level=outline)
            if element.get(qn("w:default")) in ("1", "true", "on"):
                default = style_id
        return cls(by_id, default)

    def chain(self, style_id: str | None):
        """The style and the ones it is based on, nearest first."""
        seen: set[str] = set()
        current = style_id if style_id in self.by_id else self.default
        while current and current in self.by_id and current not in seen:
            seen.add(current)
            yield self.by_id[current]
            current = self.by_id[current].based_on


@dataclass
class _Level:
    number_format: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    abstract_of: dict[str, str]  # numId -> abstractNumId
    levels: dict[str, dict[int, _Level]]  # abstractNumId -> level -> format
    restarts: dict[str, dict[int, int]]  # numId -> level -> start override
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    restarted: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> "_Numbering":
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({}, {}, {})
        levels: dict[str, dict[int, _Level]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            formats: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                formats[_int(lvl.get(qn("w:ilvl")), 0)] = _Level(
                    number_format=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") if lvl.find(qn("w:lvlText")) is not None else "%1.",
                    start=_int(_val(lvl, "w:start"), 1))
            levels[abstract.get(qn("w:abstractNumId")) or ""] = formats
        abstract_of: dict[str, str] = {}
        restarts: dict[str, dict[int, int]] = {}
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId")) or ""
            abstract_of[num_id] = _val(num, "w:abstractNumId") or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    restarts.setdefault(num_id, {})[_int(override.get(qn("w:ilvl")), 0)] = \
                        _int(start.get(qn("w:val")), 1)
        return cls(abstract_of, levels, restarts)

    def marker(self, num_id: str, level: int) -> str | None:
        """The marker Word shows for the next item of list ``num_id`` at ``level``; None if unknown."""
        abstract = self.abstract_of.get(num_id)
        if abstract is None or abstract not in self.levels:
            return None
        formats = self.levels[abstract]
        # Word counts per abstract list, so separate num instances of one list continue it.
        counters = self.counters.setdefault(abstract, [None] * _MAX_LEVEL)
        start = formats.get(level, _Level()).start
        if (num_id, level) not in self.restarted and level in self.restarts.get(num_id, {}):
            counters[level] = self.restarts[num_id][level]
        elif counters[level] is None:
            counters[level] = start
        else:
            counters[level] += 1
        self.restarted.add((num_id, level))
        for deeper in range(level + 1, _MAX_LEVEL):
            counters[deeper] = None
        this = formats.get(level, _Level())
        if this.number_format == "bullet":
            return "-"
        if this.number_format == "none":
            return ""

        def shown(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            if not 0 <= at < _MAX_LEVEL:
                return ""
            fmt = formats.get(at, _Level())
            value = counters[at] if counters[at] is not None else fmt.start
            return _format_number(value, fmt.number_format)

        return re.sub(r"%(\d)", shown, this.text).strip()


class _Reader:
    """Walks block containers (body, content controls, text boxes) and writes lines."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.first_heading: str | None = None
        self.title_paragraph: str | None = None

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def container(self, element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == qn("w:p"):
                self.paragraph(child)
            elif tag == qn("w:tbl"):
                self.table(child)
            elif tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins")):
                self.container(child)

    def paragraph(self, p) -> None:
        text, textboxes = _runs_text(p)
        pieces = [piece.replace("\t", " ").strip() for piece in text.split("\n")]
        pieces = [piece for piece in pieces if piece]
        if pieces:
            self.write(p, pieces)
        for textbox in textboxes:
            self.container(textbox)

    def write(self, p, pieces: list[str]) -> None:
        properties = p.find(qn("w:pPr"))
        style_id = _val(properties, "w:pStyle") if properties is not None else None
        chain = list(self.styles.chain(style_id))
        style_name = chain[0].name if chain else ""
        num_id, level, outline = _numbering_and_outline(properties)
        for style in chain:
            if num_id is None and style.num_id is not None:
                num_id, level = style.num_id, level if level is not None else style.level
            if outline is None and style.outline_level is not None:
                outline = style.outline_level
        level = min(level or 0, _MAX_LEVEL - 1)
        lowered = style_name.lower()
        heading = lowered.startswith("heading") or lowered == "title" or (outline is not None and outline < 9)
        marker = None
        if num_id and num_id != "0":
            marker = self.numbering.marker(num_id, level)
        # numId 0 takes a paragraph out of the list its style would put it in
        if marker is None and num_id != "0" and "list" in lowered:
            marker = "1." if "number" in lowered else "-"  # numbering unknown: the style still says list
        if heading:
            text = " ".join(pieces)
            if lowered == "title" and self.title_paragraph is None:
                self.title_paragraph = text
            if self.first_heading is None:
                self.first_heading = text
            self.blank()
            self.lines.append(f"{marker} {text}" if marker and marker != "-" else text)
            self.blank()
        elif marker:
            indent = "  " * level
            self.lines.append(f"{indent}{marker} {pieces[0]}")
            self.lines.extend(f"{indent}{' ' * (len(marker) + 1)}{piece}" for piece in pieces[1:])
        else:
            self.blank()
            self.lines.extend(pieces)
            self.blank()

    def table(self, tbl) -> None:
        self.blank()
        for row in _children(tbl, "w:tr"):
            cells = [_cell_text(cell) for cell in _children(row, "w:tc")]
            if any(cells):
                self.lines.append("\t".join(cells))
        self.blank()


def _children(element, name: str):
    """Direct children called ``name``, looking through content controls wrapped around them."""
    wanted = qn(name)
    for child in element.iterchildren():
        if child.tag == wanted:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _children(child, name)


def _cell_text(cell) -> str:
    parts = []
    for p in cell.iter(qn("w:p")):
        if any(True for _ in p.iterancestors(_FALLBACK)):
            continue  # the legacy copy of a text box already read from its modern form
        text, _ = _runs_text(p, textboxes=False)
        parts.append(text)
    return " ".join(" ".join(parts).split())


def _runs_text(p, textboxes: bool = True) -> tuple[str, list]:
    """A paragraph's text as shown, and the text boxes anchored in it (walked after it)."""
    parts: list[str] = []
    found: list = []

    def walk(element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP or tag == _FALLBACK:
                continue
            if tag == qn("w:t"):
                parts.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:ptab")):
                parts.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
            elif tag == qn("w:txbxContent"):
                if textboxes:
                    found.append(child)
            elif tag == qn("w:p"):
                continue  # a paragraph inside a drawing belongs to its text box, not here
            else:
                walk(child)

    walk(p)
    return "".join(parts), found


def _numbering_and_outline(properties) -> tuple[str | None, int | None, int | None]:
    if properties is None:
        return None, None, None
    num_id = level = outline = None
    numbering = properties.find(qn("w:numPr"))
    if numbering is not None:
        num_id = _val(numbering, "w:numId")
        level_text = _val(numbering, "w:ilvl")
        level = _int(level_text, 0) if level_text is not None else None
    outline_text = _val(properties, "w:outlineLvl")
    if outline_text is not None:
        outline = _int(outline_text, 9)
    return num_id, level, outline


def _val(element, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(qn(child))
    return found.get(qn("w:val")) if found is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _format_number(value: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter") and value >= 1:
        # Word goes a..z, then aa..zz
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and 1 <= value < 4000:
        numerals = roman(value)
        return numerals.upper() if number_format == "upperRoman" else numerals
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)
