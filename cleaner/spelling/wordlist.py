"""Word lists: pyspellchecker's list of a language (word → count) and its letters, kept compact.

Why: pyspellchecker ships its lists as gzipped JSON, and reading one costs 0.1–0.6 s (English
0.2 s, Dutch 0.6 s): most of what a first document in a language costs the spelling stage. The
same words and counts, kept as one text of lines and an array of counts (cleaner.cache), are read
back in a few milliseconds. The kept copy is named by a digest of pyspellchecker's file, so a new
pyspellchecker never meets an old copy; where nothing can be kept, the list is read as before.
"""
from __future__ import annotations

import pkgutil
import threading
from array import array
from collections import Counter
from contextlib import suppress

from .. import cache

_lock = threading.Lock()


def word_list(language: str) -> tuple[dict[str, int], str]:
    """(word → count, the letters of the language) of pyspellchecker's list for `language`."""
    source = pkgutil.get_data("spellchecker", f"resources/{language}.json.gz")
    name = f"spelling-{language}-{cache.digest(b'word list 2', source)}.words"
    kept = cache.read(name)
    if kept is not None:
        with suppress(ValueError, UnicodeDecodeError, KeyError):
            return _unpack(kept)
    from spellchecker import SpellChecker

    with _lock:
        counts = dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)
    letters = _letters(counts)
    packed = _pack(counts, letters)
    if packed is not None:
        cache.keep(name, packed)
    return counts, letters


def _letters(counts: dict) -> str:
    """The letters of the language: those making up at least 1 in 10,000 letters of its listed
    words (a list's loanwords bring letters in that slips never need: "é" in English)."""
    seen = Counter("".join(counts))
    total = sum(seen.values())
    return "".join(sorted(c for c, n in seen.items() if (c.isalpha() or c == "'") and n * 10_000 >= total))


def _pack(counts: dict, letters: str) -> bytes | None:
    """The words and their counts (64-bit integers), the letters in the header; None if a count
    is no such integer."""
    try:
        numbers = array("q", counts.values())
    except (TypeError, OverflowError):
        return None
    return cache.pack(list(counts), numbers, letters=letters)


def _unpack(data: bytes) -> tuple[dict[str, int], str]:
    words, numbers, meta = cache.unpack(data)
    return dict(zip(words, numbers)), meta["letters"]
