"""Missing spaces around punctuation: quotes, sentence ends, commas, semicolons and colons.

Each rule names the gap (where a space goes) by a pattern with the gap between
a lookbehind and a lookahead, so a match is an insertion point. What the
patterns leave alone: numbers (3.5, 1,200, 10:30), abbreviations and initials
(U.S., e.g., J.R.R., Mr.Smith), ellipses, and the apostrophe (NATO’s).
URLs, e-mail addresses, domains and file names are excluded by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    pattern: re.Pattern
    rule: str
    reason: str
    confidence: float


GAPS = (
    Gap(re.compile(r"(?<=\u201d)(?=[^\W_])"), "quote-close",
        "a closing quotation mark glued to the next word", 0.95),
    Gap(re.compile(r"(?<=[^\W_]|[,.;:!?%)\]])(?=\u201c)"), "quote-open",
        "an opening quotation mark glued to the word before it", 0.9),
    Gap(re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][)\]])(?=[A-Z][a-z])|(?<=\d\d[.!?])(?=[A-Z][a-z]{2})"),
        "sentence", "a sentence glued to the one before it", 0.9),
    Gap(re.compile(r"(?<=[A-Za-z]{2}[,;])(?=[A-Za-z]{2})|(?<=[a-z]{2}:)(?=[A-Za-z]{2})"),
        "punctuation", "a comma, semicolon or colon glued to the next word", 0.9),
)
