"""Training labels: reading, checking and locating the line-span labels of ``corpus/labels/README.md``.

In: a ``*.labels.jsonl`` file and the document it describes. Out: :class:`LabelSet` records, and
for a list of blocks the type and parent label each block carries. Knows nothing of models or
graphs; must not import anything from kg/ or api/.

``python -m ingest.model.labels check PATH...`` checks label files (or folders of them) and says,
for each problem, the file and line to fix.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ingest.records import STATEMENT_TYPES

#: What a block no label covers is.
OTHER = "other"
#: Every class the reader predicts, in a fixed order.
CLASSES = (*STATEMENT_TYPES, OTHER)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """Text as the evaluator compares it: lower case, ``&`` as "and", runs of other characters as one space."""
    text = (text or "").lower().replace("&", " and ")
    text = re.sub(r"['\u2019\u2018`]", "", text)
    return " " + _NON_ALNUM.sub(" ", text).strip() + " "


@dataclass(frozen=True)
class Label:
    """One labelled statement: its type, its lines, its quote and the priority it belongs to."""

    id: str
    type: str
    line_start: int
    line_end: int
    quote: str
    parent: str | None = None
    link: str = "explicit"
    optional: bool = False
    same: str | None = None


@dataclass(frozen=True)
class LabelSet:
    """The labels of one document."""

    document: str
    sha256: str
    labels: tuple[Label, ...]
    path: Path

    def by_id(self) -> dict[str, Label]:
        return {label.id: label for label in self.labels}


class LabelError(ValueError):
    """A label file that cannot be read; the message names the file and line."""


def label_path(document: Path) -> Path:
    """Where the labels of ``document`` live: ``labels/<name>.labels.jsonl`` beside it."""
    return document.parent / "labels" / f"{document.name}.labels.jsonl"


def read(path: Path) -> LabelSet:
    """Read one label file.

    Raises
    ------
    LabelError
        When a line is not JSON, a field is missing or of the wrong kind.
    """
    path = Path(path)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise LabelError(f"{path}:{number}: not JSON ({error.msg})") from None
    if not rows or "document" not in rows[0][1]:
        raise LabelError(f"{path}:1: the first line must be {{\"document\": ..., \"sha256\": ...}}")
    head = rows[0][1]
    labels = []
    for number, row in rows[1:]:
        try:
            first, last = (int(x) for x in row["lines"])
            labels.append(Label(
                id=str(row["id"]), type=str(row["type"]), line_start=first, line_end=last,
                quote=str(row.get("quote", "")), parent=row.get("parent"), link=row.get("link", "explicit"),
                optional=bool(row.get("optional", False)), same=row.get("same"),
            ))
        except (KeyError, TypeError, ValueError) as error:
            raise LabelError(f"{path}:{number}: needs id, type and lines [first, last] ({error})") from None
    return LabelSet(str(head["document"]), str(head.get("sha256", "")), tuple(labels), path)


def problems(labels: LabelSet, lines: tuple[str, ...] | list[str], sha256: str | None = None) -> list[str]:
    """What is wrong with ``labels`` for a document with these ``lines`` (empty when nothing is)."""
    found = []
    where = labels.path.name
    if sha256 and labels.sha256 and sha256 != labels.sha256:
        found.append(f"{where}: sha256 {labels.sha256[:12]}… is not the document's {sha256[:12]}…")
    ids = labels.by_id()
    if len(ids) != len(labels.labels):
        found.append(f"{where}: ids are not unique")
    for label in labels.labels:
        tag = f"{where} [{label.id}]"
        if label.type not in STATEMENT_TYPES:
            found.append(f"{tag}: type {label.type!r} is not one of {', '.join(STATEMENT_TYPES)}")
        if not 1 <= label.line_start <= label.line_end <= len(lines):
            found.append(f"{tag}: lines {label.line_start}-{label.line_end} are outside 1-{len(lines)}")
            continue
        text = norm(" ".join(lines[label.line_start - 1:label.line_end]))
        if not label.quote.strip() or norm(label.quote) not in text:
            found.append(f"{tag}: quote {label.quote[:50]!r} is not in lines {label.line_start}-{label.line_end}")
        for ref in (label.parent, label.same):
            if ref is not None and ref not in ids:
                found.append(f"{tag}: refers to {ref!r}, which is no label's id")
        if label.link not in ("explicit", "implied"):
            found.append(f"{tag}: link must be 'explicit' or 'implied'")
    return found


def label_files(paths: list[Path]) -> list[Path]:
    """Label files named, or found under the folders named."""
    out = []
    for path in paths:
        path = Path(path)
        out.extend(sorted(path.rglob("*.labels.jsonl")) if path.is_dir() else [path])
    return out


def document_of(label_file: Path) -> Path:
    """The document a label file describes: the folder above ``labels/``, the name without the suffix."""
    return label_file.parent.parent / label_file.name[: -len(".labels.jsonl")]


def _check(paths: list[Path]) -> int:
    from ingest import loaders

    bad = 0
    for file in label_files(paths):
        try:
            labels = read(file)
            source = loaders.load_path(document_of(file))
        except Exception as error:  # a checker reports every file, whatever is wrong with one
            print(f"{file}: {error}")
            bad += 1
            continue
        found = problems(labels, source.lines, source.sha256)
        for problem in found:
            print(problem)
        bad += bool(found)
        counts = {}
        for label in labels.labels:
            counts[label.type] = counts.get(label.type, 0) + 1
        print(f"{file.name}: {len(labels.labels)} labels {counts}, problems: {len(found)}")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "check":
        print("usage: python -m ingest.model.labels check PATH...", file=sys.stderr)
        sys.exit(2)
    sys.exit(_check([Path(p) for p in sys.argv[2:]]))
