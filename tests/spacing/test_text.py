"""cleaner.spacing.text: the shortcuts that find tokens must find what the regex finds."""
from hypothesis import given
from hypothesis import strategies as st

from cleaner.spacing.text import LETTERS, letter_runs, occurrences


@given(st.lists(st.sampled_from(list("abcXYZéü ’'.,;:()“”«»-_0123²\n\t\u0301") + ["word", "Name", "ofthe"]),
                max_size=40).map("".join) | st.text(max_size=60))
def test_the_token_shortcut_finds_the_runs_the_regex_finds(text):
    assert list(letter_runs(text)) == list(dict.fromkeys(LETTERS.findall(text)))


@given(st.lists(st.sampled_from(["word", "Word", "words", "sword", " ", ",", "-", "’", "3", "é"]), max_size=30).map("".join))
def test_occurrences_are_the_whole_letter_runs(text):
    runs = {m.start() for m in LETTERS.finditer(text) if m.group() == "word"}
    assert set(occurrences(text, "word")) == runs
