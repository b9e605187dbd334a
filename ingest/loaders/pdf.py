"""PDF loader (.pdf): the text of each page through pypdf, page after page.

In: the file's bytes. Out: each page's ``extract_text()`` lines (plain mode, not layout mode:
layout mode pads columns with runs of spaces that split sentences apart), a blank line between
pages, typographic ligatures (U+FB00-FB06) spelled out so "ﬁnance" reads as "finance"; and the
title from the document information, unless it is a tool's placeholder ("Microsoft Word -
plan.docx", "Untitled", a file name).

An encrypted PDF is opened with the empty password, which is how most "protected" public PDFs
are sealed; one that needs a real password cannot be read.

Must not import spaCy, nor anything from kg/ or api/. Raises
:class:`~ingest.errors.UnreadableDocument` for a password-protected file and for a page pypdf
cannot extract (naming the page); other parser failures reach :func:`ingest.loaders.load_bytes`,
which raises the same.
"""
from __future__ import annotations

import io

from pypdf import PdfReader

from ingest.errors import UnreadableDocument
from ingest.loaders.titles import is_placeholder

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})



def read(data: bytes, name: str) -> tuple[list[str], str | None]:
    """The lines of every page, a blank line between pages, and the declared title.

    Raises
    ------
    UnreadableDocument
        When the PDF needs a password, has no pages, or a page's text cannot be extracted.
    """
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableDocument(f"'{name}' is protected by a password; save an unprotected copy and "
                                 f"ingest that", source=name)
    pages = reader.pages
    if len(pages) == 0:
        raise UnreadableDocument(f"'{name}' has no pages; check that the file is a complete PDF",
                                 source=name)
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text(extraction_mode="plain") or ""
        except Exception as error:  # one broken page: say which, rather than lose it silently
            raise UnreadableDocument(
                f"'{name}': the text of page {number} could not be extracted ({type(error).__name__}: "
                f"{error}); re-save the PDF (print to PDF) and ingest it again", source=name) from error
        if number > 1:
            lines.append("")
        lines.extend(line.rstrip() for line in text.translate(_LIGATURES).splitlines())
    return lines, _title(reader)


def _title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = str(metadata.title).strip() if metadata is not None and metadata.title else ""
    except Exception:  # a damaged information dictionary only costs the title, not the text
        return None
    return None if is_placeholder(title) else title
