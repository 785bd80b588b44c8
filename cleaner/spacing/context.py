"""Splits that the next word supports.

A capitalised token the word list does not know may be a name glued to the
verb after it ("Maddiralais a village", "Willemijnwas the first"): on its own
it could as well be a longer name ("Davis", "Paris"), but no name is followed
by an article where a verb would be. The spacing stage asks for these on the
tokens no other rule splits.
"""
from __future__ import annotations

from .lexicon import Lexicon
from ..text.tokens import occurrences

MIN_NAME = 4        # letters of the name before the verb ("Efzeis"; not "Elis", "Ariswas")


def before_an_article(text: str, word: str, lex: Lexicon):
    """Where `word` (capitalised, unknown) splits into a name and one of `lex.verbs_before_articles`,
    at the occurrences an article follows: positions of the lost space. Held-out without it
    (2026-12-02, refitted): Wikipedia -5 repairs."""
    if not (word[0].isupper() and word[1:].islower()) or lex.knows(word.lower()):
        return
    verb = next((v for v in lex.verbs_before_articles if word.endswith(v) and len(word) - len(v) >= MIN_NAME), None)
    if verb is None:
        return
    for start in occurrences(text, word):
        end = start + len(word)
        if text.startswith(" ", end) and text[end + 1:end + 5].split(" ", 1)[0] in lex.articles:
            yield end - len(verb)
