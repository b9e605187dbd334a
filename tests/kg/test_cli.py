"""The `kg ingest` command: one clear line for a file it cannot take, and the store left as it was."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from api.cli import cli
from kg.service import KnowledgeBase
from kg.settings import Settings


def _run(data_dir, *arguments: str):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", *arguments])


def _stored(data_dir) -> int:
    if not (data_dir / "store").exists():
        return 0
    kb = KnowledgeBase.open(Settings(data_dir=data_dir))
    try:
        return len(kb.graph.documents)
    finally:
        kb.close()


@pytest.fixture()
def files(tmp_path, riverside_text):
    (tmp_path / "plan.md").write_text(riverside_text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04 not a strategy")
    return tmp_path


@pytest.mark.parametrize("name,says", [("missing.txt", "does not exist"), ("empty.txt", "is empty"),
                                       ("slides.pptx", "which ingest does not read")])
def test_a_file_it_cannot_take_is_one_line_and_a_non_zero_exit(files, tmp_path, name, says):
    data = tmp_path / "var"
    result = _run(data, str(files / name))
    assert result.exit_code == 1
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") <= 2  # the file's reason, then what was (not) stored
    assert _stored(data) == 0


@pytest.mark.models
def test_one_bad_file_stores_nothing_unless_keep_going(files, tmp_path):
    data = tmp_path / "var"
    refused = _run(data, str(files / "plan.md"), str(files / "empty.txt"))
    assert refused.exit_code == 1 and "nothing was stored" in refused.stderr
    assert _stored(data) == 0
    kept = _run(data, "--keep-going", str(files / "plan.md"), str(files / "empty.txt"))
    assert kept.exit_code == 1 and "ingested plan.md" in kept.output
    assert _stored(data) == 1


@pytest.mark.models
def test_a_file_the_extractor_fails_on_is_reported_not_raised(files, tmp_path, monkeypatch):
    import kg.service

    real = kg.service.extract

    def failing(source):
        if source.source == "plan.md":
            raise RuntimeError("a defect in the extractor")
        return real(source)

    monkeypatch.setattr(kg.service, "extract", failing)
    data = tmp_path / "var"
    result = _run(data, str(files / "plan.md"))
    assert result.exit_code == 1
    assert "the extractor failed on it" in result.stderr and "Traceback" not in result.stderr
    assert _stored(data) == 0
