"""Text the spacing stage never touches: URLs, e-mail addresses, domains and file names,
paths, hashtags and @mentions, HTML entities — whole whitespace-delimited chunks."""
from __future__ import annotations

import re
from bisect import bisect_right

_PROTECTED_CHUNK = re.compile(
    r"\S*(?:://|www\.|@|/|\\|&\w+;)\S*"                          # URL, e-mail, @mention, path, entity
    r"|(?<!\S)#\w\S*"                                            # hashtag
    r"|\S*\b[\w-]+\.(?:[a-z]{2,6}|[a-z]{2,6}\.[a-z]{2})\b\S*")   # domain or file name: example.com, a.pdf


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted spans of the chunks that must keep their spacing exactly."""
    return [m.span() for m in _PROTECTED_CHUNK.finditer(text)]


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` strictly inside one of `spans` (a gap at its edge is outside)?"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]
