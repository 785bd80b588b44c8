"""Near: the strings one edit from a word that can be known words, and the distance between two words.

Why: in a dump an unknown word is the common case. Finding the known words one edit from it the
way pyspellchecker does, by looking up every string one edit away (each of the language's
letters inserted at each position or put in place of each letter, each letter deleted, each
neighbouring pair swapped), costs ~600 strings and ~140 µs for a ten-letter word, nearly all of
them insertions and replacements at positions where no known word differs from it.

A string that a replacement at position p makes, with its letter p deleted, is the word with its
letter p deleted; one that an insertion at p makes, with its letter p deleted, is the word itself.
So a filter of every known string's deletions, each with its position (the symmetric-delete idea
of SymSpell), says at which positions an insertion or a replacement can give a known string, and
only those are tried: about one in five. The filter is a bitmap of hashed (position, deletion)
pairs. It may say yes wrongly (about one time in ten, which costs a few lookups) but never no
wrongly, so the strings tried hold every known string that trying them all finds: the words found
are exactly the same (tests/spelling/test_near.py holds it to that on real words).

Two edits away, the words are sought among the commonest only, through an index of each under
itself and its one-letter deletions (`DeletionIndex`). Both structures take about a second to
build for a language and milliseconds to read back, so they are kept (cleaner.cache).
"""
from __future__ import annotations

import json
from array import array
from itertools import accumulate
from zlib import crc32

import marisa_trie

from ..text import tries
from ..text.sequences import common_ends


class DeletionFilter:
    """Which (position, deletion) pairs the deletions of a set of strings may hold."""

    def __init__(self, bitmap: bytes):
        if len(bitmap) & (len(bitmap) - 1) or not bitmap:
            raise ValueError("a deletion filter's bitmap has a power-of-two size")
        self.bitmap = bitmap
        self._mask = len(bitmap) * 8 - 1

    @classmethod
    def of(cls, strings) -> DeletionFilter:
        """The filter of `strings` (about a second for a large word list: see cleaner.cache)."""
        strings = list(strings)
        size = 1 << max(16, (8 * sum(map(len, strings))).bit_length())   # bits: about one in eight set
        bitmap, mask = bytearray(size >> 3), size - 1
        for s in strings:
            for p in range(len(s)):
                h = _hash(s[:p] + s[p + 1:], p) & mask
                bitmap[h >> 3] |= 1 << (h & 7)
        return cls(bytes(bitmap))

    def might_hold(self, deletion: str, position: int) -> bool:
        """Can a string of the set, with its letter `position` deleted, be `deletion`?"""
        h = _hash(deletion, position) & self._mask
        return bool(self.bitmap[h >> 3] >> (h & 7) & 1)


class DeletionIndex:
    """Words under themselves and each of their one-letter deletions: the keys a word two edits from
    a slip shares with it (the symmetric-delete idea).

    Held as a marisa trie of the keys (as cleaner.text.tries holds word lists) with, by each key's
    id, the number of its entry: the words under it, joined by a control character that no word
    holds, one text of the distinct entries. English's index of its 20,000 commonest words (139,000
    keys, 31,000 distinct entries) is then ~1 MiB, against ~15 MiB as a dict of strings and a set
    of its keys (Spanish's ~19 MiB), in every worker that seeks a word two edits away. The price
    is the trie's lookup of each key sought (~0.4 µs) where a set intersected them at C speed:
    ~60 µs more for a word sought two edits away (~240 µs with the rest of `Vocabulary.near`);
    0.98x the stage's time on new text (benchmarks/README.md, "The two-edit index as a trie")."""

    def __init__(self, keys: marisa_trie.Trie, entry_of: array, entries: str, starts: array, separator: str):
        self._keys, self._entry_of = keys, entry_of         # key id → its entry's number
        self._entries, self._starts = entries, starts       # entry i is entries[starts[i]:starts[i + 1]]
        self._separator = separator

    @classmethod
    def of(cls, words) -> DeletionIndex:
        words = list(words)
        every = "".join(words)
        separator = next(c for c in map(chr, range(1, 32)) if c != "\n" and c not in every)
        index: dict[str, list[str]] = {}
        for w in words:
            for key in {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}:
                if tries.can_hold(key):     # no word list cleaner reads holds a key no trie can
                    index.setdefault(key, []).append(w)
        joined = {key: separator.join(found) for key, found in index.items()}
        distinct = list(dict.fromkeys(joined.values()))
        number = {entry: i for i, entry in enumerate(distinct)}
        keys, entry_of = tries.built(((key, number[entry]) for key, entry in joined.items()), "I")
        return cls(keys, entry_of, "".join(distinct), array("I", accumulate(map(len, distinct), initial=0)),
                   separator)

    def keys(self):
        """Every key (each word and each of its deletions)."""
        return iter(self._keys)

    def words(self, keys) -> set[str]:
        """The words under any of `keys`."""
        found = set()
        look_up, entry_of, entries, starts = self._keys.get, self._entry_of, self._entries, self._starts
        for key in keys:    # tries.TrieMapping.get, written out: its call per key was 95 µs a word against 54
            try:
                i = look_up(key)
            except UnicodeEncodeError:      # a lone surrogate: no key holds one
                continue
            if i is not None and "\0" not in key:      # marisa reads NUL as a key's end
                n = entry_of[i]
                found.update(entries[starts[n]:starts[n + 1]].split(self._separator))
        return found

    def pack(self) -> bytes | None:
        """The index as bytes: a head (the separator, the sizes of what follows), the text of the
        distinct entries, where each starts in it, then the trie with each key's entry (as
        cleaner.text.tries packs them); None if a word holds a line break."""
        if "\n" in self._entries:
            return None
        text = self._entries.encode("utf-8", "surrogatepass")
        head = json.dumps({"separator": self._separator, "text": len(text), "starts": len(self._starts)})
        return head.encode() + b"\n" + text + self._starts.tobytes() + tries.pack(self._keys, self._entry_of)

    @classmethod
    def unpack(cls, data: bytes) -> DeletionIndex:
        head, _, rest = data.partition(b"\n")
        try:
            meta = json.loads(head)
            separator, size, starts_end = meta["separator"], meta["text"], meta["text"] + 4 * meta["starts"]
            entries = rest[:size].decode("utf-8", "surrogatepass")
            starts = array("I", rest[size:starts_end])
            keys, entry_of = tries.unpack(rest[starts_end:], "I")
        except (ValueError, TypeError, KeyError, RuntimeError, MemoryError):   # RuntimeError: marisa's, a damaged trie
            raise ValueError("not a packed deletion index") from None
        if (len(separator) != 1 or ord(separator) >= 32 or not starts or starts[-1] != len(entries)
                or (entry_of and max(entry_of) >= len(starts) - 1)):
            raise ValueError("not a packed deletion index")
        return cls(keys, entry_of, entries, starts, separator)


def one_edit(word: str, letters: str, known: DeletionFilter | None = None) -> set[str]:
    """The strings one edit from `word`: a letter of `letters` inserted or put in place of one of
    its letters, one of its letters deleted, two neighbours swapped. With `known`, the filter of the
    strings sought, only those of them that can be such a string (and maybe a few more)."""
    n = len(word)
    deletions = [word[:p] + word[p + 1:] for p in range(n)]
    out = set(deletions)
    out.update([word[:p] + word[p + 1] + word[p] + word[p + 2:] for p in range(n - 1)])
    if known is None:
        inserted, replaced = range(n + 1), range(n)
    else:           # known.might_hold, written out: it is asked for every position
        bitmap, mask = known.bitmap, known._mask
        whole = word.encode("utf-8", "surrogatepass")
        inserted = [p for p in range(n + 1) if bitmap[(h := crc32(whole, p) & mask) >> 3] >> (h & 7) & 1]
        replaced = [p for p, d in enumerate(deletions)
                    if bitmap[(h := crc32(d.encode("utf-8", "surrogatepass"), p) & mask) >> 3] >> (h & 7) & 1]
    for p in inserted:
        head, tail = word[:p], word[p:]
        out.update([head + c + tail for c in letters])
    for p in replaced:
        head, tail = word[:p], word[p + 1:]
        out.update([head + c + tail for c in letters])
    return out


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein: an adjacent transposition is one
    edit, no part edited twice). A common beginning and end never change it, so they are cut
    first: what is left of a slip and a word two edits from it is a few letters."""
    start, end = common_ends(a, b)
    return table_distance(a[start:len(a) - end], b[start:len(b) - end])


def table_distance(a: str, b: str) -> int:
    """The optimal string alignment distance, by the table over both strings."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _hash(deletion: str, position: int) -> int:
    """The same in every process (the filter is kept on disk), unlike `hash`."""
    return crc32(deletion.encode("utf-8", "surrogatepass"), position)
