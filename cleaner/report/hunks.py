"""The queue's first pages by confidence, ready at build time: each rule's least and most confident
edits as hunks, so that the page need not load the chunks they are spread over.

In document order a page of the queue comes from one or two chunks; least
confident first, its 20 hunks come from anywhere in the report, and loading the
chunks they lie in (8 MB of text for a 100,000-edit report) is most of the
time the page takes. So while the report is written, each rule keeps the
HEAD least and the HEAD most confident of its fixes, and of its flags (the
order the page sorts by: confidence in thousandths, then document and edit),
with what the page draws of each (`pieces`), and `finish` writes them to
`queue-RRRRR.js`, one file per rule: `cleanerReport.hunks(R, [[n, i, id,
before, edit row, pieces], …])` (the edit row as in a chunk). A queue
filtered by a rule, a stage or nothing loads those files and draws the hunks
it finds there; any other hunk (a later page, a state or
confidence filter that reaches past the heads, a search) comes from its chunk
as before.

`pieces` computes what report.js's hunk drawing reads of the text: the edit's
line cut 160 characters either side, the nearest line with words before and
after it, cut to 120 characters. report.js draws a hunk from a loaded chunk
with the same cuts (there, in UTF-16 units: where characters beyond the BMP
come before a cut, it falls a character apart).
"""
from __future__ import annotations

import heapq
from typing import Callable

HEAD = 40          # hunks kept per rule, kind and direction: the first two pages
LINE = 160         # characters of the edit's line kept either side of it
CONTEXT = 120      # characters kept of the line before and after
# JavaScript's String.prototype.trim() white space, which tells a blank line in report.js
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000\ufeff"


def pieces(text: str, start: int, end: int) -> list:
    """[previous line, cut left, head, cut head, tail, cut tail, next line, cut right, cut before
    previous, cut after next]: what a hunk shows of `text` around text[start:end] (the edit's own
    text and replacement come with the edit)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    a, b = max(ls, start - LINE), min(le, end + LINE)
    pls, ple = _line_before(text, ls)
    nls, nle = _line_after(text, le)
    p0 = max(pls, ple - CONTEXT)
    n1 = min(nle, nls + CONTEXT)
    return [text[p0:ple], int(p0 > pls), text[a:start], int(a > ls), text[end:b], int(b < le),
            text[nls:n1], int(n1 < nle)]


def _line_before(text: str, ls: int) -> tuple[int, int]:
    end = ls - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip(_JS_SPACE):
            return start, end
        end = start - 1
    return 0, 0


def _line_after(text: str, le: int) -> tuple[int, int]:
    start = le + 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip(_JS_SPACE):
            return start, end
        start = end + 1
    return 0, 0


class Heads:
    """Each rule's HEAD least and most confident fixes and flags, with their pieces, as a run goes."""

    def __init__(self):
        # (rule, flag, direction) → heap of (-key, …) for the least, (key, …) for the most confident,
        # where key = (confidence ‰, n, i) as the page sorts; the heap's top is the one to drop
        self._heaps: dict[tuple[int, int, int], list] = {}

    def add(self, n: int, id: str, rows: list, text: Callable[[], str]) -> None:
        """A document's edit rows (data.py's); `text()` gives its text, asked for only when needed."""
        got: str | None = None
        for i, row in enumerate(rows):
            conf, flag = round(row[5] * 1000), row[4]
            for rule in row[3]:
                for direction, key in ((0, (-conf, -n, -i)), (1, (conf, -n, -i))):
                    heap = self._heaps.setdefault((rule, flag, direction), [])
                    if len(heap) >= HEAD and key <= heap[0][0]:
                        continue        # no nearer the head than the ones kept
                    if got is None:
                        got = text()
                    entry = (key, n, i, [n, i, id, got[row[0]:row[1]], row, pieces(got, row[0], row[1])])
                    (heapq.heapreplace if len(heap) >= HEAD else heapq.heappush)(heap, entry)

    def by_rule(self) -> dict[int, list]:
        """rule → [[n, i, id, before, row, pieces], …] in document order, each edit once."""
        out: dict[int, dict] = {}
        for (rule, _, _), heap in self._heaps.items():
            for _, n, i, hunk in heap:
                out.setdefault(rule, {})[(n, i)] = hunk
        return {rule: [hunk for _, hunk in sorted(kept.items())] for rule, kept in sorted(out.items())}
