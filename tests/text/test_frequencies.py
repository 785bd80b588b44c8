"""cleaner.text.frequencies: the kept table answers as wordfreq's table, and one table serves every stage."""
import wordfreq

from cleaner.spacing.lexicon import lexicon
from cleaner.spelling.vocabulary import vocabulary
from cleaner.text import frequencies as tables


def test_the_kept_table_answers_as_wordfreqs(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    read = tables.frequencies.__wrapped__                  # past the per-process table
    for language in ("en", "es"):
        fresh = read(language)                              # from wordfreq, then kept
        kept = read(language)                               # read back
        table = wordfreq.get_frequency_dict(language, "large")
        for mapping in (fresh, kept):
            assert mapping is not table and len(mapping) == len(table)
            assert all(mapping.get(word) == frequency for word, frequency in table.items())
            assert all(word in mapping for word in table)
            assert all(mapping.get(word, 1e-9) == 1e-9 and word not in mapping
                       for word in ("", "zzqxj", "the\ud800", "a\0b", "Mr."))
        assert tables.whole(language) == table and list(tables.whole(language)) == list(table)   # wordfreq's order
    assert len(list(tmp_path.iterdir())) == 2


def test_the_spacing_and_spelling_stages_read_one_table():
    assert lexicon("en").frequency is tables.frequencies("en") is vocabulary("en")._frequencies


def test_nothing_kept_reads_wordfreqs_table(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    table = tables.frequencies.__wrapped__("en")
    assert type(table) is dict and table == wordfreq.get_frequency_dict("en", "large")


def test_a_folder_that_cannot_keep_a_trie_reads_wordfreqs_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tables.cache, "writable", lambda: False)
    assert type(tables.frequencies.__wrapped__("es")) is dict               # nothing kept to read: not built each time
    monkeypatch.undo()
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    tables.frequencies.__wrapped__("es")                                    # kept
    monkeypatch.setattr(tables.cache, "writable", lambda: False)
    assert type(tables.frequencies.__wrapped__("es")) is not dict           # a kept trie is read where it is
