"""cleaner.spelling.wordlist: the kept word list is pyspellchecker's list, word for word and count
for count, with the words a language adds, and its commonest words in the order a sort gives."""
import heapq

import pytest
from spellchecker import SpellChecker

from cleaner import cache
from cleaner.spelling import wordlist
from cleaner.spelling.vocabulary import vocabulary


def _listed(language):
    return dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_list_is_pyspellcheckers_list(language, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    fresh = wordlist.word_list(language)                    # read from pyspellchecker, then kept
    assert len(list(tmp_path.glob("*.vocab"))) == 1
    kept = wordlist.word_list(language)                     # read back
    listed = _listed(language)
    assert dict(kept.counts.items()) == dict(fresh.counts.items()) == listed
    assert kept.commonest == fresh.commonest == tuple(heapq.nlargest(20_000, listed, key=listed.__getitem__))
    assert kept.letters == fresh.letters and "e" in kept.letters and "1" not in kept.letters


def test_added_words_count_once_and_rank_after_listed_words_of_equal_count(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    listed = _listed("es")

    def more(counts, letters):
        assert counts == listed and "ñ" in letters
        return ["zzqa", "zzqb", "de"]                       # "de" is listed: it keeps its count
    words = wordlist.word_list("es", more, (b"two made-up words",))
    assert words.counts["zzqa"] == words.counts["zzqb"] == 1 and len(words.counts) == len(listed) + 2
    assert words.counts["de"] == listed["de"] > 1
    merged = {**listed, "zzqa": 1, "zzqb": 1}
    assert words.commonest == tuple(heapq.nlargest(20_000, merged, key=merged.__getitem__))
    assert wordlist.word_list("es", more, (b"two made-up words",)).counts["zzqb"] == 1   # read back
    assert len(list(tmp_path.glob("*.vocab"))) == 1
    wordlist.word_list("es", more)                          # nothing names what `more` reads: not kept
    assert len(list(tmp_path.glob("*.vocab"))) == 1


def test_spanish_holds_the_inflected_forms_of_running_text():
    vocab = vocabulary("es")
    listed = _listed("es")
    added = [w for w in vocab.counts if w not in listed]
    assert len(added) > 1000 and all(vocab.counts[w] == 1 for w in added[:500])
    assert set(vocab.commonest) <= vocab.counts.keys() and vocab.common == frozenset(vocab.commonest)


def test_a_damaged_blob_is_built_again_from_pyspellchecker(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    wordlist.word_list("es")
    (kept,) = tmp_path.glob("*.vocab")
    for damaged in (kept.read_bytes()[:-5], kept.read_bytes()[:2000], b"{}\n" + kept.read_bytes()[50:]):
        kept.write_bytes(damaged)
        assert dict(wordlist.word_list("es").counts.items()) == _listed("es")


def test_without_a_cache_the_list_is_built_as_it_would_be_kept(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert cache.folder() is None
    words = wordlist.word_list("es")
    assert dict(words.counts.items()) == _listed("es")
    assert wordlist.unpack(wordlist.pack(words)) == words


def test_a_word_holding_a_line_break_cannot_be_packed():
    from cleaner.text import tries
    words = wordlist.WordList(tries.TrieMapping(*tries.built([("two\nlines", 3)])), "a", ("two\nlines",))
    with pytest.raises(ValueError):
        wordlist.pack(words)
