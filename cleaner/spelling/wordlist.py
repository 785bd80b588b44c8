"""Word lists: pyspellchecker's list of a language (word → count) and its letters, kept compact.

Why: pyspellchecker ships its lists as gzipped JSON, and reading one costs 0.1–0.6 s (English
0.2 s, Dutch 0.6 s): most of what a first document in a language costs the spelling stage. The
same words and counts, kept as one text of lines and an array of counts (cleaner.cache), are read
back in a few milliseconds. The kept copy is named by a digest of pyspellchecker's file, so a new
pyspellchecker never meets an old copy; where nothing can be kept, the list is read as before.
"""
from __future__ import annotations

import json
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
    name = f"spelling-{language}-{cache.digest(b'word list 1', source)}.words"
    kept = cache.read(name)
    if kept is not None:
        with suppress(ValueError, UnicodeDecodeError):
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
    """A header line, the words a line each, the counts as 64-bit integers; None if a word holds
    a line break or a count is no such integer."""
    words = "\n".join(counts).encode("utf-8", "surrogatepass")
    if words.count(b"\n") != len(counts) - 1:
        return None
    try:
        numbers = array("q", counts.values()).tobytes()
    except (TypeError, OverflowError):
        return None
    head = json.dumps({"letters": letters, "words": len(words), "count": len(counts)}).encode()
    return head + b"\n" + words + numbers


def _unpack(data: bytes) -> tuple[dict[str, int], str]:
    head, _, rest = data.partition(b"\n")
    meta = json.loads(head)
    words = rest[:meta["words"]].decode("utf-8", "surrogatepass").split("\n") if meta["count"] else []
    numbers = array("q")
    numbers.frombytes(rest[meta["words"]:])
    if len(words) != meta["count"] or len(numbers) != meta["count"]:
        raise ValueError("not a kept word list")
    return dict(zip(words, numbers)), meta["letters"]
