"""The one place exceptions become HTTP: one JSON error shape, built by one function.

In: exceptions from :mod:`kg` and :mod:`ingest` (each with a stable ``code`` and a ``message``),
from request parsing (:class:`api.schemas.BadInput`), from the token check
(:class:`api.auth.TokenRefused`) and from werkzeug (unknown route, wrong method, too large).
Out: ``{"error": {"code": ..., "message": ...}}`` with the status :data:`STATUS` gives the code.
Anything else is a defect: a 500 that logs the traceback under a request id and answers that id,
never the exception's text. Views and the knowledge base never build error responses themselves.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from api.auth import TokenRefused
from api.schemas import BadInput
from ingest.errors import IngestError
from kg.errors import KgError

log = logging.getLogger(__name__)

#: Every error code the API answers, and its status.
STATUS: dict[str, int] = {
    # bad input: fix the request
    "bad_request": 400, "bad_format": 400, "bad_query": 400, "read_only": 400, "missing_path": 400,
    # writing needs the token
    "missing_token": 403, "wrong_token": 403, "writes_disabled": 403,
    # unknown ids and routes
    "unknown_document": 404, "unknown_entity": 404, "not_found": 404,
    "method_not_allowed": 405, "not_acceptable": 406,
    "too_large": 413,
    "unsupported_format": 415, "unsupported_media_type": 415,
    # a file of a supported type that could not be read
    "empty_document": 422, "unreadable_document": 422,
    "internal_error": 500,
    # a server started with a setting it cannot take; raised at start-up, before any request
    "bad_setting": 500,
    # the server lacks an installed model package: not the client's to fix, and not a defect either
    "model_unavailable": 503,
}

# werkzeug's HTTP errors, as codes of our own
_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
               413: "too_large", 415: "unsupported_media_type"}

# Paths whose clients are programs: they get JSON for unknown routes and wrong methods.
_JSON_PREFIXES = ("/api", "/sparql")


def error_response(status: int, code: str, message: str) -> Response:
    """The JSON error every failure answers with.

    Parameters
    ----------
    status
        The HTTP status.
    code
        A short stable code from :data:`STATUS`.
    message
        What was wrong and how to fix it; never an exception's own text for a 500.
    """
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def status_of(code: str) -> int:
    """The status for a library error code; 400 for a code not (yet) in :data:`STATUS`.

    Library errors are raised on bad requests or bad data, so an unmapped code is still the
    client's to fix; it is logged so that the map can be completed.
    """
    if code not in STATUS:
        log.warning("error code %r has no HTTP status in api.errors.STATUS; answering 400", code)
    return STATUS.get(code, 400)


def _http_message(error: HTTPException, settings_limit: int | None) -> str:
    status = error.code or 500
    if status == 404:
        return (f"no such URL: {request.path}; the API is under /api/v1, "
                "described at /api/v1/openapi.json and /api/docs")
    if status == 405:
        allowed = ", ".join(sorted(m for m in (error.valid_methods or []) if m not in ("HEAD", "OPTIONS")))
        return f"{request.method} is not allowed on {request.path}; use {allowed or 'another method'}"
    if status == 413:
        limit = f"{settings_limit // (1024 * 1024)} MiB" if settings_limit else "the server's limit"
        return f"the request is larger than {limit}; the limit is set by KG_MAX_UPLOAD_MB on the server"
    # werkzeug's descriptions are fixed texts of its own, never data from the request
    return error.description or "the request could not be handled"


def register(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(BadInput)
    def bad_input(error: BadInput) -> Response:
        return error_response(STATUS.get(error.code, 400), error.code, error.message)

    @app.errorhandler(TokenRefused)
    def token_refused(error: TokenRefused) -> Response:
        return error_response(403, error.code, error.message)

    @app.errorhandler(KgError)
    @app.errorhandler(IngestError)
    def library_error(error: KgError | IngestError) -> Response:
        return error_response(status_of(error.code), error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | HTTPException:
        status = error.code or 500
        if status in (404, 405) and not request.path.startswith(_JSON_PREFIXES):
            return error  # pages outside the API keep werkzeug's HTML answer
        code = _HTTP_CODES.get(status, "bad_request" if status < 500 else "internal_error")
        response = error_response(status, code, _http_message(error, app.config.get("MAX_CONTENT_LENGTH")))
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def defect(error: Exception) -> Response:
        # The text of an unexpected exception may hold paths, data or internals: log it, never send it.
        request_id = getattr(g, "request_id", "-")
        log.error("request %s failed: %s %s", request_id, request.method, request.path, exc_info=error)
        return error_response(500, "internal_error",
                              f"something went wrong on the server; it has been logged as request "
                              f"{request_id}: quote it when reporting the problem")
