"""Fixtures for the HTTP API tests: apps around real knowledge bases on temporary stores.

``empty_app`` needs no model and serves the error paths; ``client`` (module scope) holds two small
strategies written below, ingested through ``POST /api/v1/documents``, and needs the spaCy and
embedding models (tests using it are marked ``models``). Run these with
``.venv/bin/python -m pytest tests/api`` (add ``-m "not models"`` for the quick ones only).
"""
from __future__ import annotations

import pytest

TOKEN = "test-token-7f3a"

# Two small strategies in the shapes plans share; every name in them is invented and occurs in no
# corpus document, so nothing here can pass by matching the corpus.
LARKMOOR = """Larkmoor Health and Wellbeing Strategy 2026 to 2031

Published by Larkmoor Integrated Care Board and Larkmoor City Council

Our vision

Our vision is that every resident of Larkmoor lives a longer and healthier life.

Our priorities

1. Giving every child the best start in life
2. Improving mental health and wellbeing
3. Helping older people stay independent

1. Giving every child the best start in life

What we will do

- Offer every family a named health visitor from birth
- Open two new family hubs in the north of the city

2. Improving mental health and wellbeing

The action plan for mental health is to:

- Train 400 mental health first aiders across Larkmoor workplaces
- Open a crisis cafe in every town centre

3. Helping older people stay independent

What we will do

- Extend the falls prevention service to every care home

Key performance indicators

Giving every child the best start in life

- Share of children ready for school at age five

Key risks

- Recruitment of health visitors may fall short of the plan
"""

FENWICK = """Fenwick Valley Mental Health Plan 2026

Published by Fenwick Valley Health Partnership

Our priorities

1. Better mental health for children and young people
2. Support for older people to live independently

1. Better mental health for children and young people

What we will do

- Place a mental health worker in every secondary school

2. Support for older people to live independently

What we will do

- Fit home safety equipment to prevent falls
"""


STRATEGIES = {"larkmoor.txt": LARKMOOR, "fenwick.md": FENWICK}


@pytest.fixture(scope="session")
def strategies() -> dict[str, str]:
    """The two strategies by the file name they are ingested under."""
    return STRATEGIES


@pytest.fixture()
def blank_kb(tmp_path):
    """A knowledge base on a fresh, empty store (no model is loaded until something needs one)."""
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    kb = KnowledgeBase.open(Settings(data_dir=tmp_path / "store", corpus_dir=tmp_path / "no-corpus",
                                     api_token=TOKEN, max_upload_mb=1))
    yield kb
    kb.close()


@pytest.fixture()
def empty_app(blank_kb):
    from api import create_app

    return create_app(settings=blank_kb.settings, kb=blank_kb)


@pytest.fixture()
def empty_client(empty_app):
    return empty_app.test_client()


@pytest.fixture(scope="session")
def token() -> str:
    """The write token of every app built here."""
    return TOKEN


def _bearer() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def stocked(tmp_path_factory):
    """An app whose store holds LARKMOOR and FENWICK, ingested through the API (real models)."""
    from api import create_app
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    root = tmp_path_factory.mktemp("api-store")
    kb = KnowledgeBase.open(Settings(data_dir=root / "store", corpus_dir=root / "no-corpus", api_token=TOKEN))
    app = create_app(settings=kb.settings, kb=kb)
    client = app.test_client()
    records = {}
    for name, text in STRATEGIES.items():
        answer = client.post("/api/v1/documents", json={"name": name, "text": text}, headers=_bearer())
        assert answer.status_code == 201, answer.get_json()
        records[name] = answer.get_json()
    yield client, records
    kb.close()


@pytest.fixture(scope="module")
def client(stocked):
    return stocked[0]


@pytest.fixture(scope="module")
def records(stocked):
    return stocked[1]
