"""Fit the alignment verdict thresholds on gold pairs and write them to kg/calibration.json.

    .venv/bin/python -m bench.calibrate_alignment [--gold ../shared/gold/seeds-dev.json]

The corpus is ingested into a temporary store; gold priorities are matched to extracted ones the
way the evaluator matches them; every source x target pair of each gold alignment is scored.
Gold "aligned" and "partial" pairs are positives, all other pairs negatives. Only three small
choices are fitted — the weights among a few fixed candidates (ranked by how many gold "aligned"
pairs get a verdict, then the precision of "aligned", then the F1 below), the "partial" threshold
(best F1 of positive vs negative) and the "aligned" threshold (highest recall of gold "aligned"
pairs at a precision of at least 0.9 against positives) — so that the fit carries to unseen plans.
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
WEIGHT_CANDIDATES = (
    {"priority": 1.0, "delivery": 0.0, "cross": 0.0},
    {"priority": 0.6, "delivery": 0.25, "cross": 0.15},
    {"priority": 0.5, "delivery": 0.25, "cross": 0.25},
    {"priority": 0.4, "delivery": 0.3, "cross": 0.3},
)


def _evaluator(gold_path: Path):
    spec = importlib.util.spec_from_file_location("evaluate", gold_path.parent / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairs(kb, gold: dict, evaluate) -> list[tuple[object, object, int, int]]:
    """(source priority, target priority, positive, aligned) for every pair of every gold alignment."""
    graph = kb.graph
    by_sha = {d.document.sha256: d.document.id for d in graph.documents.values()}
    rows = []
    for spec in gold.get("alignment", []):
        docs = {name: by_sha[gold["documents"][name]["sha256"]] for name in (spec["source"], spec["target"])}
        mapped: dict[str, str] = {}
        for name, doc_id in docs.items():
            predictions = [e.to_dict() for e in graph.of_type("priority", doc_id)]
            items = gold["documents"][name]["priority"]["items"]
            for index, prediction in evaluate.match(items, predictions).items():
                if items[index].get("id"):
                    mapped[prediction["id"]] = items[index]["id"]
        aligned = {tuple(p) for p in spec["aligned"]}
        positive = aligned | {tuple(p) for p in spec.get("partial", [])}
        for source in graph.of_type("priority", docs[spec["source"]]):
            for target in graph.of_type("priority", docs[spec["target"]]):
                key = (mapped.get(source.id), mapped.get(target.id))
                if None in key:
                    continue  # a priority the gold does not name: no label to learn from
                rows.append((source, target, int(key in positive), int(key in aligned)))
    return rows


def fit(scores: np.ndarray, positive: np.ndarray, aligned: np.ndarray) -> dict:
    candidates = np.unique(np.round(scores, 4))
    best_partial, best_f1 = float(candidates[0]), -1.0
    for threshold in candidates:
        said = scores >= threshold
        tp = int((said & (positive == 1)).sum())
        precision = tp / max(1, int(said.sum()))
        recall = tp / max(1, int(positive.sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if f1 > best_f1 + 1e-9:
            best_partial, best_f1 = float(threshold), f1
    best_aligned = float(candidates[-1])
    best_recall = -1.0
    for threshold in candidates[::-1]:
        said = scores >= threshold
        if not said.any():
            continue
        precision = float((positive[said] == 1).mean())
        recall = float(((scores >= threshold) & (aligned == 1)).sum() / max(1, aligned.sum()))
        if precision >= 0.9 and recall > best_recall:
            best_aligned, best_recall = float(threshold), recall
    best_aligned = max(best_aligned, best_partial)
    aligned_said = scores >= best_aligned
    partial_said = scores >= best_partial
    return {
        "partial": round(best_partial, 4), "aligned": round(best_aligned, 4),
        "fit": {"pairs": int(len(scores)), "positives": int(positive.sum()), "aligned_gold": int(aligned.sum()),
                "partial_f1": round(best_f1, 3),
                "aligned_recall_of_gold_aligned": round(float((partial_said & (aligned == 1)).sum() / max(1, aligned.sum())), 3),
                "aligned_precision": round(float((positive[aligned_said] == 1).mean()) if aligned_said.any() else 0.0, 3)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "seeds-dev.json")
    args = parser.parse_args()
    from kg import align
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    gold = json.loads(args.gold.read_text())
    evaluate = _evaluator(args.gold)
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as tmp:
        kb = KnowledgeBase.open(Settings(data_dir=Path(tmp), corpus_dir=ROOT / "corpus"))
        kb.ensure_corpus()
        rows = pairs(kb, gold, evaluate)
        positive = np.array([r[2] for r in rows])
        aligned = np.array([r[3] for r in rows])
        results = []
        for weights in WEIGHT_CANDIDATES:
            scores = np.array([align.score_matrix(kb.graph, kb.embedder, [s], [t], weights)[0, 0] for s, t, _, _ in rows])
            result = fit(scores, positive, aligned)
            result["weights"] = weights
            results.append(result)
            print(json.dumps(result))
        kb.close()
    best = max(results, key=lambda r: (r["fit"]["aligned_recall_of_gold_aligned"], r["fit"]["aligned_precision"],
                                       r["fit"]["partial_f1"]))
    best["fitted_on"] = f"{args.gold.name}: {best['fit']['pairs']} priority pairs"
    OUT.write_text(json.dumps(best, indent=1) + "\n")
    print(f"wrote {OUT}: {json.dumps(best)}")


if __name__ == "__main__":
    main()
