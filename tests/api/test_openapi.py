"""The route table, the app's URL map, the OpenAPI description and the docs page agree.

Every route of :mod:`api.routes` is served and described; every described parameter comes from
the pydantic schema that validates it; the contract's endpoints (shared/API.md) are all routed.
No model is loaded.
"""
from __future__ import annotations

import re

import pytest

from api import schemas
from api.openapi import _path, query_parameters
from api.routes import routes


@pytest.fixture()
def spec(empty_client) -> dict:
    response = empty_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_every_route_is_in_the_openapi(spec):
    for route in routes():
        path = _path(route.rule)
        assert path in spec["paths"], path
        for method in route.methods:
            operation = spec["paths"][path][method.lower()]
            assert operation["summary"] == route.summary
            assert str(route.status) in operation["responses"]


def test_the_app_serves_exactly_the_route_table(empty_app):
    served = {(rule.rule, method) for rule in empty_app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    declared = {(route.rule, method) for route in routes() for method in route.methods}
    assert served == declared


def test_operation_ids_are_unique(spec):
    ids = [operation["operationId"] for methods in spec["paths"].values() for operation in methods.values()]
    assert len(ids) == len(set(ids))


def test_query_parameters_come_from_the_schemas(spec):
    described = 0
    for route in routes():
        if route.query is None:
            continue
        operation = spec["paths"][_path(route.rule)][route.methods[0].lower()]
        in_query = [p for p in operation["parameters"] if p["in"] == "query"]
        assert in_query == query_parameters(route.query)
        assert [p["name"] for p in in_query] == list(route.query.model_fields)
        for parameter in in_query:
            field = route.query.model_fields[parameter["name"]]
            assert parameter["required"] == field.is_required()
            assert parameter["description"] == field.description
        described += 1
    assert described >= 8


def test_limits_and_enumerations_are_the_validated_ones(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/entities"]["get"]["parameters"]}
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}
    assert parameters["offset"]["schema"]["minimum"] == 0
    from kg.records import ENTITY_TYPES

    assert parameters["type"]["schema"]["enum"] == list(ENTITY_TYPES)
    export = {p["name"]: p for p in spec["paths"]["/api/v1/export"]["get"]["parameters"]}
    from kg.export import FORMATS

    assert export["format"]["schema"]["enum"] == list(FORMATS) and export["format"]["required"]


def test_bodies_and_answers_reference_the_schemas(spec):
    components = spec["components"]["schemas"]
    for route in routes():
        operation = spec["paths"][_path(route.rule)][route.methods[0].lower()]
        content = operation.get("requestBody", {}).get("content", {})
        if route.body is not None:
            assert content["application/json"]["schema"]["$ref"].endswith("/" + route.body.__name__)
        if route.form is not None:
            takes_file = "file" in route.form.model_fields
            media = "multipart/form-data" if takes_file else "application/x-www-form-urlencoded"
            assert content[media]["schema"]["$ref"].endswith("/" + route.form.__name__)
            assert set(components[route.form.__name__]["properties"]) == set(route.form.model_fields)
        for media, _field in route.raw:
            assert media in content
        if route.response is not None:
            answer = operation["responses"][str(route.status)]["content"]["application/json"]["schema"]
            assert answer["$ref"].endswith("/" + route.response.__name__)
    assert components["FileDocument"]["properties"]["file"]["format"] == "binary"


def test_every_reference_resolves(spec):
    text = str(spec)
    for name in re.findall(r"#/components/schemas/(\w+)", text):
        assert name in spec["components"]["schemas"], name


def test_write_routes_need_the_token_and_say_so(spec):
    for route in routes():
        operation = spec["paths"][_path(route.rule)][route.methods[0].lower()]
        assert bool(operation.get("security")) == route.token
        if route.token:
            assert "403" in operation["responses"]
    writes = {(route.rule, route.methods[0]) for route in routes() if route.token}
    assert writes == {("/api/v1/documents", "POST"), ("/api/v1/documents/<document_id>", "DELETE")}


def test_every_endpoint_of_the_contract_is_routed(shared_dir):
    table = (shared_dir / "API.md").read_text(encoding="utf-8")
    declared = {(_path(route.rule), method) for route in routes() for method in route.methods}
    found = re.findall(r"^\| `((?:GET|POST|DELETE)(?:, (?:GET|POST|DELETE))*) ([^`?]+)", table, re.MULTILINE)
    assert len(found) >= 15
    for methods, path in found:
        path = path.strip().replace("{id}", "{*}")
        for method in methods.split(", "):
            pattern = re.escape(path).replace(r"\{\*\}", r"\{\w+\}") + "$"
            assert any(m == method and re.match(pattern, p) for p, m in declared), f"{method} {path}"


def test_the_docs_page_shows_every_operation_and_parameter(empty_client, spec):
    response = empty_client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    for path, methods in spec["paths"].items():
        assert path in page
        for operation in methods.values():
            assert f'id="{operation["operationId"]}"' in page
            for parameter in operation["parameters"]:
                assert f"<code>{parameter['name']}</code>" in page
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in page


def test_the_docs_page_fetches_nothing(empty_client):
    page = empty_client.get("/api/docs").get_data(as_text=True)
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_parse_reports_every_wrong_field_at_once():
    with pytest.raises(schemas.BadInput) as caught:
        schemas.parse(schemas.EntitiesQuery, {"limit": "0", "offset": "-2", "type": "goal"})
    message = caught.value.message
    assert all(name in message for name in ("limit", "offset", "type"))


def test_empty_parameters_count_as_absent():
    query = schemas.parse(schemas.EntitiesQuery, {"type": "", "document": "", "limit": ""})
    assert query.type is None and query.document is None and query.limit == 50
