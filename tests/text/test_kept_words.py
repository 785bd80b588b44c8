"""cleaner.text.kept_words: a kept word list reads back as written."""
import pytest

from cleaner.spacing import lexicon as lexicons
from cleaner.text import kept_words


def test_words_read_back_as_written():
    words = ["the", "zzqxj", "house", "zzqxj", "\ud800", "the", ""]
    assert kept_words.unpack(kept_words.pack(words)) == words
    assert kept_words.unpack(kept_words.pack([])) == []
    assert kept_words.unpack(kept_words.pack([""])) == [""]
    assert kept_words.pack(["a\nb"]) is None
    with pytest.raises(ValueError):
        kept_words.unpack(kept_words.pack(words)[:-5])
    with pytest.raises(ValueError):
        kept_words.unpack(b"not words")


def test_a_damaged_copy_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    assert kept_words.kept("list", lambda: ["a", "b"]) == ["a", "b"]
    assert kept_words.kept("list", lambda: ["not", "asked"]) == ["a", "b"]      # read back
    (tmp_path / "list").write_bytes(b"words 3\na\nb")
    assert kept_words.kept("list", lambda: ["c"]) == ["c"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_real_words_are_the_built_ones(language, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    lex = lexicons.lexicon(language)
    fresh = lexicons._real_words(language, lex.dictionary)          # built, then kept
    assert any(p.name.startswith("spacing-real-") for p in tmp_path.iterdir())
    kept = lexicons._real_words(language, lex.dictionary)           # read back
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert kept == fresh == lexicons._real_words(language, lex.dictionary) == lex.real_words
