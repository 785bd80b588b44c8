"""The reading finder: the likeliest cut of a token no shape rule splits, for the decision to weigh."""
import pytest

import cleaner
from cleaner.spacing.lexicon import lexicon
from cleaner.spacing.reading import likeliest_reading
from cleaner.spacing.segment import MAX_LETTERS


@pytest.fixture(scope="module")
def en():
    return lexicon("en")


def test_the_likeliest_reading_cuts_into_known_words(en):
    assert likeliest_reading("riverbarges", en).parts("riverbarges") == ["river", "barges"]
    assert likeliest_reading("taxcollectors", en).parts("taxcollectors") == ["tax", "collectors"]


def test_no_reading_of_a_known_word_a_short_token_or_a_run_of_data(en):
    for word in ("nocturnal", "intonational", "ofa", "x" * 4):
        assert likeliest_reading(word, en) is None
    assert likeliest_reading("inthehistorical" * (MAX_LETTERS // 15 + 1), en) is None


def test_a_reading_is_a_candidate_the_decision_weighs():
    """A reading is proposed where no shape rule splits ("river|barges"), and weighed like any
    candidate: a fragment of a torn word tiles into words too ("erim|ent") and is left alone."""
    (edit,) = [e for e in cleaner.clean("The riverbarges carried coal to the port.").edits if e.stage == "spacing"]
    assert edit.rule == "spacing.glued-words" and "likeliest reading" in edit.reason and "'river barges'" in edit.reason
    torn = "In our exp eriment the rules were applied."     # the sentence has a language: spelling may flag
    assert not [e for e in cleaner.clean(torn).edits if e.stage == "spacing"]
