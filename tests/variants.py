"""Test fixture builder: one plain-text strategy written out as .md, .html, .pdf and .docx.

In: a small plain-text strategy laid out as ``tests/fixtures/variants/strategy.txt`` is (groups of
lines parted by blank lines). Out: the same content in four formats, built fresh, so the
repository keeps one source and every loader is checked against it.

How the text is read (only as much as these fixtures need, not a general converter):

- the first group is the title (Markdown ``#``, ``<h1>``, Word's Title style);
- a group of lines that all start ``- `` is a bulleted list; of two or more lines that all start
  ``1. ``, ``2. `` an ordered list;
- a lone short line without closing punctuation is a heading, level 3 (``###``, ``<h3>``,
  Heading 2) when it opens a list inside a numbered section, else level 2 (``##``, ``<h2>``,
  Heading 1); numbered headings keep their number in their text;
- every other line is a paragraph of its own.

The PDF uses fpdf2's core Helvetica, which holds Latin-1 only: dashes, curly quotes and bullets
are written as their ASCII look-alikes and anything else as ``?``.

Imports fpdf2 and python-docx (test dependencies); nothing from kg/ or api/. Raises ValueError
for a text file with no content.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

_BULLET = re.compile(r"^[-*•]\s+(?P<text>.+)$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>.+)$")
_PDF_REPLACEMENTS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
                                   "•": "-", "…": "...", "\u00a0": " "})


@dataclass(frozen=True)
class Block:
    """One unit of the strategy: a title, heading, paragraph or list."""

    kind: str  # "title", "heading", "paragraph", "bullets", "numbered"
    text: str = ""
    level: int = 0  # heading level, 2 or 3
    items: tuple[str, ...] = ()  # list items without their markers


def parse(text: str) -> list[Block]:
    """The blocks of a plain-text strategy laid out as the module docstring says.

    Raises
    ------
    ValueError
        When the text has no non-blank line.
    """
    groups: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    groups = [group for group in groups if group]
    if not groups:
        raise ValueError("the strategy text is empty")
    blocks: list[Block] = [Block("title", " ".join(groups[0]))]
    section = ""
    for index, group in enumerate(groups[1:], start=1):
        if all(_BULLET.match(line) for line in group):
            blocks.append(Block("bullets", items=tuple(_BULLET.match(line)["text"] for line in group)))
        elif len(group) > 1 and all(_NUMBERED.match(line) for line in group):
            blocks.append(Block("numbered", items=tuple(_NUMBERED.match(line)["text"] for line in group)))
        elif len(group) == 1 and _is_heading(group[0]):
            following = groups[index + 1] if index + 1 < len(groups) else []
            opens_list = bool(following) and all(_BULLET.match(line) for line in following)
            level = 3 if opens_list and section[:1].isdigit() else 2
            if level == 2:
                section = group[0]
            blocks.append(Block("heading", group[0], level=level))
        else:
            blocks.extend(Block("paragraph", line) for line in group)
    return blocks


def _is_heading(line: str) -> bool:
    return len(line.split()) <= 10 and not line.endswith((".", ":", ";", ","))


def build_variants(text_path: str | Path, out_dir: str | Path) -> dict[str, Path]:
    """Write the strategy at ``text_path`` as .md, .html, .pdf and .docx files in ``out_dir``.

    Parameters
    ----------
    text_path : str or Path
        A UTF-8 plain-text strategy.
    out_dir : str or Path
        Created if missing; files are named after the text file's stem.

    Returns
    -------
    dict of str to Path
        Extension (``".md"``, ``".html"``, ``".pdf"``, ``".docx"``) to the file written.

    Raises
    ------
    ValueError
        When the text file has no content.
    """
    text_path, out_dir = Path(text_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blocks = parse(text_path.read_text(encoding="utf-8"))
    writers = {".md": _write_markdown, ".html": _write_html, ".pdf": _write_pdf, ".docx": _write_docx}
    written: dict[str, Path] = {}
    for extension, write in writers.items():
        path = out_dir / f"{text_path.stem}{extension}"
        write(blocks, path)
        written[extension] = path
    return written


def _write_markdown(blocks: list[Block], path: Path) -> None:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "title":
            parts.append(f"# {block.text}")
        elif block.kind == "heading":
            parts.append(f"{'#' * block.level} {block.text}")
        elif block.kind == "paragraph":
            parts.append(block.text)
        elif block.kind == "bullets":
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:
            parts.append("\n".join(f"{number}. {item}" for number, item in enumerate(block.items, start=1)))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def _write_html(blocks: list[Block], path: Path) -> None:
    title = next(block.text for block in blocks if block.kind == "title")
    body: list[str] = []
    for block in blocks:
        if block.kind == "title":
            body.append(f"<h1>{html.escape(block.text)}</h1>")
        elif block.kind == "heading":
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            body.append(f"<p>{html.escape(block.text)}</p>")
        else:
            tag = "ul" if block.kind == "bullets" else "ol"
            items = "\n".join(f"  <li>{html.escape(item)}</li>" for item in block.items)
            body.append(f"<{tag}>\n{items}\n</{tag}>")
    # navigation, a script and a style that the loader must leave out
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>body {{ font-family: sans-serif; }}</style>\n"
        "<script>window.analytics = 'not document text';</script>\n</head>\n<body>\n"
        "<nav><a href=\"/\">Home</a> <a href=\"/plans\">All plans</a></nav>\n<main>\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")


def _write_docx(blocks: list[Block], path: Path) -> None:
    import docx

    document = docx.Document()
    for block in blocks:
        if block.kind == "title":
            document.core_properties.title = block.text
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=block.level - 1)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        else:
            style = "List Bullet" if block.kind == "bullets" else "List Number"
            for item in block.items:
                document.add_paragraph(item, style=style)  # Word draws the bullet or number
    document.save(str(path))


def _latin1(text: str) -> str:
    return text.translate(_PDF_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def _write_pdf(blocks: list[Block], path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    title = next(block.text for block in blocks if block.kind == "title")
    pdf.set_title(_latin1(title))

    def cell(text: str, size: float, style: str = "", indent: float = 0.0) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, size * 0.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for block in blocks:
        if block.kind == "title":
            cell(block.text, 16, "B")
        elif block.kind == "heading":
            pdf.ln(3)
            cell(block.text, 13 if block.level == 2 else 11, "B")
        elif block.kind == "paragraph":
            cell(block.text, 10)
        elif block.kind == "bullets":
            for item in block.items:
                cell(f"- {item}", 10, indent=5)
        else:
            for number, item in enumerate(block.items, start=1):
                cell(f"{number}. {item}", 10, indent=5)
        pdf.ln(2)
    pdf.output(str(path))
