"""cleaner.text.shared: words kept as places in a frequency table read back as the table's strings."""
import pytest

from cleaner.spacing import lexicon as lexicons
from cleaner.text import shared
from cleaner.text.frequencies import frequencies


def test_words_read_back_are_the_tables_strings_and_the_rest_as_written():
    table = frequencies("en")
    words = ["the", "zzqxj", "house", "zzqxj", "\ud800", "the"]
    again = shared.unpack("en", shared.pack("en", words))
    assert again == words
    held = {word: word for word in table if word in ("the", "house")}  # the table's own objects
    assert again[0] is again[5] is held["the"] and again[2] is held["house"]
    assert again[1] is again[3]                                       # a word the table lacks, written once
    assert shared.pack("en", ["a\nb"]) is None
    assert shared.unpack("en", shared.pack("en", [])) == []
    with pytest.raises(ValueError):
        shared.unpack("es", shared.pack("en", words))                 # places in another table
    with pytest.raises(ValueError):
        shared.unpack("en", shared.pack("en", words)[:-1])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_real_words_are_the_built_ones(language, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    lex = lexicons.lexicon(language)
    fresh = lexicons._real_words(language, lex.frequency, lex.dictionary)       # built, then kept
    assert any(p.name.startswith("spacing-real-") for p in tmp_path.iterdir())
    kept = lexicons._real_words(language, lex.frequency, lex.dictionary)        # read back
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert kept == fresh == lexicons._real_words(language, lex.frequency, lex.dictionary) == lex.real_words
