"""The report in a real browser (Playwright with Debian's Chromium, headless).

Skipped only when /usr/bin/chromium is missing (`apt-get install -y chromium`; .ci/run installs it).
Screenshots go to test-output/ for a person to look at.
"""
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from cleaner import Edit
from cleaner.cli import main
from cleaner.edits import FIX
from cleaner.io.writers import txt_name
from cleaner.report import review as review_module
from cleaner.report.data import groups

from .conftest import HOSTILE, records
from .test_decisions import undo_in_output

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="browser tests need Chromium: apt-get install -y chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


@pytest.fixture
def served(run):
    _, _, rep = run
    httpd, review = review_module.make_server(rep)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield review_module.url(httpd, review), rep
    httpd.shutdown()
    httpd.server_close()


def until(page, expression, timeout=30.0):
    """Wait until `expression` is true in the page. (wait_for_function evaluates strings with eval,
    which the report's Content-Security-Policy forbids; page.evaluate goes through the debugger.)
    The timeout is generous: a loaded machine (a benchmark beside the suite) once took over 10 s."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(20)


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def doc_number(rep, doc_id):
    return next(n for n, r in enumerate(records(rep)) if r["id"] == doc_id)


def test_summary_list_filters_and_document_view_from_file(run, page):
    _, _, rep = run
    summary = json.loads((rep / "summary.json").read_text())
    page.goto((rep / "report.html").as_uri())
    page.wait_for_selector("#summary-cards")
    cards = page.locator("#summary-cards .card .num").all_inner_texts()
    assert cards[:4] == [str(summary["documents"][k]) for k in ("in", "out", "changed", "rejected")]
    assert page.locator("table.rules tr[data-rule='encoding.mojibake']").count() == 1
    shot(page, "report-summary.png")

    page.click("table.rules button.linkish >> text=encoding.mojibake")  # a rule's bar leads to its documents
    page.wait_for_selector("#doc-rows tr.click")
    with_rule = {r["id"] for r in records(rep) if any("encoding.mojibake" in e["rule"].split("+") and
                                                      e["kind"] == "fix" for e in r["edits"])}
    assert set(page.locator("#doc-rows td.docid").all_inner_texts()) == with_rule
    assert page.input_value("#f-rule") == "encoding.mojibake"

    page.select_option("#f-rule", "")
    page.select_option("#f-kind", "flag")
    until(page, "document.querySelector('#f-kind').value === 'flag' && location.hash.includes('kind=flag')")
    flagged = {r["id"] for r in records(rep) if any(e["kind"] == "flag" for e in r["edits"])}
    assert set(page.locator("#doc-rows td.docid").all_inner_texts()) == flagged
    page.select_option("#f-kind", "")
    page.fill("#f-q", "harbour")
    until(page, "location.hash.includes('q=harbour')")
    assert page.locator("#doc-rows td.docid").all_inner_texts() == ["news/harbour-festival.txt"]
    page.fill("#f-q", "")
    until(page, "!location.hash.includes('q=')")
    counts = [int(x) for x in page.locator("#doc-rows td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and len(counts) == sum(1 for r in records(rep) if r["edits"])
    page.select_option("#f-sort", "edits-asc")
    until(page, "location.hash.includes('sort=edits-asc')")
    counts = [int(x) for x in page.locator("#doc-rows td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts)

    n = doc_number(rep, "news/ferry-timetable.txt")
    edits = records(rep)[n]["edits"]
    page.goto((rep / "report.html").as_uri() + f"#doc/{n}")
    page.wait_for_selector("#doc-text .ed")
    assert page.inner_text("#doc-id") == "news/ferry-timetable.txt"
    assert page.inner_text("#edit-counter") == f"Edit 1 of {len(edits)}"
    for key, expected in (("j", 2), ("n", 3), ("k", 2), ("p", 1), ("p", 1)):
        page.keyboard.press(key)
        assert page.inner_text("#edit-counter") == f"Edit {expected} of {len(edits)}"
    page.keyboard.press("j")
    assert page.get_attribute("#doc-text .ed.sel", "data-i") == "1"
    assert page.inner_text("#edit-reason") == edits[1]["reason"]
    assert page.locator("#doc-text .ed").count() == len(edits)
    shot(page, "report-document.png")
    page.keyboard.press("Escape")
    page.wait_for_selector("#doc-rows tr.click")
    assert page.errors == []


def test_review_reject_an_edit_a_rule_and_a_document_then_apply(served, page, run, tmp_path):
    url, rep = served
    _, out, _ = run
    page.goto(url)
    page.wait_for_selector("#review-badge:not([hidden])")

    # a whole rule, from the filtered list
    page.goto(url + "#docs?rule=whitespace.line-endings")
    page.wait_for_selector("#bulk .btn.reject")
    page.click("#bulk .btn.reject")
    page.click("#confirm-yes")  # a bulk decision asks once
    page.wait_for_selector("#bulk .btn.reject.on")

    # one edit: the second fix of the festival report
    festival = doc_number(rep, "news/harbour-festival.txt")
    fixes = [i for i, e in enumerate(records(rep)[festival]["edits"]) if e["kind"] == FIX]
    page.goto(url + f"#doc/{festival}")
    page.wait_for_selector("#edit-panel #edit-state")
    for _ in range(fixes[1]):
        page.keyboard.press("j")
    page.click("#reject-edit")
    page.wait_for_selector("#edit-state.reject")
    assert page.locator("#doc-text .ed.rejected").count() >= 1
    shot(page, "review-document.png")

    # a whole document
    council = doc_number(rep, "news/council-vote.txt")
    page.goto(url + f"#doc/{council}")
    page.wait_for_selector("#reject-doc")
    page.click("#reject-doc")
    page.click("#confirm-yes")
    page.wait_for_selector("#edit-state.reject")

    lines = [json.loads(x) for x in (rep / "decisions.jsonl").read_text().splitlines()]
    assert [(d["scope"], d["decision"]) for d in lines] == [("rule", "reject"), ("edit", "reject"), ("doc", "reject")]
    assert lines[0]["rule"] == "whitespace.line-endings"
    assert (lines[1]["doc"], lines[1]["edit"]) == (festival, fixes[1])
    assert lines[2]["id"] == "news/council-vote.txt"

    page.reload()  # decisions come back from the server
    page.goto(url + f"#doc/{festival}")
    until(page, "document.body.dataset.index === 'loaded'")  # set once the decisions and the index are in
    page.wait_for_selector("#edit-panel #edit-state")
    for _ in range(fixes[1]):
        page.keyboard.press("j")
    assert page.get_attribute("#edit-state", "class") == "pill reject"
    assert page.errors == [] and page.dialogs == []

    applied = tmp_path / "applied"
    assert main(["apply", str(rep), "-o", str(applied), "-q"]) == 0
    for n, r in enumerate(records(rep)):
        edits = [Edit.from_dict(e) for e in r["edits"]]
        named = {i for i, e in enumerate(edits) if e.kind == FIX and (
            "whitespace.line-endings" in e.rules or (n, i) == (festival, fixes[1]) or n == council)}
        group_of = groups(edits)
        rejected = {i for i, g in enumerate(group_of) if g >= 0 and g in {group_of[j] for j in named}}
        cleaned = (out / txt_name(r["id"])).read_bytes().decode()
        assert (applied / txt_name(r["id"])).read_bytes().decode() == undo_in_output(cleaned, edits, rejected), r["id"]


def hostile_ids(rep):
    named = [(doc_number(rep, name), name) for name in HOSTILE]
    return named + [(doc_number(rep, "<img src=x onerror=window.__pwned=5>"), None)]


@pytest.mark.parametrize("mode", ["file", "served"])
def test_hostile_documents_show_as_text_and_run_nothing(run, served, page, mode):
    url, rep = served
    base = (rep / "report.html").as_uri() if mode == "file" else url
    page.goto(base + "#docs")
    page.wait_for_selector("#doc-rows tr.click")
    page.fill("#f-q", "onerror")
    until(page, "location.hash.includes('q=onerror')")
    assert "<img src=x onerror=window.__pwned=5>" in page.locator("#doc-rows td.docid").all_inner_texts()
    for n, name in hostile_ids(rep):
        page.goto(base + f"#doc/{n}")
        until(page, f"document.title.length > 0 && location.hash === '#doc/{n}'")
        page.wait_for_selector("#doc-text .ed")
        shown = page.inner_text("#doc-text")
        if name == "xss/script.txt":
            assert "<script>window.__pwned = 1; alert('script')</script>" in shown
        elif name == "xss/img.txt":
            assert "<img src=x onerror=\"window.__pwned = 2; alert('img')\">" in shown
        elif name == "xss/link.txt":
            assert '<a href="javascript:window.__pwned=3">this</a>' in shown
        elif name == "xss/close.txt":
            assert "</script><script>window.__pwned = 4</script><!-- x -->" in shown
        elif name == "xss/bidi.txt":
            assert [x for x in page.locator("#doc-text .cc").all_inner_texts() if x != "NBSP"] == ["RLO", "PDF"]
        else:
            assert page.inner_text("#doc-id") == "<img src=x onerror=window.__pwned=5>"
        for j in range(3):
            page.keyboard.press("j")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and page.errors == []
    assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#doc-text script, #doc-text a, #doc-text img").count() == 0
    if mode == "file":
        shot(page, "report-hostile-document.png")
