"""Every URL the app serves and the view behind it, in one list (read by the app and the OpenAPI).

Each :class:`Route` names the view, its methods and the schemas of its query string and body,
whether it needs the write token, and what it answers. :func:`api.create_app` binds each route
with :mod:`api.binding` (token check, validation with these schemas, JSON shaping), and
:mod:`api.openapi` describes each one from the same declarations, so what is checked and what is
documented cannot drift apart. Add a URL here and nowhere else. Holds no logic of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel

from api import docs, schemas, sparql, v1, vocabulary, web
from kg.export import FORMATS as export_formats

API = "/api/v1"


@dataclass(frozen=True)
class Route:
    """One URL rule and how it is served.

    Attributes
    ----------
    rule
        The werkzeug rule, e.g. ``/api/v1/entities/<entity_id>``.
    view
        The function that answers; it receives the path arguments, ``query=`` (a validated
        ``query`` model) and ``body=`` (a validated ``body`` or ``form`` model) when declared.
        It returns a dict (sent as JSON with ``status``), ``None`` (204) or a ``Response``.
    methods
        HTTP methods, usually one: a different method is a different route.
    summary
        One line for the OpenAPI and the docs page.
    query, body, form
        The request models for the query string, a JSON body and a form (multipart or
        url-encoded) body.
    raw
        Raw body media types and the field of ``form`` each fills, e.g. SPARQL's
        ``application/sparql-query`` body is the ``query`` field.
    response
        The model of a JSON answer.
    produces
        Media types of the answer when it is not described by ``response``.
    status
        Status of a successful answer.
    token
        Needs ``Authorization: Bearer <KG_API_TOKEN>``.
    errors
        Error statuses the route can answer, for the OpenAPI.
    """

    rule: str
    view: Callable[..., Any]
    methods: tuple[str, ...] = ("GET",)
    summary: str = ""
    query: type[schemas.RequestModel] | None = None
    body: type[schemas.RequestModel] | None = None
    form: type[schemas.RequestModel] | None = None
    raw: tuple[tuple[str, str], ...] = ()
    response: type[BaseModel] | None = None
    produces: tuple[str, ...] = ("application/json",)
    status: int = 200
    token: bool = False
    errors: tuple[int, ...] = ()

    @property
    def blueprint(self) -> str:
        """The blueprint the view belongs to: the last part of its module's name (``v1``, ``sparql``...)."""
        return self.view.__module__.rsplit(".", 1)[-1]

    @property
    def endpoint(self) -> str:
        return f"{self.blueprint}.{self.view.__name__}"


# statuses shared by many routes
_READ = (400, 404)
_UPLOAD = (400, 413, 415, 422)
_SPARQL = (400, 406, 413, 415)


def routes() -> tuple[Route, ...]:
    """Every route of the app, API first."""
    return (
        Route(f"{API}/health", v1.health, summary="Liveness and the size of the graph.",
              response=schemas.Health),
        Route(f"{API}/documents", v1.documents, summary="Every stored document, with its counts per type.",
              response=schemas.Documents),
        Route(f"{API}/documents", v1.create_document, ("POST",),
              summary="Ingest a document: a multipart file, or JSON with a name and the text.",
              body=schemas.TextDocument, form=schemas.FileDocument, response=schemas.Document, status=201,
              token=True, errors=(403, *_UPLOAD)),
        Route(f"{API}/documents/<document_id>", v1.delete_document, ("DELETE",),
              summary="Remove a document and everything only it stated.", status=204, token=True,
              errors=(403, 404)),
        Route(f"{API}/documents/<document_id>/lines", v1.document_lines,
              summary="A document's text as numbered lines, to show evidence in its context.",
              query=schemas.LinesQuery, response=schemas.Lines, errors=_READ),
        Route(f"{API}/entities", v1.entities, summary="Entities, filtered and paged.",
              query=schemas.EntitiesQuery, response=schemas.EntityPage, errors=_READ),
        Route(f"{API}/entities/<entity_id>", v1.entity, summary="One entity with its edges out and in.",
              response=schemas.EntityWithEdges, errors=(404,)),
        Route(f"{API}/priorities/<priority_id>/initiatives", v1.priority_initiatives,
              summary="Initiatives serving a priority: directly, through an enabler or an aligned priority.",
              response=schemas.PriorityInitiatives, errors=_READ),
        Route(f"{API}/initiatives", v1.initiatives,
              summary="Initiatives, across all documents, serving the priorities that best match a text.",
              query=schemas.InitiativesQuery, response=schemas.Initiatives, errors=(400,)),
        Route(f"{API}/alignment", v1.alignment, summary="How the priorities of two stored documents align.",
              query=schemas.AlignmentQuery, response=schemas.Alignment, errors=_READ),
        Route(f"{API}/alignment/check", v1.check_alignment, ("POST",),
              summary="Align a draft (JSON text or a multipart file) against a stored document; "
                      "nothing is stored.",
              body=schemas.DraftText, form=schemas.DraftFile, response=schemas.Alignment,
              errors=(*_UPLOAD, 404)),
        Route(f"{API}/gaps", v1.gaps,
              summary="Priorities without initiatives or metrics, and initiatives without a priority.",
              query=schemas.GapsQuery, response=schemas.Gaps, errors=_READ),
        Route(f"{API}/search", v1.search, summary="Semantic and lexical search over every entity.",
              query=schemas.SearchQuery, response=schemas.SearchResults, errors=(400,)),
        Route(f"{API}/export", v1.export,
              summary="A graph view as a download, filtered by type, document or organisation.",
              query=schemas.ExportQuery,
              produces=tuple(dict.fromkeys(media for media, _extension in export_formats.values())),
              errors=_READ),
        Route(f"{API}/openapi.json", v1.openapi_json, summary="This description, as OpenAPI 3.1."),
        Route("/sparql", sparql.query, summary="SPARQL 1.1 Protocol query (read-only); results by Accept.",
              query=schemas.SparqlRequest, produces=sparql.MEDIA_TYPES, errors=_SPARQL),
        Route("/sparql", sparql.query_form, ("POST",),
              summary="SPARQL 1.1 Protocol query as a form or an application/sparql-query body (read-only).",
              form=schemas.SparqlRequest,
              raw=(("application/sparql-query", "query"), ("application/sparql-update", "update")),
              produces=sparql.MEDIA_TYPES, errors=_SPARQL),
        Route("/ontology", vocabulary.ontology_page,
              summary="The vocabulary: a page, Turtle, JSON-LD or N-Triples by Accept.",
              produces=vocabulary.MEDIA_TYPES, errors=(406,)),
        Route("/ontology/shapes", vocabulary.shapes, summary="The SHACL shapes the graph satisfies.",
              produces=("text/turtle",)),
        Route("/ontology/context.jsonld", vocabulary.context, summary="The JSON-LD context of the JSON-LD export.",
              produces=("application/ld+json",)),
        Route("/api/docs", docs.page, summary="This API described as a readable page.",
              produces=("text/html",)),
        Route("/", web.index, summary="The web page.", produces=("text/html",)),
        Route("/static/<path:filename>", web.asset, summary="The web page's files.", produces=("*/*",),
              errors=(404,)),
    )
