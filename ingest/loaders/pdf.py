"""PDF: the text of each page through pypdf, a blank line between pages; title from the metadata."""
from __future__ import annotations

import io

from pypdf import PdfReader


def read(data: bytes) -> tuple[list[str], str | None]:
    reader = PdfReader(io.BytesIO(data))
    lines: list[str] = []
    for page in reader.pages:
        text = page.extract_text() or ""
        lines.extend(line.rstrip() for line in text.splitlines())
        lines.append("")
    title = None
    if reader.metadata is not None and reader.metadata.title:
        title = str(reader.metadata.title).strip() or None
    return lines, title
