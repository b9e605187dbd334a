"""Benchmarks: how fast ingest, start-up and the questions are, measured and written to bench/results/.

    make bench            # or: .venv/bin/python -m bench [--repeat N]

It measures, on this machine, in one run (so ratios are comparable; nothing here asserts a time):
- extraction per seed document (structure only) and the full ingest of the corpus into a fresh store;
- opening the store and building the graph (what `kg serve` does before its first answer);
- the latency of every read endpoint through the real WSGI app (Flask test client), median and p95;
- a bounded load run against a real waitress server on loopback (requests per second).
Results go to ``bench/results/<name>.json`` with the machine's core count and the git revision.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _timed(fn, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"n": len(times), "median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 2),
            "min_ms": round(ordered[0] * 1000, 2)}


def _revision() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _write(name: str, data: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "revision": _revision(), "cores": os.cpu_count(),
            "python": platform.python_version(), "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **data}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
    print(f"{name}: {json.dumps({k: v for k, v in data.items() if k not in ('benchmark', 'revision')})[:400]}")


def bench_extraction(repeat: int) -> None:
    from ingest.pipeline import extract_path

    rows = {}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        extract_path(path)  # warm: spaCy loads once per process
        rows[path.name] = _summary(_timed(lambda: extract_path(path), repeat))
    _write("extraction", {"per_document": rows})


def bench_ingest_and_start(settings_dir: Path) -> tuple:
    from kg.service import KnowledgeBase
    from kg.settings import Settings

    settings = Settings(data_dir=settings_dir, corpus_dir=ROOT / "corpus")
    start = time.perf_counter()
    kb = KnowledgeBase.open(settings)
    report = kb.ensure_corpus()
    ingest_s = time.perf_counter() - start
    kb.close()
    start = time.perf_counter()
    kb = KnowledgeBase.open(settings)
    open_s = time.perf_counter() - start
    _write("ingest", {"corpus_documents": len(report.ingested) if report else 0,
                      "ingest_corpus_s": round(ingest_s, 2), "open_store_and_build_graph_s": round(open_s, 3),
                      "health": kb.health()})
    return kb, settings


def bench_endpoints(kb, settings, repeat: int) -> None:
    from api import create_app

    app = create_app(settings=settings, kb=kb)
    client = app.test_client()
    priority = kb.list_entities(type="priority", limit=1)[0][0]["id"]
    docs = [d["id"] for d in kb.documents()]
    paths = {
        "health": "/api/v1/health",
        "documents": "/api/v1/documents",
        "entities": "/api/v1/entities?type=initiative&limit=50",
        "entity": f"/api/v1/entities/{priority}",
        "priority_initiatives": f"/api/v1/priorities/{priority}/initiatives",
        "initiatives_serves": "/api/v1/initiatives?serves=mental%20health&limit=30",
        "search": "/api/v1/search?q=workforce&limit=20",
        "alignment": f"/api/v1/alignment?source={docs[0]}&target={docs[-1]}",
        "gaps": "/api/v1/gaps",
        "export_graphml": "/api/v1/export?format=graphml",
        "export_turtle": "/api/v1/export?format=turtle",
    }
    rows = {}
    for name, path in paths.items():
        client.get(path)  # warm caches (embeddings, model)
        rows[name] = _summary(_timed(lambda: client.get(path), repeat))
    _write("endpoints", {"repeat": repeat, "latency": rows})


def bench_load(settings, seconds: float = 10.0) -> None:
    """Requests per second against a real waitress server on loopback, bounded in time."""
    import socket
    import threading
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KG_DATA_DIR": str(settings.data_dir), "KG_CORPUS": str(settings.corpus_dir)}
    server = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        while time.perf_counter() - start < 120:
            try:
                urllib.request.urlopen(f"{url}/api/v1/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        first_answer_s = time.perf_counter() - start
        counts = {"ok": 0, "error": 0}
        stop = time.perf_counter() + seconds

        def worker() -> None:
            while time.perf_counter() < stop:
                try:
                    urllib.request.urlopen(f"{url}/api/v1/entities?type=priority&limit=20", timeout=10).read()
                    counts["ok"] += 1
                except OSError:
                    counts["error"] += 1

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        _write("load", {"clients": 4, "seconds": seconds, "requests_ok": counts["ok"], "errors": counts["error"],
                        "requests_per_s": round(counts["ok"] / seconds, 1),
                        "serve_to_first_health_s_with_store_full": round(first_answer_s, 2)})
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    bench_extraction(max(3, args.repeat // 5))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        kb, settings = bench_ingest_and_start(Path(tmp))
        bench_endpoints(kb, settings, args.repeat)
        kb.close()
        bench_load(settings)


if __name__ == "__main__":
    main()
