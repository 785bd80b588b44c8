"""`cleaner apply` end to end: decisions honoured, output checked, deterministic, errors in one line."""
import gzip
import json
import shutil

import pytest

from cleaner import Edit
from cleaner.cli import main
from cleaner.edits import FIX, replay, undo
from cleaner.io.writers import txt_name
from cleaner.report.data import groups

from .conftest import records, report_id


def decide(rep, *lines, report=None):
    with open(rep / "decisions.jsonl", "a", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps({"report": report or report_id(rep), **line}) + "\n")


def texts(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes().decode() for p in folder.rglob("*") if p.is_file()}


def find(rep, doc_id):
    return next((n, r) for n, r in enumerate(records(rep)) if r["id"] == doc_id)


def test_without_decisions_apply_writes_the_run_output(run, tmp_path):
    _, out, rep = run
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied"), "-q"]) == 0
    assert texts(tmp_path / "applied") == texts(out)


def test_rejected_edits_and_rules_are_undone_and_nothing_else(run, tmp_path, capsys):
    dump, out, rep = run
    n, record = find(rep, "news/harbour-festival.txt")
    fixes = [i for i, e in enumerate(record["edits"]) if e["kind"] == FIX]
    decide(rep, {"scope": "edit", "doc": n, "id": record["id"], "edit": fixes[0], "decision": "reject"},
           {"scope": "rule", "rule": "whitespace.line-endings", "decision": "reject"})
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied"), "--report", str(tmp_path / "rep2")]) == 0
    assert "applied 2 decisions to" in capsys.readouterr().err
    applied, cleaned = texts(tmp_path / "applied"), texts(out)
    undone = 0
    for r in records(rep):
        edits = [Edit.from_dict(e) for e in r["edits"]]
        named = {i for i, e in enumerate(edits) if e.kind == FIX and (
            "whitespace.line-endings" in e.rules or (r["id"] == record["id"] and i == fixes[0]))}
        group_of = groups(edits)
        rejected = {i for i, g in enumerate(group_of) if g >= 0 and g in {group_of[j] for j in named}}
        stays = [e for i, e in enumerate(edits) if i not in rejected]
        source = dump / r["id"]
        if source.is_file():  # the txt inputs: the original as the pipeline saw it (a BOM is dropped)
            original = source.read_bytes().decode().removeprefix("\ufeff")
            assert applied[txt_name(r["id"])] == replay(original, stays), r["id"]
            assert undo(applied[txt_name(r["id"])], stays) == original
        original = undo(cleaned[txt_name(r["id"])], [e for e in edits if e.kind == FIX])
        assert applied[txt_name(r["id"])] == replay(original, stays)
        if not rejected:
            assert applied[txt_name(r["id"])] == cleaned[txt_name(r["id"])], r["id"]
        undone += len(rejected)
    assert undone >= 2
    assert "\r\n" in applied["news/library-reopens.txt"]
    summary = json.loads((tmp_path / "rep2/summary.json").read_text())
    used = summary["applied"]["decisions"]
    assert used["used"] == 2 and used["lines"] == 2
    import hashlib
    assert used["sha256"] == hashlib.sha256((rep / "decisions.jsonl").read_bytes()).hexdigest()
    assert summary["applied"]["report"]["id"] == report_id(rep)
    assert summary["applied"]["edits"]["rejected"] == undone
    assert (tmp_path / "rep2/report.html").is_file()


def test_jsonl_runs_apply_to_jsonl_deterministically_and_idempotently(tmp_path):
    from .conftest import write_dump
    dump = write_dump(tmp_path / "in")
    out, rep = tmp_path / "clean.jsonl.gz", tmp_path / "rep"
    assert main(["clean", str(dump), "-o", str(out), "--report", str(rep), "-q"]) == 0
    decide(rep, {"scope": "rule", "rule": "encoding.mojibake", "decision": "reject"})
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["apply", str(rep), "-o", str(first), "-q"]) == 0
    assert main(["apply", str(rep), "-o", str(second), "-q"]) == 0
    assert first.read_bytes() == second.read_bytes()
    run_records = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    applied = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in applied] == [r["id"] for r in run_records]
    assert [r["metadata"] for r in applied] == [r["metadata"] for r in run_records]
    assert any("\u00c3\u00a9" in r["text"] for r in applied)
    # in place, twice: the run's own output rewritten, and again, gives the same bytes
    assert main(["apply", str(rep), "-o", str(out), "-q"]) == 0
    once = gzip.decompress(out.read_bytes())
    assert main(["apply", str(rep), "-o", str(out), "-q"]) == 0
    assert gzip.decompress(out.read_bytes()) == once == first.read_bytes()


def test_moved_output_with_cleaned(run, tmp_path, capsys):
    _, out, rep = run
    moved = tmp_path / "moved"
    shutil.move(out, moved)
    assert main(["apply", str(rep), "-o", str(tmp_path / "x")]) == 2
    assert "the run's output folder is gone" in capsys.readouterr().err
    assert main(["apply", str(rep), "-o", str(tmp_path / "x"), "--cleaned", str(moved), "-q"]) == 0
    assert texts(tmp_path / "x") == texts(moved)


def one_line_error(capsys, code, message):
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("cleaner: error: ") and message in err and err.count("\n") == 1, err


def test_output_changed_since_the_run(run, tmp_path, capsys):
    _, out, rep = run
    (out / "news/harbour-festival.txt").write_text("something else\n")
    code = main(["apply", str(rep), "-o", str(tmp_path / "y.jsonl")])
    one_line_error(capsys, code, "is not what the report recorded")
    assert not (tmp_path / "y.jsonl").exists()


@pytest.mark.parametrize("lines, message", [
    (['{"report": "x", "scope"'], None),  # a torn last line: ignored, with a warning
    (["not json", "{}"], "line 1: not valid JSON"),
    (['{"report": "another", "scope": "rule", "rule": "r", "decision": "reject"}', ""], "for report 'another'"),
])
def test_bad_decisions_files(run, tmp_path, capsys, lines, message):
    _, out, rep = run
    (rep / "decisions.jsonl").write_text("\n".join(lines))
    code = main(["apply", str(rep), "-o", str(tmp_path / "z")])
    if message is None:
        assert code == 0 and "cut short" in capsys.readouterr().err
    else:
        one_line_error(capsys, code, message)


@pytest.mark.parametrize("line, message", [
    ({"scope": "doc", "doc": 999, "id": "x", "decision": "reject"}, "decision 1: no document 999"),
    ({"scope": "rule", "rule": "no.such-rule", "decision": "reject"}, "no fix of rule 'no.such-rule'"),
    ({"scope": "edit", "doc": 0, "id": "wrong", "edit": 0, "decision": "reject"}, "not 'wrong'"),
])
def test_decisions_naming_what_is_not_there(run, tmp_path, capsys, line, message):
    _, _, rep = run
    n, record = find(rep, "news/ferry-timetable.txt")
    line = {**line, "doc": n} if line.get("doc") == 0 else line
    decide(rep, line)
    one_line_error(capsys, main(["apply", str(rep), "-o", str(tmp_path / "z")]), message)


def test_missing_or_foreign_report(tmp_path, capsys):
    one_line_error(capsys, main(["apply", str(tmp_path / "none"), "-o", str(tmp_path / "o")]), "no such report folder")
    (tmp_path / "r").mkdir()
    one_line_error(capsys, main(["apply", str(tmp_path / "r"), "-o", str(tmp_path / "o")]), "no summary.json")


def test_the_applied_report_cannot_overwrite_its_source(run, capsys):
    _, out, rep = run
    one_line_error(capsys, main(["apply", str(rep), "-o", str(out), "--report", str(rep)]), "another folder")


def test_bulk_decisions_and_their_undos_apply_exactly(run, tmp_path):
    """A rule rejected, one of its edits accepted, a document rejected then undone, a second rule
    rejected then undone: only the first rule's other fixes are undone."""
    _, out, rep = run
    n, record = find(rep, "news/harbour-festival.txt")
    line_endings = [(m, i) for m, r in enumerate(records(rep)) for i, e in enumerate(r["edits"])
                    if e["kind"] == FIX and "whitespace.line-endings" in e["rule"].split("+")]
    assert len(line_endings) >= 2
    kept_n, kept_i = line_endings[0]
    kept_id = records(rep)[kept_n]["id"]
    decide(rep, {"scope": "rule", "rule": "whitespace.line-endings", "decision": "reject"},       # 0
           {"scope": "edit", "doc": kept_n, "id": kept_id, "edit": kept_i, "decision": "accept"},  # 1
           {"scope": "doc", "doc": n, "id": record["id"], "decision": "reject"},                   # 2
           {"scope": "undo", "line": 2},
           {"scope": "rule", "rule": "encoding.mojibake", "decision": "reject"},                   # 4
           {"scope": "undo", "line": 4})
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied"), "-q"]) == 0
    applied, cleaned = texts(tmp_path / "applied"), texts(out)
    undone = 0
    for m, r in enumerate(records(rep)):
        edits = [Edit.from_dict(e) for e in r["edits"]]
        group_of = groups(edits)
        kept_group = group_of[kept_i] if m == kept_n else None
        named = {i for i, e in enumerate(edits) if e.kind == FIX and "whitespace.line-endings" in e.rules}
        rejected = {i for i, g in enumerate(group_of)
                    if g >= 0 and g != kept_group and g in {group_of[j] for j in named}}
        original = undo(cleaned[txt_name(r["id"])], [e for e in edits if e.kind == FIX])
        assert applied[txt_name(r["id"])] == replay(original, [e for i, e in enumerate(edits) if i not in rejected]), r["id"]
        undone += len(rejected)
    assert undone == len(line_endings) - 1 >= 1


def test_an_undo_of_a_later_or_undone_line_is_refused(run, tmp_path, capsys):
    _, _, rep = run
    decide(rep, {"scope": "rule", "rule": "encoding.mojibake", "decision": "reject"},
           {"scope": "undo", "line": 0}, {"scope": "undo", "line": 0})
    one_line_error(capsys, main(["apply", str(rep), "-o", str(tmp_path / "z")]), "undone already")
