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
