"""Quality: the dev sets scored the way the project is judged.

A real `kg serve` on a fresh store ingests a set's documents, and ``../shared/gold/evaluate.py``
scores it through the HTTP API. Five sets: the seed corpus with the shared dev gold (thresholds:
the issues' targets), and ``tests/fixtures/unseen``, ``heldout``, ``fourth`` and ``fifth`` (three
documents each, written for the project in shapes the seed corpus lacks, with their own gold), which check
that extraction carries over to plans of other shapes. Thresholds only ever go up.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ROOT, seed_folder, served

pytestmark = [pytest.mark.quality, pytest.mark.models]


# issue: "Read how strategies are built"
STRUCTURE = {
    "priority.precision": 0.85, "priority.recall": 0.90, "initiative.recall": 0.85, "enabler.recall": 0.90,
    "metric.recall": 0.80, "risk.recall": 0.80, "vision.present": 1.0, "serves.recall": 0.85,
    "measures.recall": 0.70, "evidence.exact": 0.98,
}
# issue: "Organisations: recognise them, resolve each to one record"
ORGANISATIONS = {"organisations.recall": 0.85, "publishers.recall": 0.90}
# issue: "Answer the users' questions"
QUESTIONS = {"questions.recall": 0.90, "alignment.recall": 0.85, "alignment.precision": 0.80}
# The sets of other shapes: what the rules reach on them (measured, less a margin). Evidence is lower
# because the unseen set's HTML page is scored against the file's raw lines.
OTHER_TARGETS = {
    "priority.precision": 0.90, "priority.recall": 0.95, "initiative.recall": 0.95, "enabler.precision": 0.90,
    "enabler.recall": 0.90, "metric.recall": 0.90, "risk.precision": 0.90, "risk.recall": 0.90,
    "vision.present": 1.0, "serves.recall": 0.95, "measures.recall": 0.85, "supports.recall": 0.90,
    "evidence.exact": 0.65, "organisations.recall": 0.95, "publishers.recall": 0.95, "questions.recall": 0.90,
    "alignment.recall": 0.85, "alignment.precision": 0.80,
}
# the fourth set was written last and only its broad failures were mended: its own, lower floor
FOURTH_TARGETS = {**OTHER_TARGETS, "metric.recall": 0.85, "risk.precision": 0.80, "supports.recall": 0.25,
                  "serves.recall": 0.90}
# the fifth set was scored once untouched, then only three general fixes followed: the floor it shows
FIFTH_TARGETS = {**OTHER_TARGETS, "alignment.precision": 0.40, "enabler.recall": 0.60, "initiative.recall": 0.75,
                 "measures.recall": 0.55, "metric.recall": 0.65, "organisations.recall": 0.90,
                 "priority.precision": 0.60, "questions.recall": 0.30, "risk.precision": 0.80, "serves.recall": 0.70,
                 "supports.recall": 0.35}
OTHER_SETS = {"unseen": OTHER_TARGETS, "heldout": OTHER_TARGETS, "fourth": FOURTH_TARGETS, "fifth": FIFTH_TARGETS}
# at most this share of the gold organisations found may be answered as more than one record
MAX_DUPLICATED_SHARE = 0.05


def _score(tmp_path_factory, evaluator: Path, corpus: Path, gold: Path) -> dict:
    """Serve ``corpus`` from a fresh store and score it against ``gold``; the evaluator's report."""
    data = tmp_path_factory.mktemp("gold-store")
    with served(corpus, data) as url:
        out = data / "report.json"
        subprocess.run([sys.executable, str(evaluator), "--url", url, "--gold", str(gold), "--corpus", str(corpus),
                        "--json", str(out)], check=True, cwd=ROOT, capture_output=True, timeout=900)
        return json.loads(out.read_text())


@pytest.fixture(scope="module")
def report(tmp_path_factory, shared_dir) -> dict:
    return _score(tmp_path_factory, shared_dir / "gold" / "evaluate.py", seed_folder(),
                  shared_dir / "gold" / "seeds-dev.json")


@pytest.fixture(scope="module", params=sorted(OTHER_SETS))
def other_report(request, tmp_path_factory, shared_dir) -> tuple[str, dict]:
    folder = ROOT / "tests" / "fixtures" / request.param
    return request.param, _score(tmp_path_factory, shared_dir / "gold" / "evaluate.py", folder,
                                 folder / "gold.json")


@pytest.mark.parametrize("name,threshold", sorted({**STRUCTURE, **ORGANISATIONS, **QUESTIONS}.items()))
def test_quality_reaches_its_targets(report, name, threshold):
    assert report["totals"].get(name) is not None, f"{name} was not scored"
    assert report["totals"][name] >= threshold, f"{name}={report['totals'][name]} < {threshold}"


def test_organisations_are_not_duplicated(report):
    share = report["organisations"]["duplicated_share"]
    assert share <= MAX_DUPLICATED_SHARE, report["organisations"]["duplicates"]


@pytest.mark.parametrize("name", sorted(OTHER_TARGETS))
def test_other_shapes_reach_their_targets(other_report, name):
    dev_set, report = other_report
    threshold = OTHER_SETS[dev_set][name]
    assert report["totals"].get(name) is not None, f"{dev_set}: {name} was not scored"
    assert report["totals"][name] >= threshold, f"{dev_set}: {name}={report['totals'][name]} < {threshold}"


def test_other_shapes_organisations_are_not_duplicated(other_report):
    dev_set, report = other_report
    share = report["organisations"]["duplicated_share"]
    assert share <= MAX_DUPLICATED_SHARE, (dev_set, report["organisations"]["duplicates"])
