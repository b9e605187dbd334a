"""Each endpoint answers the contract's shape on a store filled through the API itself.

Two small invented strategies (see conftest) are posted to ``/api/v1/documents``; every answer is
validated against the response model its route declares, and checked for the facts the
strategies state. Ingesting runs spaCy and the embedding model, hence the ``models`` mark.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from api import schemas
from api.routes import routes

pytestmark = pytest.mark.models


def by_label(items: list[dict], words: str) -> dict:
    return next(item for item in items if words.lower() in item["label"].lower())


def priorities(client, document: str) -> list[dict]:
    answer = client.get(f"/api/v1/entities?type=priority&document={document}")
    assert answer.status_code == 200
    return answer.get_json()["items"]


def test_upload_answers_201_with_the_document_record(records):
    record = records["larkmoor.txt"]
    schemas.Document.model_validate(record)
    assert record["type"] == "document" and record["source"] == "larkmoor.txt"
    assert record["counts"]["priority"] == 3 and record["counts"]["initiative"] >= 5


def test_the_same_bytes_again_keep_their_id(client, records, strategies, token):
    again = client.post("/api/v1/documents", headers={"Authorization": f"Bearer {token}"},
                        json={"name": "larkmoor.txt", "text": strategies["larkmoor.txt"]})
    assert again.status_code == 201 and again.get_json()["id"] == records["larkmoor.txt"]["id"]
    assert client.get("/api/v1/health").get_json()["documents"] == 2


def test_health_and_documents(client, records):
    health = client.get("/api/v1/health").get_json()
    schemas.Health.model_validate(health)
    assert health["documents"] == 2 and health["nodes"] > 10 and health["edges"] > 10
    documents = client.get("/api/v1/documents").get_json()
    schemas.Documents.model_validate(documents)
    assert {d["id"] for d in documents["items"]} == {r["id"] for r in records.values()}


def test_entities_filter_and_page(client, records):
    larkmoor = records["larkmoor.txt"]
    for reference in (larkmoor["id"], "larkmoor.txt", larkmoor["sha256"]):
        assert len(priorities(client, reference)) == 3
    page = client.get("/api/v1/entities?type=initiative&limit=2&offset=1").get_json()
    schemas.EntityPage.model_validate(page)
    assert len(page["items"]) == 2 and page["total"] >= 7
    every = client.get("/api/v1/entities?type=initiative&limit=1000").get_json()["items"]
    assert page["items"] == every[1:3]
    found = client.get("/api/v1/entities?q=crisis%20cafe&type=&document=").get_json()
    assert found["total"] == 1 and found["items"][0]["type"] == "initiative"


def test_entity_with_edges_and_evidence(client, records):
    priority = by_label(priorities(client, "larkmoor.txt"), "mental health")
    record = client.get(f"/api/v1/entities/{priority['id']}").get_json()
    schemas.EntityWithEdges.model_validate(record)
    assert any(edge["type"] == "states" and edge["source"] == records["larkmoor.txt"]["id"]
               for edge in record["edges"]["in"])
    evidence = record["evidence"][0]
    lines = client.get(f"/api/v1/documents/larkmoor.txt/lines?start={evidence['line_start']}"
                       f"&end={evidence['line_end']}").get_json()
    schemas.Lines.model_validate(lines)
    assert evidence["quote"] in " ".join(line["text"] for line in lines["lines"])


def test_initiatives_serving_a_priority(client):
    priority = by_label(priorities(client, "larkmoor.txt"), "mental health")
    answer = client.get(f"/api/v1/priorities/{priority['id']}/initiatives").get_json()
    schemas.PriorityInitiatives.model_validate(answer)
    labels = [item["initiative"]["label"] for item in answer["items"]]
    assert any("first aiders" in label for label in labels)
    assert all(item["path"] for item in answer["items"])


def test_the_policy_officers_question(client):
    answer = client.get("/api/v1/initiatives?serves=mental%20health&limit=5").get_json()
    schemas.Initiatives.model_validate(answer)
    assert answer["query"] == "mental health" and 0 < len(answer["items"]) <= 5


def test_alignment_between_two_documents(client):
    answer = client.get("/api/v1/alignment?source=larkmoor.txt&target=fenwick.md").get_json()
    schemas.Alignment.model_validate(answer)
    assert len(answer["pairs"]) == 3 * 2


def test_check_a_draft_as_json_and_as_a_file_stores_nothing(client):
    draft = ("Our priorities\n\n1. Keeping older people independent at home\n"
             "2. Better mental health for young people\n")
    before = client.get("/api/v1/health").get_json()
    as_json = client.post("/api/v1/alignment/check", json={"text": draft, "target": "fenwick.md"})
    as_file = client.post("/api/v1/alignment/check",
                          data={"file": (io.BytesIO(draft.encode()), "draft.txt"), "target": "fenwick.md"})
    for answer in (as_json, as_file):
        assert answer.status_code == 200, answer.get_json()
        schemas.Alignment.model_validate(answer.get_json())
        assert len(answer.get_json()["pairs"]) == 2 * 2
    assert client.get("/api/v1/health").get_json() == before


def test_gaps(client):
    answer = client.get("/api/v1/gaps?document=larkmoor.txt").get_json()
    schemas.Gaps.model_validate(answer)
    without_metrics = {entity["label"] for entity in answer["priorities_without_metrics"]}
    assert any("older people" in label for label in without_metrics)


def test_search(client):
    answer = client.get("/api/v1/search?q=falls%20prevention&type=initiative&limit=3").get_json()
    schemas.SearchResults.model_validate(answer)
    assert answer["items"] and all(hit["entity"]["type"] == "initiative" for hit in answer["items"])
    assert "falls" in answer["items"][0]["entity"]["label"].lower()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "turtle", "jsonld", "ntriples", "csv", "cytoscape"])
def test_export_is_a_download(client, fmt):
    from kg.export import FORMATS

    answer = client.get(f"/api/v1/export?format={fmt}&document=larkmoor.txt")
    assert answer.status_code == 200
    assert answer.mimetype == FORMATS[fmt][0]
    from werkzeug.http import parse_options_header

    disposition, options = parse_options_header(answer.headers["Content-Disposition"])
    assert disposition == "attachment" and options["filename"].endswith(f".{FORMATS[fmt][1]}")
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
            assert {"nodes.csv", "edges.csv"} <= set(archive.namelist())
            nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
            assert any("first aiders" in node["label"] for node in nodes)
    if fmt in ("cytoscape", "jsonld"):
        json.loads(answer.data)


SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"


@pytest.mark.parametrize("accept,media", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
])
def test_sparql_results_by_accept(client, accept, media):
    headers = {"Accept": accept} if accept else {}
    for answer in (client.get("/sparql", query_string={"query": SELECT}, headers=headers),
                   client.post("/sparql", data={"query": SELECT}, headers=headers),
                   client.post("/sparql", data=SELECT, content_type="application/sparql-query",
                               headers=headers)):
        assert answer.status_code == 200, answer.data[:200]
        assert answer.mimetype == media
        assert "Accept" in answer.headers["Vary"]
    if media.endswith("+json"):
        assert len(answer.get_json()["results"]["bindings"]) == 3


def test_sparql_graphs_as_turtle(client):
    answer = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.mimetype == "text/turtle"
    from rdflib import Graph

    assert len(Graph().parse(data=answer.get_data(as_text=True), format="turtle")) == 3


def test_every_json_route_was_answered_above():
    # A new JSON route must get a test here: its answer validated against its response model.
    tested = {"health", "documents", "create_document", "document_lines", "entities", "entity",
              "priority_initiatives", "initiatives", "alignment", "check_alignment", "gaps", "search"}
    assert {route.view.__name__ for route in routes() if route.response is not None} == tested


def test_delete_removes_what_only_the_document_stated(blank_kb, token, strategies):
    from api import create_app

    client = create_app(settings=blank_kb.settings, kb=blank_kb).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    upload = io.BytesIO(strategies["fenwick.md"].encode())
    record = client.post("/api/v1/documents", data={"file": (upload, "plan.md")}, headers=headers).get_json()
    priority = client.get("/api/v1/entities?type=priority").get_json()["items"][0]
    assert client.delete("/api/v1/documents/plan.md", headers=headers).status_code == 204
    assert client.get(f"/api/v1/entities/{priority['id']}").status_code == 404
    assert client.get(f"/api/v1/entities/{record['id']}").status_code == 404
    assert client.get("/api/v1/health").get_json()["documents"] == 0
