"""The vocabulary served where it lives: ``/ontology`` as HTML, Turtle or JSON-LD by ``Accept``.

In: the ``Accept`` header. Out: ``ontology/strategy.ttl`` as Turtle, as JSON-LD, or as a readable
page of its classes and properties (from :func:`ontology.terms`); the SHACL shapes and the JSON-LD
context that exports name, as files. The ontology's IRI resolves here when a deployment maps its
namespace to this server. Holds no logic beyond choosing the format; reads nothing but ``ontology/``.
"""
from __future__ import annotations

from flask import Response, render_template, request
from werkzeug.exceptions import NotAcceptable

import ontology

#: what ``/ontology`` answers, the first one to clients that accept anything (a browser's page)
MEDIA_TYPES = ("text/html", "text/turtle", "application/ld+json", "application/n-triples")
_RDF_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


def ontology_page() -> Response | str:
    """The ontology in the format the client accepts best."""
    media_type = request.accept_mimetypes.best_match(MEDIA_TYPES) if request.accept_mimetypes else MEDIA_TYPES[0]
    if media_type is None:
        raise NotAcceptable(f"/ontology is served as {', '.join(MEDIA_TYPES)}; send one of them in Accept")
    if media_type == "text/html":
        answer = Response(render_template("vocabulary.html", terms=ontology.terms(), iri=ontology.ONTOLOGY_IRI,
                                          prefixes=ontology.PREFIXES), mimetype="text/html")
    elif media_type == "text/turtle":
        answer = Response(ontology.ONTOLOGY_PATH.read_bytes(), mimetype="text/turtle")
    else:
        data = ontology.ontology_graph().serialize(format=_RDF_FORMATS[media_type], encoding="utf-8")
        answer = Response(data, mimetype=media_type)
    answer.vary.add("Accept")  # one cached answer per negotiated format
    return answer


def shapes() -> Response:
    """The SHACL shapes every stored graph satisfies, as Turtle."""
    return Response(ontology.SHAPES_PATH.read_bytes(), mimetype="text/turtle")


def context() -> Response:
    """The JSON-LD ``@context`` of the JSON-LD export."""
    return Response(ontology.CONTEXT_PATH.read_bytes(), mimetype="application/ld+json")
