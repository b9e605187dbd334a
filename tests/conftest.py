"""Shared fixtures for the whole suite.

Run everything with ``make test`` (it installs what is missing first), or from an installed
virtualenv with ``.venv/bin/python -m pytest``. Folders mirror the packages: ``tests/ingest``,
``tests/kg``, ``tests/api``, ``tests/ontology``; ``tests/quality`` scores the seed corpus against
the dev gold with the real models and the real server; ``tests/web`` drives the page in Chromium.
Markers (see setup.cfg): ``models`` loads spaCy or the embedding model, ``quality`` runs the
evaluator, ``browser`` needs Chromium. All of them run in ``make test``; select with ``-m``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# Models come from installed packages; nothing may be fetched from a hub, in tests or anywhere.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seeds-dev.json").exists():
        pytest.skip("../shared/gold is not beside the project")
    return SHARED


# A small strategy in the shapes plans share, naming bodies that never occur in the corpus.
RIVERSIDE = """Riverside Health and Wellbeing Strategy 2025-2030

NHS Riverside Clinical Commissioning Group and Riverside Borough Council

Our vision

Our vision is that everyone in Riverside lives a longer, healthier and happier life.

Our priorities

1. Best start in life
2. Good mental health for all
3. Healthy ageing

1. Best start in life

What we will do

- Offer every family a named health visitor
- Open two new children's centres

2. Good mental health for all

The action plan for mental health is to:

- Train 500 mental health first aiders across Riverside
- Open a crisis cafe in every town centre

3. Healthy ageing

Key performance indicators

Best start in life

- School readiness at age five

Key risks

- Recruitment of health visitors may fall short
"""


@pytest.fixture(scope="session")
def riverside_text() -> str:
    return RIVERSIDE


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory):
    """A knowledge base with the seed corpus ingested once for the whole run (real models)."""
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    from tests.servers import seed_folder

    settings = Settings(data_dir=tmp_path_factory.mktemp("seed-store"), corpus_dir=seed_folder())
    kb = KnowledgeBase.open(settings)
    kb.ensure_corpus()
    yield kb
    kb.close()


@pytest.fixture()
def empty_kb(tmp_path):
    """A knowledge base on a fresh, empty store."""
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    kb = KnowledgeBase.open(Settings(data_dir=tmp_path / "store", corpus_dir=tmp_path / "no-corpus",
                                     api_token="secret-token", max_upload_mb=1))
    yield kb
    kb.close()
