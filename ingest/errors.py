"""The exceptions ingest raises, each with a stable code and a message that says how to fix it.

Nothing here knows HTTP: `api/errors.py` maps ``code`` to a status, the CLI prints ``message``.
"""
from __future__ import annotations


class IngestError(Exception):
    """Base of every error ingest raises on bad input."""

    code = "ingest_error"

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source


class MissingPath(IngestError):
    """A path given to ingest does not exist."""

    code = "missing_path"


class UnsupportedFormat(IngestError):
    """The file's type is not one ingest reads (txt, md, html, pdf, docx)."""

    code = "unsupported_format"


class EmptyDocument(IngestError):
    """The file holds no readable text."""

    code = "empty_document"


class UnreadableDocument(IngestError):
    """The file claims a supported type but could not be parsed."""

    code = "unreadable_document"


class TooLarge(IngestError):
    """The file is larger than ingest accepts."""

    code = "too_large"
