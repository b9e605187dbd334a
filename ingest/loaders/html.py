"""HTML: one line per block element (headings, paragraphs, list items, table rows with TAB cells).

Headings come as Markdown `#` lines so the structure reader sees their level; list items as
"- " or "1. "; scripts, styles, navigation and the head are dropped.
"""
from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.loaders.text import decode

_DROP = ("script", "style", "nav", "head", "noscript", "template", "svg")
_BLOCKS = ("p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "dd", "dt",
           "figcaption", "caption", "address", "body")


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def read(data: bytes) -> tuple[list[str], str | None]:
    soup = BeautifulSoup(decode(data), "lxml")
    title_tag = soup.find("title")
    title = _text(title_tag) if title_tag else None
    for tag in soup(_DROP):
        tag.decompose()
    lines: list[str] = []

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    def walk(node: Tag, depth: int = 0) -> None:
        inline: list[str] = []

        def flush() -> None:
            text = " ".join(" ".join(inline).split())
            if text:
                lines.append(text)
            inline.clear()

        for child in node.children:
            if isinstance(child, NavigableString):
                if child.strip():
                    inline.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                blank()
                lines.append("#" * int(name[1]) + " " + _text(child))
                blank()
            elif name in ("ul", "ol"):
                flush()
                for number, item in enumerate(child.find_all("li", recursive=False), start=1):
                    nested = item.find_all(["ul", "ol"], recursive=False)
                    for sub in nested:
                        sub.extract()
                    marker = f"{number}." if name == "ol" else "-"
                    lines.append(" " * depth + f"{marker} {_text(item)}")
                    for sub in nested:
                        holder = Tag(name="div")
                        holder.append(sub)
                        walk(holder, depth + 1)
                blank()
            elif name == "table":
                flush()
                for row in child.find_all("tr"):
                    cells = [_text(cell) for cell in row.find_all(["td", "th"])]
                    if any(cells):
                        lines.append("\t".join(cells))
                blank()
            elif name == "br":
                flush()
            elif name in _BLOCKS or name in ("li", "pre"):
                flush()
                walk(child, depth)
                blank()
            else:
                inline.append(_text(child))
        flush()

    walk(soup.body or soup)
    if title is None:
        title = next((line.lstrip("# ") for line in lines if line.startswith("# ")), None)
    return lines, title
