"""Exceptions ("keep this token"): a reviewed refusal of one change that a stage would make.

A reviewer who rejects `passcard` → `pass card` once would reject it in every
document. An exception in a pack (`[[keep]]`) says so as data: the rule
(`spacing.glued-words`), the token around the change as the stage saw it
(`passcard`) and the token the rule would make of it (`pass card`). The
pipeline drops each edit of a stage that an exception names, before the edit is
applied or reported, so the text stays as it was there and nothing else
changes: another rule's edit of the same token, the same rule's edit of another
token, or another change of the same rule in the same token (`inthe|historical`
refused, `in|thehistorical` made) are all still made.

The token of an edit is the run of text without white space around it (the
edit's own span included, white space or not), its ends trimmed of characters
that are neither letters nor digits outside the edit's span: `passcard,` →
`passcard`, `fought”Stoltenberg` stays whole. At most TOKEN_LIMIT characters;
a longer run has no token, and no exception can name it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from ..edits import Edit
from .pack import TOKEN_LIMIT, Keep


def token_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the token around text[start:end], or None when it runs past TOKEN_LIMIT."""
    s, t = start, end
    floor, ceiling = max(0, start - TOKEN_LIMIT), min(len(text), end + TOKEN_LIMIT)
    while s > floor and not text[s - 1].isspace():
        s -= 1
    while t < ceiling and not text[t].isspace():
        t += 1
    if (s == floor and s > 0 and not text[s - 1].isspace()) or \
            (t == ceiling and t < len(text) and not text[t].isspace()):
        return None
    while s < start and not text[s].isalnum():
        s += 1
    while t > end and not text[t - 1].isalnum():
        t -= 1
    return (s, t) if t - s <= TOKEN_LIMIT else None


def token_change(text: str, edit: Edit) -> tuple[str, str] | None:
    """(token, the token with `edit` made in it), `edit` in `text`'s coordinates; None: no token."""
    span = token_span(text, edit.start, edit.end)
    if span is None:
        return None
    s, t = span
    return text[s:t], text[s:edit.start] + edit.after + text[edit.end:t]


class Keeper:
    """The exceptions of a pipeline, by rule: which of a stage's edits they refuse."""

    def __init__(self, keeps: Iterable[Keep]):
        self.keeps = tuple(keeps)
        self._by_rule: dict[str, list[Keep]] = defaultdict(list)
        for k in self.keeps:
            self._by_rule[k.rule].append(k)

    def __bool__(self) -> bool:
        return bool(self.keeps)

    def refused(self, text: str, edit: Edit) -> Keep | None:
        """The exception that refuses `edit` (in `text`'s coordinates), if any."""
        keeps = self._by_rule.get(edit.rule)
        if not keeps:
            return None
        found = token_change(text, edit)
        if found is None:
            return None
        token, changed = found
        return next((k for k in keeps if k.token == token and k.change in ("", changed)), None)

    def filter(self, text: str, edits: Sequence[Edit]) -> list[Edit]:
        """`edits` without those an exception refuses."""
        return [e for e in edits if self.refused(text, e) is None]
