"""Finding candidate artifacts in a dump, as a starting point for new rules. It flags; it never changes text.

A mistranslated acronym looks like an all-caps phrase of several words inside
an otherwise lower-case sentence: "Defense Ministers of the I’LL TAKE start a
two-day meeting". `suggest` collects such phrases over many documents, counts
them (apostrophes and spacing normalised, so I'LL TAKE and I’LL TAKE are one
candidate) and keeps a few contexts of each, most frequent first. Headings
(lines without a lower-case letter) and phrases that open a sentence
(datelines, "BREAKING NEWS:") are not candidates. When rules are given, each
candidate says how many of its occurrences they already fix.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import regex

from .engine import find
from .pack import Rule

# Words of capitals (and digits), joined by ' ’ or - only between capitals: I’LL, TAKE, COVID-19.
_WORD = r"\p{Lu}(?:[\p{Lu}\p{N}]|['’\-](?=\p{Lu}))*"
_PHRASE = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’\-]){_WORD}(?:[ \t]+{_WORD})+(?![\p{{L}}\p{{N}}])")
_PREVIOUS_WORD = regex.compile(r"(\S+)[ \t]+\Z")
_LOWER = regex.compile(r"\p{Ll}")
_SENTENCE_END = regex.compile(r"[.!?:;]['’\"”)\]]*\Z")
CONTEXT_CHARS = 40
TIMEOUT = 1.0


@dataclass
class Candidate:
    phrase: str                                   # normalised: ’ for apostrophes, one space between words
    count: int = 0
    documents: set = field(default_factory=set)
    contexts: list = field(default_factory=list)  # (document id, "…text [PHRASE] text…")
    fixed_by: Counter = field(default_factory=Counter)
    lines: list = field(default_factory=list)     # (phrase as written, its line as written), as contexts


def suggest(documents: Iterable[tuple[str, str]], rules: Sequence[Rule] = (),
            contexts: int = 3) -> list[Candidate]:
    """Candidates in (id, text) documents, most frequent first; `rules` mark the ones already fixed."""
    found: dict[str, Candidate] = {}
    for doc_id, text in documents:
        spans = list(candidate_spans(text))
        if not spans:
            continue
        hits = find(rules, text, TIMEOUT).hits if rules else []
        for start, end in spans:
            key = normalise(text[start:end])
            c = found.setdefault(key, Candidate(key))
            c.count += 1
            c.documents.add(doc_id)
            if len(c.contexts) < contexts:
                c.contexts.append((doc_id, _context(text, start, end)))
                c.lines.append((text[start:end], _line_text(text, start, end)))
            for h in hits:
                if h.start < end and start < h.end:
                    c.fixed_by[h.rule.ref] += 1
    return sorted(found.values(), key=lambda c: (-c.count, -len(c.documents), c.phrase))


def candidate_spans(text: str):
    """(start, end) of each all-caps phrase of 2+ words inside a sentence that has lower-case words."""
    for m in _PHRASE.finditer(text):
        line_start, line_end = _line(text, m.start(), m.end())
        if not _LOWER.search(text, line_start, line_end):
            continue                              # a heading
        previous = _PREVIOUS_WORD.search(text[max(line_start, m.start() - 60):m.start()])
        if previous and _LOWER.search(previous.group(1)) and not _SENTENCE_END.search(previous.group(1)):
            yield m.span()


def normalise(phrase: str) -> str:
    return " ".join(phrase.replace("'", "’").split())


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line(s) holding text[start:end], without the line breaks."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _line_text(text: str, start: int, end: int) -> str:
    """The line around text[start:end], cut at a space about CONTEXT_CHARS × 2 either side."""
    line_start, line_end = _line(text, start, end)
    left, right = max(line_start, start - 2 * CONTEXT_CHARS), min(line_end, end + 2 * CONTEXT_CHARS)
    if left > line_start:
        left = text.find(" ", left, start) + 1 or left
    if right < line_end:
        right = text.rfind(" ", end, right) if text.rfind(" ", end, right) > 0 else right
    return text[left:right]


def _context(text: str, start: int, end: int) -> str:
    line_start, line_end = _line(text, start, end)
    left = max(line_start, start - CONTEXT_CHARS)
    right = min(line_end, end + CONTEXT_CHARS)
    return ("…" if left > line_start else "") + text[left:start] + "[" + text[start:end] + "]" \
        + text[end:right] + ("…" if right < line_end else "")
