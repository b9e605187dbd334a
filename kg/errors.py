"""The exceptions the graph layer raises, each with a stable ``code`` and a message saying how to fix it.

Nothing here knows HTTP: `api/errors.py` maps each ``code`` to a status.
"""
from __future__ import annotations


class KgError(Exception):
    """Base of every error the graph layer raises on bad requests or bad data."""

    code = "kg_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownDocument(KgError):
    """No stored document has that id, file name or sha256."""

    code = "unknown_document"


class UnknownEntity(KgError):
    """No entity has that id."""

    code = "unknown_entity"


class BadRequest(KgError):
    """A parameter is missing or out of range."""

    code = "bad_request"
