"""The SPARQL 1.1 Protocol endpoint, read-only: GET ?query=, POST form or application/sparql-query.

Results come as SPARQL JSON, XML, CSV or TSV (Turtle for CONSTRUCT and DESCRIBE) by ``Accept``.
Updates answer 400 ``read_only``; ``SERVICE`` is refused; answers are capped in size by the store.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from api.schemas import BadInput

blueprint = Blueprint("sparql", __name__)


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql():
    if request.method == "POST" and "update" in request.form:
        from kg.store import SparqlUpdateRefused

        raise SparqlUpdateRefused("this SPARQL endpoint is read-only; updates are refused")
    if request.method == "GET":
        query = request.args.get("query")
    elif request.mimetype == "application/sparql-query":
        query = request.get_data(as_text=True)
    else:
        query = request.form.get("query")
    if not query or not query.strip():
        raise BadInput("send a SPARQL query as ?query=, a form field 'query', or an application/sparql-query body")
    data, media_type = current_app.extensions["kg"].sparql(query, request.headers.get("Accept"))
    return Response(data, mimetype=media_type)
