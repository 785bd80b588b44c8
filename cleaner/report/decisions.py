"""Decisions: a reviewer's accept/reject of edits, kept in `decisions.jsonl` beside the report.

One line per decision, appended as it is made (flushed and fsync'ed), never
rewritten:

    {"report": "3f2a…", "scope": "edit", "doc": 12, "id": "news/a.txt", "edit": 3, "decision": "reject", "time": "…"}
    {"report": "3f2a…", "scope": "doc",  "doc": 12, "id": "news/a.txt", "decision": "accept", "time": "…"}
    {"report": "3f2a…", "scope": "rule", "rule": "spacing.glued-words", "decision": "reject", "time": "…"}

    {"report": "3f2a…", "scope": "undo", "line": 2, "time": "…"}

`doc` is the document's number in the report (its line in edits.jsonl, 0 for
the first), `id` repeats its id as a check, `edit` is the edit's index in that
document's edits. `decision` is "accept", "reject" or "clear" (back to
undecided). An "undo" line takes back the decision of an earlier line, `line`
counted from 0 over the file's decisions: the states are then what they would
be had that line never been written. That is how a bulk decision (a rule, a
document) is undone exactly, whatever the states it overrode were.

An edit's state is the decision of the *last* line that names it: the edit
itself or any edit of its group, its document, or any rule of its group. So
"reject rule X" and then "accept" one edit of X keeps that edit, and a later
"reject rule X" rejects it again. Undecided fixes stay, as the run made them:
only a rejected fix is undone. Flags change nothing and take no decision.

A group is a run of touching fixes (`data.groups`): they are decided
together, whichever of them a decision names. Everything here is pure and
deterministic; `DecisionLog` is the only part that writes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..edits import FIX, Edit
from ..io.atomic import fsync_folder
from .data import groups

FILE = "decisions.jsonl"
SCOPES = ("edit", "doc", "rule", "undo")
VALUES = ("accept", "reject", "clear")


class DecisionError(ValueError):
    """A decision that is malformed or names something the report does not hold."""


@dataclass(frozen=True)
class Decision:
    scope: str
    decision: str
    doc: int | None = None
    id: str | None = None
    edit: int | None = None
    rule: str | None = None
    line: int | None = None   # the decision an "undo" takes back

    def to_dict(self, report: str) -> dict:
        d = {"report": report, "scope": self.scope}
        if self.scope == "undo":
            d["line"] = self.line
            return d
        if self.scope == "rule":
            d["rule"] = self.rule
        else:
            d["doc"], d["id"] = self.doc, self.id
            if self.scope == "edit":
                d["edit"] = self.edit
        d["decision"] = self.decision
        return d


def parse(fields: object, report: str) -> Decision:
    """A Decision from a decoded JSON line or request body; DecisionError says what is wrong."""
    if not isinstance(fields, dict):
        raise DecisionError("a decision is a JSON object")
    if fields.get("report") != report:
        raise DecisionError(f"the decision is for report {fields.get('report')!r}, this is report {report!r} "
                            "(a new run replaced the report? move decisions.jsonl away)")
    scope, value = fields.get("scope"), fields.get("decision")
    if scope not in SCOPES:
        raise DecisionError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if scope == "undo":
        if not _whole(fields.get("line")):
            raise DecisionError("an undo needs the number of the decision it takes back (line, from 0)")
        return Decision(scope, "undo", line=fields["line"])
    if value not in VALUES:
        raise DecisionError(f"decision must be one of {', '.join(VALUES)}, not {value!r}")
    if scope == "rule":
        rule = fields.get("rule")
        if not isinstance(rule, str) or not rule:
            raise DecisionError("a rule decision needs a rule id")
        return Decision(scope, value, rule=rule)
    doc, id = fields.get("doc"), fields.get("id")
    if not _whole(doc) or not isinstance(id, str):
        raise DecisionError("an edit or document decision needs the document's number (doc) and id")
    if scope == "doc":
        return Decision(scope, value, doc, id)
    edit = fields.get("edit")
    if not _whole(edit):
        raise DecisionError("an edit decision needs the edit's index (edit)")
    return Decision(scope, value, doc, id, edit)


def _whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


@dataclass(frozen=True)
class DocEdits:
    """What a decision is checked against: a document's id and its edits."""

    id: str
    edits: Sequence[Edit]


def validate(decision: Decision, docs: dict[int, DocEdits] | None, rules: Iterable[str]) -> None:
    """Raise DecisionError unless the decision names a document, a fix or a fix rule of the report.

    `docs` maps document numbers to their edits (None: skip document checks,
    for a caller that checks them while it reads the documents).
    """
    if decision.scope == "rule":
        if decision.rule not in rules:
            raise DecisionError(f"no fix of rule {decision.rule!r} in this report")
        return
    if docs is None:
        return
    doc = docs.get(decision.doc)
    if doc is None:
        raise DecisionError(f"no document {decision.doc} with edits in this report")
    if doc.id != decision.id:
        raise DecisionError(f"document {decision.doc} is {doc.id!r}, not {decision.id!r}")
    if decision.scope == "edit":
        if decision.edit >= len(doc.edits):
            raise DecisionError(f"document {decision.doc} has no edit {decision.edit}")
        if doc.edits[decision.edit].kind != FIX:
            raise DecisionError(f"edit {decision.edit} of document {decision.doc} is a flag: it changes nothing")


def check_undo(decision: Decision, earlier: Sequence[Decision]) -> None:
    """Raise DecisionError unless an undo takes back an earlier decision, not yet taken back."""
    if decision.scope != "undo":
        return
    if decision.line >= len(earlier):
        raise DecisionError(f"no decision {decision.line} to undo (there are {len(earlier)})")
    if earlier[decision.line].scope == "undo":
        raise DecisionError(f"decision {decision.line} is an undo itself: decide again instead")
    if any(d.scope == "undo" and d.line == decision.line for d in earlier):
        raise DecisionError(f"decision {decision.line} is undone already")


def check_all(decisions: Sequence[Decision]) -> None:
    """check_undo for every line of a file, against the lines before it (DecisionError names the line)."""
    undone: set[int] = set()
    for number, d in enumerate(decisions):
        if d.scope != "undo":
            continue
        if d.line >= number or decisions[d.line].scope == "undo" or d.line in undone:
            raise DecisionError(f"decision {number}: undo of decision {d.line}, which is later, an undo "
                                "or undone already")
        undone.add(d.line)


class Resolver:
    """Which fixes of a document the decisions reject (the last decision naming a group wins)."""

    def __init__(self, decisions: Sequence[Decision]):
        self.by_edit: dict[tuple[int, int], int] = {}
        self.by_doc: dict[int, int] = {}
        self.by_rule: dict[str, int] = {}
        self.decisions = list(decisions)
        undone = {d.line for d in self.decisions if d.scope == "undo"}
        for line, d in enumerate(self.decisions):
            if line in undone or d.scope == "undo":
                continue
            if d.scope == "edit":
                self.by_edit[(d.doc, d.edit)] = line
            elif d.scope == "doc":
                self.by_doc[d.doc] = line
            else:
                self.by_rule[d.rule] = line

    def states(self, n: int, edits: Sequence[Edit]) -> list[str | None]:
        """Per edit: "accept", "reject" or None (undecided, or a flag)."""
        group_of = groups(edits)
        last: dict[int, int] = {}
        for i, (edit, g) in enumerate(zip(edits, group_of)):
            if g < 0:
                continue
            lines = [self.by_edit.get((n, i)), self.by_doc.get(n), *(self.by_rule.get(r) for r in edit.rules)]
            line = max((x for x in lines if x is not None), default=None)
            if line is not None and line > last.get(g, -1):
                last[g] = line
        state = {g: self.decisions[line].decision for g, line in last.items()}
        return [None if g < 0 or state.get(g, "clear") == "clear" else state[g] for g in group_of]

    def rejected(self, n: int, edits: Sequence[Edit]) -> set[int]:
        return {i for i, s in enumerate(self.states(n, edits)) if s == "reject"}


def kept(edits: Sequence[Edit], rejected: set[int]) -> list[Edit]:
    """The edits that stay when `rejected` are undone: flags and every fix not rejected."""
    return [e for i, e in enumerate(edits) if i not in rejected]


@dataclass(frozen=True)
class Loaded:
    decisions: list[Decision]
    lines: int              # lines read, the ignored torn last line excluded
    sha256: str             # of the file's bytes, "" when there is no file
    torn: bool = False      # the last line was cut short (a crash while writing) and is ignored


def load(folder: Path, report: str) -> Loaded:
    """The decisions of `folder`/decisions.jsonl, in order; DecisionError names a bad line.

    A last line without its newline that is not valid JSON is what a crash in
    the middle of a write leaves: it is ignored (`torn`), since that decision
    was never confirmed to the reviewer. Any other bad line is an error.
    """
    path = folder / FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded([], 0, "")
    except OSError as e:
        raise DecisionError(f"{path}: cannot read: {e.strerror}") from None
    lines = data.split(b"\n")
    torn = False
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        try:
            json.loads(lines[-1])
        except ValueError:
            lines.pop()
            torn = True
    decisions = []
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            decisions.append(parse(json.loads(raw), report))
        except ValueError as e:  # JSONDecodeError, UnicodeDecodeError or DecisionError
            reason = f"not valid JSON ({e.msg})" if isinstance(e, json.JSONDecodeError) else str(e)
            raise DecisionError(f"{path}: line {number}: {reason}") from None
    return Loaded(decisions, len(lines), hashlib.sha256(data).hexdigest(), torn)


class DecisionLog:
    """Appends decisions to decisions.jsonl, one whole line per write, flushed and fsync'ed.

    Opening the log repairs a torn last line (see `load`) by cutting it off,
    so that the next line starts on a line of its own.
    """

    def __init__(self, folder: Path, report: str):
        self.path = folder / FILE
        self.report = report
        self._lock = threading.Lock()
        self.repaired = _repair(self.path)

    def append(self, decision: Decision) -> dict:
        line = decision.to_dict(self.report)
        line["time"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")
        data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            created = not self.path.exists()
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:  # the new file's name must survive a crash too
                fsync_folder(self.path.parent)
        return line


def _repair(path: Path) -> bool:
    """Cut a torn last line off decisions.jsonl, or end a complete one with its newline; whether it did."""
    try:
        with open(path, "r+b") as f:
            data = f.read()
            if not data or data.endswith(b"\n"):
                return False
            cut = data.rfind(b"\n") + 1
            try:
                json.loads(data[cut:])
            except ValueError:
                f.truncate(cut)
            else:
                f.write(b"\n")
            f.flush()
            os.fsync(f.fileno())
            return True
    except FileNotFoundError:
        return False
