"""A readable page of the OpenAPI description at /api/docs, rendered on the server (no CDN)."""
from __future__ import annotations

from flask import Blueprint, render_template

from api.openapi import build_spec

blueprint = Blueprint("docs", __name__, template_folder="templates")


@blueprint.route("/api/docs")
def docs():
    spec = build_spec()
    operations = [(path, method.upper(), operation) for path, methods in spec["paths"].items()
                  for method, operation in methods.items()]
    return render_template("docs.html", spec=spec, operations=operations)
