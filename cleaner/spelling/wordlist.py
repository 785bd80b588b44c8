"""Word lists: the words the spelling stage knows in a language, with their counts, kept compact.

Why: pyspellchecker ships its lists as gzipped JSON (0.1–0.6 s to read), the words of wordfreq's
list that an inflected language adds take ~0.3 s to sift, and held as a dict and a set of Python
strings a language's ~160,000 words cost ~22 MiB of every worker and ~0.1 s of its first
document in the language. They are kept instead, once, in the cache folder (cleaner.cache) as
one blob: a marisa trie of the words with their counts by the trie's ids (cleaner.text.tries),
the letters of the language, and the commonest words in rank order, which a document's words
are sifted through first and a two-edit slip is sought among. A blob is ~3 MiB and reads back
in a few milliseconds. It is named by what it is built from (pyspellchecker's file, and
wordfreq's where words are added), so a new release of either never meets an old blob; where
nothing can be kept, the list is built as the blob would hold it, in every process.
"""
from __future__ import annotations

import heapq
import json
import pkgutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass

from .. import cache
from ..resources import installed
from ..text import kept_words, tries

COMMONEST = 20_000      # words held as a set too: 94% of the listed words a news text uses (89% at 10,000)
_lock = threading.Lock()


@dataclass(frozen=True)
class WordList:
    counts: tries.TrieMapping       # word → count (pyspellchecker's; 1 for a word added from wordfreq)
    letters: str                    # the letters of the language (`_letters`)
    commonest: tuple[str, ...]      # the COMMONEST most counted words, most counted first; equal
                                    # counts in the list's own order (the words added come last)


def word_list(language: str, more: Callable[[dict, str], Iterable[str]] | None = None,
              more_source: tuple[bytes, ...] = ()) -> WordList:
    """pyspellchecker's list for `language`, and the words `more(counts, letters)` adds (each
    counted once; a listed word keeps its count): the kept blob, else built (and kept where
    `more_source` names what `more` reads: a blob nothing names is built in every process)."""
    nameable = more is None or bool(more_source)
    name = f"spelling-{language}-{cache.digest(b'word list 5', _source(language), *more_source)}.vocab" \
        if nameable else None
    kept = cache.read(name) if name else None
    if kept is not None:
        with suppress(ValueError, RuntimeError, MemoryError, UnicodeDecodeError, KeyError):
            return unpack(kept)
    found = _built(language, more)
    if name and cache.writable():
        cache.keep(name, pack(found))
    return found


def _built(language: str, more: Callable[[dict, str], Iterable[str]] | None) -> WordList:
    from spellchecker import SpellChecker

    with _lock:
        counts = dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)
    letters = _letters(counts)
    if more is not None:
        for word in more(counts, letters):
            counts.setdefault(word, 1)
    commonest = heapq.nlargest(COMMONEST, counts, key=counts.__getitem__)   # stable: ties in list order
    return WordList(tries.TrieMapping(*tries.built(counts.items())), letters, tuple(commonest))


def _source(language: str) -> bytes:
    """What names the kept blob: pyspellchecker's file, by its name, size and modification time,
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


def pack(words: WordList) -> bytes:
    """A head (the letters, the lengths of the parts), the trie and its counts (tries.pack), then
    the commonest words (kept_words.pack: a word of the list holds no line break)."""
    trie = tries.pack(words.counts.trie, words.counts.numbers)
    commonest = kept_words.pack(list(words.commonest))
    if commonest is None:
        raise ValueError("a word holds a line break")
    head = {"letters": words.letters, "trie": len(trie)}
    return json.dumps(head).encode() + b"\n" + trie + commonest


def unpack(data: bytes) -> WordList:
    """The word list of a `pack` blob; ValueError (or marisa's RuntimeError) if the blob is none."""
    head, _, rest = data.partition(b"\n")
    meta = json.loads(head)
    counts = tries.TrieMapping(*tries.unpack(rest[:meta["trie"]], "q"))
    commonest = tuple(kept_words.unpack(rest[meta["trie"]:]))
    if len(commonest) != min(COMMONEST, len(counts)) or not all(w in counts for w in commonest[:100]):
        raise ValueError("not a packed word list")
    return WordList(counts, meta["letters"], commonest)
