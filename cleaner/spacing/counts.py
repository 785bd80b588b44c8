"""Counts of a list symspellpy ships (a word or a word pair → its count), kept as a trie.

Why: parsing symspellpy's text lists costs a quarter of a second per process (243,000 English word
pairs and 83,000 words), and holding them as Python strings ~25 MB of every worker. Kept as a
marisa trie and an array of counts by the trie's ids (cleaner.text.tries), they load in under a
millisecond and take ~3.5 MB, most of it the counts; a lookup (under a microsecond) is made a few
times per candidate gap, never per word of the text. The kept copy is named by symspellpy's file
(cleaner.cache.source), so a new symspellpy never meets an old copy; where nothing can be kept,
the list is parsed as before.
"""
from __future__ import annotations

import importlib.resources
from array import array

import marisa_trie

from .. import cache
from ..text import tries


class Counts(tries.TrieMapping):
    """Entry → count; `total` is the sum of the counts."""

    def __init__(self, trie: marisa_trie.Trie, counts: array):
        super().__init__(trie, counts)
        self.total = sum(counts)


def symspell_counts(name: str) -> Counts:
    """The counts of symspellpy's list `name` ("word count" or "left right count" lines)."""
    resource = importlib.resources.files("symspellpy") / name
    kept_as = f"spacing-{cache.digest(b'symspell counts trie 2', cache.source(resource))}.trie"

    def parsed():
        return ((entry, int(count)) for entry, count in
                (line.rsplit(" ", 1) for line in resource.read_bytes().decode("utf-8").splitlines() if line))
    return Counts(*tries.kept(kept_as, parsed))
