"""Scoring a reading against gold, with the matching of ``../shared/gold/evaluate.py``.

In: the statements and links the reader found in one document, and that document's gold (a
document entry of a gold JSON file, or one made from its labels by :func:`gold_from_labels`).
Out: counts per measure (``priority.recall`` → hits, total), summed over documents by
:class:`Tally`. A gold key matches a prediction whose normalised ``label + text`` contains it; each
prediction matches at most one gold item, shortest prediction first. Must not import kg/ or api/.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model.labels import LabelSet, norm
from ingest.records import Link, Statement

TYPES = ("priority", "initiative", "enabler", "metric", "risk")


def keys_of(item: dict) -> list[str]:
    return [norm(k) for k in [item["key"], *item.get("alt", [])]]


def _text(statement: Statement) -> str:
    return norm(f"{statement.label} {statement.text}")


def match(items: list[dict], predictions: list[Statement]) -> dict[int, Statement]:
    """Gold index → the prediction it matched (the evaluator's one-to-one, shortest-first matching)."""
    texts = sorted((len(_text(p)), i, _text(p)) for i, p in enumerate(predictions))
    order = sorted(range(len(items)), key=lambda g: (bool(items[g].get("optional")),
                                                     -max(len(k) for k in keys_of(items[g]))))
    taken, found = set(), {}
    for g in order:
        keys = keys_of(items[g])
        for _, i, text in texts:
            if i not in taken and any(k in text for k in keys):
                taken.add(i)
                found[g] = predictions[i]
                break
    return found


def gold_from_labels(labels: LabelSet) -> dict:
    """A gold document entry made from labels: every type complete, each quote a key."""
    gold: dict = {"vision": {"present": any(l.type == "vision" for l in labels.labels)}}
    by_id = labels.by_id()
    for kind in TYPES:
        items = []
        for label in labels.labels:
            if label.type != kind or label.same:
                continue
            alts = [l.quote for l in labels.labels if l.same == label.id]
            item = {"id": label.id, "key": label.quote, "alt": alts, "optional": label.optional}
            parent = by_id.get(label.parent) if label.parent else None
            if parent is not None:
                relation = {"initiative": "serves", "metric": "measures", "enabler": "supports"}.get(kind)
                if relation:
                    item[relation] = [parent.same or parent.id]
                    item["link"] = label.link
            items.append(item)
        gold[kind] = {"complete": True, "items": items}
    return gold


@dataclass
class Tally:
    """Hits and totals per measure, summed over documents; ratios on demand."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, hit: int, total: int) -> None:
        pair = self.counts.setdefault(name, [0, 0])
        pair[0] += hit
        pair[1] += total

    def ratio(self, name: str) -> float | None:
        hit, total = self.counts.get(name, (0, 0))
        return None if total == 0 else round(hit / total, 3)

    def ratios(self) -> dict[str, float | None]:
        return {name: self.ratio(name) for name in sorted(self.counts)}

    def merge(self, other: "Tally") -> None:
        for name, (hit, total) in other.counts.items():
            self.add(name, hit, total)


def score(gold: dict, statements: list[Statement], links: list[Link]) -> Tally:
    """How one document's reading compares with its gold entry."""
    tally = Tally()
    by_type: dict[str, list[Statement]] = {}
    for statement in statements:
        by_type.setdefault(statement.type, []).append(statement)
    vision = gold.get("vision")
    if vision and vision.get("present", True):
        tally.add("vision.present", int(bool(by_type.get("vision"))), 1)
    matched: dict[str, Statement] = {}
    for kind in TYPES:
        spec = gold.get(kind)
        if not spec:
            continue
        items, predictions = spec["items"], by_type.get(kind, [])
        found = match(items, predictions)
        need = [g for g, item in enumerate(items) if not item.get("optional")]
        tally.add(f"{kind}.recall", sum(1 for g in need if g in found), len(need))
        if spec.get("complete"):
            tally.add(f"{kind}.precision", len(found), len(predictions))
        for g, prediction in found.items():
            if items[g].get("id"):
                matched[items[g]["id"]] = prediction
    _score_links(gold, matched, statements, links, tally)
    return tally


def _score_links(gold: dict, matched: dict[str, Statement], statements: list[Statement], links: list[Link],
                 tally: Tally) -> None:
    by_key = {s.key: s for s in statements}
    for kind, relation in (("initiative", "serves"), ("metric", "measures"), ("enabler", "supports")):
        hit = total = 0
        for item in gold.get(kind, {}).get("items", []):
            targets = item.get(relation, [])
            if not targets or (kind != "enabler" and item.get("link") != "explicit") or item.get("optional"):
                continue
            keys = keys_of(item)
            for pid in targets:
                total += 1
                target = matched.get(pid)
                if target is None:
                    continue
                sources = [by_key[l.source] for l in links
                           if l.type == relation and l.target == target.key and l.source in by_key]
                hit += any(any(k in _text(s) for k in keys) for s in sources)
        if total:
            tally.add(f"{relation}.recall", hit, total)
