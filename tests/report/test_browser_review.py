"""Reviewing at scale in a real browser (#20): the queue, progress, bulk decisions and their undo,
and the four bugs of the first review page. Same Chromium set-up as test_browser.py."""
import json
import os
import threading
from pathlib import Path

import pytest

from cleaner import Edit, Result
from cleaner.cli import main
from cleaner.edits import replay, undo
from cleaner.report import ReportWriter, Summary
from cleaner.report import review as review_module
from cleaner.report.data import ReportData

from . import synthetic
from .conftest import records, write_dump
from .test_browser import CHROMIUM, browser, page, shot, until  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="browser tests need Chromium: apt-get install -y chromium")


def serve(rep):
    httpd, review = review_module.make_server(rep)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd, review_module.url(httpd, review)


@pytest.fixture
def spaced(tmp_path):
    """A run of 12 documents with 5 doubled spaces each: 60 fixes of whitespace.space-run."""
    dump = tmp_path / "in"
    dump.mkdir()
    for d in range(12):
        words = [f"word{d}x{j}" for j in range(6)]
        (dump / f"doc{d:02}.txt").write_text("  ".join(words) + ".\nA second line.\n", encoding="utf-8")
    out, rep = tmp_path / "out", tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(out), "--report", str(rep), "-q"]) == 0
    httpd, url = serve(rep)
    yield url, rep, out
    httpd.shutdown()
    httpd.server_close()


def shown(page):
    """Wait until the queue's page is drawn whole (hunks are drawn as their chunks come in)."""
    until(page, "document.body.dataset.queue === 'shown' && document.body.dataset.queueHash === location.hash")


def decisions(rep):
    path = rep / "decisions.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def queue_counts(page):
    """(decided, rejected, undecided) as the queue's header says them."""
    text = page.inner_text("#q-summary")
    decided = int(text.split(" of ")[0].rsplit(" ", 1)[1])
    rejected = int(text.split(" rejected")[0].rsplit(" ", 1)[1])
    undecided = int(text.split(" undecided")[0].rsplit(" ", 1)[1])
    return decided, rejected, undecided


def test_fifty_edits_of_a_rule_reviewed_from_the_queue_with_the_keyboard(spaced, page, tmp_path):
    url, rep, out = spaced
    page.goto(url + "#queue?rule=whitespace.space-run&kind=fix")
    shown(page)
    until(page, "document.body.dataset.progress === 'counted'")
    assert page.inner_text("#q-summary").startswith("60 edits (60 fixes, 0 flags)")
    assert queue_counts(page) == (0, 0, 60)
    assert page.locator(".hunk").count() == 20  # a page
    first = page.locator(".hunk").first
    assert first.locator(".hl.old del").count() == 1 and first.locator(".hl.new .caret").count() == 1
    assert first.locator(".hl.ctx").count() == 1  # the next line; a first line has none before it
    expected = []
    for step in range(50):
        key = "r" if step % 7 == 3 else "a"
        page.keyboard.press(key)
        expected.append("reject" if key == "r" else "accept")
        until(page, f"document.querySelector('#q-summary').textContent.includes(' {step + 1} of 60 decided')")
        rejected = expected.count("reject")
        assert queue_counts(page) == (step + 1, rejected, 59 - step)
        # moved on to the next undecided (onto the next page after the 20th)
        until(page, f"(document.querySelector('.hunk.sel') || {{dataset: {{}}}}).dataset.pos === '{step + 1}'")
    shot(page, "review-queue.png")
    lines = decisions(rep)
    assert [d["decision"] for d in lines] == expected
    by_order = [(r, i) for r in range(len(records(rep))) for i, _ in enumerate(records(rep)[r]["edits"])]
    assert [(d["doc"], d["edit"]) for d in lines] == by_order[:50]  # document order, one after the other

    page.keyboard.press("u")  # takes back the 50th decision
    until(page, "document.querySelector('#q-summary').textContent.includes(' 49 of 60 decided')")
    assert decisions(rep)[-1] == {**decisions(rep)[-1], "scope": "undo", "line": 49}

    page.reload()  # the counts come back from the decisions on disk
    shown(page)
    until(page, "document.body.dataset.progress === 'counted'")
    assert queue_counts(page) == (49, expected[:49].count("reject"), 11)
    page.goto(url + "#summary")
    until(page, "document.querySelector('#progress-cards') !== null")
    cards = page.locator("#progress-cards .num").all_inner_texts()
    assert cards == ["49", str(expected[:49].count("accept")), str(expected[:49].count("reject")), "11"]
    row = page.locator("table.rules tr[data-rule='whitespace.space-run'] td.progress").inner_text()
    assert row == f"49 of 60 decided \u00b7 {expected[:49].count('reject')} rejected \u00b7 11 undecided"
    assert page.errors == [] and page.dialogs == []

    applied = tmp_path / "applied"
    assert main(["apply", str(rep), "-o", str(applied), "-q"]) == 0
    rejected = {(d["doc"], d["edit"]) for d in lines[:49] if d["decision"] == "reject"}
    for n, r in enumerate(records(rep)):
        edits = [Edit.from_dict(e) for e in r["edits"]]
        original = undo((out / r["id"]).read_text(), edits)
        stays = [e for i, e in enumerate(edits) if (n, i) not in rejected]
        assert (applied / r["id"]).read_text() == replay(original, stays)


def test_space_opens_the_document_at_the_edit_and_esc_comes_back(spaced, page):
    url, rep, _ = spaced
    page.goto(url + "#queue?rule=whitespace.space-run")
    shown(page)
    for _ in range(7):
        page.keyboard.press("j")
    until(page, "document.querySelector('.hunk.sel').dataset.pos === '7'")  # keys act one after the other
    page.keyboard.press(" ")
    page.wait_for_selector("#doc-text .ed.sel")
    assert page.url.endswith("#doc/1?edit=2")  # the 8th fix: document 1's third
    assert page.inner_text("#edit-counter") == "Edit 3 of 5"
    assert page.inner_text("#doc-n") == "#1"
    page.keyboard.press("Escape")
    shown(page)
    assert "#queue?rule=whitespace.space-run" in page.url
    page.keyboard.press("]")
    until(page, "location.hash.includes('page=1')")
    shown(page)
    until(page, "document.querySelector('.hunk.sel').dataset.pos === '20'")
    assert page.errors == []


def test_progress_in_the_document_list_and_r_moves_on_in_a_document(spaced, page):
    url, rep, _ = spaced
    page.goto(url + "#doc/0")
    page.wait_for_selector("#edit-panel #edit-state")
    until(page, "document.body.dataset.progress === 'counted'")
    page.keyboard.press("r")
    page.wait_for_selector("#doc-text .ed.rejected")
    until(page, "document.querySelector('#edit-counter').textContent === 'Edit 2 of 5'")  # r moved on
    page.keyboard.press("a")
    until(page, "document.querySelector('#edit-counter').textContent === 'Edit 3 of 5'")
    assert page.inner_text("#doc-progress") == "2 of 5 decided \u00b7 1 rejected \u00b7 3 undecided"
    # a rejected fix reads as the original with a marker, an accepted one as plain cleaned text
    rejected, accepted = page.locator("#edit-0"), page.locator("#edit-1")
    assert rejected.locator("ins").evaluate("e => getComputedStyle(e).display") == "none"
    assert rejected.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    assert rejected.evaluate("e => getComputedStyle(e, '::before').content").startswith('"\u2717')
    assert accepted.locator("del").evaluate("e => getComputedStyle(e).display") == "none"
    page.keyboard.press("Escape")
    page.wait_for_selector("#doc-rows tr.click")
    until(page, "document.querySelector('#doc-rows tr[data-n=\"0\"] td.state').textContent.length > 1")
    states = {int(r.get_attribute("data-n")): r.locator("td.state").inner_text()
              for r in page.locator("#doc-rows tr.click").all()}
    assert states[0].split() == ["2", "of", "5", "decided", "1", "rejected"]
    assert all(v == "undecided" for n, v in states.items() if n != 0)
    page.keyboard.press("n")  # next undecided from the list: the first undecided fix of the report
    until(page, "location.hash === '#doc/0?edit=2'")
    page.goto(url + "#doc/0?edit=4")
    page.wait_for_selector("#edit-panel #edit-state")
    page.keyboard.press("n")  # past the last undecided of this document: the next document's first
    until(page, "location.hash === '#doc/1?edit=0'")
    page.wait_for_selector("#doc-text .ed.sel")
    assert page.inner_text("#doc-n") == "#1"
    assert page.errors == []


def test_a_bulk_reject_shows_its_count_asks_once_and_is_undone(spaced, page, tmp_path):
    url, rep, out = spaced
    page.goto(url)
    until(page, "document.body.dataset.progress === 'counted'")
    button = page.locator("table.rules tr[data-rule='whitespace.space-run'] .btn.reject")
    assert button.inner_text() == "Reject all 60"
    button.click()
    assert page.inner_text("#confirm-text") == "Reject 60 fixes of rule whitespace.space-run (the whole report)?"
    page.keyboard.press("Escape")  # cancelled: nothing written
    assert page.locator("#confirm").is_hidden() and decisions(rep) == []
    button.click()
    page.keyboard.press("Enter")
    until(page, "document.querySelector('#progress-text').textContent.includes('60 rejected')")
    assert [d["scope"] for d in decisions(rep)] == ["rule"]
    assert page.locator("#progress-cards .num").all_inner_texts() == ["60", "0", "60", "0"]
    page.keyboard.press("u")
    until(page, "document.querySelector('#progress-text').textContent.includes(' 0 rejected')")
    assert [(d["scope"], d.get("line")) for d in decisions(rep)] == [("rule", None), ("undo", 0)]
    assert page.locator("#progress-cards .num").all_inner_texts() == ["0", "0", "0", "60"]

    # a document: rejected, one of its fixes accepted, then Clear puts all five back to undecided
    page.goto(url + "#doc/3")
    page.wait_for_selector("#reject-doc")
    assert page.inner_text("#reject-doc") == "Reject document (5)"
    page.click("#reject-doc")
    assert page.inner_text("#confirm-text") == "Reject 5 fixes of document #3 (doc03.txt)?"
    page.click("#confirm-yes")
    page.wait_for_selector("#reject-doc.on")
    assert page.locator("#doc-text .ed.rejected").count() == 5
    page.click("#clear-doc")
    page.click("#confirm-yes")
    until(page, "document.querySelectorAll('#doc-text .ed.rejected').length === 0")
    assert page.inner_text("#doc-progress") == "0 of 5 decided \u00b7 0 rejected \u00b7 5 undecided"
    page.click("#edit-panel .btn.reject.small")  # the rule, from an edit: the same count, asked the same way
    assert page.inner_text("#confirm-text") == "Reject 60 fixes of rule whitespace.space-run (the whole report)?"
    page.click("#confirm-no")
    assert len(decisions(rep)) == 4
    assert page.errors == [] and page.dialogs == []

    applied = tmp_path / "applied"  # nothing stays rejected: the run's output again
    assert main(["apply", str(rep), "-o", str(applied), "-q"]) == 0
    for r in records(rep):
        assert (applied / r["id"]).read_text() == (out / r["id"]).read_text()


def test_bug_summary_shows_a_reject_all_made_from_the_filtered_list(spaced, page):
    url, rep, _ = spaced
    page.goto(url + "#docs?rule=whitespace.space-run")
    page.wait_for_selector("#bulk .btn.reject")
    page.click("#bulk .btn.reject")
    page.click("#confirm-yes")
    page.wait_for_selector("#bulk .btn.reject.on")
    page.click("#nav-summary")  # no reload
    page.wait_for_selector("table.rules tr[data-rule='whitespace.space-run'] .btn.reject.on")
    assert "60 rejected" in page.inner_text("#progress-text")


def test_bug_documents_of_fixes_and_of_flags_are_counted_apart(tmp_path, page):
    rule = "spacing.glued-name"
    fix = Edit(0, 2, "  ", " ", "spacing", rule, "why", 0.9)
    flag = Edit(3, 4, "b", "", "spacing", rule, "why", 0.4, "flag")
    docs = [("  ab", [fix], " ab"), ("  ab", [fix, flag], " ab"), ("x  b", [flag], "x  b"), ("x  b", [flag], "x  b")]
    summary = Summary()
    with ReportWriter(tmp_path / "rep", summary) as report:
        for n, (original, edits, text) in enumerate(docs):
            result = Result(text, edits, {}, original, f"d{n}")
            report.add(result)
            summary.add(result)
    page.goto((tmp_path / "rep/report.html").as_uri())
    page.wait_for_selector("#summary-cards")
    fixes_row = page.locator("#fix-rules table.rules tr[data-rule='spacing.glued-name'] td.n").all_inner_texts()
    flags_row = page.locator("table.rules").nth(1).locator(f"tr[data-rule='{rule}'] td.n").all_inner_texts()
    assert fixes_row == ["2", "2"] and flags_row == ["3", "3"]  # (count, documents): not 4 documents
    page.click(f"#fix-rules button.linkish >> text={rule}")
    page.wait_for_selector("#doc-rows tr.click")
    assert page.locator("#doc-rows tr.click").count() == 2


def test_bug_bidi_controls_in_ids_and_rejects_are_named_boxes(tmp_path, page):
    dump = write_dump(tmp_path / "in")
    (dump / "xss/ids.jsonl").write_text(json.dumps({"id": "evil\u202etxt.exe", "text": "Glued  text.\n"}) + "\n")
    (dump / "xss/bad\u202egnp.jsonl").write_text("[1]\n")
    out, rep = tmp_path / "out", tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(out), "--format", "jsonl", "--report", str(rep), "-q"]) == 1
    page.goto((rep / "report.html").as_uri())
    page.wait_for_selector("#summary-cards")
    rejects = page.locator("td.docid").filter(has=page.locator(".cc"))
    assert rejects.count() == 1 and rejects.locator(".cc").inner_text() == "RLO"
    assert "\u202e" not in rejects.inner_text()
    page.goto((rep / "report.html").as_uri() + "#docs")
    page.wait_for_selector("#doc-rows tr.click")
    cell = page.locator("#doc-rows td.docid").filter(has=page.locator(".cc"))
    assert cell.count() == 1 and cell.inner_text() == "evilRLOtxt.exe"
    n = next(n for n, r in enumerate(records(rep)) if r["id"] == "evil\u202etxt.exe")
    cell.click()
    page.wait_for_selector("#doc-text .ed")
    assert page.locator("#doc-id .cc").inner_text() == "RLO"
    assert page.inner_text("#doc-n") == f"#{n}"  # the number decisions.jsonl and edits.jsonl use
    assert page.title() == "evil[RLO]txt.exe \u2014 cleaner report"
    assert page.errors == []


def test_bug_document_numbers_agree_with_decisions(spaced, page):
    url, rep, _ = spaced
    page.goto(url + "#docs?sort=order")
    page.wait_for_selector("#doc-rows tr.click")
    numbers = [int(x) for x in page.locator("#doc-rows td:first-child").all_inner_texts()]
    assert numbers == list(range(12))
    page.locator("#doc-rows tr.click").nth(4).click()
    page.wait_for_selector("#edit-panel #edit-state")
    assert page.inner_text("#doc-n") == "#4"
    page.click("#reject-edit")
    page.wait_for_selector("#edit-state.reject")
    [line] = decisions(rep)
    assert line["doc"] == 4 and records(rep)[4]["id"] == line["id"] == page.inner_text("#doc-id")


def test_search_reads_the_documents_text(run, page):
    _, _, rep = run
    docs = records(rep)
    data = ReportData(rep)
    texts = {d.id: d.original for d in data.documents() if d.original}
    index = "\n".join(row[1] + "\n" + row[6] for row in data.index["docs"]).lower()
    word = next(w for t in texts.values() for w in t.lower().split() if w.isalpha() and len(w) > 6
                and w not in index)
    holding = {id for id, t in texts.items() if word in t.lower()}
    page.goto((rep / "report.html").as_uri() + "#docs?q=" + word)
    until(page, "document.body.dataset.search === 'done'")
    until(page, f"document.querySelectorAll('#doc-rows td.docid').length === {len(holding)}")
    assert set(page.locator("#doc-rows td.docid").all_inner_texts()) == holding
    assert len(docs) > len(holding)


def test_the_queue_sorts_filters_by_confidence_and_pages(tmp_path, page):
    summary = Summary()
    with ReportWriter(tmp_path / "rep", summary) as report:
        for result in synthetic.results(30, 12):
            report.add(result)
            summary.add(result)
    edits = [e for r in records(tmp_path / "rep") for e in r["edits"]]
    glued = sorted(e["confidence"] for e in edits if e["rule"] == "spacing.glued-words")
    page.goto((tmp_path / "rep/report.html").as_uri() + "#queue?rule=spacing.glued-words&sort=conf")
    shown(page)
    confs = [float(x.split()[1]) for x in page.locator(".hunk-head .mono").all_inner_texts()]
    assert confs == [round(c, 2) for c in glued[:20]]
    page.keyboard.press("]")
    until(page, "location.hash.includes('page=1')")
    shown(page)
    confs = [float(x.split()[1]) for x in page.locator(".hunk-head .mono").all_inner_texts()]
    assert confs == [round(c, 2) for c in glued[20:40]]
    page.goto((tmp_path / "rep/report.html").as_uri() + "#queue?kind=flag&min=0.5&max=0.8&sort=conf-desc")
    shown(page)
    flags = sorted((e["confidence"] for e in edits if e["kind"] == "flag" and 0.5 <= e["confidence"] <= 0.8),
                   reverse=True)
    assert page.inner_text("#q-summary").startswith(f"{len(flags)} edits (0 fixes, {len(flags)} flags)")
    confs = [float(x.split()[1]) for x in page.locator(".hunk-head .mono").all_inner_texts()]
    assert confs == [round(c, 2) for c in flags[:20]]
    assert page.locator(".hunk .hl.flagline mark.flagged").count() == len(confs)
    assert page.errors == []


def test_a_page_by_confidence_is_drawn_from_the_queue_files_as_its_chunks_would_draw_it(tmp_path, page):
    summary = Summary()
    with ReportWriter(tmp_path / "rep", summary) as report:
        for result in synthetic.results(400, 12):      # 3 chunks of 200 documents at most
            report.add(result)
            summary.add(result)
    url = (tmp_path / "rep/report.html").as_uri()
    for query in ("rule=spacing.glued-words&sort=conf", "kind=flag&sort=conf-desc&page=1"):
        page.goto("about:blank")                                           # a new page: nothing loaded
        page.goto(url + "#queue?" + query)
        shown(page)
        loaded = page.eval_on_selector_all("script[src]", "ss => ss.map((s) => s.getAttribute('src').split('/').pop())")
        assert not [x for x in loaded if x.startswith("chunk-")]            # no document text was loaded
        assert [x for x in loaded if x.startswith("queue-")]
        drawn = page.eval_on_selector_all(".hunk", "hs => hs.map((h) => h.innerHTML)")
        assert len(drawn) == 20
        docs = {int(a.split("/")[1].split("?")[0]) for a in
                page.eval_on_selector_all(".hunk-head a", "as => as.map((a) => a.getAttribute('href'))")}
        for n in docs:                                                     # their chunks, now in memory
            page.evaluate(f"location.hash = '#doc/{n}'")
            until(page, f"location.hash === '#doc/{n}' && !!document.querySelector('#doc-text .ed')")
        page.evaluate("document.body.dataset.queueHash = ''")
        page.evaluate(f"location.hash = '#queue?{query}'")
        shown(page)
        assert page.eval_on_selector_all(".hunk", "hs => hs.map((h) => h.innerHTML)") == drawn
    assert page.errors == []


def test_the_queue_of_a_100000_edit_report(tmp_path, page):
    """Page generation at the size the queue is for (timed in benchmarks/report_html.py --edits, not here)."""
    summary = Summary()
    lowest = {}
    with ReportWriter(tmp_path / "rep", summary) as report:
        for result in synthetic.results(5000, 20):
            report.add(result)
            summary.add(result)
            for e in result.edits:
                lowest[e.rule] = min(lowest.get(e.rule, 1.0), e.confidence)
    assert summary.to_dict()["edits"]["total"] == 100_000
    page.goto((tmp_path / "rep/report.html").as_uri() + "#queue?rule=whitespace.space-run&sort=conf")
    shown(page)
    assert page.inner_text("#q-summary").startswith("30,000 edits (30,000 fixes, 0 flags)")
    assert page.locator(".hunk").count() == 20
    first = page.locator(".hunk-head .mono").first.inner_text()
    assert first == f"confidence {lowest['whitespace.space-run']:.2f}"
    assert page.inner_text("#q-page") == "page 1 of 1,500"
    assert page.errors == []


def test_a_reworded_span_shows_which_characters_changed(run, page):
    _, _, rep = run
    n, i, e = next((n, i, e) for n, r in enumerate(records(rep)) for i, e in enumerate(r["edits"])
                   if e["rule"] == "encoding.mojibake" and e["before"][:1] == e["after"][:1])
    head = len(os.path.commonprefix([e["before"], e["after"]]))
    tail = len(os.path.commonprefix([e["before"][head:][::-1], e["after"][head:][::-1]]))
    page.goto((rep / "report.html").as_uri() + f"#doc/{n}?edit={i}")
    page.wait_for_selector("#change-before del")
    assert page.inner_text("#change-before del") == e["before"][head:len(e["before"]) - tail]
    assert page.inner_text("#change-after ins") == e["after"][head:len(e["after"]) - tail]
    assert page.inner_text("#change-after") == e["after"]
    page.goto((rep / "report.html").as_uri() + "#queue?rule=encoding.mojibake")
    shown(page)
    hunk = page.locator(f".hunk:has(a[href='#doc/{n}?edit={i}'])")
    assert hunk.locator(".hl.old del").inner_text() == e["before"][head:len(e["before"]) - tail]
    assert hunk.locator(".hl.new ins").inner_text() == e["after"][head:len(e["after"]) - tail]


def test_an_inserted_space_is_a_visible_box(run, page):
    _, _, rep = run
    n, i = next((n, i) for n, r in enumerate(records(rep)) for i, e in enumerate(r["edits"])
                if e["kind"] == "fix" and e["before"] == "" and e["after"] == " ")
    page.goto((rep / "report.html").as_uri() + f"#doc/{n}?edit={i}")
    page.wait_for_selector(f"#edit-{i} ins .ws")
    box = page.locator(f"#edit-{i} ins .ws")
    assert box.inner_text() == "\u2423"
    assert box.evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)") >= 1
    page.goto((rep / "report.html").as_uri() + "#queue?kind=fix")
    shown(page)
    hunk = page.locator(f".hunk:has(a[href='#doc/{n}?edit={i}'])")
    assert hunk.locator(".hl.new ins.space").inner_text() == "\u2423"
    assert hunk.locator(".hl.old .caret").count() == 1  # where it goes in the original


def test_an_edit_after_an_emoji_is_marked_where_it_is(tmp_path, page):
    # Edits count characters, a JavaScript string UTF-16 units: the page showed "e " here, one
    # character early, for every emoji before the edit.
    dump = tmp_path / "in"
    dump.mkdir()
    (dump / "a.txt").write_text("Party \U0001F600\U0001F389 time  now here.\n", encoding="utf-8")
    assert main(["clean", str(dump), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "rep"), "-q"]) == 0
    page.goto((tmp_path / "rep/report.html").as_uri() + "#doc/0?edit=0")
    until(page, "!!document.querySelector('#doc-text .ed')")
    assert page.inner_text("#change-before") == "␣␣"
    assert page.inner_text("#doc-text").startswith("Party \U0001F600\U0001F389 time")
    page.goto((tmp_path / "rep/report.html").as_uri() + "#queue")
    shown(page)
    assert page.locator(".hunk .hl.old del").inner_text() == "␣"
    assert page.errors == []


def test_the_run_panel_names_the_settings_given_on_the_command_line(tmp_path, page):
    """A run configured by --set and --disable alone showed "built-in default" as its config."""
    dump = tmp_path / "in"
    dump.mkdir()
    (dump / "a.txt").write_text("Some  text here.\n", encoding="utf-8")
    rep = tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(tmp_path / "out"), "--report", str(rep), "-q", "--isolated",
                 "--set", "stage.whitespace.max_blank_lines=2", "--disable", "spelling"]) == 0
    page.goto((rep / "report.html").as_uri())
    page.wait_for_selector("#summary-cards")
    config = page.locator("dl.kv dt:text-is('config') + dd").inner_text()
    assert config == "built-in default, then --set stage.whitespace.max_blank_lines=2, then --disable spelling"


def test_the_summary_names_the_languages_and_what_no_stage_could_read(tmp_path, page):
    dump = tmp_path / "in"
    dump.mkdir()
    (dump / "en.txt").write_text("The goverment said it would recieve the report next week in Brussels.\n")
    (dump / "pl.txt").write_text("Rząd przyjął nowy budżet, a ministrowie zgodzili się na zwiększenie wydatków "
                                 "na obronę w przyszłym roku.\n")
    rep = tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(tmp_path / "out"), "--report", str(rep), "-q", "--isolated"]) == 0
    page.goto((rep / "report.html").as_uri())
    page.wait_for_selector("#summary-cards")
    assert page.inner_text("#summary-languages") == "Languages: en 1 \u00b7 pl 1"
    assert page.locator(".note.warning").all_inner_texts() == [
        "The spacing stage has no word list for 1 document: pl (1).",
        "The spelling stage has no word list for 1 document: pl (1)."]
