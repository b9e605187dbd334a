"""The web page at ``/`` and its files in ``api/static``: plain HTML, CSS and JavaScript modules.

The page (``index.html``, ``app.js``, ``js/*.js``, ``style.css``) asks the JSON API for everything
it shows; there is no template and no front-end build step. ``api/static/vendor`` holds the
libraries ``make setup`` copies from npm (Cytoscape.js) and is not in git.
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
