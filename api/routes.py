"""Every URL the app serves and the view behind it, in one list (read by the app and the OpenAPI).

Each :class:`Route` names its schemas, so request validation and the OpenAPI description come
from the same declarations.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from api import schemas, views


@dataclass(frozen=True)
class Route:
    rule: str
    view: Callable
    methods: tuple[str, ...] = ("GET",)
    summary: str = ""
    query: type | None = None  # pydantic model of the query string
    body: type | None = None  # pydantic model of a JSON body
    response: type | None = None  # pydantic model of the answer
    upload: bool = False  # also takes a multipart file
    token: bool = False  # needs the bearer token
    produces: str = "application/json"
    status: int = 200


API = "/api/v1"

ROUTES: tuple[Route, ...] = (
    Route(f"{API}/health", views.health, summary="Liveness and graph size.", response=schemas.Health),
    Route(f"{API}/documents", views.documents, summary="Every stored document, with counts per type.",
          response=schemas.Items),
    Route(f"{API}/documents", views.create_document, ("POST",), summary="Ingest an uploaded document.",
          body=schemas.TextDocument, upload=True, token=True, status=201),
    Route(f"{API}/documents/<document_id>", views.delete_document, ("DELETE",),
          summary="Remove a document and everything only it stated.", token=True, status=204),
    Route(f"{API}/documents/<entity_id>/lines", views.document_text,
          summary="A document's text as numbered lines (query start and end to cut a window)."),
    Route(f"{API}/entities", views.entities, summary="Entities, filtered and paged.", query=schemas.EntitiesQuery,
          response=schemas.Page),
    Route(f"{API}/entities/<entity_id>", views.entity, summary="One entity with its edges in and out.",
          response=schemas.EntityWithEdges),
    Route(f"{API}/priorities/<priority_id>/initiatives", views.priority_initiatives,
          summary="Initiatives serving a priority: direct, through an enabler, through an aligned priority.",
          response=schemas.PriorityInitiatives),
    Route(f"{API}/initiatives", views.initiatives, summary="Initiatives serving the priorities that best match a text.",
          query=schemas.InitiativesQuery, response=schemas.Initiatives),
    Route(f"{API}/alignment", views.alignment, summary="How two stored documents' priorities align.",
          query=schemas.AlignmentQuery, response=schemas.Alignment),
    Route(f"{API}/alignment/check", views.alignment_check, ("POST",),
          summary="Align a draft against a stored document; nothing is stored.", body=schemas.CheckRequest,
          upload=True, response=schemas.Alignment),
    Route(f"{API}/gaps", views.gaps, summary="Priorities without initiatives or metrics; initiatives without priority.",
          query=schemas.GapsQuery, response=schemas.Gaps),
    Route(f"{API}/search", views.search, summary="Semantic and lexical search over all entities.",
          query=schemas.SearchQuery, response=schemas.Items),
    Route(f"{API}/export", views.export, summary="A graph view as a download.", query=schemas.ExportQuery,
          produces="application/octet-stream"),
    Route(f"{API}/openapi.json", views.openapi, summary="This description."),
)
