"""The web page at /: ask, browse, compare, and see the graph (served as static files)."""
from __future__ import annotations

from flask import Blueprint, send_from_directory

blueprint = Blueprint("web", __name__, static_folder="static", static_url_path="/static")


@blueprint.route("/")
def index():
    return send_from_directory(blueprint.static_folder, "index.html")
