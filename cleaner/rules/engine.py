"""Applying rules to a text: matches that pass their guards, without overlaps, within a time limit.

Detection only: the engine returns `Hit`s (span, replacement, rule) in the
text's coordinates; the rules stage turns them into edits and `cleaner rules
test` into example outputs, so both run exactly this code.

Order decides overlaps: rules are tried pack by pack, rule by rule, and a match
that overlaps one already taken is dropped (the earlier rule wins). A pattern
gets `timeout` seconds per text (regex's own `timeout=`, covering its guards
too); a rule that runs out is reported in `Found.timed_out` and none of its
matches are used, so a catastrophic pattern costs a bounded time and a flag,
never a hung run.
"""
from __future__ import annotations

import time
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..language.codes import primary
from .pack import ANY_LANGUAGE, Pack, Rule


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    after: str
    rule: Rule


@dataclass(slots=True)
class Found:
    hits: list[Hit] = field(default_factory=list)          # sorted, disjoint
    timed_out: list[Rule] = field(default_factory=list)


def rules_for(packs: Iterable[Pack], language: str | None, unknown_language: bool = True) -> tuple[Rule, ...]:
    """The rules that apply to a document in `language` (None: unknown), in pack and rule order."""
    if not language:
        return tuple(r for p in packs for r in p.rules) if unknown_language else ()
    code = primary(language)
    return tuple(r for p in packs for r in p.rules if code in r.languages or ANY_LANGUAGE in r.languages)


def find(rules: Sequence[Rule], text: str, timeout: float, prefilter: bool = True) -> Found:
    """Every match of `rules` in `text` that passes its guards and overlaps no earlier rule's match."""
    found = Found()
    taken: list[tuple[int, int]] = []
    for rule in rules:
        if prefilter and rule.literal is not None and rule.literal not in text:
            continue
        try:
            hits = _matches(rule, text, timeout)
        except TimeoutError:
            found.timed_out.append(rule)
            continue
        for hit in hits:
            if _free(taken, hit.start, hit.end):
                insort(taken, (hit.start, hit.end))
                found.hits.append(hit)
    found.hits.sort(key=lambda h: (h.start, h.end))
    return found


def _matches(rule: Rule, text: str, timeout: float) -> list[Hit]:
    deadline = time.monotonic() + timeout
    hits = []
    for m in rule.pattern.finditer(text, timeout=timeout):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(rule.ref)
        start, end = m.span()
        if not rule.guards.allow(text, start, end, left):
            continue
        after = rule.output(m.group())
        if after != m.group():
            hits.append(Hit(start, end, after, rule))
    return hits


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps none of the sorted, disjoint spans in `taken`."""
    i = bisect_left(taken, (start, end))
    return not any(_overlap(taken[j], (start, end)) for j in range(max(0, i - 1), min(len(taken), i + 2)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:            # an insertion conflicts inside a span, or at the same point
        (p, _), (s, e) = (a, b) if a[0] == a[1] else (b, a)
        return s < p < e or s == e == p
    return a[0] < b[1] and b[0] < a[1]
