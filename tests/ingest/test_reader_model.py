"""The learned reader: it ships trained, reads any document into located statements, trains the same
way twice, and scores on documents it was not trained on at least as well as it was measured.

Leave-one-out here leaves out each of the five published strategies that have hand-made gold in
``../shared/real/gold`` (the reader trains on the other nineteen labelled documents) and scores it
against that gold with the evaluator's matching.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest import loaders
from ingest.blocks import split_blocks
from ingest.model import reader as learned
from ingest.model.evaluate import leave_one_out, read_gold
from ingest.model.examples import load_examples
from ingest.model.features import block_features
from ingest.model.labels import label_files
from ingest.pipeline import extract

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[2]

# measured on these five documents by `kg evaluate --gold ../shared/gold/real-dev.json --only …`
# (2026-12-03: priority P 0.523 / R 0.531, initiative R 0.65, metric R 0.469, serves R 0.448). Runs of
# this test, each on a fresh embedding cache, have not all given the same figures (one gave priority
# P 0.486 / R 0.469, serves R 0.32; see the README): the floors sit just under the lowest run seen.
LOO_FLOORS = {
    "priority.precision": 0.45, "priority.recall": 0.44, "initiative.recall": 0.60, "metric.recall": 0.40,
    "serves.recall": 0.30,
}


@pytest.fixture(scope="module")
def encode(tmp_path_factory):
    from ingest.embeddings import Embedder

    return Embedder(tmp_path_factory.mktemp("embeddings")).encode


@pytest.fixture(scope="module")
def examples(encode):
    return load_examples([ROOT / "corpus"], encode)


def _in_bounds(document) -> None:
    lines = document.source.lines
    for statement in document.statements:
        for span in (statement.span, *statement.also):
            assert 1 <= span.line_start <= span.line_end <= len(lines)
            joined = " ".join(" ".join(lines[span.line_start - 1:span.line_end]).split())
            assert span.quote in joined, (statement.key, span)


def test_the_shipped_reader_loads_with_its_version():
    model = learned.load()
    assert model is not None and len(model.version) == 12
    assert len(model.trained_on) == len(label_files([ROOT / "corpus"]))


def test_model_reading_is_located_and_linked(encode):
    source = loaders.load_path(ROOT / "corpus" / "real" / "ltht_people_priorities_2024_2028.md")
    document = extract(source, reader="model", encode=encode)
    kinds = {s.type for s in document.statements}
    assert {"priority", "initiative"} <= kinds
    assert all(s.method == "model" and 0.0 < s.confidence <= 1.0 for s in document.statements)
    assert all(type(s.type) is str for s in document.statements)
    _in_bounds(document)
    keys = {s.key for s in document.statements}
    model_links = [l for l in document.links if l.method == "model"]
    assert model_links and all(l.source in keys and l.target in keys for l in model_links)


def test_training_is_deterministic(examples):
    few = [e for e in examples if e.name.startswith(("000_", "004_", "wsx_tobacco_control_plan"))]
    target = next(e for e in examples if e.name.startswith("ltht_people"))
    first = learned.classify(learned.train(few), target.features)[0]
    again = learned.classify(learned.train(few), target.features)[0]
    assert first == again


def test_leave_one_out_on_the_published_strategies_with_gold(examples, shared_dir):
    gold = read_gold([shared_dir / "gold" / "real-dev.json"])
    result = leave_one_out(examples, gold, only=set(gold))
    assert set(result.gold_source.values()) == {"gold"} and len(result.per_document) == 5
    totals = result.totals()
    below = {name: totals.ratio(name) for name, floor in LOO_FLOORS.items()
             if totals.ratio(name) is None or totals.ratio(name) < floor}
    assert not below, f"below the floors: {below}; all: {totals.ratios()}"


def test_a_document_without_blocks_reads_as_nothing(encode):
    model = learned.load()
    features = block_features([], encode)
    reading = learned.read(model, [], features)
    assert reading.statements == [] and reading.links == []


def test_every_labelled_document_reads_with_the_shipped_model(examples):
    model = learned.load()
    for example in examples:
        reading = learned.read(model, example.blocks, example.features)
        assert reading.statements, example.name
        lines = example.source.lines
        assert all(1 <= s.span.line_start <= s.span.line_end <= len(lines) for s in reading.statements)


REAL = sorted(p for p in (ROOT / "corpus" / "real").glob("*.*") if p.name != "README.md")


@pytest.mark.parametrize("path", REAL, ids=[p.name[:30] for p in REAL])
def test_every_published_strategy_reads_with_the_rules(path):
    document = extract(loaders.load_path(path), reader="rules")
    assert document.title
    # the rules find nothing in a text whose spaces were lost in conversion; reading it must still not fail
    assert document.statements or path.name.startswith("kent_")
