"""The OpenAPI 3 description, generated from the route table and the pydantic schemas.

Parameters come from each route's query model, bodies from its body model, answers from its
response model: the same declarations that validate requests.
"""
from __future__ import annotations

import re
from typing import Any

from api.routes import ROUTES, Route
from api.schemas import Error

_COMPONENTS: dict[str, Any] = {}


def _schema_ref(model) -> dict:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        _COMPONENTS[name] = definition
    _COMPONENTS[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _parameters(route: Route) -> list[dict]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"<(\w+)>", route.rule)]
    if route.query is not None:
        schema = route.query.model_json_schema()
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            description = prop.pop("description", "")
            prop.pop("title", None)
            parameters.append({"name": name, "in": "query", "required": name in required,
                               "description": description, "schema": prop})
    return parameters


def _operation(route: Route, method: str) -> dict:
    operation: dict[str, Any] = {"summary": route.summary, "operationId": f"{route.view.__name__}_{method}",
                                 "parameters": _parameters(route), "responses": {}}
    if route.body is not None or route.upload:
        content: dict[str, Any] = {}
        if route.body is not None:
            content["application/json"] = {"schema": _schema_ref(route.body)}
        if route.upload:
            properties = {"file": {"type": "string", "format": "binary"}}
            if "check" in route.rule:
                properties["target"] = {"type": "string"}
            content["multipart/form-data"] = {"schema": {"type": "object", "properties": properties,
                                                         "required": ["file"]}}
        operation["requestBody"] = {"required": True, "content": content}
    ok: dict[str, Any] = {"description": "OK"}
    if route.response is not None:
        ok["content"] = {"application/json": {"schema": _schema_ref(route.response)}}
    elif route.produces != "application/json":
        ok["content"] = {route.produces: {"schema": {"type": "string", "format": "binary"}}}
    operation["responses"][str(route.status)] = ok
    error = {"description": "Error", "content": {"application/json": {"schema": _schema_ref(Error)}}}
    for status in ("400", "404") + (("403",) if route.token else ()) + (("413", "415", "422") if route.upload else ()):
        operation["responses"][status] = error
    if route.token:
        operation["security"] = [{"bearer": []}]
    return operation


def build_spec() -> dict:
    """The whole OpenAPI 3 document."""
    paths: dict[str, dict] = {}
    for route in ROUTES:
        path = re.sub(r"<(\w+)>", r"{\1}", route.rule)
        for method in route.methods:
            paths.setdefault(path, {})[method.lower()] = _operation(route, method)
    paths["/sparql"] = {
        method: {"summary": "SPARQL 1.1 Protocol, read-only.", "operationId": f"sparql_{method}",
                 "parameters": [{"name": "query", "in": "query", "required": method == "get", "schema": {"type": "string"}}],
                 "responses": {"200": {"description": "SPARQL results (JSON, XML, CSV) or Turtle, by Accept"},
                               "400": {"description": "Error", "content": {"application/json": {"schema": _schema_ref(Error)}}}}}
        for method in ("get", "post")}
    return {
        "openapi": "3.0.3",
        "info": {"title": "strategy-kg", "version": "1",
                 "description": "A knowledge graph of strategy documents. Every answer carries its evidence."},
        "paths": paths,
        "components": {"schemas": dict(sorted(_COMPONENTS.items())),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
