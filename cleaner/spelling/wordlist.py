"""Word lists: pyspellchecker's list of a language (word → count) and its letters, kept compact.

Why: pyspellchecker ships its lists as gzipped JSON, and reading one costs 0.1–0.6 s (English
0.2 s, Dutch 0.6 s): most of what a first document in a language costs the spelling stage. The
same words and counts, kept as one text of lines and an array of counts (cleaner.cache), are read
back in a few milliseconds. The kept copy is named by pyspellchecker's file (its name, size and
modification time), so a new pyspellchecker never meets an old copy; where nothing can be kept,
the list is read as before.
"""
from __future__ import annotations

import json
import pkgutil
import threading
from array import array
from collections import Counter
from contextlib import suppress

from .. import cache
from ..resources import installed
from ..text import kept_words

_lock = threading.Lock()


def word_list(language: str) -> tuple[dict[str, int], str]:
    """(word → count, the letters of the language) of pyspellchecker's list for `language`."""
    name = f"spelling-{language}-{cache.digest(b'word list 4', _source(language))}.words"
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


def _source(language: str) -> bytes:
    """What names the kept copy: pyspellchecker's file, by its name, size and modification time,
    found without importing pyspellchecker (~0.03 s of a worker's first document); its content
    where it is no plain file."""
    package = installed("spellchecker")
    path = package / "resources" / f"{language}.json.gz" if package else None
    return cache.source(path) if path and path.is_file() else \
        pkgutil.get_data("spellchecker", f"resources/{language}.json.gz")


def _letters(counts: dict) -> str:
    """The letters of the language: those making up at least 1 in 10,000 letters of its listed
    words (a list's loanwords bring letters in that slips never need: "é" in English)."""
    seen = Counter("".join(counts))
    total = sum(seen.values())
    return "".join(sorted(c for c, n in seen.items() if (c.isalpha() or c == "'") and n * 10_000 >= total))


def _pack(counts: dict, letters: str) -> bytes | None:
    """A head (the letters, how long the words are), the words (cleaner.text.kept_words), then their
    counts (64-bit integers); None if a count is no such integer or a word holds a line break."""
    try:
        numbers = array("q", counts.values())
    except (TypeError, OverflowError):
        return None
    words = kept_words.pack(list(counts))
    if words is None:
        return None
    return json.dumps({"letters": letters, "words": len(words)}).encode() + b"\n" + words + numbers.tobytes()


def _unpack(data: bytes) -> tuple[dict[str, int], str]:
    head, _, rest = data.partition(b"\n")
    meta = json.loads(head)
    words = kept_words.unpack(rest[:meta["words"]])
    numbers = array("q")
    numbers.frombytes(rest[meta["words"]:])
    if len(words) != len(numbers):
        raise ValueError("not a packed word list")
    return dict(zip(words, numbers)), meta["letters"]
