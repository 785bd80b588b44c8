"""Edits: the one mechanism every stage uses to change or annotate text.

A stage never rebuilds strings itself. It returns `Edit`s that say "replace
text[start:end] by `after`, because `reason`", in the coordinates of the text
it was given. The pipeline applies them and, with `compose`, maps them back to
the coordinates of the *original input*, so that every edit in a `Result`
points at the bytes the user handed in:

    replay(original, fixes)  == cleaned text
    undo(cleaned, fixes)     == original

When a later edit touches text that an earlier edit produced (ftfy repairs
"â€\x9d" into "”", then the spacing stage inserts a space after it), the two
cannot be undone separately, so `compose` merges them into one edit whose
`parts` keep every step. Reviewers accept or reject such an edit as a whole.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Sequence

FIX = "fix"
FLAG = "flag"


class EditError(ValueError):
    """Edits that cannot be applied: overlapping, out of range or stale."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `before` (= text[start:end]) by `after`; `kind` "flag" only reports."""

    start: int
    end: int
    before: str
    after: str
    stage: str
    rule: str
    reason: str
    confidence: float = 1.0
    kind: str = FIX
    parts: tuple["Edit", ...] = field(default=(), compare=False)

    def moved(self, start: int, end: int, before: str | None = None) -> "Edit":
        """This edit at another span (dataclasses.replace, without its cost on every edit of a run)."""
        return Edit(start, end, self.before if before is None else before, self.after, self.stage, self.rule,
                    self.reason, self.confidence, self.kind, self.parts)

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that contributed: one, or several for a merged edit."""
        return tuple(p.rule for p in self.parts) if self.parts else (self.rule,)

    def to_dict(self) -> dict:
        d = {
            "start": self.start, "end": self.end, "before": self.before, "after": self.after,
            "stage": self.stage, "rule": self.rule, "kind": self.kind,
            "reason": self.reason, "confidence": round(self.confidence, 4),
        }
        if self.parts:
            d["parts"] = [p.to_dict() for p in self.parts]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Edit":
        parts = tuple(cls.from_dict(p) for p in d.get("parts", ()))
        return cls(d["start"], d["end"], d["before"], d["after"], d["stage"], d["rule"],
                   d["reason"], d.get("confidence", 1.0), d.get("kind", FIX), parts)


def check(text: str, edits: Sequence[Edit], who: str = "edits") -> None:
    """Raise EditError unless `edits` are sorted, disjoint and match `text`."""
    pos = 0
    last_insert_at = -1
    for e in edits:
        if not (pos <= e.start <= e.end <= len(text)):
            raise EditError(f"{who}: edit {e.rule} at {e.start}-{e.end} is out of order or overlaps")
        if text[e.start:e.end] != e.before:
            raise EditError(f"{who}: edit {e.rule} at {e.start}-{e.end} does not match the text")
        if e.start == e.end:
            if e.start == last_insert_at:
                raise EditError(f"{who}: two insertions at {e.start} have no defined order")
            last_insert_at = e.start
        pos = e.end


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply fixes given in `text`'s coordinates, sorted and disjoint (flags are skipped)."""
    out, pos = [], 0
    for e in edits:
        if e.kind != FIX:
            continue
        out.append(text[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


replay = apply  # edits of a Result are in input coordinates: replaying them on the input is applying


def undo(text: str, edits: Iterable[Edit]) -> str:
    """Give back the original input from cleaned `text` and its fixes (input coordinates)."""
    out, pos, shift = [], 0, 0
    for e in edits:
        if e.kind != FIX:
            continue
        s = e.start + shift
        out.append(text[pos:s])
        out.append(e.before)
        pos = s + len(e.after)
        shift += len(e.after) - len(e.before)
    out.append(text[pos:])
    return "".join(out)


def shift(edits: Iterable[Edit], offset: int) -> list[Edit]:
    """Move edits found in a slice of a text into that text's coordinates."""
    return [e.moved(e.start + offset, e.end + offset) for e in edits]


class _Map:
    """Positions in the current text (after `prior` fixes) → positions in the original."""

    def __init__(self, prior: Sequence[Edit]):
        self.prior = prior
        self.a, self.b, self.cum = [], [], [0]
        delta = 0
        for e in prior:
            self.a.append(e.start + delta)
            delta += len(e.after) - len(e.before)
            self.b.append(e.end + delta)
            self.cum.append(delta)

    def touching(self, s: int, t: int) -> range:
        """Indexes of prior edits whose output overlaps current [s, t) (or holds point s=t inside)."""
        return range(bisect_right(self.b, s), bisect_left(self.a, t))

    def start(self, p: int) -> int:
        """Original position of a start at current p: past any deletion sitting at p."""
        return p - self.cum[bisect_right(self.b, p)]

    def end(self, p: int) -> int:
        """Original position of an end at current p: before any deletion sitting at p."""
        i = bisect_left(self.b, p)
        if i < len(self.b) and self.b[i] == p and self.a[i] < p:
            i += 1
        return p - self.cum[i]

    def span(self, s: int, t: int, ks: range) -> tuple[int, int, int, int]:
        """Original and current extent of current [s, t) grown over the prior edits `ks`."""
        cs, ce = s, t
        os_, oe = self.start(s), (self.end(t) if t > s else None)
        if ks:
            first, last = ks[0], ks[-1]
            if self.a[first] <= s:
                cs, os_ = self.a[first], self.prior[first].start
            if self.b[last] >= t:
                ce, oe = self.b[last], self.prior[last].end
        if oe is None or oe < os_:
            oe = os_
        return os_, oe, cs, ce


def _merged(original: str, os_: int, oe: int, after: str, pieces: Sequence[Edit]) -> Edit:
    parts = tuple(p for e in pieces for p in (e.parts or (e,)))

    def joined(values):
        return "+".join(dict.fromkeys(values))

    return Edit(
        os_, oe, original[os_:oe], after,
        stage=joined(p.stage for p in parts),
        rule=joined(p.rule for p in parts),
        reason="; then ".join(dict.fromkeys(p.reason for p in parts)),
        confidence=min(p.confidence for p in parts),
        kind=FIX, parts=parts,
    )


def compose(original: str, prior: Sequence[Edit], current: str, new: Sequence[Edit]) -> list[Edit]:
    """Fixes in original coordinates that turn `original` into apply(current, new).

    `prior` (original coordinates) turns `original` into `current`; `new` is in
    `current`'s coordinates. New edits that overlap text a prior edit produced
    are merged with it; the rest are translated. Linear in len(prior)+len(new).
    """
    if not new:
        return list(prior)
    m = _Map(prior)
    out: list[tuple[int, int, Edit]] = []  # (current start, current end, edit): ties broken by current order
    used = [False] * len(prior)
    i = 0
    while i < len(new):
        e = new[i]
        group, ks = [e], m.touching(e.start, e.end)
        # Following new edits that share a prior edit with this group join it.
        while ks and i + 1 < len(new):
            nxt = m.touching(new[i + 1].start, new[i + 1].end)
            if not nxt or nxt.start > ks[-1]:
                break
            i += 1
            group.append(new[i])
            ks = range(ks.start, max(ks.stop, nxt.stop))
        os_, oe, cs, ce = m.span(group[0].start, group[-1].end, ks)
        if not ks:
            out.append((cs, ce, e.moved(os_, oe, original[os_:oe])))
        else:
            for k in ks:
                used[k] = True
            after = apply(current[cs:ce], shift(group, -cs))
            pieces = [prior[k] for k in ks] + group
            if after != original[os_:oe]:
                out.append((cs, ce, _merged(original, os_, oe, after, pieces)))
        i += 1
    for k, e in enumerate(prior):
        if not used[k]:
            out.append((m.a[k], m.b[k], e))
    out.sort(key=lambda x: (x[2].start, x[2].end, x[0], x[1]))
    return _join_insertions(original, [e for _, _, e in out])


def _join_insertions(original: str, edits: list[Edit]) -> list[Edit]:
    """Two insertions at one original point would replay in either order: make them one."""
    result: list[Edit] = []
    for e in edits:
        prev = result[-1] if result else None
        if prev is not None and prev.start == prev.end == e.start == e.end:
            result[-1] = _merged(original, e.start, e.end, prev.after + e.after, [prev, e])
        else:
            result.append(e)
    return result


def locate(prior: Sequence[Edit], flags: Iterable[Edit], original: str) -> list[Edit]:
    """Translate flags from current to original coordinates (grown over any edit they touch)."""
    m = _Map(prior)
    out = []
    for f in flags:
        os_, oe, _, _ = m.span(f.start, f.end, m.touching(f.start, f.end))
        out.append(f.moved(os_, oe, original[os_:oe]))
    return out
