"""The SPARQL 1.1 Protocol endpoint at ``/sparql``, read-only.

In: a query validated by :class:`api.schemas.SparqlRequest` (``?query=``, a form field, or an
``application/sparql-query`` body) and the ``Accept`` header. Out: results as SPARQL JSON (the
default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples, JSON-LD or
RDF/XML. Updates are refused as ``read_only``: an ``update`` field fails its schema, and update
keywords inside ``query`` are refused by the store. Negotiation and serialisation are the store's;
nothing is parsed here.
"""
from __future__ import annotations

from flask import Response, current_app, request

from api.schemas import SparqlRequest

MEDIA_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
               "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
               "application/rdf+xml")


def query(query: SparqlRequest) -> Response:
    """Answer a query sent as ``GET /sparql?query=``."""
    return _answer(query)


def query_form(body: SparqlRequest) -> Response:
    """Answer a query sent as a form or a raw ``application/sparql-query`` body."""
    return _answer(body)


def _answer(sparql: SparqlRequest) -> Response:
    data, media_type = current_app.extensions["kg"].sparql(sparql.query, request.headers.get("Accept"))
    response = Response(data, mimetype=media_type)
    response.vary.add("Accept")  # caches must keep one answer per negotiated format
    return response
