"""encoding: mojibake, HTML entities and control characters, repaired by ftfy.

Why: dumps that went through a wrong decode show "cafÃ©" for "café" and
"â€œ" for "“"; scraped text keeps "&amp;"; exports leave NULs, ANSI colour
codes and lone surrogates. ftfy detects these with very few false positives.

How: ftfy runs line by line (as `ftfy.fix_text` does) and explains each
repair as a plan of steps. Each group of steps is replayed separately and
diffed, so an edit covers just the characters it changed and its rule says
which repair it was (`encoding.mojibake`, `encoding.html-entity`, …).

HTML entities in plain text ("&amp;", "&#243;") are flagged, not fixed, by
default: some sources carry them on purpose, and we fix only what we are sure of.

Never: straightening curly quotes, unfolding ligatures or full-width forms, or
Unicode normalisation. Those are correct typography; later stages rely on ’ and ”.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import ne

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import HTML_ENTITY_RE
from ftfy.fixes import unescape_html

from ..edits import FIX, Edit, apply, compose, shift
from ..text.sequences import common_ends
from .base import Stage

# Text that can hold nothing ftfy would change: printable ASCII, tab, CR, LF, no "&".
_MAY_NEED_FTFY = re.compile(r"[^\t\n\r\x20-\x25\x27-\x7e]")
# What ftfy's fixers other than the mojibake repair act on (entities, controls, surrogates,
# BOM, deprecated format characters). The mojibake repair itself acts only where
# ftfy.badness.is_bad(line) holds, so lines passing neither test skip ftfy: same result, faster.
# Every pattern of ftfy's mojibake detector (ftfy.badness.BADNESS_RE) needs a non-ASCII
# character outside its categories of common typography (’ “ ” – — … NBSP …), so a line
# without one is never `is_bad`; tests/stages/test_encoding_fast_path.py holds ftfy to that.
_TYPOGRAPHY = "".join(MOJIBAKE_CATEGORIES[c] for c in ("common", "start_punctuation", "end_punctuation"))
_MOJIBAKE_SUSPECT = re.compile(f"[^\x00-\x7f{re.escape(_TYPOGRAPHY)}]")
# The longest match of that detector, in characters: a match holds a suspect character, so it
# lies within this distance of one, and only the text around suspects needs searching.
_BAD_WIDTH = 7
_FTFY_TARGETS = re.compile("[&\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u206a-\u206f\ufff9-\ufffc]")
_FTFY_TARGETS_BUT_ENTITIES = re.compile(_FTFY_TARGETS.pattern.replace("&", ""))   # ftfy left to leave "&amp;"
# A character that makes a line worth the test above: one of ftfy's targets, or a mojibake
# suspect. A line without one is skipped without being looked at.
_PLAIN = "".join(c for c in map(chr, range(128)) if not _FTFY_TARGETS.match(c) and not _MOJIBAKE_SUSPECT.match(c))
_CANDIDATE = re.compile(f"[^{re.escape(_PLAIN)}{re.escape(_TYPOGRAPHY)}]")
_MAX_ROUNDS = 4
_LOST_QUOTE = "\u00e2\u20ac\ufffd"
_OPENING = ("\u201c", "\u00e2\u20ac\u0153")          # “ and its mojibake
_CLOSING = ("\u201d", "\u00e2\u20ac\x9d")            # ” and its mojibake
_QUOTE_MARKS = re.compile("|".join(map(re.escape, (_LOST_QUOTE, *_OPENING, *_CLOSING))))
_CLOSING_POSITION = re.compile(r"(?<=\S)\u00e2\u20ac\ufffd(?=[\s.,;:!?)\]\u00e2]|$)", re.M)
# ftfy decides per line; split at every line break so that the whitespace stage's
# line-ending repair cannot change what ftfy sees on a second run.
_LINE = re.compile(r"[^\r\n\u2028\u2029]+")
_BREAKS = "\r\n\u2028\u2029"
_BREAK = re.compile(f"[{_BREAKS}]")
_WORDS = re.compile(r"\S*\s*")
# C1 controls that ftfy leaves when it cannot map them to Windows-1252 characters.
_LEFTOVER_C1 = re.compile(r"[\x80-\x9f]+")

_FIXERS = {  # ftfy fixer → (rule, reason, confidence)
    "decode_inconsistent_utf8": ("mojibake", "mojibake: part of the line was UTF-8 decoded as Windows-1252", 0.95),
    "replace_lossy_sequences": ("mojibake", "mojibake whose lost bytes cannot be recovered: marked with \ufffd", 0.8),
    "unescape_html": ("html-entity", "an HTML entity was left as text (&amp; for &)", 0.95),
    "remove_control_chars": ("control-chars", "invisible control characters with no place in text", 1.0),
    "remove_terminal_escapes": ("terminal-escapes", "ANSI terminal colour/cursor codes", 1.0),
    "fix_surrogates": ("surrogates", "UTF-16 surrogate characters that are not valid text", 1.0),
    "fix_c1_controls": ("c1-controls", "a C1 control character that stands for a Windows-1252 character", 0.9),
    "fix_latin_ligatures": ("ligatures", "a typographic ligature unfolded to its letters", 0.9),
    "fix_character_width": ("character-width", "full-width characters made normal width", 0.9),
    "uncurl_quotes": ("quotes", "curly quotes straightened (configured)", 1.0),
}
_CODEC_NAMES = {"utf-8": "UTF-8", "latin-1": "Latin-1", "windows-1252": "Windows-1252",
                "windows-1251": "Windows-1251", "windows-1250": "Windows-1250", "macroman": "MacRoman",
                "cp437": "CP437", "iso-8859-2": "ISO-8859-2"}


@dataclass(frozen=True)
class EncodingOptions:
    """ftfy switches; the defaults keep correct typography untouched."""

    fix_encoding: bool = True
    # "flag": report entities with the character as suggestion (the source may mean them);
    # "auto": fix them where the line has no "<" (so is not HTML); "yes": always; "no": ignore.
    unescape_html: str = "flag"
    remove_control_chars: bool = True
    remove_terminal_escapes: bool = True
    fix_surrogates: bool = True
    fix_c1_controls: bool = True
    remove_leftover_c1: bool = True   # C1 controls ftfy could not map carry no meaning
    restore_lost_quotes: bool = True  # "â€�" where a quotation closes was ” (see _lost_closing_quotes)
    fix_latin_ligatures: bool = False
    fix_character_width: bool = False
    uncurl_quotes: bool = False

    def __post_init__(self):
        if self.unescape_html not in ("flag", "auto", "yes", "no"):
            raise ValueError("unescape_html must be 'flag', 'auto', 'yes' or 'no'")


class EncodingStage(Stage):
    """Repairs mojibake, HTML entities and control characters (ftfy)."""

    name = "encoding"
    reads = ()        # no metadata: mojibake is repaired alike in every language
    Options = EncodingOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        o = self.options
        self._ftfy = ftfy.TextFixerConfig(
            unescape_html={"auto": "auto", "yes": True}.get(o.unescape_html, False),
            fix_encoding=o.fix_encoding,
            remove_control_chars=o.remove_control_chars,
            remove_terminal_escapes=o.remove_terminal_escapes,
            fix_surrogates=o.fix_surrogates,
            fix_c1_controls=o.fix_c1_controls,
            fix_latin_ligatures=o.fix_latin_ligatures,
            fix_character_width=o.fix_character_width,
            uncurl_quotes=o.uncurl_quotes,
            fix_line_breaks=False,      # the whitespace stage owns line endings
            normalization=None,         # text that is right stays byte-for-byte
            explain=True,
        )
        self._typography_fixes = o.fix_latin_ligatures or o.fix_character_width or o.uncurl_quotes
        # an "&" needs ftfy only if ftfy is to unescape entities; none of its other fixes acts on one
        self._targets = _FTFY_TARGETS if self._ftfy.unescape_html else _FTFY_TARGETS_BUT_ENTITIES

    def find(self, doc) -> list[Edit]:
        """The repairs of the document, until its own output needs none.

        One repair can expose another across lines: a double mojibake whose last byte was
        lost ("Ã¢â‚¬Â�") decodes to "â€�", which only then reads as a lost ” (see
        _lost_closing_quotes, which counts quotation marks over the whole document).
        """
        edits = self._find_once(doc, doc.text)
        fixes = [e for e in edits if e.kind == FIX]
        rounds = 0
        while fixes and rounds < _MAX_ROUNDS:
            repaired = apply(doc.text, fixes)
            more = [e for e in self._find_once(doc, repaired) if e.kind == FIX]
            if not more:
                break
            fixes, rounds = compose(doc.text, fixes, repaired, more), rounds + 1
        if rounds:
            edits = sorted(fixes + [e for e in edits if e.kind != FIX], key=lambda e: (e.start, e.end))
        return edits

    def _find_once(self, doc, text: str) -> list[Edit]:
        if not _MAY_NEED_FTFY.search(text):
            return []
        edits: list[Edit] = []
        lost_quotes = (_lost_closing_quotes(text)
                       if self.options.restore_lost_quotes and _LOST_QUOTE in text else set())
        seen_clean = doc.scratch.setdefault("encoding.clean-lines", set())  # lines that need no repair
        candidate = _MAY_NEED_FTFY if self._typography_fixes else _CANDIDATE
        pos = 0
        while m := candidate.search(text, pos):
            floor = pos             # the line holding m starts here or after a break found after here
            end = _BREAK.search(text, m.start())
            pos = end.start() if end else len(text)
            if pos == m.start():  # the candidate is itself a line break (U+2028, U+2029)
                pos += 1
                continue
            start = max(floor, max(text.rfind(c, floor, m.start()) for c in _BREAKS) + 1)
            line = text[start:pos]
            if line not in seen_clean:
                fixed = self._may_need_ftfy(line) and self._fix_line(line, start, lost_quotes)
                if fixed:
                    edits.extend(fixed)
                else:
                    seen_clean.add(line)
        if self.options.unescape_html == "flag" and "&" in text:
            edits.extend(self._flag_entities(text))
        return edits

    def _flag_entities(self, text: str) -> list[Edit]:
        """HTML entities outside HTML lines, reported with the character they stand for."""
        flags = []
        for line in _LINE.finditer(text):
            if "<" in line.group():
                continue
            for m in HTML_ENTITY_RE.finditer(line.group()):
                char = unescape_html(m.group())
                if char != m.group():
                    start = line.start() + m.start()
                    flags.append(self.flag(text, start, start + len(m.group()), "html-entity",
                                           f"an HTML entity in plain text; it may stand for {char!r}",
                                           0.6, suggestion=char))
        return flags

    def _may_need_ftfy(self, line: str) -> bool:
        if self._typography_fixes:
            return bool(_MAY_NEED_FTFY.search(line))
        return bool(self._targets.search(line)) or looks_bad(line)

    def _fix_line(self, line: str, offset: int, lost_quotes: set[int]) -> list[Edit]:
        composed: list[Edit] = []
        current = line
        restored = _restore(line, offset, lost_quotes)
        if restored != line:
            composed, current = self._record(line, composed, current, restored, (
                "lost-quote", "a byte lost in a Windows-1252 decode: \"â€�\" where a quotation closes was ”", 0.9))
        # Removing a leftover control can expose mojibake ftfy then repairs ("\x81Â€" → "Â€" → "€"),
        # so repeat until nothing changes: cleaning the output again must change nothing. A line
        # that no longer needs ftfy by the test `find` uses is done without asking ftfy again.
        for round_ in range(_MAX_ROUNDS):
            if round_ and not self._may_need_ftfy(current):
                break
            start_of_round = current
            fixed, plan = ftfy.fix_and_explain(current, self._ftfy)
            if fixed != current:
                for group in _step_groups(plan):
                    step = ftfy.apply_plan(current, group)
                    composed, current = self._record(line, composed, current, step, _describe(group))
            if self.options.remove_leftover_c1 and _LEFTOVER_C1.search(current):
                step = _LEFTOVER_C1.sub("", current)
                composed, current = self._record(line, composed, current, step, (
                    "c1-controls", "C1 control characters that stand for nothing printable", 0.9))
            if current == start_of_round:
                break
        return shift(composed, offset)

    def _record(self, line, composed, current, step, description):
        """Diff one repair step into edits and compose them onto the line's edits so far."""
        if step == current:
            return composed, current
        rule, reason, confidence = description
        new = [self.fix(current, i1, i2, step[j1:j2], rule, reason, confidence)
               for i1, i2, j1, j2 in _word_diff(current, step)]
        return compose(line, composed, current, new), apply(current, new)


def looks_bad(line: str) -> bool:
    """ftfy.badness.is_bad(line), searching only around the characters its patterns need.

    is_bad runs one big regular expression over the whole line; a line of
    accented names or Spanish costs it as much as a line of mojibake. Every
    match holds a character outside ASCII and common typography (a suspect),
    so searching the windows of `_BAD_WIDTH` around the suspects finds the
    same answer. `search(line, start, end)` keeps `^` to the real line start.
    tests/stages/test_encoding_fast_path.py holds this to is_bad.
    """
    start = end = -1
    reach = _BAD_WIDTH - 1
    for m in _MOJIBAKE_SUSPECT.finditer(line):
        i = m.start()
        if i - reach > end:
            if end >= 0 and BADNESS_RE.search(line, start, end):
                return True
            start = max(i - reach, 0)
        end = i + _BAD_WIDTH
    return end >= 0 and bool(BADNESS_RE.search(line, start, end))


def _word_diff(a: str, b: str):
    """Changed spans as (a_start, a_end, b_start, b_end), in whole words.

    A reviewer reads "CafÃ©" → "Café" and "&amp;" → "&" better than the
    minimal character diff ("Ã©" → "é", delete "amp;"). Tokens are words with
    their trailing whitespace, so that tokens rarely repeat and the diff stays
    near-linear; the whitespace both sides share is then trimmed off.
    """
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    oa, ob = _offsets(ta), _offsets(tb)
    for i1, i2, j1, j2 in _changed_tokens(ta, tb):
        if i2 - i1 == j2 - j1:   # word for word: one edit per word
            pairs = [(i, i + 1, j, j + 1) for i, j in zip(range(i1, i2), range(j1, j2)) if ta[i] != tb[j]]
        else:
            pairs = [(i1, i2, j1, j2)]
        for p1, p2, q1, q2 in pairs:
            s1, e1, s2, e2 = oa[p1], oa[p2], ob[q1], ob[q2]
            while e1 > s1 and e2 > s2 and a[e1 - 1] == b[e2 - 1] and a[e1 - 1].isspace():
                e1, e2 = e1 - 1, e2 - 1
            yield s1, e1, s2, e2


def _changed_tokens(ta: list[str], tb: list[str]):
    """(i1, i2, j1, j2) of the runs of tokens that differ. Most repairs change words in place
    (cafÃ© → café): with as many tokens on both sides, they pair up word for word, without
    difflib, whose cost grows with the line. Otherwise difflib aligns the middle, between the
    tokens both sides begin and end with."""
    if len(ta) == len(tb):
        run = None                      # the run of differing tokens being collected: [start, end)
        for i in compress(range(len(ta)), map(ne, ta, tb)):     # the differing indexes, at C speed
            if run and run[1] == i:
                run[1] = i + 1
            else:
                if run:
                    yield run[0], run[1], run[0], run[1]
                run = [i, i + 1]
        if run:
            yield run[0], run[1], run[0], run[1]
        return
    head, tail = common_ends(ta, tb)
    middle = difflib.SequenceMatcher(None, ta[head:len(ta) - tail], tb[head:len(tb) - tail])
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag != "equal":
            yield i1 + head, i2 + head, j1 + head, j2 + head


def _offsets(tokens):
    return list(accumulate(map(len, tokens), initial=0))


def _lost_closing_quotes(text: str) -> set[int]:
    """Offsets of "â€�" that stand for a lost ” (UTF-8 E2 80 9D read as Windows-1252).

    Windows-1252 has no character for the byte 9D, so a decoder that replaces
    what it cannot map leaves "â€�", and ftfy can only mark the loss with "�".
    Five characters end that way: ” and the rare U+2001 (em quad), U+200D
    (zero-width joiner, between emoji), U+200F (right-to-left mark), U+2010
    (hyphen, between letters). It is ” where a quotation is open (“ counted
    across the document, paragraphs included) or where it stands as a closing
    mark does (after a word, before a space, punctuation or the line end).
    Anywhere else it is left to ftfy.
    """
    found, depth = set(), 0
    for m in _QUOTE_MARKS.finditer(text):
        if m.group() in _OPENING:
            depth += 1
        elif m.group() in _CLOSING:
            depth = max(0, depth - 1)
        elif depth > 0 or _CLOSING_POSITION.match(text, m.start()):
            found.add(m.start())
            depth = max(0, depth - 1)
    return found


def _restore(line: str, offset: int, lost_quotes: set[int]) -> str:
    """The line with each lost ” at `lost_quotes` rebuilt as "â€\\x9d", which ftfy then decodes."""
    if not lost_quotes or _LOST_QUOTE not in line:
        return line
    return _QUOTE_MARKS.sub(lambda m: "\u00e2\u20ac\x9d" if offset + m.start() in lost_quotes
                            else m.group(), line)


def _step_groups(plan):
    """Split ftfy's plan into repairs: an encode…decode run is one, each other step is one."""
    group = []
    for step in plan:
        group.append(step)
        if step[0] in ("decode", "apply", "normalize") or (step[0] == "transcode" and len(group) == 1):
            yield group
            group = []
    if group:
        yield group


def _describe(group) -> tuple[str, str, float]:
    if group[0][0] == "encode":
        read_as = _CODEC_NAMES.get(group[0][1].replace("sloppy-", ""), group[0][1])
        meant = _CODEC_NAMES.get(group[-1][1], group[-1][1])
        steps = ", ".join(f"{kind} {name}" for kind, name in group)
        return ("mojibake", f"mojibake: {meant} text had been decoded as {read_as} (ftfy: {steps})", 0.95)
    fixer = group[0][1]
    return _FIXERS.get(fixer, (fixer.replace("_", "-"), f"ftfy {fixer}", 0.9))
