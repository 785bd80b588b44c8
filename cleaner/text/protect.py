"""Text the spacing and spelling stages never touch: URLs, e-mail addresses, domains and file
names, paths, hashtags and @mentions, HTML entities — whole whitespace-delimited chunks —, HTML
tags, and code (cleaner.text.code)."""
from __future__ import annotations

import re
from bisect import bisect_right

from .code import code_spans
from .scan import finditer, per_mark
from .tokens import chunk_spans

# What marks a chunk as protected; the chunk is the whitespace-delimited run around the mark.
# One pattern per mark, each led by a literal character, lets the regex engine skip ordinary
# text quickly (cleaner.text.scan).
_MARKS = (
    re.compile(r"://"), re.compile(r"www\."), *per_mark("@/\\", ""),   # URL, e-mail, @mention, path
    re.compile(r"&#?\w+;"),                                              # entity
    re.compile(r"#(?<!\S#)(?=\w)"),                                      # hashtag
    re.compile(r"\.(?<=[\w-]\.)(?:[a-z]{2,6}|[a-z]{2,6}\.[a-z]{2})\b"),   # domain or file name: example.com, a.pdf
)
_TAG = re.compile(r"<[A-Za-z/!][^<>]{0,500}>")                 # HTML or XML markup: <img src=x onerror=…>


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of the chunks that must keep their spacing exactly."""
    spans = chunk_spans(text, finditer(_MARKS, text))
    more = code_spans(text, spans)
    if "<" in text:
        more += [m.span() for m in _TAG.finditer(text)]
    return _merged(spans + more) if more else spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` strictly inside one of `spans` (a gap at its edge is outside)?"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]
