"""Fit the alignment weights and verdict thresholds on gold pairs and write them to kg/calibration.json.

    .venv/bin/python -m bench.calibrate_alignment [--gold ../shared/gold/seeds-dev.json] [--data-dir DIR]

The corpus is ingested through the facade into a temporary store (or ``--data-dir``, reused when it
already holds the corpus); gold priorities are mapped to extracted ones with the evaluator's own
``match``; every source × target pair of each gold alignment whose two priorities both map is
labelled: gold "aligned", gold "partial", or none (every other pair). Scores, ranks and verdicts
are computed exactly as :mod:`kg.align` computes them at run time, over all the extracted
priorities of the two documents.

Three small choices are fitted, so that the fit carries to plans it has never seen (the judged set
is larger than this one):

1. the weights, among a few fixed candidates that all keep the priorities' own words the largest
   single weight — the one whose scores rank the gold best (mean of two ROC AUCs: aligned-or-partial
   against none, and aligned against the rest; ties go to the earlier candidate);
2. the *partial* threshold: best F1 of "aligned or partial" against none;
3. the *aligned* threshold: most gold "aligned" pairs answered "aligned" while at least
   ``PRECISION_FLOOR`` of the pairs answered "aligned" are gold aligned or partial.

Thresholds are placed halfway between two neighbouring gold scores, never on one, so that a small
change in extraction does not flip a verdict. The ranks of :mod:`kg.align` are fixed, not fitted.
Imports the evaluator by path; only this bench script does.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "calibration.json"
GOLD = ROOT.parent / "shared" / "gold" / "seeds-dev.json"
PRECISION_FLOOR = 0.9
#: the priorities' own words always weigh most; delivery and cross share the rest equally
WEIGHT_CANDIDATES = (
    {"priority": 1.0, "delivery": 0.0, "cross": 0.0},
    {"priority": 0.6, "delivery": 0.2, "cross": 0.2},
    {"priority": 0.5, "delivery": 0.25, "cross": 0.25},
    {"priority": 0.4, "delivery": 0.3, "cross": 0.3},
)


def load_evaluator(gold_path: Path):
    """The evaluator module beside the gold file (for its ``match``)."""
    spec = importlib.util.spec_from_file_location("gold_evaluate", gold_path.parent / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_alignments(graph, gold: dict, evaluate) -> list[dict]:
    """Per gold alignment: the two documents' priorities and a label per pair.

    Labels: 2 gold aligned, 1 gold partial, 0 none, -1 a priority the gold does not name (not scored).
    """
    by_sha = {stored.document.sha256: doc_id for doc_id, stored in graph.documents.items()}
    out = []
    for spec in gold.get("alignment", []):
        names = (spec["source"], spec["target"])
        docs = [by_sha.get(gold["documents"][name]["sha256"]) for name in names]
        if None in docs:
            raise SystemExit(f"the corpus does not hold {names}; check --gold and the corpus folder")
        priorities, gold_ids = [], []
        for name, doc_id in zip(names, docs):
            found = graph.of_type("priority", doc_id)
            items = gold["documents"][name]["priority"]["items"]
            matched = evaluate.match(items, [p.to_dict() for p in found])
            ids = {prediction["id"]: items[index].get("id") for index, prediction in matched.items()}
            priorities.append(found)
            gold_ids.append([ids.get(p.id) for p in found])
        aligned = {tuple(p) for p in spec["aligned"]}
        partial = {tuple(p) for p in spec.get("partial", [])}
        def label(a: str | None, b: str | None) -> int:
            if a is None or b is None:
                return -1
            return 2 if (a, b) in aligned else 1 if (a, b) in partial else 0

        labels = np.array([[label(a, b) for b in gold_ids[1]] for a in gold_ids[0]], dtype=int)
        out.append({"source": docs[0], "target": docs[1], "sources": priorities[0], "targets": priorities[1],
                    "labels": labels, "gold_aligned": len(aligned), "name": f"{names[0]} vs {names[1]}"})
    return out


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """ROC AUC: the chance a positive outscores a negative (ties count half)."""
    pos, neg = scores[positive], scores[~positive]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])).mean())


def cut_points(scores: np.ndarray) -> np.ndarray:
    """Candidate thresholds: halfway between neighbouring distinct scores, plus one below and one above."""
    distinct = np.unique(np.round(scores, 6))
    middles = (distinct[1:] + distinct[:-1]) / 2
    return np.concatenate([[distinct[0] - 1e-3], middles, [distinct[-1] + 1e-3]])


def evaluate_cells(cells: dict, cal) -> dict:
    """The evaluator's numbers on the calibration pairs, plus the F1 of "aligned or partial"."""
    from kg.align import ALIGNED_RANK, PARTIAL_RANK

    scores, labels, rows, cols = cells["scores"], cells["labels"], cells["rows"], cells["cols"]
    aligned = (scores >= cal.aligned) & (rows <= ALIGNED_RANK) & (cols <= ALIGNED_RANK)
    linked = aligned | ((scores >= cal.partial) & ((rows <= PARTIAL_RANK) | (cols <= PARTIAL_RANK)))
    positive, gold_aligned = labels > 0, labels == 2
    tp = int((linked & positive).sum())
    precision = tp / max(1, int(linked.sum()))
    recall = tp / max(1, int(positive.sum()))
    return {
        "alignment_recall": round(float((linked & gold_aligned).sum() / max(1, gold_aligned.sum())), 3),
        "alignment_precision": round(float(positive[aligned].mean()) if aligned.any() else 1.0, 3),
        "answered_aligned": int(aligned.sum()),
        "linked_precision": round(precision, 3), "linked_recall": round(recall, 3),
        "linked_f1": round(2 * precision * recall / max(1e-9, precision + recall), 3),
    }


def fit_thresholds(cells: dict) -> tuple[float, float]:
    """The partial threshold (best F1) and the aligned threshold (best recall over the precision floor)."""
    from kg.align import ALIGNED_RANK, PARTIAL_RANK

    scores, labels, rows, cols = cells["scores"], cells["labels"], cells["rows"], cells["cols"]
    positive, gold_aligned = labels > 0, labels == 2
    cuts = cut_points(scores)
    partial_gate = (rows <= PARTIAL_RANK) | (cols <= PARTIAL_RANK)
    best_partial, best_f1 = float(cuts[0]), -1.0
    for cut in cuts:  # ascending: on equal F1 the lower threshold, which answers more pairs "partial"
        said = (scores >= cut) & partial_gate
        tp = int((said & positive).sum())
        precision, recall = tp / max(1, int(said.sum())), tp / max(1, int(positive.sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if f1 > best_f1 + 1e-9:
            best_partial, best_f1 = float(cut), f1
    aligned_gate = (rows <= ALIGNED_RANK) & (cols <= ALIGNED_RANK)
    best_aligned, best_hits = float(cuts[-1]), -1
    for cut in cuts[::-1]:  # descending: on equal recall the higher threshold
        said = (scores >= cut) & aligned_gate
        if said.any() and positive[said].mean() < PRECISION_FLOOR:
            continue
        hits = int((said & gold_aligned).sum())
        if hits > best_hits:
            best_aligned, best_hits = float(cut), hits
    return round(best_partial, 4), round(max(best_aligned, best_partial), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data-dir", type=Path, help="store to use (kept); default: a temporary one")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the fit, do not write kg/calibration.json")
    args = parser.parse_args()
    from kg import align
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    gold = json.loads(args.gold.read_text())
    evaluate = load_evaluator(args.gold)
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as tmp:
        kb = KnowledgeBase.open(Settings(data_dir=args.data_dir or Path(tmp), corpus_dir=ROOT / "corpus"))
        try:
            kb.ensure_corpus()
            alignments = labelled_alignments(kb.graph, gold, evaluate)
            parts = []
            for spec in alignments:
                sources = align.profiles(kb.graph, kb.embedder, spec["sources"])
                targets = align.profiles(kb.graph, kb.embedder, spec["targets"])
                parts.append((sources, targets, spec["labels"]))
        finally:
            kb.close()

    def cells_for(weights: dict) -> dict:
        scores, labels, rows, cols = [], [], [], []
        for sources, targets, matrix in parts:
            full = align.combine(sources, targets, weights)
            rank_rows, rank_cols = align.match_ranks(full)
            keep = matrix >= 0
            scores.append(full[keep])
            labels.append(matrix[keep])
            rows.append(rank_rows[keep])
            cols.append(rank_cols[keep])
        return {k: np.concatenate(v) for k, v in
                (("scores", scores), ("labels", labels), ("rows", rows), ("cols", cols))}

    candidates = []
    for weights in WEIGHT_CANDIDATES:
        cells = cells_for(weights)
        ranking = {"auc_linked": round(auc(cells["scores"], cells["labels"] > 0), 4),
                   "auc_aligned": round(auc(cells["scores"], cells["labels"] == 2), 4)}
        partial, aligned = fit_thresholds(cells)
        cal = align.Calibration(**weights, aligned=aligned, partial=partial)
        candidates.append({"weights": weights, "partial": partial, "aligned": aligned, **ranking,
                           "fit": evaluate_cells(cells, cal)})
        print(json.dumps(candidates[-1]))
    best = max(candidates, key=lambda c: (c["auc_linked"] + c["auc_aligned"]) / 2)  # first of equals
    cells = cells_for(best["weights"])
    labels = cells["labels"]
    result = {
        "weights": best["weights"],
        "partial": best["partial"],
        "aligned": best["aligned"],
        "ranks": {"aligned": align.ALIGNED_RANK, "partial": align.PARTIAL_RANK},
        "fit": {"pairs": int(len(labels)), "gold_aligned": int((labels == 2).sum()),
                "gold_partial": int((labels == 1).sum()), "none": int((labels == 0).sum()),
                "auc_linked": best["auc_linked"], "auc_aligned": best["auc_aligned"], **best["fit"]},
        "fitted_on": [f"{args.gold.name}: {spec['name']}" for spec in alignments],
        "candidates": [{k: c[k] for k in ("weights", "auc_linked", "auc_aligned", "partial", "aligned")}
                       for c in candidates],
        "method": ("bench/calibrate_alignment.py: weights by ROC AUC among fixed candidates; "
                   f"partial at best F1; aligned at best recall with precision >= {PRECISION_FLOOR}; "
                   "thresholds halfway between gold scores"),
    }
    print(json.dumps(result, indent=1))
    if not args.dry_run:
        OUT.write_text(json.dumps(result, indent=1) + "\n")
        align.calibration.cache_clear()
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
