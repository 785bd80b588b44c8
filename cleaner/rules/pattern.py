"""Rule patterns: compiled with the `regex` package, apostrophes matched alike, a literal prefilter.

Why apostrophes: one dump writes I’LL TAKE, the next I'LL TAKE. A pack author
writes either; the compiler turns every apostrophe in a pattern (and in the
items of a named list) into `['’]`, so a rule never needs both spellings.

Why a prefilter: most documents hold no match for most rules, and Python's
substring search is far cheaper than starting a regex. `required_literal`
finds a run of plain characters that every match must contain ("LL TAKE" in
`(?:\\bthe )?I'LL TAKE\\b`); when a document lacks it the pattern is not run.
It is conservative: any construct it does not fully understand (alternation at
the top level, inline flags, fuzzy matching, unusual escapes) gives no literal,
and then the pattern simply always runs.
"""
from __future__ import annotations

import regex

APOSTROPHES = "'\u2019"
_CLASS = "['\u2019]"
_QUANTIFIER = regex.compile(r"[*+?]|\{(\d*)(?:,(\d*))?\}")
_ESCAPE_BODY = {"p": "}", "P": "}", "N": "}", "L": ">", "g": ">", "x": None, "u": None, "U": None}


class PatternError(ValueError):
    """A pattern that does not compile; the message says where and why."""


def compile_pattern(pattern: str, *, ignore_case: bool = False, lists: dict | None = None) -> regex.Pattern:
    """The compiled pattern, apostrophes matching both ' and ’, named lists (`\\L<name>`) bound."""
    lists = {name: _both_apostrophes(items) for name, items in (lists or {}).items()}
    used = {name: items for name, items in lists.items() if f"\\L<{name}>" in pattern}
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(apostrophes_alike(pattern), flags, **used)
    except regex.error as e:
        raise PatternError(str(e)) from None


def apostrophes_alike(pattern: str) -> str:
    """`pattern` with each apostrophe (' or ’, escaped or not) matching either one."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            if pattern[i + 1] in APOSTROPHES:
                out.append(APOSTROPHES if in_class else _CLASS)
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and not _class_opening(out):
                in_class = False
            out.append(APOSTROPHES if c in APOSTROPHES else c)
        elif c == "[":
            in_class = True
            out.append(c)
        else:
            out.append(_CLASS if c in APOSTROPHES else c)
        i += 1
    return "".join(out)


def _class_opening(out: list[str]) -> bool:
    """True right after `[` or `[^`, where `]` is a literal member of the class."""
    return bool(out) and (out[-1] == "[" or (out[-1] == "^" and len(out) > 1 and out[-2] == "["))


def _both_apostrophes(items) -> list[str]:
    out = []
    for item in items:
        out.append(item)
        for a, b in (("'", "\u2019"), ("\u2019", "'")):
            if a in item:
                out.append(item.replace(a, b))
    return list(dict.fromkeys(out))


def required_literal(pattern: str, min_length: int = 2) -> str | None:
    """The longest run of plain characters every match of `pattern` contains, or None.

    Only the top level of the pattern is read: groups, classes, anchors and
    escapes such as `\\b` end a run; a quantifier that allows zero repeats takes
    its character out of the run. Apostrophes end a run too (they match ' or ’).
    """
    runs: list[str] = []
    run: list[str] = []
    last_literal = False   # whether the previous atom was the last character of `run`
    i, n = 0, len(pattern)

    def end_run():
        nonlocal run
        runs.append("".join(run))
        run = []

    while i < n:
        c = pattern[i]
        q = _QUANTIFIER.match(pattern, i)
        if c == "{" and not q:
            return None                              # fuzzy matching {e<=1} or a brace we do not read
        if q:
            if q.group() == "{}":
                return None
            low = 1 if q.group() == "+" else 0 if q.group() in "*?" else int(q.group(1) or 0)
            if last_literal and low == 0:
                run.pop()
            end_run()
            i = q.end()
            if i < n and pattern[i] in "?+":         # lazy or possessive
                i += 1
            last_literal = False
            continue
        if c == "|":
            return None
        if c in "([":
            if pattern.startswith("(?", i) and regex.match(r"\(\?[a-zA-Z0-9\-]+\)", pattern[i:]):
                return None                          # inline flags change what the rest means
            j = (_skip_group if c == "(" else _skip_class)(pattern, i)
            if j is None:
                return None
            i = j
            end_run()
            last_literal = False
            continue
        if c == "\\":
            if i + 1 >= n:
                return None
            e = pattern[i + 1]
            if e.isalnum():
                if e in _ESCAPE_BODY or e.isdigit():
                    return None
                end_run()                            # \b \s \d \w \A \Z …: not a character of the text
                i += 2
                last_literal = False
                continue
            i += 1
            c = e
        elif c in ".^$":
            end_run()
            last_literal = False
            i += 1
            continue
        if c in APOSTROPHES:
            end_run()
            last_literal = False
        else:
            run.append(c)
            last_literal = True
        i += 1
    end_run()
    best = max(runs, key=len, default="")
    return best if len(best) >= min_length else None


def _skip_group(pattern: str, i: int) -> int | None:
    """The index after the group that opens at pattern[i], or None if it never closes."""
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = _skip_class(pattern, i)
            if j is None:
                return None
            i = j
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _skip_class(pattern: str, i: int) -> int | None:
    """The index after the character class that opens at pattern[i]."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return None
