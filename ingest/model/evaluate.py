"""Honest figures: leave-one-document-out training and scoring of the learned reader.

In: :class:`~ingest.model.examples.Example` records and, optionally, gold files in the evaluator's
JSON shape (``../shared/gold/*.json``) for documents that have hand-made gold. Out: a table of
per-document and total precision/recall per type. For each labelled document the reader is trained
on every other one, reads the one left out, and is scored on it: against its gold when a gold file
holds it, else against its own labels. Must not import kg/ or api/.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model.examples import Example
from ingest.model.reader import read, train
from ingest.model.scoring import Tally, gold_from_labels, score

#: the columns of the table, in order
COLUMNS = ("priority.precision", "priority.recall", "initiative.precision", "initiative.recall",
           "enabler.recall", "metric.precision", "metric.recall", "risk.recall", "serves.recall",
           "measures.recall", "vision.present")


def read_gold(paths: list[Path]) -> dict[str, dict]:
    """Document name → its gold entry, from evaluator-shaped JSON files (later files win)."""
    out: dict[str, dict] = {}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        out.update(data.get("documents", {}))
    return out


@dataclass
class Result:
    """Leave-one-out scores: per document and summed."""

    per_document: dict[str, Tally]
    gold_source: dict[str, str]  # document → "gold" or "labels"
    folder: dict[str, str] = field(default_factory=dict)  # document → the folder it lies in

    def totals(self, names: set[str] | None = None) -> Tally:
        total = Tally()
        for name, tally in self.per_document.items():
            if names is None or name in names:
                total.merge(tally)
        return total

    def table(self) -> str:
        """A Markdown table, one row per document and a total row."""
        short = [c.replace("precision", "P").replace("recall", "R").replace(".present", "") for c in COLUMNS]
        lines = ["| document | scored on | " + " | ".join(short) + " |",
                 "|---|---|" + "---|" * len(COLUMNS)]

        def cells(tally: Tally) -> str:
            return " | ".join("" if tally.ratio(c) is None else f"{tally.ratio(c):.2f}" for c in COLUMNS)

        for name, tally in sorted(self.per_document.items()):
            lines.append(f"| {name} | {self.gold_source[name]} | {cells(tally)} |")
        folders = sorted(set(self.folder.values()))
        if len(folders) > 1:
            for folder in folders:
                names = {n for n, f in self.folder.items() if f == folder}
                lines.append(f"| **{folder}/ ({len(names)})** | | {cells(self.totals(names))} |")
        lines.append(f"| **all ({len(self.per_document)})** | | {cells(self.totals())} |")
        return "\n".join(lines)


def leave_one_out(examples: list[Example], gold: dict[str, dict] | None = None, only: set[str] | None = None,
                  progress=None) -> Result:
    """Train on all documents but one, score the one left out; for each document (or those in ``only``)."""
    gold = gold or {}
    per_document, source, folder = {}, {}, {}
    chosen = [e for e in examples if only is None or e.name in only]
    for done, held_out in enumerate(chosen, 1):
        reader = train([e for e in examples if e.name != held_out.name])
        reading = read(reader, held_out.blocks, held_out.features)
        entry = gold.get(held_out.name)
        source[held_out.name] = "gold" if entry else "labels"
        folder[held_out.name] = held_out.labels.path.parent.parent.name
        per_document[held_out.name] = score(entry or gold_from_labels(held_out.labels), reading.statements,
                                            reading.links)
        if progress:
            progress(done, len(chosen), held_out.name)
    return Result(per_document, source, folder)
