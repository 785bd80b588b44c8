"""Paragraphs: blocks of text between blank lines — or the lines, when a text has no blank line."""
from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs, without their surrounding whitespace."""
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    spans, start = [], 0
    for m in [*breaks.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            s = start + chunk.index(stripped[0])
            spans.append((s, s + len(stripped)))
        if m:
            start = m.end()
    return spans
