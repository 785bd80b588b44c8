"""Splits that only the document's own text supports.

A token no rule splits may still be glue when the document itself shows its
words: it writes them apart elsewhere ("Greenfieldran" beside "Greenfield ran"),
or uses a rare name on its own ("Duffeydropped" where "Duffey" stands alone).
The spacing stage asks for these only in documents that lost other spaces.
Held-out without them (2026-12-02, refitted): news +1 repair, Wikipedia -2, the
development cases unchanged; kept as the only finder that reads the document, a
near tie that the next measurement on longer documents should settle.
"""
from __future__ import annotations

from .lexicon import Lexicon
from .segment import Split
from ..text.tokens import stands

VARIANT_MARGIN = 1.5        # a listed token this much likelier than its two words is a spelling variant
DOCUMENT_NAME_ZIPF = 3.0    # a capitalised word rarer than this that a document uses is one of its names
COMMON_WORD_ZIPF = 4.0


def seen_apart(text: str, word: str, lex: Lexicon) -> Split | None:
    """The split of `word` whose two words stand apart elsewhere in the text ("Greenfieldran"
    where "Greenfield ran" was written too), if exactly one split does. Not after an acronym:
    "JPMorgan" and "JP Morgan" are one name's two styles; nor where the word list knows the
    token far better than the two words ("carmaker" beside "car maker" is a variant, while
    "highschool" beside "high school" is glue)."""
    low = word.lower()
    if lex.knows(low) and not word.islower():
        return None                 # "TrueType", "DreamWorks", "Nuttall": names the word list knows
    whole = lex.zipf(low) - VARIANT_MARGIN
    found = [i for i in range(2, len(word) - 1)
             if not (word[i].isupper() and word[i - 1].isupper())
             and lex.zipf(low[:i]) + lex.zipf(low[i:]) - 9 >= whole
             and stands(text, f"{word[:i]} {word[i:]}")]
    return Split((found[0],), "seen apart", 0.9) if len(found) == 1 else None


def name_of_the_document(word: str, tokens: dict, lex: Lexicon) -> Split | None:
    """A name the document uses on its own, glued to a common word ("Duffeydropped" where
    "Duffey" stands alone elsewhere): a rare capitalised word the word list hardly knows."""
    capitals = [i for i, ch in enumerate(word) if ch.isupper()]
    if len(capitals) == 2 and capitals[0] == 0 and word[1:capitals[1]].islower() and word[capitals[1] + 1:].islower():
        i = capitals[1]                             # "KingCharles" where "King" and "Charles" stand alone
        if i >= 3 and len(word) - i >= 3 and word[:i] in tokens and word[i:] in tokens \
                and word[:i].lower() not in lex.name_prefixes and word[:i].lower() not in lex.function_words:
            return Split((i,), "seen apart", 0.9)
        return None
    if not (word[0].isupper() and word[1:].islower()):
        return None
    found = []
    for i in range(4, len(word) - 1):
        name, rest = word[:i], word[i:]
        if name in tokens and lex.zipf(name.lower()) < DOCUMENT_NAME_ZIPF and (
                (rest in lex.function_words and len(rest) > 1)
                or (len(rest) >= 5 and lex.is_word(rest) and lex.zipf(rest) >= COMMON_WORD_ZIPF)):
            found.append(i)
    return Split((found[0],), "seen apart", 0.9) if len(found) == 1 else None
