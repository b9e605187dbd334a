"""The web page in a real browser: asking, browsing to a priority's evidence, comparing, the graph.

Each test drives headless Chromium against a real `kg serve` over the seed corpus (see
conftest.py), checks what the page shows against what the API answers, waits explicitly for
what it expects, and saves screenshots under test-artifacts/<run>/.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.models]

SOURCE = "003_7032c70cf5242de9.txt"
TARGET = "000_e9e5606e679fb196.txt"
DRAFT = "Our priorities\n\n1. Prevention and early intervention\n2. Good mental health for all\n"
FORMATS = ("graphml", "gexf", "turtle", "jsonld", "ntriples", "csv", "cytoscape")


def wait(browser, seconds: float = 30) -> WebDriverWait:
    return WebDriverWait(browser, seconds)


def squeeze(text: str) -> str:
    """Whitespace runs as one space: the browser's rendered text and the API's quotes compare alike."""
    return re.sub(r"\s+", " ", text).strip()


def visible(browser, css: str, seconds: float = 30):
    return wait(browser, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def all_present(browser, css: str, seconds: float = 30):
    return wait(browser, seconds).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, css) or False)


def document_id(api, source: str) -> str:
    return next(document["id"] for document in api("/api/v1/documents")["items"] if document["source"] == source)


def labelled(browser, control) -> str:
    """The text of the <label> of a form control (fails if it has none)."""
    return browser.find_element(By.CSS_SELECTOR, f"label[for='{control.get_attribute('id')}']").text


def test_asking_shows_initiatives_grouped_by_document_with_their_quotes(browser, server, api, shots):
    browser.get(f"{server}/#/ask")
    question = visible(browser, "input[name='serves']")
    assert "initiatives serve" in labelled(browser, question).lower()
    assert browser.switch_to.active_element == question  # ready to type
    question.send_keys("mental health", Keys.ENTER)
    groups = all_present(browser, "section.answer-group", 60)
    shots("ask-mental-health")

    answer = api("/api/v1/initiatives", serves="mental health", limit=30)
    documents = list(dict.fromkeys(item["initiative"]["document"] for item in answer["items"]))
    assert [group.get_attribute("data-document") for group in groups] == documents
    evidence = {item["initiative"]["id"]: item["initiative"] for item in answer["items"]}
    shown = 0
    for group in groups:
        for item in group.find_elements(By.CSS_SELECTOR, "li.answer"):
            initiative = evidence[item.get_attribute("data-entity")]
            assert initiative["document"] == group.get_attribute("data-document")
            quote = squeeze(item.find_element(By.CSS_SELECTOR, "blockquote.quote").text)
            assert quote and any(quote in squeeze(e["quote"]) for e in initiative["evidence"]), quote
            source = item.find_element(By.CSS_SELECTOR, "a.source-link").get_attribute("href")
            assert f"#/source/{initiative['evidence'][0]['document']}?start=" in source
            shown += 1
    assert shown == len(answer["items"])
    # the question is in the address, so the answer can be linked
    assert urllib.parse.parse_qs(browser.current_url.split("?", 1)[1])["q"] == ["mental health"]

    # a quote's source link opens the numbered lines with the span marked
    groups[0].find_element(By.CSS_SELECTOR, "a.source-link").click()
    marked = all_present(browser, ".lines .line.in-span")
    first = answer["items"][0]["initiative"]["evidence"][0]
    assert int(marked[0].get_attribute("data-line")) == first["line_start"]
    shots("ask-source-lines")


def test_text_from_the_address_is_shown_as_text_never_run(browser, server, shots):
    probe = '<img src="x" onerror="window.__injected=1">'
    browser.get(f"{server}/#/ask?q={urllib.parse.quote(probe)}")
    summary = visible(browser, "p.summary, p.notice, div.error", 60)
    assert probe in summary.text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img")
    assert browser.execute_script("return window.__injected === undefined")


def test_browsing_to_a_priority_shows_its_quote_in_context_and_its_links(browser, server, api, shots):
    doc = document_id(api, SOURCE)
    browser.get(f"{server}/#/browse")
    branch = visible(browser, f"details.document-branch[data-document='{doc}']")
    branch.find_element(By.CSS_SELECTOR, "summary").click()
    priorities = branch.find_element(By.CSS_SELECTOR, "details.type-branch[data-type='priority'] > summary")
    priorities.send_keys(Keys.ENTER)  # keyboard-reachable: <summary> opens with Enter
    first = visible(browser, f"details.document-branch[data-document='{doc}'] "
                             "details.type-branch[data-type='priority'] a[data-entity]")
    shots("browse-priorities")
    priority_id = first.get_attribute("data-entity")
    first.click()

    marks = all_present(browser, "figure.evidence mark.quote-mark")
    entity = api(f"/api/v1/entities/{priority_id}")
    assert entity["type"] == "priority"
    assert squeeze(browser.find_element(By.CSS_SELECTOR, "h1.entity-title").text).endswith(entity["label"])
    figures = browser.find_elements(By.CSS_SELECTOR, "figure.evidence")
    assert len(figures) == min(20, len(entity["evidence"]))
    evidence = entity["evidence"][0]
    figure = figures[0]
    assert squeeze(" ".join(m.text for m in figure.find_elements(By.CSS_SELECTOR, "mark.quote-mark"))) \
        == squeeze(evidence["quote"])
    span = [int(line.get_attribute("data-line")) for line in figure.find_elements(By.CSS_SELECTOR, ".line.in-span")]
    assert span == list(range(evidence["line_start"], evidence["line_end"] + 1))
    around = figure.find_elements(By.CSS_SELECTOR, ".line")
    assert len(around) > len(span)  # the quote is shown inside its surrounding lines
    assert marks[0].is_displayed()

    edges = browser.find_elements(By.CSS_SELECTOR, "tr.edge")
    assert len(edges) == len(entity["edges"]["out"]) + len(entity["edges"]["in"])
    aligned = {e["target"] for e in entity["edges"]["out"] if e["type"] == "aligns_with"} \
        | {e["source"] for e in entity["edges"]["in"] if e["type"] == "aligns_with"}
    assert {row.get_attribute("data-entity") for row in
            browser.find_elements(By.CSS_SELECTOR, "section.aligned tbody tr")} == aligned
    serving = api(f"/api/v1/priorities/{priority_id}/initiatives")["items"]
    if serving:
        all_present(browser, "section.serving ul.serving-list li")
    shots("priority-evidence-and-links")


def test_comparing_two_documents_shows_the_matrix_and_coverage(browser, server, api, shots):
    source, target = document_id(api, SOURCE), document_id(api, TARGET)
    browser.get(f"{server}/#/compare")
    source_select = visible(browser, "select[name='source']")
    assert labelled(browser, source_select) == "Source document"
    Select(source_select).select_by_value(source)
    Select(browser.find_element(By.CSS_SELECTOR, "form select[name='target']")).select_by_value(target)
    browser.find_element(By.XPATH, "//button[normalize-space()='Compare']").click()
    cells = all_present(browser, "table.matrix td.cell", 60)

    alignment = api("/api/v1/alignment", source=SOURCE, target=TARGET)
    sources = {p["source_priority"]["id"] for p in alignment["pairs"]} | {p["id"] for p in alignment["unaligned_source"]}
    targets = {p["target_priority"]["id"] for p in alignment["pairs"]} | {p["id"] for p in alignment["uncovered_target"]}
    assert len(cells) == len(sources) * len(targets) == len(alignment["pairs"])
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")) == len(sources)
    verdicts = sorted(cell.get_attribute("data-verdict") for cell in cells)
    assert verdicts == sorted(pair["verdict"] for pair in alignment["pairs"])
    coverage = alignment["coverage"]
    for key in ("source_aligned", "target_covered"):
        figure = browser.find_element(By.CSS_SELECTOR, f".figure[data-figure='{key}'] .figure-value").text
        assert figure == f"{round(coverage[key] * 100)}%"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".unaligned-source li")) == len(alignment["unaligned_source"])
    assert len(browser.find_elements(By.CSS_SELECTOR, ".uncovered-target li")) == len(alignment["uncovered_target"])
    best = alignment["pairs"][0]
    chosen = browser.find_element(By.CSS_SELECTOR, f"td.cell[data-verdict='{best['verdict']}'] button")
    chosen.click()
    detail = visible(browser, ".pair-detail .pair-sides")
    assert best["target_priority"]["label"] in detail.text or best["verdict"] in detail.text.lower()
    shots("compare-matrix")

    # a pasted draft, checked the same way against the target
    browser.find_element(By.CSS_SELECTOR, "details.draft-panel > summary").click()
    text = browser.find_element(By.CSS_SELECTOR, "textarea[name='text']")
    text.send_keys(DRAFT)
    Select(browser.find_element(By.CSS_SELECTOR, "details.draft-panel select[name='target']")).select_by_value(target)
    browser.find_element(By.XPATH, "//button[normalize-space()='Check draft']").click()
    wait(browser, 60).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "h2.result-title"), "Draft"))
    request = urllib.request.Request(f"{server}/api/v1/alignment/check", method="POST",
                                     data=json.dumps({"text": DRAFT, "target": TARGET}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        checked = json.load(answer)
    assert checked["pairs"], "the draft's priorities were not found"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix td.cell")) == len(checked["pairs"])
    shots("compare-draft")


def test_the_graph_is_drawn_and_every_export_format_can_be_downloaded(browser, server, api, shots):
    browser.get(f"{server}/#/graph")
    count = visible(browser, ".graph-counts .node-count", 90)
    export = api("/api/v1/export", format="cytoscape")
    assert int(count.get_attribute("data-count")) == len(export["elements"]["nodes"])
    assert count.text == f"{len(export['elements']['nodes'])} nodes"
    canvases = browser.find_elements(By.CSS_SELECTOR, "#graph-canvas canvas")
    assert canvases and max(int(c.get_attribute("width") or 0) for c in canvases) > 0
    shots("graph-everything")

    Select(browser.find_element(By.CSS_SELECTOR, "select[name='type']")).select_by_value("priority")
    Select(browser.find_element(By.CSS_SELECTOR, "select[name='document']")).select_by_value(document_id(api, SOURCE))
    browser.find_element(By.XPATH, "//button[normalize-space()='Draw']").click()
    filtered = api("/api/v1/export", format="cytoscape", type="priority", document=SOURCE)
    wanted = len(filtered["elements"]["nodes"])
    wait(browser, 60).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".graph-counts .node-count"),
                                                             f"{wanted} nodes"))
    shots("graph-priorities-of-one-document")

    document = document_id(api, SOURCE)
    for export_format in FORMATS:
        href = browser.find_element(By.CSS_SELECTOR, f"a.download[data-format='{export_format}']").get_attribute("href")
        parts = urllib.parse.urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == ("http", server.split("//")[1], "/api/v1/export")
        assert urllib.parse.parse_qs(parts.query) == {"format": [export_format], "type": ["priority"],
                                                      "document": [document]}
        with urllib.request.urlopen(href, timeout=60) as answer:
            assert answer.status == 200
            assert "attachment" in answer.headers["Content-Disposition"]


def test_errors_are_shown_in_words(browser, server, shots, tmp_path):
    browser.get(f"{server}/#/entity/no-such-entity")
    alert = visible(browser, "main [role='alert']")
    assert "no entity has id 'no-such-entity'" in alert.text.lower()
    assert "unknown_entity" in alert.text
    shots("error-unknown-entity")

    browser.get(f"{server}/#/compare?mode=draft")
    visible(browser, "textarea[name='text']")
    browser.find_element(By.XPATH, "//button[normalize-space()='Check draft']").click()
    alert = visible(browser, "main [role='alert']")
    assert "draft is empty" in alert.text.lower()
    shots("error-empty-draft")

    # an upload the API refuses: its message, in words
    unsupported = tmp_path / "draft.csv"
    unsupported.write_text("priority,owner\nPrevention,council\n", encoding="utf-8")
    browser.find_element(By.CSS_SELECTOR, "input[type='file'][name='file']").send_keys(str(unsupported))
    browser.find_element(By.XPATH, "//button[normalize-space()='Check draft']").click()
    wait(browser, 30).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main [role='alert']"), "draft.csv"))
    alert = browser.find_element(By.CSS_SELECTOR, "main [role='alert']")
    assert "HTTP 415" in alert.text and "unsupported_format" in alert.text
    shots("error-unsupported-upload")

    browser.get(f"{server}/#/nowhere")
    alert = visible(browser, "main [role='alert']")
    assert "no page at" in alert.text.lower()
