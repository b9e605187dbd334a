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


class BadSetting(KgError):
    """An environment variable holds a value its setting cannot take."""

    code = "bad_setting"


class BadFormat(KgError):
    """An export format that does not exist; the message lists the formats there are."""

    code = "bad_format"


class StoreError(KgError):
    """The store could not do what was asked (base of the store's errors; never raised bare on bad input)."""

    code = "store_error"


class SparqlError(StoreError):
    """A SPARQL query this endpoint will not answer."""

    code = "bad_query"


class SparqlSyntaxError(SparqlError):
    """The query does not parse as SPARQL 1.1."""

    code = "bad_query"


class SparqlUpdateRefused(SparqlError):
    """A SPARQL update was sent to the read-only endpoint."""

    code = "read_only"


class SparqlServiceRefused(SparqlError):
    """The query calls another endpoint with SERVICE; only this graph is queried."""

    code = "bad_query"


class SparqlTimeout(SparqlError):
    """The query ran longer than the endpoint's time limit."""

    code = "bad_query"
