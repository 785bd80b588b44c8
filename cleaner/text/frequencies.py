"""Word frequencies of a language: wordfreq's "large" list, one table per process for every stage.

Why: a table held as a Python dict is ~320,000 strings (English: ~30 MB of every worker) and
took ~0.1 s to build from any file (marshal, pickle, a split text), which a first document in a
second language paid, and an English run paid for Spanish too (the spacing stage asks every
language's list whether a word beside punctuation reads as glue). The table is held instead as a
trie of its words and an array of their frequencies (cleaner.text.tries), kept in the cache folder
and loaded in a few milliseconds, which remembers the words it was asked in a bounded dict: a
text asks the same words again and again. The kept trie is named by wordfreq's data file (its
name, size and modification time), so a new wordfreq never meets an old copy. Where nothing can
be kept (no cache folder, or one that cannot be written and holds no trie), or the file is not
where wordfreq keeps it, wordfreq's table is read as a dict, as before. The spacing lexicon and
the spelling vocabulary read the same table.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping

from .. import cache
from ..resources import installed
from . import tries


@functools.cache
def frequencies(language: str) -> Mapping:
    """word → frequency (a fraction of running words) in `language`, lower case: the kept trie, or
    wordfreq's dict where nothing is kept."""
    kept_as = _kept_as(language)
    name = f"{kept_as}.trie"
    if kept_as is None or (not cache.writable() and cache.read(name) is None):   # a trie could not be kept
        return _from_wordfreq(language)
    return tries.RememberingTrieMapping(*tries.kept(name, lambda: _from_wordfreq(language).items(), "d"))


def whole(language: str) -> dict[str, float]:
    """`language`'s table as a dict in wordfreq's order (commonest first), for building what is kept
    from it: the process's own table where that is a dict, else wordfreq's."""
    table = frequencies(language)
    return table if isinstance(table, dict) else _from_wordfreq(language)


def _from_wordfreq(language: str) -> dict[str, float]:
    """wordfreq's table; equal frequencies one float object (wordfreq keeps a few hundred distinct
    values, steps of a centibel): ~10 MB less a table."""
    import wordfreq

    shared: dict[float, float] = {}
    return {word: shared.setdefault(f, f)      # as wordfreq's own lookups call it
            for word, f in wordfreq.get_frequency_dict(language, "large").items()}


def frequencies_source(language: str) -> tuple[bytes, ...]:
    """What `language`'s table is read from (wordfreq's data file: its name, size and modification
    time), for naming what is built from it; empty when the file is not where wordfreq keeps it."""
    kept_as = _kept_as(language)
    return (kept_as.encode(),) if kept_as else ()


def _kept_as(language: str) -> str | None:
    """The cache name of `language`'s table, from wordfreq's data file, found without importing
    wordfreq; None where the file is not there (a language wordfreq names otherwise)."""
    package = installed("wordfreq")
    data = package / "data" / f"large_{language}.msgpack.gz" if package else None
    if data is None or not data.is_file():
        return None
    return f"frequencies-{language}-{cache.digest(b'wordfreq large 2', cache.source(data))}"
