"""Placeholder for the web page at ``/``: the page in ``api/static`` and its files.

Views only; their URLs are listed in :mod:`api.routes`. Must not call the knowledge base.
"""
from __future__ import annotations

from pathlib import Path

from flask import Response, send_from_directory

STATIC = Path(__file__).resolve().parent / "static"


def index() -> Response:
    """The web page."""
    return send_from_directory(STATIC, "index.html")


def asset(filename: str) -> Response:
    """A file of the web page (scripts, styles, vendored libraries)."""
    return send_from_directory(STATIC, filename)
