"""The policy officers' question asked in SPARQL gives what the API gives, on the seed corpus.

"Which initiatives serve this priority?" through the RDF graph (plain triples, property paths)
must return the same set as :func:`kg.queries.priority_initiatives`: directly (an initiative or its
part serving the priority or one of its parts), through an enabler, or through an aligned priority
of another document.
"""
from __future__ import annotations

import json

import pytest

from ontology import DATA, SKG

pytestmark = pytest.mark.models

QUESTION = f"""
PREFIX skg: <{SKG}>
SELECT DISTINCT ?initiative WHERE {{
  ?initiative a skg:Initiative .
  {{ ?initiative skg:partOf?/skg:serves/skg:partOf? ?priority }}
  UNION {{ ?enabler a skg:Enabler ; skg:supports ?priority .
           {{ ?initiative skg:supports ?enabler }} UNION {{ ?enabler skg:supports ?initiative }} }}
  UNION {{ ?priority (skg:alignsClosely|skg:alignsPartially|^skg:alignsClosely|^skg:alignsPartially) ?other .
           ?initiative skg:serves ?other }}
}}"""


def _sparql_initiatives(kb, priority_id: str) -> set[str]:
    query = QUESTION.replace("?priority", f"<{DATA}{priority_id}>")
    data, _media = kb.sparql(query, "application/sparql-results+json")
    rows = json.loads(data)["results"]["bindings"]
    return {row["initiative"]["value"].removeprefix(DATA) for row in rows}


def test_sparql_and_the_api_agree_on_every_priority(seed_kb):
    priorities = seed_kb.graph.of_type("priority")
    assert len(priorities) > 20
    answered = 0
    for priority in priorities:
        api = {item["initiative"]["id"] for item in seed_kb.priority_initiatives(priority.id)["items"]}
        assert _sparql_initiatives(seed_kb, priority.id) == api, priority.label
        answered += bool(api)
    # most priorities have initiatives, so the agreement is not only on empty sets
    assert answered > len(priorities) / 2
