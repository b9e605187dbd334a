"""The API's documentation page at ``/api/docs``: the OpenAPI description rendered on the server.

In: the spec from :func:`api.openapi.spec_for`. Out: HTML from ``templates/docs.html``, with no
script and nothing fetched from elsewhere (the page must work on a closed network). This module
turns JSON Schema into short readable type names and field tables; it must not describe any
endpoint by hand.
"""
from __future__ import annotations

from typing import Any

from flask import current_app, render_template


def page() -> str:
    """The API described as a readable page."""
    from api.openapi import spec_for  # the description reads the route table, which imports this module

    spec = spec_for(current_app)
    return render_template("docs.html", spec=spec, operations=operations(spec), models=models(spec))


def type_name(schema: dict[str, Any]) -> str:
    """A JSON Schema as a short readable type, e.g. ``list of Entity`` or ``'csv' | 'turtle'``.

    >>> type_name({"type": "array", "items": {"$ref": "#/components/schemas/Entity"}})
    'list of Entity'
    >>> type_name({"anyOf": [{"type": "string"}, {"type": "null"}]})
    'string | null'
    """
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(repr(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(type_name(option) for option in schema[key])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_name(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {type_name(schema['additionalProperties'])}"
    if schema.get("format") == "binary":
        return "file"
    return kind


def limits(schema: dict[str, Any]) -> str:
    """The bounds and default of a field, in words."""
    words = []
    for key, text in (("minimum", "at least"), ("maximum", "at most"), ("minLength", "min. length"),
                      ("maxLength", "max. length")):
        if key in schema:
            words.append(f"{text} {schema[key]}")
    if schema.get("default") is not None:
        words.append(f"default {schema['default']!r}")
    return ", ".join(words)


def fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per property of an object schema."""
    required = set(schema.get("required", []))
    return [{"name": name, "type": type_name(prop), "required": name in required, "limits": limits(prop),
             "description": prop.get("description", "")}
            for name, prop in schema.get("properties", {}).items()]


def _model_of(content: dict[str, Any]) -> str | None:
    ref = content.get("schema", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the spec, flattened for the template, in the spec's order."""
    found = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {})
            found.append({
                "anchor": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "tag": operation["tags"][0],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "token": bool(operation.get("security")),
                "parameters": [{**parameter, "type": type_name(parameter["schema"]),
                                "limits": limits(parameter["schema"])}
                               for parameter in operation["parameters"]],
                "bodies": [{"media": media, "model": _model_of(content),
                            "description": content.get("schema", {}).get("description", "")}
                           for media, content in body.items()],
                "responses": [{"status": status, "description": response["description"],
                               "media": list(response.get("content", {})),
                               "model": next((_model_of(c) for c in response.get("content", {}).values()
                                              if _model_of(c)), None)}
                              for status, response in operation["responses"].items()],
            })
    return found


def models(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every schema of the spec's components, with its fields."""
    return [{"name": name, "description": schema.get("description", ""), "fields": fields(schema)}
            for name, schema in spec["components"]["schemas"].items()]
