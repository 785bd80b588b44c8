"""Word lists as marisa tries, each with an array of numbers by the trie's key id, kept packed.

Why: a list of a few hundred thousand words held as Python strings costs ~60 bytes a word and
tens of milliseconds to rebuild in every process (the spacing stage's word pairs, words and
census names were ~30 MB of each worker and ~0.1 s of its start). A marisa trie of the same words
is under a megabyte, answers a lookup in about the time a binary search over the strings took,
and loads from the cache folder (cleaner.cache) in under a millisecond. Where nothing can be
kept, the trie is built from the list, as fast as the strings were.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress

import marisa_trie

from .. import cache

_HEAD = 8       # bytes: the length of the numbers that follow the head, then the trie


class TrieMapping(Mapping):
    """Word → number, over a trie of the words and their numbers by its ids (as `kept` gives them).
    A word no trie can hold (NUL, which marisa's lookup would read as the word's end, or a lone
    surrogate) is in none, as in a dict of the same words."""

    def __init__(self, trie: marisa_trie.Trie, numbers: array):
        self._trie, self._numbers = trie, numbers

    @property
    def trie(self) -> marisa_trie.Trie:
        return self._trie

    @property
    def numbers(self) -> array:
        """The words' numbers by the trie's key ids."""
        return self._numbers

    def keys_among(self, words: Iterable[str]) -> set[str]:
        """The words of `words` that are keys here, for strings a trie can hold (`can_hold`; words
        of letters are): the trie's own lookup, mapped (~0.35 µs a word, against ~0.7 through `in`)."""
        words = list(words)
        return {w for w, i in zip(words, map(self._trie.get, words)) if i is not None}

    def get(self, word: str, default=None):
        try:
            i = self._trie.get(word)
        except UnicodeEncodeError:
            return default
        return default if i is None or "\0" in word else self._numbers[i]

    def __getitem__(self, word: str):
        number = self.get(word)
        if number is None:
            raise KeyError(word)
        return number

    def __contains__(self, word) -> bool:
        try:
            return word in self._trie
        except UnicodeEncodeError:
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie)

    def __len__(self) -> int:
        return len(self._trie)


class RememberingTrieMapping(TrieMapping):
    """A TrieMapping that remembers its answers in a dict: a text asks the same words again and again
    (the spacing stage ~1 M lookups a pass over a few hundred thousand distinct strings), and a
    dict answers a repeat ~3x faster than the trie. What is remembered is bounded (`remember`
    answers, then forgotten all at once), so a long run holds no more than that: 32,768 answers
    (~3 MiB a table), which cost no time against 131,072 on speed.py's new documents (forgotten
    three times a pass; `stage_time.py spacing --base`, median ratio 0.95)."""

    def __init__(self, trie: marisa_trie.Trie, numbers: array, remember: int = 1 << 15):
        super().__init__(trie, numbers)
        self._asked = _Answers(self._look_up, remember)
        # word → its number, or None where the word is not here: the dict's own subscript, so a
        # repeat costs no Python call (the spacing lexicon asks this, ~1 M times a pass)
        self.number: Callable[[str], float | int | None] = self._asked.__getitem__

    def get(self, word: str, default=None):
        number = self._asked[word]
        return default if number is None else number

    def __contains__(self, word) -> bool:
        return self._asked[word] is not None

    def forget(self) -> None:
        """Forget every answer (for a benchmark's first pass)."""
        self._asked.clear()

    def _look_up(self, word: str):
        try:
            i = self._trie.get(word)        # as TrieMapping.get, one call less on ~250,000 first asks a pass
        except UnicodeEncodeError:
            i = None
        return None if i is None or "\0" in word else self._numbers[i]


class _Answers(dict):
    """word → number or None: the trie is asked only about a word not asked yet (`__missing__`),
    and at `remember` answers all are forgotten at once."""

    def __init__(self, look_up: Callable, remember: int):
        super().__init__()
        self._look_up, self._remember = look_up, remember

    def __missing__(self, word):
        number = self._look_up(word)
        if len(self) >= self._remember:
            self.clear()
        self[word] = number
        return number


def built(words: Iterable[tuple[str, int]], typecode: str = "q") -> tuple[marisa_trie.Trie, array]:
    """The trie of the words of (word, number) pairs, and their numbers in the order of the trie's ids.
    A later pair of the same word wins, as in a dict; a word holding NUL or a lone surrogate is a
    ValueError (a marisa key is UTF-8 without NUL)."""
    numbers = dict(words)
    if any("\0" in word for word in numbers):
        raise ValueError("a word holds NUL")
    trie = marisa_trie.Trie(numbers)        # UnicodeEncodeError, a ValueError, for a lone surrogate
    by_id = array(typecode, bytes(array(typecode).itemsize * len(trie)))
    for word, number in numbers.items():
        by_id[trie[word]] = number
    return trie, by_id


def kept(kept_as: str, words: Callable[[], Iterable[tuple[str, int]]],
         typecode: str = "q") -> tuple[marisa_trie.Trie, array]:
    """`built(words())`, read from the cache under `kept_as` where it was kept, else built and kept.
    A damaged copy is built again."""
    blob = cache.read(kept_as)
    if blob is not None:
        with suppress(ValueError, RuntimeError, MemoryError):
            return unpack(blob, typecode)
    trie, numbers = built(words(), typecode)
    if cache.writable():
        cache.keep(kept_as, pack(trie, numbers))
    return trie, numbers


def can_hold(word: str) -> bool:
    """Can a trie hold `word` (no NUL, no lone surrogate)? `built` refuses a word that it cannot."""
    if "\0" in word:
        return False
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def pack(trie: marisa_trie.Trie, numbers: array) -> bytes:
    """A trie and its numbers as bytes (`unpack` reads them back)."""
    packed = numbers.tobytes()
    return len(packed).to_bytes(_HEAD, "little") + packed + trie.tobytes()


def unpack(blob: bytes, typecode: str) -> tuple[marisa_trie.Trie, array]:
    """The trie and numbers of a `pack` blob; ValueError, RuntimeError or MemoryError (marisa's) if
    the blob is none."""
    size = int.from_bytes(blob[:_HEAD], "little")
    numbers = array(typecode)
    numbers.frombytes(blob[_HEAD:_HEAD + size])
    trie = marisa_trie.Trie().frombytes(blob[_HEAD + size:])
    if len(trie) != len(numbers):
        raise ValueError("not a packed trie")
    return trie, numbers
