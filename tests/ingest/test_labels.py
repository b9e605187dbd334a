"""Training labels: the files in corpus/ fit their documents, and blocks take the right targets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import loaders
from ingest.blocks import split_blocks
from ingest.model.examples import targets
from ingest.model.labels import (
    LabelError, document_of, label_files, label_path, problems, read,
)
from ingest.records import SourceText

ROOT = Path(__file__).resolve().parents[2]
LABEL_FILES = label_files([ROOT / "corpus"])


def test_every_document_of_the_corpus_is_labelled():
    documents = [p for p in loaders.iter_paths([ROOT / "corpus"])]
    unlabelled = [p.name for p in documents if not label_path(p).exists()]
    assert len(documents) == 20 and not unlabelled, unlabelled


@pytest.mark.parametrize("label_file", LABEL_FILES, ids=[p.name[:40] for p in LABEL_FILES])
def test_label_file_fits_its_document(label_file):
    labels = read(label_file)
    source = loaders.load_path(document_of(label_file))
    assert labels.document == source.source
    assert problems(labels, source.lines, source.sha256) == []
    kinds = {label.type for label in labels.labels if not label.optional}
    assert "initiative" in kinds or "priority" in kinds


def _source(lines: list[str]) -> SourceText:
    return SourceText("plan.txt", "text/plain", "0" * 64, tuple(lines))


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "labels" / "plan.txt.labels.jsonl"
    path.parent.mkdir(exist_ok=True)
    head = {"document": "plan.txt", "sha256": "0" * 64}
    path.write_text("\n".join(json.dumps(r) for r in [head, *rows]) + "\n")
    return path


def test_problems_name_each_mistake(tmp_path):
    lines = ["Our priorities", "", "1. Better care at home", "2. Healthier schools"]
    path = _write(tmp_path, [
        {"id": "p1", "type": "priority", "lines": [3, 3], "quote": "better care at home"},
        {"id": "p2", "type": "goal", "lines": [4, 4], "quote": "Healthier schools"},
        {"id": "i1", "type": "initiative", "lines": [9, 9], "quote": "x", "parent": "p1"},
        {"id": "i2", "type": "initiative", "lines": [4, 4], "quote": "open two hubs", "parent": "p9"},
    ])
    found = problems(read(path), lines, "1" * 64)
    assert any("sha256" in p for p in found)
    assert any("[p2]" in p and "type 'goal'" in p for p in found)
    assert any("[i1]" in p and "outside 1-4" in p for p in found)
    assert any("[i2]" in p and "is not in lines" in p for p in found)
    assert any("[i2]" in p and "'p9'" in p for p in found)
    assert not any("[p1]" in p for p in found)


def test_a_broken_line_is_reported_with_its_number(tmp_path):
    path = _write(tmp_path, [{"id": "p1", "type": "priority", "lines": [1, 1], "quote": "x"}])
    path.write_text(path.read_text() + "{not json\n")
    with pytest.raises(LabelError, match=r"plan.txt.labels.jsonl:3: not JSON"):
        read(path)


def test_blocks_take_the_type_of_the_label_on_their_first_line(tmp_path):
    lines = ["Our priorities", "", "1. Better care at home", "2. Healthier schools", "",
             "We will open two hubs", "that serve every town.", "", "Background text about the area."]
    path = _write(tmp_path, [
        {"id": "p1", "type": "priority", "lines": [3, 3], "quote": "Better care at home"},
        {"id": "p2", "type": "priority", "lines": [4, 4], "quote": "Healthier schools", "optional": True},
        {"id": "i1", "type": "initiative", "lines": [6, 7], "quote": "open two hubs", "parent": "p1"},
    ])
    blocks = split_blocks(_source(lines))
    classes, held = targets(blocks, read(path))
    by_line = {b.line_start: (c, h.id if h else None) for b, c, h in zip(blocks, classes, held)}
    assert by_line[3] == ("priority", "p1")
    assert by_line[4] == (None, "p2")  # optional: teaches nothing
    assert by_line[6] == ("initiative", "i1")
    assert by_line[9] == ("other", None)
