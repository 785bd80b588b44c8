"""cleaner.text.frequencies: the kept table is wordfreq's table, and one table serves every stage."""
import wordfreq

from cleaner.spacing.lexicon import lexicon
from cleaner.spelling.vocabulary import vocabulary
from cleaner.text import frequencies as tables


def test_the_kept_table_is_wordfreqs(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    read = tables.frequencies.__wrapped__                  # past the per-process table
    fresh = read("es")                                      # from wordfreq, then kept
    assert len(list(tmp_path.iterdir())) == 1
    kept = read("es")                                       # read back
    assert kept == fresh == wordfreq.get_frequency_dict("es", "large")
    assert list(kept) == list(fresh)                        # in wordfreq's order
    assert len({id(f) for f in kept.values()}) == len(set(kept.values()))   # equal values one object: ~10 MB less


def test_the_spacing_and_spelling_stages_read_one_table():
    assert lexicon("en").frequency is tables.frequencies("en") is vocabulary("en")._frequencies


def test_a_glance_answers_as_the_table_on_every_word(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    for language in ("en", "es"):
        table = tables.frequencies(language)
        monkeypatch.setattr(tables, "_TABLES", {})          # as before the table is built
        monkeypatch.setattr(tables, "_GLANCES", {})
        built = tables.glance(language)                     # a trie, built from the table and kept
        monkeypatch.setattr(tables, "_GLANCES", {})
        kept = tables.glance(language)                      # read back from the cache folder
        for glanced in (built, kept):
            assert glanced is not table and len(glanced) == len(table)
            assert all(glanced.get(word) == frequency for word, frequency in table.items())
            assert all(glanced.get(word, 1e-9) == 1e-9 and word not in glanced
                       for word in ("", "zzqxj", "the\ud800", "a\0b", "Mr."))
        monkeypatch.setattr(tables, "_TABLES", {language: table})
        assert tables.glance(language) is table             # once built, the table answers


def test_nothing_kept_glances_at_the_table(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    monkeypatch.setattr(tables, "_TABLES", {})
    assert tables.glance("en") is tables.frequencies("en")
