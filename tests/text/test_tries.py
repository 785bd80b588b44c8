"""cleaner.text.tries: a kept trie answers as the word list it was built from."""
import importlib.resources

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.spacing.lexicon import _census_names
from cleaner.text import tries

PAIRS = [("the", 23135851162), ("of the", 1), ("zürich", 7), ("", 3), ("a b", 0), ("naïve", 2 ** 40)]


def test_a_kept_trie_gives_every_number(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    fresh = tries.kept("t.trie", lambda: iter(PAIRS))
    kept = tries.kept("t.trie", lambda: [])                  # read back: the list is not asked again
    for trie, numbers in (fresh, kept):
        assert sorted(trie) == sorted(w for w, _ in PAIRS)
        assert all(numbers[trie[w]] == n for w, n in PAIRS)
        assert "th" not in trie and trie.get("ofthe") is None
        mapping = tries.TrieMapping(trie, numbers)
        for absent in ("th", "the\0x", "\0", "a\ud800"):    # NUL: marisa's own lookup would find "the"
            assert absent not in mapping and mapping.get(absent, -1) == -1


def test_nothing_kept_builds_the_same(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    trie, numbers = tries.kept("t.trie", lambda: iter(PAIRS))
    assert {w: numbers[trie[w]] for w in trie} == dict(PAIRS)


def test_a_damaged_copy_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    tries.kept("t.trie", lambda: iter(PAIRS))
    (blob,) = tmp_path.iterdir()
    blob.write_bytes(blob.read_bytes()[:-5])
    trie, numbers = tries.kept("t.trie", lambda: iter(PAIRS))
    assert {w: numbers[trie[w]] for w in trie} == dict(PAIRS)


WORDS = st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(WORDS, st.integers(0, 2 ** 62), max_size=30),
       st.text(st.characters(blacklist_categories=()), max_size=12))       # NUL and lone surrogates too
def test_built_answers_as_the_dict(table, probe):
    mapping = tries.TrieMapping(*tries.built(table.items()))
    assert len(mapping) == len(table) and set(mapping) == set(table)
    assert all(mapping[w] == mapping.get(w) == n for w, n in table.items())
    assert (probe in mapping) == (probe in table) and mapping.get(probe) == table.get(probe)


def test_a_word_marisa_cannot_hold_is_refused():
    for word in ("a\0b", "\ud800"):
        with pytest.raises(ValueError):
            tries.built([(word, 1)])


def test_census_names_answer_as_the_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    folder = importlib.resources.files("names")
    for files in (("dist.male.first", "dist.female.first"), ("dist.all.last",)):
        listed = {line.split(" ", 1)[0].lower() for name in files
                  for line in (folder / name).read_text(encoding="ascii").splitlines() if line}
        for names in (_census_names(files), _census_names(files)):     # built, then read back
            assert set(names) == listed and all(name in names for name in listed)
            assert "zzqx" not in names and "" not in names


def test_a_remembering_mapping_answers_as_the_dict_and_forgets_in_bounds():
    mapping = tries.RememberingTrieMapping(*tries.built(PAIRS), remember=3)
    probes = ["the", "zürich", "th", "a\ud800", "the\0x", "the", "naïve", "", "nope", "of the"] * 3
    for word in probes:
        assert (word in mapping) == (word in dict(PAIRS))
        assert mapping.get(word, -1) == dict(PAIRS).get(word, -1)
        assert len(mapping._asked) <= 3
    mapping.forget()
    assert not mapping._asked and mapping["the"] == 23135851162
