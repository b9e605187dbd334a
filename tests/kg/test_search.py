"""Search: semantic and lexical together, the type filter, and what is left out.

Builds a graph from a small invented strategy (no store); tests marked ``models`` load the
sentence-embedding model.
"""
from __future__ import annotations

import pytest

from ingest.pipeline import extract_bytes
from kg.build import build_document_graph
from ingest.embeddings import Embedder
from kg.errors import BadRequest
from kg.graph import Graph
from kg.search import entity_text, search

STRATEGY = """Brackenford Wellbeing Plan 2026-2030

Brackenford Community Health Trust

Our priorities

1. Good mental health for all
2. Healthy ageing
3. Cleaner air around schools

1. Good mental health for all

What we will do

- Open a crisis cafe in every town centre
- Offer talking therapies through every GP practice

2. Healthy ageing

What we will do

- Run falls prevention classes in community centres
- Offer home adaptations so older people can live independently

3. Cleaner air around schools

What we will do

- Close roads outside primary schools at drop-off times
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph([build_document_graph(extract_bytes("brackenford.txt", STRATEGY.encode()))])


@pytest.fixture(scope="module")
def embedder(tmp_path_factory) -> Embedder:
    return Embedder(tmp_path_factory.mktemp("embeddings"))


class NoModel:
    """Stands in for the embedder where no embedding may be needed."""

    def encode(self, texts):
        raise AssertionError("the model should not be asked")


def test_unknown_type_is_a_bad_request(graph):
    with pytest.raises(BadRequest) as caught:
        search(graph, NoModel(), "mental health", type="programme")
    assert "initiative" in caught.value.message  # the message lists the types there are


def test_entity_text_does_not_repeat_a_label_that_starts_the_text(graph):
    priority = next(e for e in graph.entities.values() if e.type == "priority")
    assert entity_text(priority).count(priority.label) == 1


@pytest.mark.models
def test_finds_an_entity_by_a_paraphrase(graph, embedder):
    hits = search(graph, embedder, "support for older people to stay independent at home", limit=3)
    labels = [entity.label for entity, _ in hits]
    assert "Offer home adaptations so older people can live independently" in labels[:2]
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


@pytest.mark.models
def test_semantic_match_without_a_shared_word(graph, embedder):
    hits = search(graph, embedder, "psychological wellbeing and emotional support", type="priority", limit=1)
    assert hits[0][0].label == "Good mental health for all"


@pytest.mark.models
def test_the_very_words_asked_rank_first(graph, embedder):
    entity, score = search(graph, embedder, "crisis cafe", limit=5)[0]
    assert entity.label == "Open a crisis cafe in every town centre"
    assert score == pytest.approx(1.0)


@pytest.mark.models
def test_type_filter_and_documents_left_out(graph, embedder):
    hits = search(graph, embedder, "Brackenford wellbeing plan", limit=50)
    assert hits and all(entity.type != "document" for entity, _ in hits)
    only = search(graph, embedder, "schools", type="initiative", limit=50)
    assert only and all(entity.type == "initiative" for entity, _ in only)
    documents = search(graph, embedder, "wellbeing plan", type="document")
    assert [entity.type for entity, _ in documents] == ["document"]
    assert len(search(graph, embedder, "health", limit=2)) == 2
