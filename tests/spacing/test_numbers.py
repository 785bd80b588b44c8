from cleaner.spacing.lexicon import lexicon
from cleaner.spacing.numbers import number_gaps


def gaps(text):
    return [(text[:at], text[at:]) for at, _ in number_gaps(text, lexicon("en"))]


def test_a_function_word_or_a_word_glued_to_a_number_splits():
    assert gaps("in2010") == [("in", "2010")]
    assert gaps("100million") == [("100", "million")]
    assert gaps("3%of") == [("3%", "of")]


def test_units_ordinals_codes_and_other_scripts_stay():
    for text in ("10am", "5km", "3rd", "1990s", "MP3", "Boeing747", "in٢٠١٠", "in２０１０"):
        assert gaps(text) == [], text
