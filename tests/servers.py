"""A real ``kg serve`` for the tests that go through HTTP: free loopback ports and a served corpus.

Used by the quality tests (the evaluator scores a live server) and the browser tests (Chromium
drives a live page). ``served`` starts the console script on a fresh ``KG_DATA_DIR``, waits for
``/api/v1/health``, and stops the whole process group when the block ends.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
_SEEDS: Path | None = None


def seed_folder() -> Path:
    """A folder holding only the five seed documents (``corpus/`` also holds ``corpus/real/``),
    copied once per test run so a served store ingests exactly the seeds."""
    global _SEEDS
    if _SEEDS is None:
        import shutil
        import tempfile

        _SEEDS = Path(tempfile.mkdtemp(prefix="kg-seeds-"))
        for path in sorted((ROOT / "corpus").glob("0*.txt")):
            shutil.copy2(path, _SEEDS / path.name)
    return _SEEDS


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(corpus: Path, data: Path, timeout: float = 600) -> Iterator[str]:
    """The base URL of ``kg serve`` over ``corpus`` with its store in ``data`` (ingested on start).

    Raises
    ------
    AssertionError
        With the server's log, when it stops or does not answer within ``timeout`` seconds.
    """
    env = {**os.environ, "KG_DATA_DIR": str(data), "KG_CORPUS": str(corpus), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}
    env.pop("KG_API_TOKEN", None)
    port = free_port()
    log_path = data / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "serve", "--host", "127.0.0.1",
                                    "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                assert process.poll() is None, f"kg serve stopped:\n{log_path.read_text()[-3000:]}"
                assert time.monotonic() < deadline, f"kg serve did not answer in time:\n{log_path.read_text()[-3000:]}"
                try:
                    with urllib.request.urlopen(f"{url}/api/v1/health", timeout=5) as answer:
                        if json.load(answer).get("status") == "ok":
                            break
                except OSError:
                    time.sleep(0.5)
            yield url
        finally:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
