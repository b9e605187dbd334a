"""The vocabulary at ``/ontology``: one IRI, three formats by ``Accept``, and the same terms in each."""
from __future__ import annotations

import json

import pytest
import rdflib
import rdflib.compare

import ontology


@pytest.mark.parametrize("accept,media,rdf_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_rdf_by_accept_is_the_ontology(empty_client, accept, media, rdf_format):
    answer = empty_client.get("/ontology", headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.mimetype == media
    assert "Accept" in answer.vary
    served = rdflib.Graph().parse(data=answer.data, format=rdf_format)
    assert rdflib.compare.isomorphic(served, ontology.ontology_graph())


def test_a_browser_gets_a_page_naming_every_term(empty_client):
    answer = empty_client.get("/ontology", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert answer.mimetype == "text/html"
    page = answer.get_data(as_text=True)
    terms = ontology.terms()
    assert {t.name for t in terms} >= {"Priority", "Initiative", "serves", "measures", "alignsWith"}
    for term in terms:
        assert f'id="{term.name}"' in page and term.label in page
    # grounding in public vocabularies is shown, not only declared
    assert "http://www.w3.org/ns/org#Organization" in page and "http://www.w3.org/ns/prov#Plan" in page


def test_shapes_and_context_are_served_as_the_files_they_are(empty_client):
    shapes = empty_client.get("/ontology/shapes")
    assert shapes.mimetype == "text/turtle"
    assert len(rdflib.Graph().parse(data=shapes.data, format="turtle")) == len(ontology.shapes_graph())
    context = empty_client.get("/ontology/context.jsonld")
    assert context.mimetype == "application/ld+json"
    assert json.loads(context.data) == json.loads(ontology.CONTEXT_PATH.read_text(encoding="utf-8"))
