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

Flags (text unchanged) bidirectional controls, which a reader cannot see but
which reorder what is shown (`Invoice \\u202eexe.txt` reads "Invoice txt.exe"):
overrides (LRO, RLO) always; embeddings and isolates (LRE, RLE, PDF, LRI,
RLI, FSI, PDI) always, less sure on a line written in a right-to-left script,
where an editor may have put them; right-to-left marks (RLM, ALM) only on a
line without right-to-left letters: in Hebrew or Arabic text they are ordinary
typing. A left-to-right mark (LRM) is never flagged: in left-to-right text it
changes nothing, in right-to-left text it is ordinary typing.
`bidi_controls = "remove"` deletes what would be flagged instead.

Never: tabs between words (tables, TSV) or the indentation of lines after the
first; joiners that shape scripts and emoji (U+200C, U+200D); the ideographic
space U+3000 that CJK text uses on purpose; a single final newline, or its absence;
a direction mark in right-to-left text, a left-to-right mark anywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..edits import Edit
from .base import Stage

_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f"
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_OVERRIDES = "\u202d\u202e"
_EMBEDDINGS = "\u202a\u202b\u202c\u2066-\u2069"
_MARKS = "\u200f\u061c"  # right-to-left marks; a left-to-right mark never changes left-to-right text
_BIDI_RE = re.compile(f"[{_OVERRIDES}{_EMBEDDINGS}{_MARKS}]+")
# letters of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo … and their presentation forms
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
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
    bidi_controls: str = "flag"    # "flag" (whitespace.bidi-control), "remove" what would be flagged, or "keep"

    def __post_init__(self):
        if self.max_blank_lines < 0:
            raise ValueError("max_blank_lines must be 0 or more")
        if self.bidi_controls not in ("flag", "remove", "keep"):
            raise ValueError("bidi_controls must be 'flag', 'remove' or 'keep'")


class WhitespaceStage(Stage):
    """Normalises line endings, spaces and blank lines; paragraphs stay paragraphs."""

    name = "whitespace"
    reads = ()
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
        if self.options.bidi_controls != "keep" and _BIDI_RE.search(text):
            edits = sorted(edits + self._bidi(text), key=lambda e: e.start)
        return edits

    def _bidi(self, text: str) -> list[Edit]:
        """A flag (or, with bidi_controls = "remove", a fix) per run of bidirectional controls."""
        edits = []
        for m in _BIDI_RE.finditer(text):
            s, e = m.span()
            line = text[text.rfind("\n", 0, s) + 1:_line_end(text, e)]
            rtl = _RTL_LETTER.search(line) is not None
            judged = [_judge(ch, rtl) for ch in m.group()]
            if not any(judged):
                continue
            confidence = max(c for c, _ in filter(None, judged))
            names = ", ".join(dict.fromkeys(f"{_NAMES[ch]} (U+{ord(ch):04X})" for ch in m.group()))
            reason = ("Invisible bidirectional control " + names + ": it can change the order in which the text "
                      "around it is shown, so what a reader sees is not what the text says; "
                      + next(why for _, why in filter(None, judged)))
            if self.options.bidi_controls == "remove" and all(judged):
                edits.append(self.fix(text, s, e, "", "bidi-control", reason, confidence))
            else:
                edits.append(self.flag(text, s, e, "bidi-control", reason, confidence))
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


_NAMES = {"\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
          "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
          "\u200f": "RLM", "\u061c": "ALM"}


def _judge(ch: str, rtl: bool) -> tuple[float, str] | None:
    """(confidence, why) of flagging one bidirectional control on a line with or without
    right-to-left letters; None: it is ordinary in such a line."""
    if ch in _OVERRIDES:
        return 0.95, "an override reverses the characters after it, and text never needs one."
    if ch in _MARKS:
        return None if rtl else (0.6, "on a line without right-to-left letters a right-to-left mark has no use, "
                                      "and it can reverse the numbers after it (10 \u200f20 30 shows as 10 30 20).")
    if rtl:
        return 0.5, "on a line in a right-to-left script an editor may have put it there on purpose."
    return 0.9, "on a line without right-to-left letters it has no use."


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _explain(facets: set) -> tuple[str, str]:
    named = [(rule, text) for facet, rule, text in _FACETS if facet in facets]
    reason = "; ".join(text for _, text in named)
    return named[0][0], reason[0].upper() + reason[1:]
