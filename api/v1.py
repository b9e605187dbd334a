"""The views of the JSON API under ``/api/v1``: call the knowledge base, shape its answer.

In: path arguments and the models :mod:`api.binding` validated with the schemas that
:mod:`api.routes` names (``query=``, ``body=``). Out: the dicts of
:class:`kg.service.KnowledgeBase`, already in the contract's shapes, or a download.
No business logic and no error handling here: errors propagate to :mod:`api.errors`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Response, current_app

from api import schemas

if TYPE_CHECKING:
    from kg.service import KnowledgeBase


def knowledge_base() -> "KnowledgeBase":
    """The knowledge base the app was built around."""
    return current_app.extensions["kg"]


def health() -> dict:
    return knowledge_base().health()


def documents() -> dict:
    return {"items": knowledge_base().documents()}


def create_document(body: schemas.UploadedDocument) -> dict:
    return knowledge_base().ingest_upload(body.name, body.content())


def delete_document(document_id: str) -> None:
    knowledge_base().delete_document(document_id)


def document_lines(document_id: str, query: schemas.LinesQuery) -> dict:
    doc_id, lines = knowledge_base().document_lines(document_id)
    last = min(len(lines), query.end or len(lines))
    numbers = range(query.start, last + 1)
    return {"document": doc_id, "lines": [{"number": n, "text": lines[n - 1]} for n in numbers]}


def entities(query: schemas.EntitiesQuery) -> dict:
    items, total = knowledge_base().list_entities(type=query.type, document=query.document,
                                                  organisation=query.organisation, q=query.q,
                                                  limit=query.limit, offset=query.offset)
    return {"items": items, "total": total, "limit": query.limit, "offset": query.offset}


def entity(entity_id: str) -> dict:
    return knowledge_base().get_entity(entity_id)


def priority_initiatives(priority_id: str) -> dict:
    return knowledge_base().priority_initiatives(priority_id)


def initiatives(query: schemas.InitiativesQuery) -> dict:
    return knowledge_base().initiatives_serving(query.serves, limit=query.limit)


def alignment(query: schemas.AlignmentQuery) -> dict:
    return knowledge_base().alignment(query.source, query.target)


def check_alignment(body: schemas.DraftText | schemas.DraftFile) -> dict:
    return knowledge_base().check_draft(body.name, body.content(), body.target)


def gaps(query: schemas.GapsQuery) -> dict:
    return knowledge_base().gaps(query.document)


def search(query: schemas.SearchQuery) -> dict:
    return knowledge_base().search(query.q, type=query.type, limit=query.limit)


def export(query: schemas.ExportQuery) -> Response:
    result = knowledge_base().export(query.format, type=query.type, document=query.document,
                                     organisation=query.organisation)
    response = Response(result.data, mimetype=result.media_type)
    # werkzeug quotes the name and adds filename* for non-ASCII names
    response.headers.set("Content-Disposition", "attachment", filename=result.filename)
    return response


def openapi_json() -> dict:
    from api.openapi import spec_for  # the description reads the route table, which imports this module

    return spec_for(current_app)
