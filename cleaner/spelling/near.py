"""Near: the strings one edit from a word that can be known words, and the distance between two words.

Why: in a dump an unknown word is the common case. Finding the known words one edit from it the
way pyspellchecker does, by looking up every string one edit away (each of the language's
letters inserted at each position or put in place of each letter, each letter deleted, each
neighbouring pair swapped), costs ~600 strings and ~140 µs for a ten-letter word, nearly all of
them insertions and replacements at positions where no known word differs from it.

A string that a replacement at position p makes, with its letter p deleted, is the word with its
letter p deleted; one that an insertion at p makes, with its letter p deleted, is the word itself.
So a table of every known string's deletions, each with its position (the symmetric-delete idea
of SymSpell) and the letter deleted there, says which letters an insertion or a replacement at a
position can put there to give a known string, and only those are tried: about one string in
three for English (`DeletedLetters`). The table may name a letter wrongly (a few lookups more)
but never leaves one out, so the strings tried hold every known string that trying them all
finds: the words found are exactly the same (tests/spelling/test_near.py holds it to that on
real words).

Two edits away, the words are sought among the commonest only, through an index of each under
itself and its one-letter deletions (`DeletionIndex`). Both structures take seconds to build for
a language and milliseconds to read back, so they are kept (cleaner.cache).
"""
from __future__ import annotations

import json
from array import array
from itertools import accumulate
from zlib import crc32

import marisa_trie

from ..text import tries
from ..text.sequences import common_ends


class DeletedLetters:
    """For a set of strings: at each hashed (deletion, position) pair of theirs, which letters of the
    language the deleted letter was. An insertion or a replacement of letter c at position p of a
    word can give a string of the set only if c is among the letters at (the word, or the word with
    its letter p deleted; p): so only those letters are tried there. (A filter of the pairs alone,
    as before, left every letter to try at a position it let through: ~160 strings a word sought,
    against ~55.) Letters are bits of a 32-bit mask, by their place in the language's letters;
    a language of more than 32 letters shares bits between two (both are tried). Colliding pairs
    share a mask, so a mask may name a letter wrongly (a few lookups more) but never leaves one
    out: the words found are exactly those of trying every letter (tests/spelling/test_near.py)."""

    MAX_SLOTS = 1 << 20     # 4 MiB of masks: English's 2.3 M pairs leave ~84% of them set, ~55 strings a word

    def __init__(self, masks: array, letters: str):
        if masks.typecode != "I" or len(masks) & (len(masks) - 1) or not masks:
            raise ValueError("a deleted-letters table holds 32-bit masks, a power of two of them")
        self.masks, self.letters = masks, letters
        self._mask = len(masks) - 1
        # the letters of a mask, a byte at a time: letters_of(m) joins four of these
        self._by_byte = [["".join(c for i, c in enumerate(letters) if (i % 32) // 8 == k and b >> (i % 8) & 1)
                          for b in range(256)] for k in range(4)]

    @classmethod
    def of(cls, strings, letters: str) -> DeletedLetters:
        """The table of `strings` (a few seconds for a large word list: see cleaner.cache)."""
        strings = list(strings)
        bits = {c: 1 << (i % 32) for i, c in enumerate(letters)}
        size = 1 << max(12, min(cls.MAX_SLOTS.bit_length() - 1, sum(map(len, strings)).bit_length() - 1))
        masks, mask = array("I", bytes(4 * size)), size - 1
        for s in strings:
            for p, c in enumerate(s):
                if c in bits:       # a letter one_edit never tries needs no bit
                    masks[_hash(s[:p] + s[p + 1:], p) & mask] |= bits[c]
        return cls(masks, letters)

    def letters_at(self, deletion: str, position: int) -> str:
        """The letters that, put back at `position` of `deletion`, may give a string of the set."""
        return self.letters_of(self.masks[_hash(deletion, position) & self._mask])

    def letters_of(self, m: int) -> str:
        t0, t1, t2, t3 = self._by_byte
        return t0[m & 255] + t1[m >> 8 & 255] + t2[m >> 16 & 255] + t3[m >> 24]

    def pack(self) -> bytes:
        return json.dumps({"letters": self.letters}).encode() + b"\n" + self.masks.tobytes()

    @classmethod
    def unpack(cls, data: bytes) -> DeletedLetters:
        """The table of a `pack` blob; ValueError if the blob is none."""
        head, _, rest = data.partition(b"\n")
        try:
            letters = json.loads(head)["letters"]
        except (ValueError, TypeError, KeyError):
            raise ValueError("not a packed deleted-letters table") from None
        if len(rest) % 4:
            raise ValueError("not a packed deleted-letters table")
        masks = array("I")
        masks.frombytes(rest)
        return cls(masks, letters)


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


def one_edit(word: str, letters: str, known: DeletedLetters | None = None) -> set[str]:
    """The strings one edit from `word`: a letter of `letters` inserted or put in place of one of
    its letters, one of its letters deleted, two neighbours swapped. With `known`, the table of
    the strings sought (built for the same `letters`), only those of them that can be such a
    string (and maybe a few more)."""
    n = len(word)
    deletions = [word[:p] + word[p + 1:] for p in range(n)]
    out = set(deletions)
    out.update([word[:p] + word[p + 1] + word[p] + word[p + 2:] for p in range(n - 1)])
    if known is not None:       # known.letters_at, written out: it is asked at every position
        masks, mask, letters_of = known.masks, known._mask, known.letters_of
        whole = word.encode("utf-8", "surrogatepass")
    for p in range(n + 1):
        tried = letters if known is None else letters_of(masks[crc32(whole, p) & mask])
        if tried:
            head, tail = word[:p], word[p:]
            out.update([head + c + tail for c in tried])
    for p, d in enumerate(deletions):
        tried = letters if known is None else letters_of(masks[crc32(d.encode("utf-8", "surrogatepass"), p) & mask])
        if tried:
            head, tail = word[:p], word[p + 1:]
            out.update([head + c + tail for c in tried])
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
    """The same in every process (the table is kept on disk), unlike `hash`."""
    return crc32(deletion.encode("utf-8", "surrogatepass"), position)
