"""Paragraphs: blocks of text between blank lines — or the lines, when a text has no blank line."""
from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# a line from its first to its last character that is not whitespace (`str.strip`'s whitespace)
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs, without their surrounding whitespace."""
    if not _BLANK_LINE.search(text):
        return [m.span() for m in _LINE.finditer(text)]
    spans, start = [], 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            s = start + chunk.index(stripped[0])
            spans.append((s, s + len(stripped)))
        if m:
            start = m.end()
    return spans


def foreign_paragraphs(doc) -> list[tuple[int, int]]:
    """Spans of the paragraphs the language stage found in another language than the document's
    (`metadata["paragraph_languages"]`): the spelling and spacing stages leave their words alone,
    having no word list of that language to read them by."""
    found = doc.metadata.get("paragraph_languages")
    if not found:
        return []
    spans = doc.derived("paragraphs", paragraphs)     # the language stage's, when the text is the same
    if len(spans) != len(found):       # a later stage changed the paragraphs: nothing to go by
        return []
    return [span for span, p in zip(spans, found) if p["language"] != doc.metadata.get("language")]
