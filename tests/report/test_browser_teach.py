"""Decisions that teach (#20), in a real browser: from an edit of the review page, an exception
(keep this token) and a rule (always fix) go into the user's pack; `cleaner rules test` passes and
the next run applies them, changing exactly those edits. Same Chromium set-up as test_browser.py."""
import json
import threading
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.report import review as review_module

from .conftest import records
from .test_browser import CHROMIUM, browser, page, shot, until  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="browser tests need Chromium: apt-get install -y chromium")

DOCS = {
    "a.txt": ("The board met to set its objectivesand plans for the year,  said the chair of the "
              "caf\u00c3\u00a9 group.\n"),
    "b.txt": "The goverment said on Monday that the plan would go ahead as agreed with the unions.\n",
    "c.txt": "Their objectivesand targets were set, and the goverment agreed  to them.\n",
}


def edit_keys(rep):
    return [{(e["start"], e["end"], e["before"], e["after"], e["rule"], e["kind"]) for e in r["edits"]}
            for r in records(rep)]


@pytest.fixture
def teaching(tmp_path, monkeypatch):
    """A run of DOCS served for review from a working folder of its own (rules/local.toml there)."""
    monkeypatch.chdir(tmp_path)
    dump = tmp_path / "in"
    dump.mkdir()
    for name, text in DOCS.items():
        (dump / name).write_text(text, encoding="utf-8")
    rep = tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(tmp_path / "out"), "--report", str(rep), "-q"]) == 0
    httpd, review = review_module.make_server(rep)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield review_module.url(httpd, review), dump, rep, tmp_path
    httpd.shutdown()
    httpd.server_close()


def open_edit(page, url, rep, doc_id, rule):
    n, r = next((n, r) for n, r in enumerate(records(rep)) if r["id"] == doc_id)
    i = next(i for i, e in enumerate(r["edits"]) if e["rule"] == rule)
    page.goto(url + f"#doc/{n}?edit={i}")
    until(page, "!!document.getElementById('keep-token')")
    assert page.inner_text("#edit-panel").count(rule) >= 1


def result_of(page):
    until(page, "document.getElementById('teach-result').className !== 'note'", timeout=60)
    return page.get_attribute("#teach-result", "class"), page.inner_text("#teach-result")


def test_a_rule_and_an_exception_written_from_decisions_apply_to_the_next_run(teaching, page):
    url, dump, rep, work = teaching
    before = edit_keys(rep)

    # Keep "objectivesand": an exception, from the spacing fix in a.txt.
    open_edit(page, url, rep, "a.txt", "spacing.glued-words")
    page.fill("#teach-reason", "the board's own word")
    page.click("#keep-token")
    cls, text = result_of(page)
    assert cls == "note ok", text
    assert "Exception rules.local/keep-objectivesand written to rules/local.toml" in text

    # Always fix "goverment" as its first suggestion: a rule, from the spelling flag in b.txt.
    open_edit(page, url, rep, "b.txt", "spelling.unknown-word")
    page.click("#always-fix")
    cls, text = result_of(page)
    assert cls == "note ok", text
    assert "Rule rules.local/goverment written to rules/local.toml" in text

    # A rule for a fix the encoding stage makes before the rules stage runs is refused, with why.
    open_edit(page, url, rep, "a.txt", "encoding.mojibake")
    page.click("#always-fix")
    cls, text = result_of(page)
    assert cls == "note error"
    assert "Not written: the encoding stage makes this fix before the rules stage runs" in text
    shot(page, "teach-refused.png")

    pack = (work / "rules" / "local.toml").read_text(encoding="utf-8")
    assert 'reason = "the board\'s own word"' in pack
    assert (pack.count("[[keep]]"), pack.count("[[rules]]")) == (1, 1)   # the refused rule is not there
    assert main(["rules", "test"]) == 0

    # The next run, from the same working folder, applies both, and changes nothing else.
    out2, rep2 = work / "out2", work / "rep2"
    assert main(["clean", str(dump), "-o", str(out2), "--report", str(rep2), "-q"]) == 0
    assert (out2 / "a.txt").read_text(encoding="utf-8") == (
        "The board met to set its objectivesand plans for the year, said the chair of the café group.\n")
    assert (out2 / "b.txt").read_text(encoding="utf-8") == (
        "The government said on Monday that the plan would go ahead as agreed with the unions.\n")
    assert (out2 / "c.txt").read_text(encoding="utf-8") == (
        "Their objectivesand targets were set, and the government agreed to them.\n")
    after = edit_keys(rep2)
    gone = [sorted((k[4], k[2], k[3]) for k in b - a) for b, a in zip(before, after)]
    came = [sorted((k[4], k[2], k[3]) for k in a - b) for b, a in zip(before, after)]
    assert gone == [[("spacing.glued-words", "", " ")],
                    [("spelling.unknown-word", "goverment", "government")],
                    [("spacing.glued-words", "", " "), ("spelling.unknown-word", "goverment", "government")]]
    assert came == [[], [("rules.local/goverment", "goverment", "government")],
                    [("rules.local/goverment", "goverment", "government")]]
    summary = json.loads((rep2 / "summary.json").read_text())
    rules_stage = next(s for s in summary["pipeline"] if s["stage"] == "rules")
    assert list(rules_stage["models"]["packs"]) == ["rules/local.toml"]
    assert page.errors == []
