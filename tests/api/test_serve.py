"""`kg serve`: ingests the corpus into an empty store, then hands the app to waitress.

waitress is replaced by a recorder, so nothing listens on a port; the app it would serve is asked
through Flask's test client.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.fixture()
def served(monkeypatch):
    """What `kg serve` handed to waitress."""
    import waitress

    calls: list[dict] = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append({"app": app, **options}))
    return calls


def run(tmp_path, *arguments: str, corpus=None, token: str = ""):
    env = {"KG_DATA_DIR": str(tmp_path / "store"), "KG_CORPUS": str(corpus or tmp_path / "no-corpus"),
           "KG_API_TOKEN": token}
    import api.cli  # noqa: F401  (adds `serve` to the group)

    return CliRunner().invoke(cli, ["serve", *arguments], env=env, catch_exceptions=False)


def test_serve_is_a_command_of_kg():
    from api.cli import main

    result = CliRunner().invoke(cli, ["--help"])
    assert "serve" in result.output and "ingest" in result.output
    assert callable(main)
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert all(option in help_text for option in ("--host", "--port", "--threads"))


def test_serve_passes_host_port_and_threads_to_waitress(tmp_path, served):
    result = run(tmp_path, "--host", "127.0.0.2", "--port", "5099", "--threads", "2")
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"], call["threads"]) == ("127.0.0.2", 5099, 2)
    assert call["app"].test_client().get("/api/v1/health").get_json()["documents"] == 0
    assert "KG_API_TOKEN" in result.stderr  # says that writing is disabled, and how to enable it


def test_serve_refuses_a_bad_port(tmp_path, served):
    result = run(tmp_path, "--port", "0")
    assert result.exit_code == 2 and not served


@pytest.mark.models
def test_serve_ingests_the_corpus_into_an_empty_store_first(tmp_path, served, strategies, token):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "larkmoor.txt").write_text(strategies["larkmoor.txt"], encoding="utf-8")
    result = run(tmp_path, corpus=corpus, token=token)
    assert result.exit_code == 0, result.output
    assert "1/1 larkmoor.txt" in result.stderr and "ingested 1 documents" in result.stderr
    client = served[0]["app"].test_client()
    assert client.get("/api/v1/health").get_json()["documents"] == 1
    # a second start finds the store full and ingests nothing
    again = run(tmp_path, corpus=corpus, token=token)
    assert "ingested" not in again.stderr


def test_one_unreadable_document_costs_only_itself(tmp_path, served, strategies, token):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "larkmoor.txt").write_text(strategies["larkmoor.txt"], encoding="utf-8")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf at all")
    result = run(tmp_path, corpus=corpus, token=token)
    assert result.exit_code == 0, result.output
    assert "failed: " in result.stderr and "broken.pdf" in result.stderr
    assert "ingested 1 documents" in result.stderr
    health = served[0]["app"].test_client().get("/api/v1/health").get_json()
    assert health["documents"] == 1 and health["reader"] == {"name": "rules"}


def test_serve_reads_with_the_learned_reader_when_asked(tmp_path, served, strategies, token):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "larkmoor.txt").write_text(strategies["larkmoor.txt"], encoding="utf-8")
    env = {"KG_DATA_DIR": str(tmp_path / "store"), "KG_CORPUS": str(corpus), "KG_API_TOKEN": token,
           "KG_READER": "model"}
    import api.cli  # noqa: F401

    result = CliRunner().invoke(cli, ["serve"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    client = served[0]["app"].test_client()
    health = client.get("/api/v1/health").get_json()
    assert health["reader"]["name"] == "model" and len(health["reader"]["version"]) == 12
    entities = client.get("/api/v1/entities?limit=500").get_json()["items"]
    statements = [e for e in entities if e["type"] in ("priority", "initiative", "metric")]
    assert statements and all(e["method"] == "model" for e in statements)
