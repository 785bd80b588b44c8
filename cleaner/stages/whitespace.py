"""whitespace: line endings, odd and invisible spaces, runs of spaces and blank lines.

Why: exports mix CRLF and CR, scrapers keep no-break spaces, zero-width
spaces and soft hyphens that split words invisibly, and ragged dumps carry
doubled spaces, trailing spaces and stacks of blank lines. Every later stage
(and every reader) is simpler when a line ends in "\\n", words are separated
by one space and paragraphs by one blank line.

What it does, one edit per run of whitespace that needs it:
  CRLF, CR, U+2028, form feed … → "\\n"; U+2029 → a paragraph break;
  no-break and other typographic spaces → " "; zero-width spaces, word
  joiners, BOMs and soft hyphens → removed; runs of spaces → one space;
  spaces at line ends → removed; blank-line runs → one blank line; leading
  whitespace of the document → removed; trailing blank lines → one "\\n".

Never: tabs between words (tables, TSV) or the indentation of lines after the
first; joiners that shape scripts and emoji (U+200C, U+200D); the ideographic
space U+3000 that CJK text uses on purpose; a single final newline, or its absence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..edits import Edit
from .base import Stage

_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f"
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_BREAK_RE = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028]|\u2029")

# (facet, rule, how the reason describes it), in order of precedence for the rule id
_FACETS = [
    ("leading", "leading", "whitespace before the first word of the document"),
    ("blank", "blank-lines", "a run of blank lines reduced to one"),
    ("eol", "line-endings", "CR, CRLF or Unicode line separators made \\n"),
    ("trailing", "trailing", "spaces at the end of a line"),
    ("odd", "odd-space", "no-break or typographic spaces made plain spaces"),
    ("invisible", "zero-width", "zero-width spaces, word joiners, BOMs or soft hyphens removed"),
    ("run", "space-run", "a run of spaces collapsed to one"),
]


@dataclass(frozen=True)
class WhitespaceOptions:
    odd_spaces: bool = True        # no-break and typographic spaces → " "
    invisible: bool = True         # zero-width spaces, word joiners, BOMs, soft hyphens → removed
    max_blank_lines: int = 1       # longer runs of blank lines are cut to this

    def __post_init__(self):
        if self.max_blank_lines < 0:
            raise ValueError("max_blank_lines must be 0 or more")


class WhitespaceStage(Stage):
    """Normalises line endings, spaces and blank lines; paragraphs stay paragraphs."""

    name = "whitespace"
    Options = WhitespaceOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        o = self.options
        ws = " \t" + _BREAKS + (_ODD_SPACES if o.odd_spaces else "") + (_INVISIBLE if o.invisible else "")
        unusual = ws.replace(" \t", "").replace("\n", "")
        # Runs that may need a change: 2+ characters or an unusual one, matched whole from a
        # run's first character; a single space or newline between words never matches (the
        # fast path). The document's edges are found apart. Written to begin with one character
        # class, which the regex engine scans for in C: a third faster than `[ws]{2,}|[unusual]`.
        self._ws = ws.replace("\u2000-\u200a", "".join(map(chr, range(0x2000, 0x200B))))
        self._runs = re.compile(rf"[{ws}](?:(?<=[{unusual}])|[{ws}])[{ws}]*")
        self._lead = re.compile(rf"[{ws}]+")
        self._odd = re.compile(f"[{_ODD_SPACES}]") if o.odd_spaces else None
        self._invisible = re.compile(f"[{_INVISIBLE}]") if o.invisible else None

    def find(self, doc) -> list[Edit]:
        text = doc.text
        lead = self._lead.match(text)
        lead_end = lead.end() if lead else 0
        trail_start = max(lead_end, len(text.rstrip(self._ws)))
        spans = [(0, lead_end)] if lead_end else []
        spans += [m.span() for m in self._runs.finditer(text, lead_end, trail_start)]
        if trail_start < len(text):
            spans.append((trail_start, len(text)))
        edits = []
        for s, e in spans:
            run = text[s:e]
            after, facets = self._normalise(run, s == 0, e == len(text))
            if after != run:
                rule, reason = _explain(facets)
                edits.append(self.fix(text, s, e, after, rule, reason))
        return edits

    def _normalise(self, run: str, at_start: bool, at_end: bool) -> tuple[str, set]:
        """The replacement of one whitespace run, and the facets that explain it."""
        facets = set()
        plain = run
        if self._invisible and self._invisible.search(plain):
            facets.add("invisible")
            plain = self._invisible.sub("", plain)
        if self._odd and self._odd.search(plain):
            facets.add("odd")
            plain = self._odd.sub(" ", plain)
        pieces = _BREAK_RE.split(plain)
        breaks = [b for b in _BREAK_RE.findall(plain)]
        if any(b != "\n" for b in breaks):
            facets.add("eol")
        lines = sum(2 if b == "\u2029" else 1 for b in breaks)
        if at_start:
            return "", facets | ({"leading"} if plain else set())
        if not breaks:
            if at_end:
                return "", facets | ({"trailing"} if plain else set())
            if "\t" in plain or not plain:
                return plain, facets
            if len(plain) > 1:
                facets.add("run")
            return " ", facets
        if any(pieces[:-1]):
            facets.add("trailing")
        if at_end:
            if pieces[-1]:
                facets.add("trailing")
            keep, indent = 1, ""
        else:
            keep, indent = self.options.max_blank_lines + 1, pieces[-1]
        if lines > keep:
            facets.add("blank")
        return "\n" * min(lines, keep) + indent, facets


def _explain(facets: set) -> tuple[str, str]:
    named = [(rule, text) for facet, rule, text in _FACETS if facet in facets]
    reason = "; ".join(text for _, text in named)
    return named[0][0], reason[0].upper() + reason[1:]
