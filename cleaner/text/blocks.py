"""Prose blocks: what word-level stages read of a document, a long one in pieces.

Why: the spacing and spelling stages weigh each candidate word against the whole
document (does it recur? does it stand apart elsewhere? where else does it occur?),
a scan of the text per candidate. On a news article that costs nothing; on a 50 MB
document the candidates grow with the text and the cost with its square. Cut into
blocks of about BLOCK_CHARS at paragraph breaks (else line breaks, else spaces), the
cost stays linear and the evidence local, which for a book-length text is what it
should be. A document of up to BLOCK_CHARS is one block: nothing changes for it.

A run of more than LONG_RUN characters without whitespace (base64, minified code, a
10 MB line) is no prose: the stages read it as blank (same length, so every offset
holds), which costs nothing and can change nothing in it.
"""
from __future__ import annotations

import re

from ..document import Document
from .tokens import chunks

BLOCK_CHARS = 100_000
LONG_RUN = 20_000
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (LONG_RUN + 1))   # from a run's start only: linear
_SPACE = re.compile(r"\s")


def prose_blocks(doc: Document) -> list[tuple[int, Document]]:
    """(offset, block) pairs covering `doc` in order; `[(0, doc)]` itself for an ordinary document.

    A block shares the document's metadata; its text is `doc.text[offset:offset + len]`
    with long runs blanked."""
    text = doc.text
    if len(text) <= LONG_RUN or (
            len(text) <= BLOCK_CHARS and max(map(len, doc.derived("chunks", chunks)), default=0) <= LONG_RUN):
        return [(0, doc)]
    readable = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
    return [(start, Document(readable[start:end], doc.id, doc.metadata)) for start, end in _cut(readable)]


def in_block(spans: list[tuple[int, int]], offset: int, block: Document) -> list[tuple[int, int]]:
    """The parts of the document's `spans` that fall in `block` (at `offset`), in its coordinates."""
    end = offset + len(block.text)
    return [(max(s, offset) - offset, min(e, end) - offset) for s, e in spans if s < end and e > offset]


def _cut(text: str) -> list[tuple[int, int]]:
    """Spans of at most BLOCK_CHARS covering `text` (no long run in it), each ending after whitespace."""
    out, start, stop = [], 0, len(text)
    while stop - start > BLOCK_CHARS:
        low, high = start + BLOCK_CHARS // 2, start + BLOCK_CHARS
        for separator in ("\n\n", "\n", " "):
            at = text.rfind(separator, low, high)
            if at >= 0:
                cut = at + len(separator)
                break
        else:   # other whitespace only; with no long run, there is some in every LONG_RUN + 1 characters
            cut = [m.end() for m in _SPACE.finditer(text, high - LONG_RUN - 1, high)][-1]
        out.append((start, cut))
        start = cut
    out.append((start, stop))
    return out
