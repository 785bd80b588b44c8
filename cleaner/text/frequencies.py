"""Word frequencies of a language: wordfreq's "large" list, one table per process for every stage.

Why: importing wordfreq and unpacking its table cost ~0.15 s each, which a short first text pays
twice when the spacing stage weighs two languages' lists. Kept as marshal writes the dict
(cleaner.cache), the same table loads in about a tenth of a second without importing wordfreq.
The kept copy is named by wordfreq's data file (its name, size and modification time), so a new
wordfreq never meets an old copy; where nothing can be kept, or the
file is not where wordfreq keeps it, wordfreq's table is read as before. The spacing lexicon and
the spelling vocabulary read the same table.
"""
from __future__ import annotations

import functools
import importlib.util
import marshal
import sys
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from .. import cache
from . import tries


_TABLES: dict[str, dict] = {}          # language → its table, once built
_GLANCES: dict[str, Mapping] = {}      # language → its trie, until the table is built


@functools.cache
def frequencies(language: str) -> dict[str, float]:
    """word → frequency (a fraction of running words) in `language`, lower case."""
    table = _TABLES[language] = _table(language)
    _GLANCES.pop(language, None)        # the table answers from now on
    return table


def glance(language: str) -> Mapping:
    """word → frequency as `frequencies(language)` gives it, for a few words before the table is
    needed: a short text weighs every language's list to choose one, and building a table it then
    does not use took ~0.1 s of the first document. A trie of the table, kept in the cache folder
    (cleaner.text.tries), loads in a millisecond; the table itself answers once it is built, or
    where nothing is kept."""
    table = _TABLES.get(language)
    if table is not None:
        return table
    glanced = _GLANCES.get(language)
    if glanced is None:
        kept_as = _kept_as(language)
        if kept_as is None or cache.folder() is None:
            return frequencies(language)
        glanced = _GLANCES[language] = tries.TrieMapping(
            *tries.kept(f"{kept_as}.trie", lambda: frequencies(language).items(), "d"))
    return glanced


def _table(language: str) -> dict[str, float]:
    """The table, kept in the cache folder as marshal writes it: read back in ~0.09 s for English's
    321,180 words (the packed words and an array of numbers took ~0.13 s and twice the peak).
    Equal frequencies are one float object, which marshal writes once and reads back shared
    (wordfreq keeps a few hundred distinct values, steps of a centibel): ~10 MB less a table."""
    kept_as = _kept_as(language)
    name = f"{kept_as}.marshal{marshal.version}-py{sys.version_info[0]}{sys.version_info[1]}" if kept_as else None
    kept = cache.read(name) if name else None
    if kept is not None:
        with suppress(ValueError, EOFError, TypeError):
            table = marshal.loads(kept)
            if isinstance(table, dict):
                return table
    import wordfreq

    shared: dict[float, float] = {}
    table = {word: shared.setdefault(f, f)      # as wordfreq's own lookups call it
             for word, f in wordfreq.get_frequency_dict(language, "large").items()}
    if name:
        cache.keep(name, marshal.dumps(table))
    return table


def frequencies_source(language: str) -> tuple[bytes, ...]:
    """What `language`'s table is read from (wordfreq's data file: its name, size and modification
    time), for naming what is built from it; empty when the file is not where wordfreq keeps it."""
    kept_as = _kept_as(language)
    return (kept_as.encode(),) if kept_as else ()


def _kept_as(language: str) -> str | None:
    """The cache name of `language`'s table, from wordfreq's data file, found without importing
    wordfreq; None where the file is not there (a language wordfreq names otherwise)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    data = Path(spec.origin).parent / "data" / f"large_{language}.msgpack.gz"
    with suppress(OSError):
        stat = data.stat()
        made_of = (data.name, str(stat.st_size), str(stat.st_mtime_ns))
        return f"frequencies-{language}-{cache.digest(b'wordfreq large 1', *(p.encode() for p in made_of))}"
    return None
