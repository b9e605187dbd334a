"""Fixtures for the browser tests: one real ``kg serve`` and one headless Chromium per module.

``server`` starts ``kg serve`` on a free loopback port with a fresh ``KG_DATA_DIR`` (it ingests
``corpus/`` first, about 20 s) and kills its process group at the end; ``api`` asks it for JSON;
``browser`` is Debian's Chromium driven through ``/usr/bin/chromedriver`` (``make test`` installs
both when missing). ``shots`` saves screenshots under ``test-artifacts/<date-time>/``; a failing
test leaves one there too. Run with ``.venv/bin/python -m pytest tests/web`` (marker ``browser``).
"""
from __future__ import annotations

import base64
import json
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from tests.servers import seed_folder, served

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGUMENTS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1366,900",
)

MAX_SHOT_HEIGHT = 2400

_run_folder: Path | None = None


def run_folder() -> Path:
    """This run's screenshot folder, test-artifacts/<date-time>/, made on first use."""
    global _run_folder
    if _run_folder is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = ARTIFACTS / f"web-{stamp}"
        suffix = 1
        while folder.exists():
            suffix += 1
            folder = ARTIFACTS / f"web-{stamp}-{suffix}"
        folder.mkdir(parents=True)
        _run_folder = folder
    return _run_folder


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """The base URL of a real `kg serve` over the seed corpus, on a fresh store."""
    with served(seed_folder(), tmp_path_factory.mktemp("web-store"), timeout=300) as url:
        yield url


@pytest.fixture(scope="module")
def api(server):
    """api('/api/v1/...', key=value) -> the JSON answer of the running server."""

    def ask(path: str, **params) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{server}{path}{query}", timeout=120) as answer:
            return json.load(answer)

    return ask


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium through chromedriver, with a fresh profile."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Chromium and chromedriver are not installed (make test installs Debian's chromium and "
                    "chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in CHROMIUM_ARGUMENTS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def shots(browser, request):
    """shots('name') saves a screenshot of the page as test-artifacts/<run>/NN-name.png."""
    folder = run_folder()

    def save(name: str) -> Path:
        number = len(list(folder.glob("*.png"))) + 1
        path = folder / f"{number:02d}-{name}.png"
        # the whole page (up to MAX_SHOT_HEIGHT pixels), not only what fits in the window
        height = min(MAX_SHOT_HEIGHT, int(browser.execute_script(
            "return Math.max(document.documentElement.scrollHeight, window.innerHeight)")))
        width = int(browser.execute_script("return document.documentElement.clientWidth"))
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    return save


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    driver = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and driver is not None:
        try:
            driver.save_screenshot(str(run_folder() / f"FAILED-{item.name}.png"))
            (run_folder() / f"FAILED-{item.name}.console.txt").write_text(
                "\n".join(str(entry) for entry in driver.get_log("browser")))
        except Exception:  # noqa: BLE001  (a failure report must not fail itself)
            pass


def pytest_terminal_summary(terminalreporter):
    if _run_folder is not None:
        terminalreporter.write_line(f"browser test screenshots: {_run_folder}")
