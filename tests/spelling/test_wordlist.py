"""cleaner.spelling.wordlist: the kept copy of a word list is pyspellchecker's list, word for word."""
import pytest
from spellchecker import SpellChecker

from cleaner import cache
from cleaner.spelling import wordlist


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_copy_is_pyspellcheckers_list(language, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    fresh = wordlist.word_list(language)                    # read from pyspellchecker, then kept
    assert len(list(tmp_path.glob("*.words"))) == 1
    kept = wordlist.word_list(language)                     # read back
    listed = dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)
    assert kept == fresh and kept[0] == listed and list(kept[0]) == list(listed)
    assert "e" in kept[1] and "1" not in kept[1]


def test_a_damaged_copy_is_read_again_from_pyspellchecker(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    wordlist.word_list("es")
    (kept,) = tmp_path.glob("*.words")
    kept.write_bytes(kept.read_bytes()[:-5])
    assert wordlist.word_list("es")[0] == dict(SpellChecker(language="es", distance=1).word_frequency.dictionary)


def test_without_a_cache_the_list_is_read_as_before(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert cache.folder() is None and len(wordlist.word_list("es")[0]) > 50_000


def test_a_list_a_line_cannot_hold_is_not_kept():
    assert wordlist._pack({"two\nlines": 1}, "a") is None and wordlist._pack({"x": 1.5}, "a") is None
    packed = wordlist._pack({"a": 3, "b’c": 2**40}, "ab")
    assert wordlist._unpack(packed) == ({"a": 3, "b’c": 2**40}, "ab")
