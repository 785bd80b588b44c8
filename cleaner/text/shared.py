"""Shared words: a kept list of words, read back as the string objects of the language's frequency table.

Why: every process holds the table (cleaner.text.frequencies) as a dict of Python strings, and the
word sets read beside it (the spacing lexicon's real words, the spelling stage's word list) are
mostly words it holds. Read back as text, each such word was a second string of ~57 bytes: ~10 MB
of an English worker. Kept as places in the table's order (and, for the few words it lacks, the
words themselves), they are read back as the table's own strings, no slower than a split of text.
The places hold for one table only, so what is kept this way is named by the table
(`frequencies_source`).
"""
from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable
from contextlib import suppress

from .. import cache
from .frequencies import frequencies, frequencies_source


def pack(language: str, words: list[str]) -> bytes | None:
    """`words` as places in `language`'s table, those it lacks written out; None where one holds a line break."""
    table = frequencies(language)
    place = {word: i for i, word in enumerate(table)}
    others = list(dict.fromkeys(word for word in words if word not in place))
    place.update((word, len(table) + i) for i, word in enumerate(others))
    text = "\n".join(others)
    if others and text.count("\n") != len(others) - 1:
        return None
    data = text.encode("utf-8", "surrogatepass")
    head = json.dumps({"table": len(table), "others": len(others), "text": len(data)})
    return head.encode() + b"\n" + data + array("I", map(place.__getitem__, words)).tobytes()


def unpack(language: str, data: bytes) -> list[str]:
    """The words of a `pack` blob, the table's strings where it holds them; ValueError if the blob is none."""
    head, _, rest = data.partition(b"\n")
    meta = json.loads(head)
    pool = list(frequencies(language))
    if len(pool) != meta["table"]:
        raise ValueError("packed for another table")
    size = meta["text"]
    if meta["others"]:
        pool += rest[:size].decode("utf-8", "surrogatepass").split("\n")
    places = array("I")
    places.frombytes(rest[size:])
    if len(pool) != meta["table"] + meta["others"]:
        raise ValueError("not a packed word list")
    try:
        return list(map(pool.__getitem__, places))
    except IndexError:
        raise ValueError("not a packed word list") from None


def kept(language: str, kept_as: str, words: Callable[[], Iterable[str]]) -> list[str]:
    """`list(words())`, read from the cache under `kept_as` (which must name `language`'s table:
    `frequencies_source`) where it was kept, else built and kept. A damaged copy is built again;
    nothing is kept where the table has no source to name it by."""
    if not frequencies_source(language):
        return list(words())
    blob = cache.read(kept_as)
    if blob is not None:
        with suppress(ValueError, UnicodeDecodeError, KeyError):
            return unpack(language, blob)
    found = list(words())
    packed = pack(language, found) if cache.writable() else None
    if packed is not None:
        cache.keep(kept_as, packed)
    return found
