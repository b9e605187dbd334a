"""Both readers take any sequence of lines without raising, and every span they give stays in bounds
with its quote in the lines it names: random blocks in the shapes plans use, and random slices of
the published strategies in ``corpus/real``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import loaders
from ingest.pipeline import extract
from ingest.records import SourceText

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[2]

_WORDS = st.sampled_from(
    "our priority aim objective we will deliver improve reduce 25% by 2030 enablers risks workforce digital "
    "health care staff the and of to measure target vision Pillar B (iv) 3a. 2.1.4 • - | Table Appendix "
    "£2m KPI: Outcome 1.1 SO2 ### ** : ; . , \t".split(" ")
)
_MARKER = st.sampled_from(["", "", "- ", "• ", "1. ", "3a. ", "2.1.4 ", "(iv) ", "k) ", "# ", "## ", "| ", "Pillar B – ",
                           "Priority 2: ", "\t"])


@st.composite
def plan_lines(draw) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 40))):
        if draw(st.booleans()) and lines:
            lines.append("")
            continue
        words = draw(st.lists(_WORDS, min_size=0, max_size=18))
        lines.append(draw(_MARKER) + " ".join(words))
    return lines


@lru_cache(maxsize=1)
def _real_lines() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((p.name, loaders.load_path(p).lines) for p in sorted((ROOT / "corpus" / "real").glob("*.*"))
                 if p.name != "README.md")


@st.composite
def real_slices(draw) -> list[str]:
    documents = _real_lines()
    _, lines = documents[draw(st.integers(0, len(documents) - 1))]
    start = draw(st.integers(0, len(lines) - 1))
    return list(lines[start:start + draw(st.integers(1, 60))])


@lru_cache(maxsize=1)
def _encode():
    from ingest.embeddings import Embedder

    return Embedder(None).encode


def _check(lines: list[str], reader: str) -> None:
    source = SourceText("plan.txt", "text/plain", "0" * 64, tuple(lines))
    document = extract(source, reader=reader, encode=_encode() if reader == "model" else None)
    keys = {s.key for s in document.statements}
    for statement in document.statements:
        for span in (statement.span, *statement.also):
            assert 1 <= span.line_start <= span.line_end <= len(lines)
            joined = " ".join(" ".join(lines[span.line_start - 1:span.line_end]).split())
            assert span.quote in joined
    for link in document.links:
        if link.type in ("serves", "measures", "supports", "part_of"):
            assert link.source in keys and link.target in keys


@pytest.mark.parametrize("reader", ["rules", "model"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.one_of(plan_lines(), real_slices()))
def test_reading_never_raises_and_stays_in_bounds(reader, lines):
    _check(lines, reader)


@pytest.mark.parametrize("reader", ["rules", "model"])
def test_a_section_numbered_3a_is_read(reader):
    lines = ["Our workforce strategy", "", "1. Recruit and retain staff", "2. Develop our leaders", "",
             "3a. Enablers", "", "Digital tools for every team", "", "3b. Risks", "", "Funding may fall short"]
    _check(lines, reader)
