"""cleaner.spacing.counts: symspellpy's lists, kept as tries, give the counts the text lists give."""
import importlib.resources

import pytest

from cleaner.spacing import counts as kept_counts

LISTS = ("frequency_dictionary_en_82_765.txt", "frequency_bigramdictionary_en_243_342.txt")


def parsed(name):
    text = (importlib.resources.files("symspellpy") / name).read_text(encoding="utf-8")
    return {entry: int(count) for entry, count in (line.rsplit(" ", 1) for line in text.splitlines() if line)}


@pytest.mark.parametrize("name", LISTS)
def test_the_kept_counts_are_the_lists_counts(name, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    fresh = kept_counts.symspell_counts(name)               # parsed, then kept
    assert len(list(tmp_path.iterdir())) == 1
    kept = kept_counts.symspell_counts(name)                # read back
    listed = parsed(name)
    assert dict(kept) == dict(fresh) == listed and kept.total == sum(listed.values())
    for entry, count in listed.items():         # every entry, as each lookup asks it
        assert kept[entry] == kept.get(entry) == fresh.get(entry) == count and entry in kept
    for absent in ("", "zzzz qqqq", "the the the", "\uffff"):
        assert absent not in kept and kept.get(absent) is None
    with pytest.raises(KeyError):
        kept["zzzz qqqq"]


def test_a_damaged_copy_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    kept_counts.symspell_counts(LISTS[0])
    (blob,) = tmp_path.iterdir()
    blob.write_bytes(blob.read_bytes()[:-3])
    assert dict(kept_counts.symspell_counts(LISTS[0])) == parsed(LISTS[0])
