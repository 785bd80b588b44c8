"""Guards: the context a match must (or must not) be in for its rule to apply.

A pattern says what an artifact looks like; guards say where it is one. In
`I’LL TAKE THE RISK` as a heading the same letters are an English sentence,
so the OTAN rule carries `not_in_heading` and a `not_after` for a following
all-caps word. Guards are checked only on a match, so they cost nothing on
text without one.

    before / not_before   a pattern that must / must not end where the match starts
    after / not_after     a pattern that must / must not start where the match ends
    not_in_heading        skip a match on a line with no lower-case letter (default true)
    case_sensitive        whether the rule's pattern tells I'LL from I'll (default true)
    languages             narrows the pack's languages for this rule (kept on the Rule)

Guards read the lines of the match, nothing beyond them: a heading on the
line above is not context (`A LONG WAR` then a blank line is no shouted `WAR
I’LL TAKE`), and `\\s` in a guard cannot reach across a line break into
another paragraph. A look-behind guard starts at the line's start, a
look-ahead guard stops at its end.

Guard patterns are matched case-sensitively, whatever `case_sensitive` says:
in them `\\p{Lu}` must mean an upper-case letter. Write `(?i:…)` where case
does not matter. Apostrophes match ' and ’ alike, as in rule patterns.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .pattern import compile_pattern

CONTEXT_KEYS = ("before", "not_before", "after", "not_after")
_LOWER = regex.compile(r"\p{Ll}")


@dataclass(frozen=True)
class Guards:
    before: regex.Pattern | None = None
    not_before: regex.Pattern | None = None
    after: regex.Pattern | None = None
    not_after: regex.Pattern | None = None
    not_in_heading: bool = True
    case_sensitive: bool = True

    @classmethod
    def build(cls, context: dict[str, str], lists: dict, **flags) -> "Guards":
        """Guards from the pattern text of each context key (PatternError if one does not compile)."""
        compiled = {}
        for key, source in context.items():
            # A look-behind tested at the match start sees exactly the text before it.
            wrapped = f"(?<=(?:{source}))" if key.endswith("before") else source
            compiled[key] = compile_pattern(wrapped, lists=lists)
        return cls(**compiled, **flags)

    def allow(self, text: str, start: int, end: int, timeout: float) -> bool:
        """Whether a match text[start:end] is in a context where its rule applies."""
        if self.not_in_heading and _in_heading(text, start):
            return False
        first, last = _lines(text, start, end)
        line = text[first:last]
        for guard, wanted, at in ((self.before, True, start), (self.not_before, False, start),
                                  (self.after, True, end), (self.not_after, False, end)):
            if guard is not None and (guard.match(line, at - first, timeout=timeout) is not None) != wanted:
                return False
        return True


def _lines(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line(s) holding text[start:end], without their line breaks."""
    last = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if last < 0 else last


def _in_heading(text: str, at: int) -> bool:
    """Whether the line holding text[at] has no lower-case letter (an all-caps heading)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return _LOWER.search(text, start, len(text) if end < 0 else end) is None
