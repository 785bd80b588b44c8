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
from zlib import crc32

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
    """Words under themselves and each of their one-letter deletions.

    The words under a key are kept as one string, joined by a control character that no word
    holds: read back from the cache, the index is then one split of a text, not one per key. A
    word is under itself and each of its deletions, and many keys are words: read back, each
    entry and key is one string however many times the index holds it (English: 139,000 keys
    with 31,000 distinct entries, ~8 MB less than a string each)."""

    def __init__(self, index: dict[str, str], separator: str):
        self._index = index
        self._separator = separator
        # a set is intersected faster than a dict's keys; built one key at a time, it is sized for
        # them (4 MB for English's) rather than for twice them and itself (8 MB)
        self.keys = frozenset(iter(index))

    @classmethod
    def of(cls, words) -> DeletionIndex:
        words = list(words)
        every = "".join(words)
        separator = next(c for c in map(chr, range(1, 32)) if c != "\n" and c not in every)
        index: dict[str, list[str]] = {}
        for w in words:
            for key in {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}:
                index.setdefault(key, []).append(w)
        return cls({key: separator.join(found) for key, found in index.items()}, separator)

    def words(self, keys) -> set[str]:
        """The words under any of `keys`."""
        found = set()
        for key in self.keys.intersection(keys):
            found.update(self._index[key].split(self._separator))
        return found

    def pack(self) -> bytes | None:
        """The index as bytes: a head (the separator, how long the text is), a text of the distinct
        entries and then the keys that are none of them, a line each, then each key's entry and each
        key as numbers into those lines; None if a word holds a line break."""
        entries = list(dict.fromkeys(self._index.values()))
        line = {entry: i for i, entry in enumerate(entries)}
        others = [key for key in self._index if key not in line]
        line.update((key, len(entries) + i) for i, key in enumerate(others))
        text = "\n".join(entries + others)
        if text.count("\n") != len(line) - 1:
            return None
        data = text.encode("utf-8", "surrogatepass")
        numbers = array("I", map(line.__getitem__, self._index.values()))
        numbers.extend(map(line.__getitem__, self._index))
        head = json.dumps({"separator": self._separator, "text": len(data), "lines": len(line)})
        return head.encode() + b"\n" + data + numbers.tobytes()

    @classmethod
    def unpack(cls, data: bytes) -> DeletionIndex:
        head, _, rest = data.partition(b"\n")
        meta = json.loads(head)
        separator, size = meta["separator"], meta["text"]
        lines = rest[:size].decode("utf-8", "surrogatepass").split("\n") if meta["lines"] else []
        numbers = array("I")
        numbers.frombytes(rest[size:])
        half = len(numbers) // 2
        if (len(lines) != meta["lines"] or len(numbers) % 2 or (numbers and max(numbers) >= len(lines))
                or len(separator) != 1 or ord(separator) >= 32):
            raise ValueError("not a packed deletion index")
        return cls(dict(zip(map(lines.__getitem__, numbers[half:]), map(lines.__getitem__, numbers[:half]))),
                   separator)


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
