"""The OpenAPI 3.1 description, generated from the route table and the pydantic schemas.

In: :func:`api.routes.routes`. Out: a dict ready for JSON. Query parameters come from each
route's ``query`` model (field by field), bodies from its ``body``, ``form`` and ``raw``
declarations, answers from its ``response`` model: the same declarations that validate requests.
Nothing is written by hand per endpoint. OpenAPI 3.1 is used because its schemas are JSON Schema
2020-12, which pydantic emits as is (``null`` types included).
"""
from __future__ import annotations

import re
from typing import Any

from flask import Flask
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api import schemas
from api.errors import STATUS
from api.routes import Route, routes

REF = "#/components/schemas/{model}"
_BINARY = ("application/zip", "*/*")  # answers that are not text

_TAGS = {"v1": "api", "sparql": "sparql", "vocabulary": "vocabulary", "docs": "docs", "web": "web"}
_TAG_DESCRIPTIONS = {
    "api": "The JSON API. Every entity and edge carries its evidence: document, lines and exact quote.",
    "sparql": "SPARQL 1.1 Protocol over the whole graph, read-only.",
    "vocabulary": "The ontology, its SHACL shapes and the JSON-LD context, where the data's terms resolve.",
    "docs": "Human-readable documentation.",
    "web": "The web page.",
}
_ERROR_DESCRIPTIONS = {
    400: "Bad input: a parameter or the body is missing, malformed or out of range.",
    403: "Writing needs 'Authorization: Bearer <KG_API_TOKEN>' (and a server with KG_API_TOKEN set).",
    404: "No such document or entity.",
    406: "The results cannot be given in any media type the Accept header lists.",
    413: "The request is larger than the server's upload limit (KG_MAX_UPLOAD_MB).",
    415: "The file's type, or the body's media type, is not one that is read.",
    422: "The file is of a supported type but empty or could not be parsed.",
}


def _path(rule: str) -> str:
    """``/entities/<entity_id>`` and ``<path:filename>`` become ``{entity_id}`` and ``{filename}``."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def _path_names(rule: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", rule)


def _without_null(schema: dict) -> dict:
    """A parameter's schema without the ``null`` branch pydantic adds for optional fields.

    A query parameter is either absent or a string; ``null`` cannot be sent.
    """
    options = schema.get("anyOf")
    if options:
        kept = [option for option in options if option.get("type") != "null"]
        if len(kept) == 1:
            rest = {key: value for key, value in schema.items() if key != "anyOf"}
            return {**kept[0], **rest}
    return schema


def query_parameters(model: type[schemas.RequestModel]) -> list[dict[str, Any]]:
    """The OpenAPI query parameters of a request model, one per field, in declaration order."""
    properties = model.model_json_schema(ref_template=REF)["properties"]
    parameters = []
    for name, field in model.model_fields.items():
        schema = _without_null(dict(properties[name]))
        schema.pop("title", None)
        if schema.get("default", "") is None:
            schema.pop("default")  # an absent parameter, not a null one
        description = schema.pop("description", field.description or "")
        parameters.append({"name": name, "in": "query", "required": field.is_required(),
                           "description": description, "schema": schema})
    return parameters


def _models(route_table: tuple[Route, ...]) -> list[tuple[type[BaseModel], str]]:
    found: dict[type[BaseModel], str] = {schemas.Error: "serialization"}
    for route in route_table:
        for model in (route.body, route.form):
            if model is not None:
                found.setdefault(model, "validation")
        if route.response is not None:
            found.setdefault(route.response, "serialization")
    return list(found.items())


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _request_body(route: Route) -> dict[str, Any] | None:
    content: dict[str, Any] = {}
    if route.body is not None:
        content["application/json"] = {"schema": _ref(route.body)}
    if route.form is not None:
        takes_files = any(field.annotation is bytes for field in route.form.model_fields.values())
        content["multipart/form-data" if takes_files else "application/x-www-form-urlencoded"] = \
            {"schema": _ref(route.form)}
    for media, field in route.raw:
        described = route.form.model_fields[field].description if route.form else ""
        content[media] = {"schema": {"type": "string", "description": described}}
    return {"required": True, "content": content} if content else None


def _operation(route: Route) -> dict[str, Any]:
    method = route.methods[0].lower()
    parameters = [{"name": name, "in": "path", "required": True,
                   "description": schemas.PATH_PARAMETERS.get(name, ""), "schema": {"type": "string"}}
                  for name in _path_names(route.rule)]
    if route.query is not None:
        parameters += query_parameters(route.query)
    operation: dict[str, Any] = {
        "operationId": route.endpoint.replace(".", "_") + ("" if method == "get" else f"_{method}"),
        "tags": [_TAGS.get(route.blueprint, route.blueprint)],
        "summary": route.summary,
        "parameters": parameters,
    }
    doc = (route.view.__doc__ or "").strip()
    if doc:
        operation["description"] = doc.split("\n\n")[0]
    body = _request_body(route)
    if body is not None:
        operation["requestBody"] = body
    answer: dict[str, Any] = {"description": "No content" if route.status == 204 else "OK"}
    if route.response is not None:
        answer["content"] = {"application/json": {"schema": _ref(route.response)}}
    elif route.status != 204:
        answer["content"] = {media: {"schema": {"type": "string", "format": "binary"} if media in _BINARY
                                     else {"type": "string"}} for media in route.produces}
    responses: dict[str, Any] = {str(route.status): answer}
    for status in sorted(set(route.errors) | ({403} if route.token else set())):
        responses[str(status)] = {"description": _ERROR_DESCRIPTIONS.get(status, "Error"),
                                  "content": {"application/json": {"schema": _ref(schemas.Error)}}}
    operation["responses"] = responses
    if route.token:
        operation["security"] = [{"bearer": []}]
    return operation


def build_spec(route_table: tuple[Route, ...] | None = None) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document for ``route_table`` (default: every route of the app)."""
    route_table = route_table if route_table is not None else routes()
    paths: dict[str, dict[str, Any]] = {}
    for route in route_table:
        for method in route.methods:
            paths.setdefault(_path(route.rule), {})[method.lower()] = _operation(route)
    _, definitions = models_json_schema(_models(route_table), ref_template=REF)
    codes = ", ".join(f"{code} ({status})" for code, status in STATUS.items())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "strategy-kg",
            "version": "1",
            "description": (
                "A knowledge graph of public strategy documents: organisations, visions, priorities, "
                "initiatives, enablers, metrics and risks, and how they serve, support, measure and align "
                "with each other. Every answer carries its evidence (document, lines and exact quote), a "
                "confidence and the method that produced it.\n\n"
                "Errors answer `{\"error\": {\"code\": ..., \"message\": ...}}`; "
                "the codes and their statuses: "
                f"{codes}."
            ),
        },
        "tags": [{"name": name, "description": text} for name, text in _TAG_DESCRIPTIONS.items()],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(definitions.get("$defs", {}).items())),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "The server's KG_API_TOKEN; writing is disabled "
                                                          "when it is unset."}},
        },
    }


def spec_for(app: Flask) -> dict[str, Any]:
    """The description of ``app``'s routes, built once per app."""
    if "kg.openapi" not in app.extensions:
        app.extensions["kg.openapi"] = build_spec(app.extensions["kg.routes"])
    return app.extensions["kg.openapi"]
