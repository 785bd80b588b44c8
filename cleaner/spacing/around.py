"""What surrounds a candidate gap: garbled text, torn words, fragments, a genus before a species.

The spacing decision weighs these (cleaner/spacing/decision.py); they read the text around one
position, where the text layer's helpers (cleaner/text/tokens.py) find words in a whole text.
"""
from __future__ import annotations

import re

from ..text.tokens import run_ending_at

_GENUS_BEHIND = re.compile(r"(?<![^\W\d_])([A-Z][a-z]+|[A-Z]\.) \Z")


def genus_behind(text: str, pos: int) -> str | None:
    """The capitalised word or initial right before the word at `pos` ("Mauritia carana",
    "M. caninus"), where a Latin species name puts its first word; None if there is none."""
    m = _GENUS_BEHIND.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


# what prose never writes inside a chunk: symbols OCR makes of letters, a digit inside letters,
# punctuation other than a stop twice between letters ("Thompsm~", "inl;(;resl;ed", "l;h;fl;");
# an abbreviation ("U.S.", "e.g.") or one glued comma ("embargo,el") is prose
_GARBLED = re.compile(r"[~|\\\[\]{}^=<>*@#]|[^\W\d_]\d+[^\W\d_]|[^\W\d_][^\w\s'’.-]+[^\W\d_]+[^\w\s'’.-]+[^\W\d_]")


def noise_around(text: str, pos: int, reach: int = 3, looks: dict | None = None) -> float:
    """The share of the `reach` chunks before and after the one at `pos` that look garbled
    (`_GARBLED`): 0 in running prose, its names and glue included ("embargo,el", "dijo;otra");
    high in OCR garbage and formulas, where a PDF's fragments look like glue. `looks`: a dict the
    caller keeps for the text, so that each chunk is looked at once (the windows of a text's
    candidate gaps overlap)."""
    start = text.rfind(" ", 0, pos) + 1
    end = text.find(" ", pos)
    end = len(text) if end < 0 else end
    # str.split() cuts at the whitespace `\S+` stops at (both ask Py_UNICODE_ISSPACE), at C speed
    window = text[max(0, start - 20 * reach):start].split()[-reach:] + text[end:end + 20 * reach].split()[:reach]
    if not window:
        return 0.0
    if looks is None:
        looks = {}
    garbled = 0
    for chunk in window:
        look = looks.get(chunk)
        if look is None:
            look = looks[chunk] = _GARBLED.search(chunk) is not None
        garbled += look
    return garbled / len(window)


_LETTERS_BEFORE = re.compile(r"([^\W\d_]+)[^\w\s]*\Z")
_LETTERS_AFTER = re.compile(r"[^\w\s]*([^\W\d_]+)")


def letters_beside(text: str, pos: int) -> tuple[str, str]:
    """The letters right before `pos` and right after it, across the punctuation glued there
    ("dijo;|otra" → "dijo", "otra"; "ext)|eriment" → "ext", "eriment"); "" where there are none."""
    before = _LETTERS_BEFORE.search(text, max(0, pos - 40), pos)
    after = _LETTERS_AFTER.match(text, pos, pos + 40)
    return (before.group(1) if before else "", after.group(1) if after else "")


_PIECE_AFTER = re.compile(r"(?:- ?| )([^\W\d_]+)(?![^\W\d_])")


def torn(text: str, start: int, end: int, is_word) -> bool:
    """Is text[start:end] a piece of one word that a stray space or a line-break hyphen tore
    apart: does it make a real word (`is_word`, lower case) with the letters right before or after
    it? PDF text tears words so ("An important consider|at ion", "de-script|ions",
    "transform|a-tions"), and a split of the piece would tear it further."""
    piece = text[start:end].lower()
    # the letters before "- ", "-" or " " ("de-|script", "consider |at"), within 40 characters
    beside = 2 if text[max(0, start - 2):start] == "- " else 1 if text[start - 1:start] in ("-", " ") else 0
    before = run_ending_at(text, start - beside, max(0, start - 40)) if beside else ""
    after = _PIECE_AFTER.match(text, end, end + 40)
    return bool(before and is_word(before.lower() + piece)
                or after and is_word(piece + after.group(1).lower()))


_MARK_INSIDE = re.compile(r"([^\W\d_]+)[^\w\s]{1,2}([^\W\d_]+)")


def torn_by_mark(text: str, pos: int, is_word) -> bool:
    """Is the punctuation at a gap OCR noise inside one word ("Abst:ract", "conclu,sion"): do the
    letters on its two sides, joined without it, make one real word (`is_word`, lower case)?"""
    start = max(0, pos - 40)
    for m in _MARK_INSIDE.finditer(text, start, min(len(text), pos + 40)):
        if m.start(2) >= pos >= m.end(1) and (m.start(1) > start or start == 0):   # a whole run before it
            joined = (m.group(1) + m.group(2)).lower()
            return len(joined) >= 5 and bool(is_word(joined))
    return False
