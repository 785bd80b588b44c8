"""Missing spaces around punctuation: quotes, sentence ends, commas, semicolons, colons, dashes and
abbreviations.

Each rule names the gap (where a space goes) by a pattern with the gap between
a lookbehind and a lookahead, so a match is an insertion point. What the
patterns leave alone: numbers (3.5, 1,200, 10:30), abbreviations and initials
(U.S., e.g., J.R.R., Mr.Smith; but "U.S.economy" is glue), ellipses, and the apostrophe (NATO’s).
The dash and abbreviation rules came from unseen prose (benchmarks/unseen_prose.py, 2026-12-08:
held +2 repairs, tuning +5, no wrong one; no candidate of #15's sets changed).
URLs, e-mail addresses, domains and file names are excluded by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.scan import per_mark


@dataclass(frozen=True)
class Gap:
    patterns: tuple[re.Pattern, ...]  # match the punctuation mark itself, context checked around it;
                                      # one pattern per mark (cleaner.text.scan)
    before: bool            # the space goes before the match (else after it)
    rule: str
    reason: str
    confidence: float


# Each pattern starts with the punctuation mark, one pattern per mark, so the regex engine can
# skip to it quickly; lookbehinds placed after the mark check what stands before it, after a
# lookahead that most marks fail at once (a space follows them).
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev")

GAPS = (
    Gap(per_mark("\u201d", r"(?=[^\W_])"), False, "quote-close",
        "a closing quotation mark glued to the next word", 0.95),
    Gap(per_mark("\u201c", r"(?<=(?:[^\W_]|[,.;:!?%)\]])\u201c)"), True, "quote-open",
        "an opening quotation mark glued to the word before it", 0.9),
    Gap(per_mark(".!?)]", r"(?=[A-Z])(?:(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][)\]])(?=[A-Z][a-z])"
                          r"|(?<=\d\d[.!?])(?=[A-Z][a-z]{2}))"), False,
        "sentence", "a sentence glued to the one before it", 0.9),
    Gap(per_mark(",;:", r"(?=[A-Za-z12])(?:(?:(?<=[A-Za-z]{2}[,;])|(?<=[A-Za-z0-9]{2},))(?=[A-Za-z]{2}|[aI]\s)|(?<=[a-z]{2}:)(?=[A-Za-z]{2})"
                        r"|(?<=[A-Za-z][\"”’)],)(?=[A-Za-z]{2})"
                        r"|(?<=\b\d,)(?=[12]\d{3}\b)|(?<=\b\d\d,)(?=[12]\d{3}\b)|(?<=[a-z]{2},)(?=[12]\d{3}\b))"), False,
        "punctuation", "a comma, semicolon or colon glued to the next word", 0.9),
    Gap(per_mark("–", r"(?<=[^\W_]–)(?= [^\W_])"), True,
        "punctuation", "a dash spaced on one side only", 0.85),
    Gap(per_mark("–", r"(?<=[^\W_] –)(?=[^\W_])"), False,
        "punctuation", "a dash spaced on one side only", 0.85),
    # "--" as a dash (typed text, transcripts), glued on its left: the other way round it is an
    # option ("cleaner --jobs")
    Gap(per_mark("-", r"(?<=[^\W_]-)-(?= [^\W_])"), True,
        "punctuation", "a dash spaced on one side only", 0.85),
    # a dotted abbreviation before a lower-case word ("U.S.economy", "U.N.conferences"); before a
    # capital it may be initials of a name ("J.C.Staff", a studio)
    Gap(per_mark(".", r"(?=[a-z]{3})(?<=[A-Z]\.[A-Z]\.)(?<![^\W_][A-Z]\.[A-Z]\.)"), False,
        "punctuation", "an abbreviation glued to the word after it", 0.9),
    Gap(per_mark("%", r"(?<=\d%)(?=[A-Za-z]{2})"), False,
        "punctuation", "a percentage glued to the next word", 0.9),
    Gap(per_mark("(", r"(?:(?<=(?:[A-Za-z]{2}|\d\d)\()(?=[a-z]{2}|[A-Z][a-z])|(?<=[a-z]{3}\()(?=\d\d))"), True,
        "punctuation", "a parenthesis glued to the word beside it", 0.85),
    Gap(per_mark(")", r"(?:(?<=[a-z]{2}\))(?=[a-z]{2})|(?<=\d{4}\))(?=[a-z]{2}))"), False,
        "punctuation", "a parenthesis glued to the word beside it", 0.85),
    Gap(per_mark(".", r"(?=[A-Z][a-z]|[A-Z]\.)(?:" + "|".join(rf"(?<=\b{t}\.)" for t in _TITLES) + r")"), False,
        "punctuation", "a title glued to the name after it", 0.9),
)


_POSSESSIVE = re.compile(r"s\b")   # '"The Guardian"s Sam Wollaston': a possessive, no gap


def straight_quote_gaps(text: str):
    """Straight double quotes glued to a word: in a line with an even number of them, the
    1st, 3rd … open a quotation and the 2nd, 4th … close one ('said"Yes"and' → 'said "Yes" and').
    A quote right after another closes nothing: `""` is an empty string or markup (help text
    writes an inline literal as `""name""`)."""
    lines: dict[int, list[int]] = {}    # where a line starts → its quotes, found at C speed
    q = text.find('"')
    while q >= 0:
        lines.setdefault(text.rfind("\n", 0, q), []).append(q)
        q = text.find('"', q + 1)
    for quotes in lines.values():
        if len(quotes) % 2:
            continue                    # unbalanced: inches, a lost quote … nothing to infer
        for k, q in enumerate(quotes):
            before, after = text[q - 1:q], text[q + 1:q + 2]
            if k % 2 == 0 and before and (before.isalpha() or before in ",;:") and after.isalpha():
                yield q, "quote-open", "an opening quotation mark glued to the word before it", 0.85
            elif k % 2 == 1 and after.isalnum() and before and not before.isspace() and before != '"' \
                    and not _POSSESSIVE.match(text, q + 1):
                yield q + 1, "quote-close", "a closing quotation mark glued to the next word", 0.85
