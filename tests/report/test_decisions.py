"""Decisions: parsing, the order in which they override each other, groups, the log on disk."""
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import cleaner
from cleaner import Edit
from cleaner.edits import FIX, replay
from cleaner.report import decisions as dec
from cleaner.report.decisions import (Decision, DecisionError, DecisionLog, DocEdits, Resolver, kept, load, parse,
                                      validate)

REPORT = "0123456789abcdef"


def fix(start, end, before, after, rule="whitespace.x"):
    return Edit(start, end, before, after, rule.split(".")[0], rule, "why")


# "A  b\u00a0c d" : 0-1 A→a (encoding.case), 1-3 "  "→" " (whitespace.space-run, touches the first),
# 4-5 nbsp→" " (whitespace.odd-space), 6-7 flag, 7-8 "d"→"D" (rules.cap)
EDITS = [fix(0, 1, "A", "a", "encoding.case"), fix(1, 3, "  ", " ", "whitespace.space-run"),
         fix(4, 5, "\u00a0", " ", "whitespace.odd-space"),
         Edit(6, 7, " ", "", "spelling", "spelling.flag", "why", 0.5, "flag"), fix(7, 8, "d", "D", "rules.cap")]


def d(scope, decision, **kw):
    return Decision(scope, decision, **kw)


def edit(i, value, doc=0):
    return d("edit", value, doc=doc, id="doc", edit=i)


def rule(name, value):
    return d("rule", value, rule=name)


def states(*decisions):
    return Resolver(decisions).states(0, EDITS)


def test_undecided_by_default_and_flags_never_decided():
    assert states() == [None] * 5
    assert states(d("doc", "reject", doc=0, id="doc")) == ["reject", "reject", "reject", None, "reject"]


def test_a_group_is_decided_together_whichever_edit_is_named():
    assert states(edit(1, "reject")) == ["reject", "reject", None, None, None]
    assert states(rule("encoding.case", "reject")) == ["reject", "reject", None, None, None]


def test_later_decisions_override_earlier_ones():
    assert states(rule("whitespace.odd-space", "reject"), edit(2, "accept")) == [None, None, "accept", None, None]
    assert states(edit(2, "accept"), rule("whitespace.odd-space", "reject")) == [None, None, "reject", None, None]
    assert states(d("doc", "reject", doc=0, id="doc"), edit(4, "accept"), edit(4, "clear")) == [
        "reject", "reject", "reject", None, None]
    assert states(rule("rules.cap", "reject"), d("doc", "accept", doc=0, id="doc")) == [
        "accept", "accept", "accept", None, "accept"]
    assert Resolver([edit(0, "reject", doc=1)]).states(0, EDITS) == [None] * 5  # another document


def test_kept_is_flags_and_fixes_not_rejected():
    rejected = Resolver([edit(2, "reject"), edit(4, "reject")]).rejected(0, EDITS)
    assert rejected == {2, 4}
    assert replay("A  b\u00a0c d", kept(EDITS, rejected)) == "a b\u00a0c d"


@pytest.mark.parametrize("fields, message", [
    ([], "a JSON object"),
    ({"report": "other", "scope": "rule", "rule": "x", "decision": "reject"}, "for report 'other'"),
    ({"report": REPORT, "scope": "page", "decision": "reject"}, "scope must be"),
    ({"report": REPORT, "scope": "rule", "rule": "x", "decision": "maybe"}, "decision must be"),
    ({"report": REPORT, "scope": "rule", "decision": "reject"}, "needs a rule id"),
    ({"report": REPORT, "scope": "doc", "doc": "3", "id": "a", "decision": "reject"}, "document's number"),
    ({"report": REPORT, "scope": "doc", "doc": True, "id": "a", "decision": "reject"}, "document's number"),
    ({"report": REPORT, "scope": "edit", "doc": 3, "id": "a", "edit": -1, "decision": "reject"}, "edit's index"),
])
def test_malformed_decisions(fields, message):
    with pytest.raises(DecisionError, match=message):
        parse(fields, REPORT)


@pytest.mark.parametrize("decision, message", [
    (d("doc", "reject", doc=5, id="doc"), "no document 5"),
    (d("doc", "reject", doc=0, id="other"), "is 'doc', not 'other'"),
    (edit(9, "reject"), "has no edit 9"),
    (edit(3, "reject"), "is a flag"),
    (rule("spelling.flag", "reject"), "no fix of rule"),
])
def test_decisions_must_name_what_the_report_holds(decision, message):
    with pytest.raises(DecisionError, match=message):
        validate(decision, {0: DocEdits("doc", EDITS)}, {"encoding.case", "rules.cap"})


def test_round_trip_through_a_line():
    for decision in (edit(2, "reject"), rule("rules.cap", "accept"), d("doc", "clear", doc=0, id="doc")):
        assert parse(json.loads(json.dumps(decision.to_dict(REPORT))), REPORT) == decision


def test_log_appends_whole_fsynced_lines(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(dec.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    log = DecisionLog(tmp_path, REPORT)
    log.append(edit(1, "reject"))
    log.append(rule("rules.cap", "accept"))
    assert len(synced) == 3  # each line, and the folder once when the file appeared
    loaded = load(tmp_path, REPORT)
    assert loaded.decisions == [edit(1, "reject"), rule("rules.cap", "accept")]
    assert loaded.lines == 2 and not loaded.torn
    assert all(json.loads(line)["time"] for line in (tmp_path / "decisions.jsonl").read_text().splitlines())


def test_a_torn_last_line_is_ignored_then_cut_off(tmp_path):
    log = DecisionLog(tmp_path, REPORT)
    log.append(edit(1, "reject"))
    path = tmp_path / "decisions.jsonl"
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"report": "01234')  # the server died inside a write
    loaded = load(tmp_path, REPORT)
    assert loaded.torn and loaded.decisions == [edit(1, "reject")]
    log = DecisionLog(tmp_path, REPORT)  # a restarted server
    assert log.repaired and path.read_bytes() == whole
    log.append(edit(2, "reject"))
    assert load(tmp_path, REPORT).decisions == [edit(1, "reject"), edit(2, "reject")]


def test_a_bad_line_in_the_middle_is_an_error(tmp_path):
    path = tmp_path / "decisions.jsonl"
    path.write_text('{"report": "0123456789abcdef", "scope": "rule", "rule": "a", "decision": "reject"}\n'
                    'oops\n{"report": "0123456789abcdef", "scope": "rule", "rule": "a", "decision": "accept"}\n')
    with pytest.raises(DecisionError, match="line 2: not valid JSON"):
        load(tmp_path, REPORT)
    path.write_text('{"report": "another", "scope": "rule", "rule": "a", "decision": "reject"}\n')
    with pytest.raises(DecisionError, match="line 1: the decision is for report 'another'"):
        load(tmp_path, REPORT)


def test_no_file_no_decisions(tmp_path):
    assert load(tmp_path, REPORT) == dec.Loaded([], 0, "")


# Applying a subset of decisions = the cleaned text with exactly the rejected fixes undone.
TEXT = st.lists(st.sampled_from([
    "caf\u00c3\u00a9", "  ", "\r\n", "\u00a0", "\u200b", "word", "infrastructurein", "today.The", " ", "\n\n\n\n",
    "&amp;", "\u00e2\u20ac\u0153Hi\u00e2\u20ac\u009d", "x", "Stoltenberg", "fought\u201dStoltenberg", ".",
]), min_size=1, max_size=25).map("".join)


def undo_in_output(cleaned: str, edits: list[Edit], rejected: set[int]) -> str:
    """An independent oracle: put `before` back for each rejected fix, where it sits in the output."""
    shift, spots = 0, []
    for i, e in enumerate(edits):
        if e.kind != FIX:
            continue
        if i in rejected:
            spots.append((e.start + shift, len(e.after), e.before))
        shift += len(e.after) - len(e.before)
    for at, length, before in reversed(spots):
        cleaned = cleaned[:at] + before + cleaned[at + length:]
    return cleaned


@given(TEXT, st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_apply_undoes_exactly_the_rejected_fixes(text, data):
    r = cleaner.clean(text)
    fixes = [i for i, e in enumerate(r.edits) if e.kind == FIX]
    chosen = data.draw(st.lists(st.sampled_from(fixes), unique=True) if fixes else st.just([]))
    values = data.draw(st.lists(st.sampled_from(["accept", "reject", "clear"]), min_size=len(chosen),
                                max_size=len(chosen)))
    decisions = [edit(i, v) for i, v in zip(chosen, values)]
    resolver = Resolver(decisions)
    rejected = resolver.rejected(0, r.edits)
    group_of = dec.groups(r.edits)
    for i in rejected:  # a rejection takes its whole group along
        assert {j for j in fixes if group_of[j] == group_of[i]} <= rejected
    applied = replay(text, kept(r.edits, rejected))
    assert applied == undo_in_output(r.text, r.edits, rejected)
    assert replay(applied, []) == applied and cleaner.edits.undo(applied, kept(r.edits, rejected)) == text
    assert replay(text, kept(r.edits, Resolver(decisions).rejected(0, r.edits))) == applied  # deterministic


def undo(line):
    return d("undo", "undo", line=line)


def test_an_undo_takes_a_line_back_as_if_it_was_never_written():
    reject_rule = rule("whitespace.odd-space", "reject")
    assert states(edit(2, "accept"), reject_rule, undo(1)) == [None, None, "accept", None, None]
    assert states(reject_rule, edit(2, "accept"), undo(0)) == [None, None, "accept", None, None]
    assert states(d("doc", "reject", doc=0, id="doc"), edit(4, "accept"), undo(0)) == [
        None, None, None, None, "accept"]
    assert states(edit(0, "reject"), undo(0), edit(0, "accept")) == ["accept", "accept", None, None, None]


def test_an_undo_must_name_an_earlier_decision_not_yet_undone():
    parsed = parse({"report": REPORT, "scope": "undo", "line": 1}, REPORT)
    assert parsed == undo(1) and parsed.to_dict(REPORT) == {"report": REPORT, "scope": "undo", "line": 1}
    with pytest.raises(DecisionError, match="needs the number"):
        parse({"report": REPORT, "scope": "undo"}, REPORT)
    dec.check_all([edit(0, "reject"), undo(0), edit(1, "accept"), undo(2)])
    for bad in ([undo(0)], [edit(0, "reject"), undo(1)], [edit(0, "reject"), undo(0), undo(0)],
                [edit(0, "reject"), undo(0), undo(1)]):
        with pytest.raises(DecisionError):
            dec.check_all(bad)
    with pytest.raises(DecisionError, match="undone already"):
        dec.check_undo(undo(0), [edit(0, "reject"), undo(0)])
    with pytest.raises(DecisionError, match="no decision 3"):
        dec.check_undo(undo(3), [edit(0, "reject")])
