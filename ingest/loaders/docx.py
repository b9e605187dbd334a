"""Word (.docx): paragraphs and tables in body order; headings as `#` lines, list paragraphs as "- "."""
from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def _is_list(paragraph: Paragraph) -> bool:
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    properties = paragraph._p.pPr
    return "List" in style or (properties is not None and properties.numPr is not None)


def read(data: bytes) -> tuple[list[str], str | None]:
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    first_heading = None
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            if style.startswith("Heading") or style == "Title":
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                first_heading = first_heading or text
                lines.extend(["", "#" * min(level, 6) + " " + text, ""])
            elif _is_list(paragraph):
                numbered = "Number" in style
                lines.append(f"1. {text}" if numbered else f"- {text}")
            else:
                lines.extend([text, ""])
        elif tag == "tbl":
            table = Table(child, document)
            lines.append("")
            for row in table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
    title = (document.core_properties.title or "").strip() or first_heading
    return lines, title
