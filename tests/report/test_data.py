"""Report data: escaping of untrusted text, chunk files, groups, the report id."""
import json
import re

import pytest

from cleaner import Edit, Result
from cleaner.report import ReportWriter, Summary, data
from cleaner.report.data import ReportData, ReportError, groups, js_call, js_payload, read_js_call
from cleaner.report.html import build_page

HOSTILE = ["</script><script>alert(1)</script>", "<!-- <script>", "a & b > c", "\u2028\u2029", "\ud800 lone",
           "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\u202eevil", '"quoted" \\ back']


@pytest.mark.parametrize("text", HOSTILE)
def test_payload_cannot_close_a_script_or_open_a_comment(text):
    out = js_payload({"k": text, text: [text]})
    assert out.isascii()
    assert not set("<>&") & set(out)
    assert json.loads(out) == {"k": text, text: [text]}


def test_js_call_reads_back(tmp_path):
    path = tmp_path / "c.js"
    path.write_bytes(js_call("chunk", 3, [HOSTILE]))
    assert path.read_text().startswith("cleanerReport.chunk(3,")
    assert read_js_call(path, "chunk") == [3, [HOSTILE]]
    with pytest.raises(ReportError):
        read_js_call(path, "index")


def fix(start, end, before, after, rule="whitespace.x"):
    return Edit(start, end, before, after, rule.split(".")[0], rule, "why")


def flag(start, end, before, rule="spelling.y"):
    return Edit(start, end, before, "", rule.split(".")[0], rule, "why", 0.5, "flag")


def test_touching_fixes_form_a_group_and_flags_have_none():
    edits = [fix(0, 1, " ", ""), fix(1, 5, "date", "Date:"), flag(3, 8, "e 201"), fix(9, 10, "x", "y"),
             fix(10, 10, "", " "), fix(12, 13, "z", "")]
    assert groups(edits) == [0, 0, -1, 3, 3, 5]
    assert groups([]) == []


def write_report(folder, docs, summary=None):
    summary = summary or Summary()
    with ReportWriter(folder, summary) as report:
        for n, (original, edits, text) in enumerate(docs):
            result = Result(text, edits, {"title": "T"}, original, f"d{n}")
            report.add(result)
            summary.add(result)
    return ReportData(folder)


DOCS = [("a  b", [fix(1, 3, "  ", " ")], "a b"), ("clean", [], "clean"),
        ("x\u00a0y", [fix(1, 2, "\u00a0", " ")], "x y")]


def test_only_documents_with_edits_are_stored_and_read_back_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "CHUNK_DOCS", 1)
    report = write_report(tmp_path, DOCS)
    assert report.index["chunks"] == ["chunk-00000.js", "chunk-00001.js"]
    assert [row[0] for row in report.index["docs"]] == [0, 2]
    docs = list(report.documents())
    assert [(d.n, d.original) for d in docs] == [(0, "a  b"), (1, None), (2, "x\u00a0y")]
    assert docs[2].edits == [fix(1, 2, "\u00a0", " ")]
    assert report.fix_rules() == {"whitespace.x"}


def test_the_report_id_is_the_content(tmp_path):
    a = write_report(tmp_path / "a", DOCS).id
    assert write_report(tmp_path / "b", DOCS).id == a
    other = [("a  c", [fix(1, 3, "  ", " ")], "a c")] + DOCS[1:]  # same edits, other text
    assert write_report(tmp_path / "c", other).id != a


def test_a_new_run_replaces_the_data_folder_and_leaves_decisions_alone(tmp_path):
    first = write_report(tmp_path, DOCS).data.name
    (tmp_path / "decisions.jsonl").write_text("the reviewer's\n")
    second = write_report(tmp_path, DOCS[:1]).data.name
    assert first != second
    assert [p.name for p in tmp_path.glob("data-*")] == [second]
    assert not list(tmp_path.glob(".data-*"))
    assert (tmp_path / "decisions.jsonl").read_text() == "the reviewer's\n"


def test_not_a_report(tmp_path):
    with pytest.raises(ReportError, match="no such report folder"):
        ReportData(tmp_path / "nope")
    with pytest.raises(ReportError, match="no summary.json"):
        ReportData(tmp_path)
    (tmp_path / "summary.json").write_text("{}")
    with pytest.raises(ReportError, match="no document data"):
        ReportData(tmp_path)


def test_page_holds_its_code_by_hash_and_document_text_only_escaped():
    summary = Summary(options={"inputs": ["</script><script>alert(1)</script>"]}).to_dict()
    summary["report"] = {"id": "0123456789abcdef", "data": "data-0123456789abcdef"}
    rejects = [{"id": "<b>", "source": "<img src=x onerror=alert(1)>", "reason": "</script>"}]
    page = build_page(summary, {"<script>": [1, 0, 1, 0]}, {"<script>": "x"}, rejects).decode()
    assert page.count("<script") == 2 and page.count("</script>") == 2
    payload = page.split('<script type="application/json" id="payload">', 1)[1].split("</script>", 1)[0]
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload)["rejects"] == rejects
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "default-src 'none'" in csp
    import base64
    import hashlib
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    for code in (script, style):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not re.search(r"(?i)</?script|<!--", script + style)  # nothing that could end the inline code early
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_edits_file_has_each_edit_its_rules_kind_confidence_and_group(tmp_path):
    merged = Edit(5, 6, "\u00e9", "e", "encoding", "encoding.a+whitespace.b", "why", 0.75,
                  parts=(fix(5, 6, "\u00e9", "x", "encoding.a"), fix(5, 6, "x", "e", "whitespace.b")))
    docs = [("a  b\u00e9 cd", [fix(1, 3, "  ", " "), fix(3, 4, "b", "B", "rules.r"), merged,
                              Edit(7, 9, "cd", "dc", "spelling", "spelling.y", "why", 0.5, "flag")], "a Be dc"),
            ("clean", [], "clean"), ("x\u00a0y", [fix(1, 2, "\u00a0", " ")], "x y")]
    report = write_report(tmp_path, docs)
    [got] = read_js_call(report.data / "edits.js", "edits")
    rules = report.rules
    combos = [[rules[r] for r in c] for c in got["combos"]]
    rows = [got["edits"][k:k + 5] for k in range(0, len(got["edits"]), 5)]
    assert [(n, i, combos[key >> 1], key & 1, conf, group) for n, i, key, conf, group in rows] == [
        (0, 0, ["whitespace.x"], 0, 1000, 0), (0, 1, ["rules.r"], 0, 1000, 0),
        (0, 2, ["encoding.a", "whitespace.b"], 0, 750, 2), (0, 3, ["spelling.y"], 1, 500, -1),
        (2, 0, ["whitespace.x"], 0, 1000, 0)]
    empty = write_report(tmp_path / "empty", [("clean", [], "clean")])
    assert read_js_call(empty.data / "edits.js", "edits") == [{"combos": [], "edits": []}]


def test_documents_of_a_rule_are_counted_apart_for_its_fixes_and_its_flags(tmp_path):
    both = [fix(0, 1, "a", "A", "spacing.g"), Edit(2, 3, "c", "", "spacing", "spacing.g", "why", 0.3, "flag")]
    docs = [("a c", both, "A c"), ("b", [fix(0, 1, "b", "B", "spacing.g")], "B"),
            ("d e", [Edit(2, 3, "e", "", "spacing", "spacing.g", "why", 0.3, "flag")], "d e")]
    folder = tmp_path / "r"
    summary = Summary()
    with ReportWriter(folder, summary) as report:
        for n, (original, edits, text) in enumerate(docs):
            report.add(Result(text, edits, {}, original, f"d{n}"))
        counts = report._data.counts
    assert counts["spacing.g"] == [2, 2, 2, 2]   # fixes, flags, documents with fixes, with flags
    page = (folder / "report.html").read_text()
    payload = json.loads(page.split('id="payload">', 1)[1].split("</script>", 1)[0])
    assert payload["rules"] == [["spacing.g", "spacing", 2, 2, 2, 2]]
