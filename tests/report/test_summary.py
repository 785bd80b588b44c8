"""Summary counts and the report folder."""
import json
import os

import pytest

from cleaner import Edit, Result
from cleaner.io import Reject
from cleaner.report import ReportWriter, Summary


def edit(start, end, before, after, stage, rule, kind="fix", parts=()):
    return Edit(start, end, before, after, stage, rule, "why", 1.0, kind, parts)


MERGED = edit(0, 2, "A\u00a0", "a ", "encoding+whitespace", "encoding.x+whitespace.y", parts=(
    edit(0, 1, "A", "a", "encoding", "encoding.x"), edit(1, 2, "\u00a0", " ", "whitespace", "whitespace.y")))


def test_counts():
    s = Summary()
    s.add(Result("a b", [MERGED, edit(2, 3, "b", "", "spelling", "spelling.unknown", "flag")], {}, "A\u00a0b", "1"))
    s.add(Result("same", [], {}, "same", "2"))
    s.reject()
    d = s.to_dict()
    assert d["documents"] == {"in": 3, "out": 2, "rejected": 1, "changed": 1}
    assert d["edits"] == {"total": 2, "fixes": 1, "flags": 1,
                          "by_stage": {"encoding": 1, "spelling": 1, "whitespace": 1},
                          "by_rule": {"encoding.x": 1, "spelling.unknown": 1, "whitespace.y": 1}}
    assert d["chars"] == {"in": 7, "out": 7}
    assert s.line().startswith("3 documents in, 2 out, 1 rejected; 2 edits (1 fix, 1 flag); ")


def test_report_appears_at_commit_and_an_abort_keeps_the_last_one(tmp_path):
    summary = Summary(pipeline=[{"stage": "x", "options": {}}], options={"jobs": 1})
    with ReportWriter(tmp_path, summary) as report:
        report.add(Result("a b", [MERGED], {"bom": True}, "A\u00a0b", "doc"))
        report.reject(Reject("bad", "in/bad.txt", "empty document"))
        summary.add(Result("a b", [MERGED], {}, "A\u00a0b", "doc"))
        summary.reject()
        assert not any(name.endswith((".jsonl", ".json")) for name in os.listdir(tmp_path))
    written = json.loads((tmp_path / "summary.json").read_text())
    data = written["report"]["data"]
    assert sorted(os.listdir(tmp_path)) == [data, "edits.jsonl", "rejects.jsonl", "report.html", "summary.json"]
    assert sorted(os.listdir(tmp_path / data)) == [
        "chunk-00000.js", "edits.js", "index.js", "queue-00000.js", "queue-00001.js"]   # a merged edit: two rules
    [line] = (tmp_path / "edits.jsonl").read_text().splitlines()
    assert json.loads(line) == {"id": "doc", "metadata": {"bom": True}, "edits": [MERGED.to_dict()]}
    assert json.loads((tmp_path / "rejects.jsonl").read_text()) == {
        "id": "bad", "source": "in/bad.txt", "reason": "empty document"}
    assert written["documents"] == {"in": 2, "out": 1, "rejected": 1, "changed": 1}
    assert written["pipeline"] == [{"stage": "x", "options": {}}] and written["options"] == {"jobs": 1}

    def files():
        return {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    before = files()
    with pytest.raises(RuntimeError), ReportWriter(tmp_path, Summary()) as report:
        report.reject(Reject("other", "x", "y"))
        raise RuntimeError("killed")
    assert files() == before
