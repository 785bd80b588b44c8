"""Counts of a list symspellpy ships (a word or a word pair → its count), kept sorted and packed.

Why: parsing symspellpy's text lists costs a quarter of a second per process (243,000 English word
pairs and 83,000 words), more than the rest of the spacing stage's start. Kept as their sorted
entries, a line each, and an array of counts (cleaner.cache), they load in ~15 ms; a lookup is a
binary search (under a microsecond), which the stage makes a few times per candidate gap, never
per word of the text. The kept copy is named by a digest of symspellpy's file, so a new
symspellpy never meets an old copy; where nothing can be kept, the list is parsed as before.
"""
from __future__ import annotations

import importlib.resources
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from contextlib import suppress

from .. import cache


class Counts(Mapping):
    """Entry → count, over sorted entries and their counts; `total` is the sum of the counts."""

    def __init__(self, entries: list[str], counts: array):
        self._entries, self._counts = entries, counts
        self.total = sum(counts)

    def get(self, entry: str, default=None):
        i = bisect_left(self._entries, entry)
        return self._counts[i] if i < len(self._entries) and self._entries[i] == entry else default

    def __getitem__(self, entry: str) -> int:
        count = self.get(entry)
        if count is None:
            raise KeyError(entry)
        return count

    def __contains__(self, entry) -> bool:
        return self.get(entry) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def symspell_counts(name: str) -> Counts:
    """The counts of symspellpy's list `name` ("word count" or "left right count" lines)."""
    source = (importlib.resources.files("symspellpy") / name).read_bytes()
    kept_as = f"spacing-{cache.digest(b'symspell counts 1', source)}.counts"
    kept = cache.read(kept_as)
    if kept is not None:
        with suppress(ValueError, UnicodeDecodeError, KeyError):
            return Counts(*cache.unpack(kept)[:2])
    parsed = dict(line.rsplit(" ", 1) for line in source.decode("utf-8").splitlines() if line)
    entries = sorted(parsed)
    counts = array("q", (int(parsed[e]) for e in entries))
    packed = cache.pack(entries, counts)
    if packed is not None:
        cache.keep(kept_as, packed)
    return Counts(entries, counts)
