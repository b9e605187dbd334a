"""Markdown: the file's own lines unchanged (the structure reader knows `#` headings); title from the first `# `."""
from __future__ import annotations

from ingest.loaders.text import decode


def read(data: bytes) -> tuple[list[str], str | None]:
    lines = decode(data).splitlines()
    title = next((line[2:].strip() for line in lines if line.startswith("# ")), None)
    return lines, title
