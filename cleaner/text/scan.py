"""Regular expressions split by their first character, so each starts with a literal.

Why: Python's regex engine skips to a literal first character at memchr speed,
but tries a pattern that starts with a class ("[,;:]…", "['’]…") at every
position of the text: about ten times slower on news text (benchmarks/README.md,
"Speed"). A pattern whose match is the mark itself, context checked by
lookarounds, splits into one pattern per mark without changing what it finds.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Iterator


_MARK_OF: dict[re.Pattern, str] = {}     # a pattern `per_mark` made → the mark every match starts with


def per_mark(marks: str, rest: str) -> tuple[re.Pattern, ...]:
    """One compiled pattern per character of `marks`, each `mark + rest`."""
    patterns = tuple(re.compile(re.escape(mark) + rest) for mark in marks)
    _MARK_OF.update(zip(patterns, marks))
    return patterns


def finditer(patterns: tuple[re.Pattern, ...], text: str) -> Iterator[re.Match]:
    """The matches of all `patterns`, pattern by pattern: what one class-led pattern would find,
    not in order of position (sort them where order matters). A pattern of `per_mark` whose mark
    the text does not hold is not run: `in` rules it out faster than the regex engine's scan
    (about half of a news text's marks are absent: "%", "!", "(", "$" …)."""
    return chain.from_iterable(p.finditer(text) for p in patterns if _MARK_OF.get(p, "") in text)
