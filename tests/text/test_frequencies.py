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


def test_the_spacing_and_spelling_stages_read_one_table():
    assert lexicon("en").frequency is tables.frequencies("en") is vocabulary("en")._frequencies
