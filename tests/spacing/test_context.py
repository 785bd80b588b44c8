"""cleaner.spacing.context: a name glued to a verb, told by the article after it."""
from cleaner.spacing.context import before_an_article
from cleaner.spacing.lexicon import lexicon

EN = lexicon("en")


def gaps(text, word):
    return list(before_an_article(text, word, EN))


def test_a_name_glued_to_a_verb_splits_where_an_article_follows():
    text = "Maddiralais a village. Maddiralais the seat. Maddiralais nice."
    first, second = text.index("Maddiralais"), text.index("Maddiralais the")
    assert gaps(text, "Maddiralais") == [first + 9, second + 9]          # not before "nice"


def test_known_words_short_names_and_lower_case_words_are_left_alone():
    assert gaps("Davis a friend", "Davis") == []                 # the word list knows it
    assert gaps("Efis a town", "Efis") == []                     # too short a name before the verb
    assert gaps("Xqwertyis an old town", "xqwertyis") == []      # not capitalised
    assert gaps("Xqwertyis anthem", "Xqwertyis") == []           # "anthem" is no article
