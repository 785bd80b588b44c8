"""cleaner.text.tokens: the shortcuts that find tokens must find what the regex finds."""
import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.spacing.around import genus_behind
from cleaner.text.tokens import LETTERS, at_sentence_start, letter_runs, letters_before, number_before, occurrences


@given(st.lists(st.sampled_from(list("abcXYZéü ’'.,;:()“”«»-_0123²\n\t\u0301") + ["word", "Name", "ofthe"]),
                max_size=40).map("".join) | st.text(max_size=60))
def test_the_token_shortcut_finds_the_runs_the_regex_finds(text):
    assert list(letter_runs(text)) == list(dict.fromkeys(LETTERS.findall(text)))


@given(st.lists(st.sampled_from(["word", "Word", "words", "sword", " ", ",", "-", "’", "3", "é"]), max_size=30).map("".join))
def test_occurrences_are_the_whole_letter_runs(text):
    runs = {m.start() for m in LETTERS.finditer(text) if m.group() == "word"}
    assert set(occurrences(text, "word")) == runs


_ALPHABET = "ab1209,.%’' _é²ⅫΩ٣x\n"


@given(st.text(alphabet=_ALPHABET, max_size=60), st.integers(0, 60), st.integers(1, 45))
def test_letters_before_is_the_anchored_regex(text, end, limit):
    end = min(end, len(text))
    found = re.compile(r"[^\W\d_]+\Z").search(text, max(0, end - limit), end)   # \Z: "$" also matches before a final "\n"
    assert letters_before(text, end, limit) == (found.group() if found else "")


@given(st.text(alphabet=_ALPHABET, max_size=60), st.integers(0, 60), st.integers(1, 25))
def test_number_before_is_the_anchored_regex(text, end, limit):
    end = min(end, len(text))
    found = re.compile(r"[\d,.]*\d%?\Z").search(text, max(0, end - limit), end)
    assert number_before(text, end, limit) == (found.group() if found else "")


@given(st.text(alphabet=' "“‘(a.\n', max_size=30), st.integers(0, 30))
def test_a_sentence_starts_where_only_opening_marks_come_before(text, pos):
    pos = min(pos, len(text))
    assert at_sentence_start(text, pos) == (
        not text[:pos].strip(' "“‘(') or bool(re.search(r"(?:[.!?][\"”’)]?\s+|\n)[\"“‘(]?\Z", text[max(0, pos - 6):pos])))


def test_the_genus_behind_a_word_is_a_capitalised_word_or_an_initial_right_before_it():
    text = 'Salarias segmentatus and "M. caninus" and the taxon carana, with XY orangeana'
    assert genus_behind(text, text.index("segmentatus")) == "Salarias"
    assert genus_behind(text, text.index("caninus")) == "M."
    assert genus_behind(text, text.index("carana")) is None                   # behind a lower-case word
    assert genus_behind(text, text.index("orangeana")) is None                # behind an acronym
    assert genus_behind("xSalarias segmentatus", 10) is None              # the capital inside a word
