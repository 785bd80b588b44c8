"""cleaner.spelling.near: the filtered edits find every known word that trying every edit finds."""
import json
from array import array
import random
import re
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.spelling.near import DeletedLetters, DeletionIndex, distance, one_edit, table_distance
from cleaner.spelling.vocabulary import vocabulary

SAMPLE = Path(__file__).parents[2] / "data" / "sample"


def _slips(words, letters, seed=7):
    """Each word, and the word with one and with two random edits: the unknown words a dump brings."""
    rng = random.Random(seed)
    out = []
    for word in words:
        out.append(word)
        for _ in range(2):
            p = rng.randrange(len(word) + 1)
            word = rng.choice([word[:p] + rng.choice(letters) + word[p:], word[:p] + word[p + 1:],
                               word[:p] + rng.choice(letters) + word[p + 1:]]) or word
            out.append(word)
    return out


@pytest.mark.parametrize("language, text", [
    ("en", "\n".join(p.read_text(encoding="utf-8") for p in sorted((SAMPLE / "news").glob("*.txt")))),
    ("es", ("El gobierno regional anunció el viernes que las tarifas de los autobuses seguirán congeladas "
            "un año más y que dos nuevas líneas unirán el hospital con los pueblos del valle cercano.")),
])
def test_the_filter_keeps_every_known_word_one_edit_away(language, text):
    vocab = vocabulary(language)
    words = sorted({w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2})
    listed = set(vocab.counts)
    known = DeletedLetters.of(listed, vocab.letters)
    for word in _slips(words, vocab.letters):
        assert one_edit(word, vocab.letters, known) & listed == one_edit(word, vocab.letters) & listed, word


def test_near_finds_the_same_words_with_and_without_the_filter():
    vocab = vocabulary("en")
    kept = vocab._deletions()
    built = DeletedLetters.of(set(vocab.counts) | vocab.allowed | set(vocab._index().keys()), vocab.letters)
    words = ["tommorow", "goverment", "recieve", "hoice", "fiom", "occurance", "infrastructurein", "teh"]
    found = {}
    try:
        for known in (built, None):
            vocab._filter[0] = known
            found[known] = [[(d, sorted(near)) for d, near in vocab.near(word, 2)] for word in words]
    finally:
        vocab._filter[0] = kept
    assert found[built] == found[None]
    assert kept is None or kept.masks == built.masks        # what the cache kept is what is built


def test_the_table_never_leaves_out_a_deleted_letter_and_mostly_names_none_for_others():
    strings = ["receive", "government", "tomorrow", "the", "año"]
    known = DeletedLetters.of(strings, "abcdefghijklmnopqrstuvwxyz")
    assert all(s[p] in known.letters_at(s[:p] + s[p + 1:], p) for s in strings for p in range(len(s)) if s[p] != "ñ")
    assert known.letters_at("ao", 1) == ""              # "ñ" is no letter of the table: never tried
    others = [("xqzv" + str(i), i % 5) for i in range(2000)]
    assert sum(bool(known.letters_at(d, p)) for d, p in others) < 100
    again = DeletedLetters.unpack(known.pack())
    assert again.masks == known.masks and again.letters == known.letters
    with pytest.raises(ValueError):
        DeletedLetters(array("I", bytes(12)), "ab")                 # not a power of two of masks
    with pytest.raises(ValueError):
        DeletedLetters.unpack(b"no head")
    with pytest.raises(ValueError):
        DeletedLetters.unpack(known.pack()[:-1])                    # a cut blob


def test_a_language_of_more_than_32_letters_shares_bits_and_still_finds_every_word():
    letters = "abcdefghijklmnopqrstuvwxyz" + "àâçèéêîïôû"          # 36 letters
    words = ["forêt", "garçon", "hôtel", "naïve", "père", "sûr", "abîme"]
    known = DeletedLetters.of(words, letters)
    for word in words:
        for slip in _slips([word], letters, seed=3):
            assert one_edit(slip, letters, known) & set(words) == one_edit(slip, letters) & set(words), slip


@pytest.mark.parametrize("a, b, d", [("recieve", "receive", 1), ("tommorow", "tomorrow", 2),
                                     ("kitten", "sitting", 3), ("", "abc", 3), ("ab", "ba", 1)])
def test_distance_counts_a_swap_as_one_edit(a, b, d):
    assert distance(a, b) == d


def test_cutting_the_common_ends_never_changes_the_distance_of_short_strings():
    strings = [""] + ["".join(p) for n in range(1, 5) for p in product("abc", repeat=n)]
    assert all(distance(a, b) == table_distance(a, b) for a in strings for b in strings)


@given(st.text(alphabet="abcd", max_size=9), st.text(alphabet="abcd", max_size=9))
def test_cutting_the_common_ends_never_changes_the_distance(a, b):
    assert distance(a, b) == table_distance(a, b)


def test_the_index_finds_words_under_themselves_and_their_deletions_and_packs_whole():
    index = DeletionIndex.of(["tomorrow", "sorrow", "borrow"])
    assert index.words({"tomorow"}) == {"tomorrow"}                   # a deletion of "tomorrow"
    assert index.words({"orrow", "borrow", "xyz"}) == {"sorrow", "borrow"}
    again = DeletionIndex.unpack(index.pack())
    assert set(again.keys()) == set(index.keys()) and all(again.words({k}) == index.words({k}) for k in index.keys())
    tabbed = DeletionIndex.of(["a\tb", "a\tc"])                        # a word holding a tab
    assert tabbed.words({"a\t"}) == {"a\tb", "a\tc"} == DeletionIndex.unpack(tabbed.pack()).words({"a\t"})
    assert DeletionIndex.of(["new\nline"]).pack() is None             # a word no line can hold
    with pytest.raises(ValueError):
        DeletionIndex.unpack(b"\t\x03" + bytes(7) + b"a\nb" + b"x")     # the format before strings were shared
    with pytest.raises(ValueError):
        DeletionIndex.unpack(index.pack()[:-1])                       # cut short
    packed = index.pack()
    head, _, rest = packed.partition(b"\n")
    meta = json.loads(head)
    numbers_end = meta["text"] + 4 * meta["starts"] + 8 + 4 * len(list(index.keys()))    # then the trie's own bytes
    with pytest.raises(ValueError):                                   # the trie's bytes damaged
        DeletionIndex.unpack(head + b"\n" + rest[:numbers_end] + bytes(len(rest) - numbers_end))


def test_the_index_answers_as_a_search_of_every_word_does_on_real_words_and_slips():
    """The index (a trie of keys and numbers) against its definition, on the 3,000 commonest English
    words: a word is found when it, or one of its one-letter deletions, is among the keys sought."""
    vocab = vocabulary("en")
    common = sorted(vocab.counts, key=lambda w: (-vocab.counts[w], w))[:3000]
    index = DeletionIndex.unpack(DeletionIndex.of(common).pack())
    under = {w: {w} | {w[:i] + w[i + 1:] for i in range(len(w))} for w in common}
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((SAMPLE / "news").glob("*.txt")))
    for word in _slips(sorted({w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2}), vocab.letters):
        sought = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
        assert index.words(sought) == {w for w in common if under[w] & sought}, word
