"""The one place exceptions become HTTP: a single JSON error shape and the status for each code.

Every error answers ``{"error": {"code": "...", "message": "..."}}``. Library errors carry a stable
``code``; this module maps it to a status. Anything unexpected is a 500 that logs a request id and
never echoes the exception's text.
"""
from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from api.schemas import BadInput
from ingest.errors import IngestError
from kg.errors import KgError

log = logging.getLogger(__name__)

STATUS = {
    "bad_request": 400, "bad_format": 400, "bad_query": 400, "read_only": 400,
    "missing_token": 403, "forbidden": 403,
    "unknown_document": 404, "unknown_entity": 404, "not_found": 404,
    "method_not_allowed": 405, "not_acceptable": 406,
    "too_large": 413, "unsupported_format": 415,
    "empty_document": 422, "unreadable_document": 422, "missing_path": 400,
}
_HTTP_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               406: "not_acceptable", 413: "too_large", 415: "unsupported_format"}


def error_response(status: int, code: str, message: str) -> Response:
    """The JSON error every failure answers with."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


class Forbidden(Exception):
    """A write endpoint was called without the right token."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def register(app: Flask) -> None:
    """Install the handlers on the app."""

    @app.errorhandler(BadInput)
    def bad_input(error: BadInput):
        return error_response(400, error.code, error.message)

    @app.errorhandler(Forbidden)
    def forbidden(error: Forbidden):
        return error_response(403, "missing_token", error.message)

    @app.errorhandler(KgError)
    @app.errorhandler(IngestError)
    def library_error(error):
        return error_response(STATUS.get(error.code, 400), error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        messages = {
            404: f"no such page: {request.path}; the API is under /api/v1 (see /api/v1/openapi.json)",
            405: f"{request.method} is not allowed on {request.path}",
            413: "the request is too large; the upload limit is set by KG_MAX_UPLOAD_MB",
        }
        return error_response(status, _HTTP_CODES.get(status, "http_error"),
                              messages.get(status, error.description or "request failed"))

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        request_id = uuid.uuid4().hex[:12]
        log.exception("request %s failed: %s %s", request_id, request.method, request.path)
        return error_response(500, "internal_error",
                              f"something went wrong on our side (request {request_id}); it has been logged")
