"""Missing spaces around contractions and possessives: "He'sworked", "don'tbe", "therewon't".

The letter runs the spacing stage looks at stop at an apostrophe, so a word glued to
a contraction or a possessive needs its own look:

  after   "He's|worked", "Richard's|survival", "don't|be", "it's|not": the apostrophe and its
          clitic ('s, n't, 're, 've, 'll, 'd, 'm) end a word, and what follows is a real word
          far more frequent than the word the clitic would start ("Britain'spear" stays:
          "spear" is a word as common as "pear"; "snot" is no rival to "not")
  before  "there|won't", "we|don't", "But|it's", "that|we're", "I|can't": the letters before the
          apostrophe are no word and no token the frequency list knows well (a name such as
          "Andi"; "thatwe" is web glue it lists rarely), but a real word and a listed
          contraction ("won't") are
"""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .segment import AMBIGUITY_MARGIN
from ..text.scan import finditer, per_mark
from ..text.tokens import letters_before

# The patterns start at the apostrophe, one per kind of apostrophe, so the regex engine skips to it quickly.
# A lookahead that most apostrophes fail at once ("’s " has one letter after it) goes first.
_AFTER = per_mark("'’", r"(?=[^\W\d_]{2})(?<=[^\W\d_]['’])(s|t|re|ve|ll|d|m)(?=[^\W\d_])")
_BEFORE = per_mark("'’", r"(?=[tsrvldm])(?<=[^\W\d_]{4}['’])(t|s|re|ve|ll|d|m)\b")
_PLURAL_POSSESSIVE = per_mark("'’", r"(?=[A-Z][a-z]{2,})(?<=[a-z]{2}s['’])")
_LETTERS_AT = re.compile(r"[^\W\d_]+")
MIN_WORD_ZIPF = 3.5
MIN_LONG_WORD_ZIPF = 2.0    # a long word may be rarer ("namesake", "newsagents")


def contraction_gaps(text: str, lex: Lexicon):
    """(position, confidence) of each space lost beside a contraction or a possessive."""
    if "'" not in text and "’" not in text:
        return
    for m in finditer(_AFTER, text):
        clitic = m.group(1)
        if clitic == "t" and text[m.start() - 1] != "n":
            continue                    # "n't" only
        rest = _LETTERS_AT.match(text, m.end()).group()
        if clitic == "s" and rest[0].isupper() and rest[1:].islower() and len(rest) >= 4 \
                and lex.zipf(rest.lower()) >= MIN_WORD_ZIPF:
            yield m.end(), 0.85         # "Dexter'sLaboratory", "Women'sSingles"
            continue
        if not rest.islower() or not _is_word(rest, lex) or _as_likely(clitic + rest, rest, lex):
            continue
        yield m.end(), 0.85
    for m in finditer(_PLURAL_POSSESSIVE, text):
        yield m.end(), 0.85             # "Drivers'Championship"
    for m in finditer(_BEFORE, text):
        clitic = m.group(1)
        letters = letters_before(text, m.start(), 40)
        start = m.start() - len(letters)
        low = letters.lower()
        if lex.is_word(low):            # a real word: the list's well-known tokens are ("Andi"), rare web glue not
            continue
        for i in range(1, len(low)):    # the longest contraction first: "But|there's", not "Butt|here's"
            left, right = low[:i], low[i:]
            if f"{right}'{clitic}" in lex.contractions and (_is_word(left, lex) or letters[:i] == "I"):   # "I|can't"
                yield start + i, 0.85
                break


def _as_likely(joined: str, rest: str, lex: Lexicon) -> bool:
    """Is `joined` (the clitic's letters and the word after them: "spear") a real word about as
    frequent as `rest` ("pear")? Then "Britain'spear" may be either and stays. "it'snot", "that'san"
    and "they'reliving" are glue: "snot", "san" and "reliving" are words, but far rarer than "not",
    "an" and "living" (unseen prose, 2026-12-08: with the letters before a contraction read below,
    held-out +5 repairs, tuning +7, news held +1, no wrong one; once any such word kept it whole)."""
    return lex.is_word(joined) is True and lex.zipf(joined) > lex.zipf(rest) - AMBIGUITY_MARGIN


def _is_word(word: str, lex: Lexicon) -> bool:
    return (word in lex.function_words and lex.is_part(word)) or \
        (len(word) >= 3 and lex.is_word(word) is True and lex.zipf(word) >= MIN_WORD_ZIPF) or \
        (len(word) >= 6 and lex.is_word(word) is True and lex.zipf(word) >= MIN_LONG_WORD_ZIPF)
