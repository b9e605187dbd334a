"""KG_SPARQL_URL: every named graph the store writes is copied to a real SPARQL server.

An Oxigraph server (the ``oxigraph`` package from PyPI, installed by ``make``) runs on loopback
for these tests; the store writes records built by hand, so no model is needed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import rdf
from kg.mirror import GraphStoreMirror
from kg.store import Store
from tests.kg.factories import small_document
from tests.servers import free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of an Oxigraph server on loopback, empty at the start of the module."""
    port = free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen([str(binary), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the Oxigraph server did not start"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _count(server: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{server}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def _local_count(store: Store, graph: str) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return int(rows[0][0].value)


def test_writes_and_deletes_reach_the_server(server, tmp_path):
    first, second = small_document(), small_document("lake.md", "Lakeside", priorities=2)
    store = Store(tmp_path / "store", mirror=GraphStoreMirror(f"{server}/store"))
    store.put_document(first)
    store.put_document(second)
    for document in (first, second):
        graph = rdf.document_graph_iri(document.document.id).value
        assert _count(server, graph) == _local_count(store, graph) > 0
    store.delete_document(first.document.id)
    assert _count(server, rdf.document_graph_iri(first.document.id).value) == 0
    assert _count(server, rdf.document_graph_iri(second.document.id).value) > 0
    assert store.mirror.last_error is None
    store.close()


def test_a_server_started_later_catches_up_on_open(server, tmp_path):
    document = small_document("hill.md", "Hillside")
    store = Store(tmp_path / "store")
    store.put_document(document)
    store.close()
    reopened = Store(tmp_path / "store", mirror=GraphStoreMirror(f"{server}/store"))
    assert reopened.sync_mirror() >= 1
    graph = rdf.document_graph_iri(document.document.id).value
    assert _count(server, graph) == _local_count(reopened, graph)
    reopened.close()


def test_an_unreachable_mirror_never_fails_a_write(tmp_path, caplog):
    store = Store(tmp_path / "store", mirror=GraphStoreMirror(f"http://127.0.0.1:{free_port()}/store"))
    document = small_document()
    store.put_document(document)  # stored locally all the same
    assert store.document_ids() == [document.document.id]
    assert "failed" in store.mirror.last_error
    assert "SPARQL mirror" in caplog.text


def test_a_mirror_must_be_an_http_url():
    with pytest.raises(ValueError):
        GraphStoreMirror("file:///tmp/x")


def test_the_knowledge_base_mirrors_what_is_stored_and_health_says_so(server, tmp_path):
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    store = Store(tmp_path / "data" / "store")
    document = small_document("vale.md", "Valeside")
    store.put_document(document)
    store.close()
    kb = KnowledgeBase.open(Settings.from_env({"KG_DATA_DIR": str(tmp_path / "data"),
                                               "KG_SPARQL_URL": f"{server}/store"}))
    assert _count(server, rdf.document_graph_iri(document.document.id).value) > 0
    assert kb.health()["mirror"] == {"url": f"{server}/store", "error": None}
    kb.close()

