"""Organisation recall, duplicates and publishers on the dev gold, scored as the evaluator scores them.

    .venv/bin/python -m bench.org_recall [--gold ../shared/gold/seeds-dev.json] [--corpus corpus]
                                         [--unseen | --heldout] [--all] [--verbose] [--json OUT]

``--unseen`` scores the unseen-style dev set instead (``tests/fixtures/unseen``, its ``gold.json``);
``--heldout`` the held-out dev set (``tests/fixtures/heldout``, its ``gold.json``).

In: the gold file and the corpus folder. Out: a summary printed (and written with ``--json``).
It runs :func:`ingest.organisations.find_organisations` on the gold documents (with ``--all``, on
every corpus file, as the server ingests them all), merges records by key across documents the way
``kg`` does, and then reproduces ``shared/gold/evaluate.py``: a predicted organisation maps to a gold
one when its label or any alias, normalised and without a leading "the ", equals a gold alias;
recall is over the union of each document's publishers and mentions; the duplicated share is the
share of found gold organisations matched by more than one predicted record; publishers recall is
per document. It also lists predicted records that map to no gold organisation (to read for junk;
the gold lists are not complete, so they are not all errors). A development tool: nothing imports it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.errors import IngestError  # noqa: E402
from ingest.loaders import load_path  # noqa: E402
from ingest.organisations import find_organisations  # noqa: E402
from ingest.records import SourceText  # noqa: E402

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """The evaluator's normalisation (``evaluate.norm``), copied: this runs without shared/ on the path."""
    text = (text or "").lower().replace("&", " and ")
    text = re.sub(r"['\u2019\u2018`]", "", text)
    return " " + _NON_ALNUM.sub(" ", text).strip() + " "


def _load(path: Path) -> SourceText:
    """The file's lines as ingest loads them; a plain-text file's own lines if the loader fails
    (so that a loader being reworked does not stop this measurement; the failure is printed)."""
    try:
        return load_path(path)
    except IngestError as error:
        if path.suffix != ".txt":
            raise
        print(f"note: loader failed on {path.name} ({error.message[:80]}); reading its lines directly",
              file=sys.stderr)
        data = path.read_bytes()
        return SourceText(path.name, "text/plain", hashlib.sha256(data).hexdigest(),
                          tuple(data.decode("utf-8", "replace").splitlines()))


def score(gold: dict, corpus: Path, every_file: bool = False) -> dict:
    """Run recognition and score it; the returned dict is what ``main`` prints."""
    by_sha = {}
    for path in sorted(corpus.iterdir()):
        if path.suffix in (".txt", ".md", ".html", ".pdf", ".docx") and path.name != "README.md":
            by_sha[hashlib.sha256(path.read_bytes()).hexdigest()] = path
    wanted = {by_sha[d["sha256"]]: name for name, d in gold["documents"].items() if d["sha256"] in by_sha}
    paths = sorted(by_sha.values()) if every_file else sorted(wanted)
    merged: dict[str, dict] = {}  # key -> {"label", "aliases", "kind", "documents"}
    publishers: dict[str, tuple[str, ...]] = {}
    for path in paths:
        findings = find_organisations(_load(path))
        publishers[path.name] = findings.publishers
        for org in findings.organisations:
            record = merged.setdefault(org.key, {"label": org.name, "aliases": [], "kind": org.kind,
                                                 "documents": []})
            for alias in (org.name, *org.aliases):
                if alias not in record["aliases"]:
                    record["aliases"].append(alias)
            record["documents"].append(path.name)
    alias_to_gold = {norm(a): org["id"] for org in gold["organisations"] for a in org["aliases"]}
    org_map: dict[str, str | None] = {}
    matched: dict[str, list[str]] = defaultdict(list)
    for key, record in merged.items():
        gold_id = None
        for name in [record["label"], *record["aliases"]]:
            gold_id = alias_to_gold.get(norm(re.sub(r"^\s*the\s+", "", name, flags=re.I)))
            if gold_id:
                break
        org_map[key] = gold_id
        if gold_id:
            matched[gold_id].append(key)
    gold_orgs: set[str] = set()
    pub_hit = pub_total = 0
    per_document = {}
    for name, gdoc in gold["documents"].items():
        gold_orgs.update(gdoc.get("publishers", []))
        gold_orgs.update(gdoc.get("mentions", []))
        path = by_sha.get(gdoc["sha256"])
        found = {org_map.get(k) for k in publishers.get(path.name, ())} if path else set()
        pub_hit += len(set(gdoc["publishers"]) & found)
        pub_total += len(gdoc["publishers"])
        per_document[name] = {"publishers_gold": gdoc["publishers"],
                              "publishers_found": sorted(x for x in found if x),
                              "publishers_predicted": list(publishers.get(path.name, ())) if path else []}
    found_orgs = gold_orgs & set(matched)
    duplicated = sorted(k for k in found_orgs if len(matched[k]) > 1)
    return {
        "documents": [p.name for p in paths],
        "predicted": len(merged),
        "recall": round(len(found_orgs) / len(gold_orgs), 3),
        "duplicated_share": round(len(duplicated) / len(found_orgs), 3) if found_orgs else None,
        "publishers_recall": round(pub_hit / pub_total, 3) if pub_total else None,
        "missed": sorted(gold_orgs - found_orgs),
        "duplicates": {k: matched[k] for k in duplicated},
        "per_document": per_document,
        "unmapped": sorted(f"{k} | {merged[k]['label']} | {merged[k]['kind']}"
                           for k, v in org_map.items() if not v),
        "mapped": sorted(f"{v} <- {k} | {merged[k]['kind']} | {merged[k]['aliases']}"
                         for k, v in org_map.items() if v),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "seeds-dev.json"))
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    sets = parser.add_mutually_exclusive_group()
    sets.add_argument("--unseen", action="store_true",
                      help="the unseen-style dev set: --corpus tests/fixtures/unseen --gold its gold.json")
    sets.add_argument("--heldout", action="store_true",
                      help="the held-out dev set: --corpus tests/fixtures/heldout --gold its gold.json")
    parser.add_argument("--all", action="store_true", help="every corpus file, as the server ingests them")
    parser.add_argument("--verbose", "-v", action="store_true", help="list mapped and unmapped records too")
    parser.add_argument("--json", help="write the full result here")
    args = parser.parse_args(argv)
    if args.unseen or args.heldout:
        args.corpus = str(ROOT / "tests" / "fixtures" / ("unseen" if args.unseen else "heldout"))
        args.gold = str(Path(args.corpus) / "gold.json")
    gold = json.loads(Path(args.gold).read_text())
    result = score(gold, Path(args.corpus), args.all)
    print(f"organisations recall {result['recall']}  duplicated share {result['duplicated_share']}  "
          f"publishers recall {result['publishers_recall']}  predicted {result['predicted']} "
          f"({len(result['unmapped'])} not in the gold)")
    print("missed:", ", ".join(result["missed"]) or "-")
    print("duplicates:", json.dumps(result["duplicates"]))
    for name, row in result["per_document"].items():
        print(f"  {name}: publishers gold {row['publishers_gold']} found {row['publishers_found']} "
              f"(predicted {row['publishers_predicted']})")
    if args.verbose:
        print("mapped:\n  " + "\n  ".join(result["mapped"]))
        print("unmapped:\n  " + "\n  ".join(result["unmapped"]))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
