"""The API's views: parse the request with its schema, call the knowledge base, shape the JSON.

No business logic lives here; every answer comes from :class:`kg.service.KnowledgeBase`.
"""
from __future__ import annotations

import hmac

from flask import Response, current_app, jsonify, request

from api import schemas
from api.errors import Forbidden


def kb():
    return current_app.extensions["kg"]


def _args(model):
    return schemas.parse(model, request.args.to_dict())


def require_token() -> None:
    """Write endpoints need ``Authorization: Bearer $KG_API_TOKEN``."""
    token = current_app.config.get("KG_API_TOKEN")
    if not token:
        raise Forbidden("writing is disabled: set KG_API_TOKEN on the server and send it as a Bearer token")
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].strip().encode(), token.encode()):
        raise Forbidden("missing or wrong token: send 'Authorization: Bearer <KG_API_TOKEN>'")


def health():
    return jsonify(kb().health())


def documents():
    return jsonify({"items": kb().documents()})


def entities():
    query = _args(schemas.EntitiesQuery)
    items, total = kb().list_entities(query.type, query.document, query.organisation, query.q, query.limit, query.offset)
    return jsonify({"items": items, "total": total, "limit": query.limit, "offset": query.offset})


def entity(entity_id: str):
    return jsonify(kb().get_entity(entity_id))


def document_text(entity_id: str):
    """A document's text as numbered lines, so evidence can be shown in its context."""
    doc_id, lines = kb().document_lines(entity_id)
    start = max(1, request.args.get("start", 1, type=int) or 1)
    end = min(len(lines), request.args.get("end", len(lines), type=int) or len(lines))
    return jsonify({"document": doc_id, "lines": [{"number": n, "text": lines[n - 1]} for n in range(start, end + 1)]})


def priority_initiatives(priority_id: str):
    return jsonify(kb().priority_initiatives(priority_id))


def initiatives():
    query = _args(schemas.InitiativesQuery)
    return jsonify(kb().initiatives_serving(query.serves, query.limit))


def alignment():
    query = _args(schemas.AlignmentQuery)
    return jsonify(kb().alignment(query.source, query.target))


def alignment_check():
    name, data, target = _uploaded_document(with_target=True)
    return jsonify(kb().check_draft(name, data, target))


def gaps():
    query = _args(schemas.GapsQuery)
    return jsonify(kb().gaps(query.document))


def search():
    query = _args(schemas.SearchQuery)
    return jsonify(kb().search(query.q, query.type, query.limit))


def export():
    query = _args(schemas.ExportQuery)
    result = kb().export(query.format, type=query.type, document=query.document, organisation=query.organisation)
    response = Response(result.data, mimetype=result.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


def create_document():
    require_token()
    name, data, _ = _uploaded_document(with_target=False)
    record = kb().ingest_upload(name, data)
    return jsonify(record), 201


def delete_document(document_id: str):
    require_token()
    kb().delete_document(document_id)
    return Response(status=204)


def _uploaded_document(with_target: bool) -> tuple[str, bytes, str | None]:
    """A multipart ``file`` (with a ``target`` field) or a JSON body with the text."""
    if request.files:
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise schemas.BadInput("send the document as a multipart field named 'file' with a file name")
        target = request.form.get("target") if with_target else None
        if with_target and not target:
            raise schemas.BadInput("target: say which stored document to check against")
        return upload.filename, upload.read(), target
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise schemas.BadInput("send a multipart 'file', or JSON like "
                               + ('{"text": "...", "target": "doc id"}' if with_target else '{"name": "plan.md", "text": "..."}'))
    if with_target:
        check = schemas.parse(schemas.CheckRequest, body)
        return check.name, check.text.encode("utf-8"), check.target
    document = schemas.parse(schemas.TextDocument, body)
    return document.name, document.text.encode("utf-8"), None


def openapi():
    from api.openapi import build_spec

    return jsonify(build_spec())
