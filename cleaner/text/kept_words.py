"""Kept word lists: a list of words built from the data cleaner ships, kept as lines of text.

Why: the spacing lexicon's real words and the spelling stage's added word forms take ~0.3 s to
sift from a frequency table; kept in the cache folder (cleaner.cache) as one UTF-8 text, a split
reads them back in milliseconds. (They were kept as places in the frequency table, to be read
back as its strings, while the table was a dict of Python strings; it is now a trie,
cleaner.text.frequencies.)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress

from .. import cache


def pack(words: list[str]) -> bytes | None:
    """`words` as lines of text after a head that counts them; None where one holds a line break."""
    text = "\n".join(words)
    if words and text.count("\n") != len(words) - 1:
        return None
    return f"words {len(words)}\n".encode() + text.encode("utf-8", "surrogatepass")


def unpack(data: bytes) -> list[str]:
    """The words of a `pack` blob; ValueError if the blob is none."""
    head, _, text = data.partition(b"\n")
    kind, _, count = head.partition(b" ")
    if kind != b"words" or not count.isdigit():
        raise ValueError("not a packed word list")
    words = text.decode("utf-8", "surrogatepass").split("\n") if int(count) else []
    if len(words) != int(count):
        raise ValueError("not a packed word list")
    return words


def kept(kept_as: str, words: Callable[[], Iterable[str]]) -> list[str]:
    """`list(words())`, read from the cache under `kept_as` where it was kept, else built and kept.
    A damaged copy is built again."""
    blob = cache.read(kept_as)
    if blob is not None:
        with suppress(ValueError, UnicodeDecodeError):
            return unpack(blob)
    found = list(words())
    packed = pack(found) if cache.writable() else None
    if packed is not None:
        cache.keep(kept_as, packed)
    return found
