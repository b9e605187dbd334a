"""`kg train` and `kg evaluate` from a terminal: they train and score on the labelled documents given,
and bad labels get one clear line, not a traceback."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[2]
SMALL = ("000_e9e5606e679fb196.txt", "004_df81d2b1e36d5e5b.txt")


@pytest.fixture()
def labelled(tmp_path) -> Path:
    """Two small seed documents with their labels, in a folder of their own."""
    folder = tmp_path / "docs"
    (folder / "labels").mkdir(parents=True)
    for name in SMALL:
        shutil.copy2(ROOT / "corpus" / name, folder / name)
        shutil.copy2(ROOT / "corpus" / "labels" / f"{name}.labels.jsonl", folder / "labels")
    return folder


def run(tmp_path, *arguments: str):
    return CliRunner().invoke(cli, list(arguments), env={"KG_DATA_DIR": str(tmp_path / "store")})


def test_train_writes_a_reader_that_reads(tmp_path, labelled):
    output = tmp_path / "reader.joblib"
    result = run(tmp_path, "train", "--labels", str(labelled), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "trained reader" in result.stdout and "on 2 documents" in result.stdout
    assert "reading labelled documents: 2/2" in result.stderr
    from ingest.model.reader import load

    model = load(output)
    assert sorted(model.trained_on) == sorted(SMALL)


def test_evaluate_leaves_each_document_out(tmp_path, labelled):
    result = run(tmp_path, "evaluate", "--labels", str(labelled), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sorted(report["documents"]) == sorted(SMALL)
    assert set(report["scored_on"].values()) == {"labels"}
    assert "initiative.recall" in report["totals"]


def test_labels_that_do_not_fit_their_document_are_refused_by_name(tmp_path, labelled):
    path = labelled / "labels" / f"{SMALL[0]}.labels.jsonl"
    lines = path.read_text().splitlines()
    row = json.loads(lines[1])
    row["quote"] = "words that are nowhere in this document"
    path.write_text("\n".join([lines[0], json.dumps(row), *lines[2:]]) + "\n")
    result = run(tmp_path, "train", "--labels", str(labelled), "-o", str(tmp_path / "reader.joblib"))
    assert result.exit_code == 1
    assert "is not in lines" in result.stderr and "labels check" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_without_labels_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(tmp_path, "evaluate", "--labels", str(tmp_path / "empty"))
    assert result.exit_code == 1 and "no *.labels.jsonl files" in result.stderr
