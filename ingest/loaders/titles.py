"""Titles a document declares, told apart from the placeholders tools write in their place.

In: a title string from a format's metadata (PDF information, Word core properties, HTML
``<title>``). Out: whether it is a placeholder ("Microsoft Word - plan.docx", "Untitled",
"Word Document", a bare file name) that says nothing about the document.

Must not import spaCy, nor anything from kg/ or api/. Raises nothing.
"""
from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\s*-|untitled\b|new document\b|"
    r"(?:word )?document\s*\d*$|presentation\s*\d*$|slide\s*\d+$|title$)"
    r"|\.(?:docx?|pdf|pptx?|indd|rtf|odt|txt|xlsx?|html?)$",
    re.IGNORECASE)


def is_placeholder(title: str | None) -> bool:
    """Whether ``title`` is empty or a tool's stand-in rather than the document's title.

    Examples
    --------
    >>> is_placeholder("Microsoft Word - Final plan v3.docx"), is_placeholder("Word Document")
    (True, True)
    >>> is_placeholder("Riverside Health and Wellbeing Strategy")
    False
    """
    text = " ".join((title or "").split())
    return not text or bool(_PLACEHOLDER.search(text))
