"""Word-pair model: how likely a reading of a text is, word by word, given the word before.

The classic smoothed model of word segmentation (Norvig's in "Natural Language Corpus Data",
wordsegment's): a word's probability after the word before it is the pair's count over that
word's count where the pair is listed, else the word's own frequency scaled down by BACKOFF
("stupid back-off", Brants et al. 2007). Pair and word counts are the Google Books n-grams
symspellpy ships (English), counted in corpora of different sizes (its pair list from one about
23 times larger), so a pair's count is read against its first word's count times that ratio
(`scale`, the ratio of the two lists' totals); unscaled, every listed pair looked 23 times
likelier than it is, against a back-off that was not. A language without pair counts is read
by word frequencies (wordfreq) alone. A word that neither list knows is rarer the longer it is.

The spacing stage asks one question of it: how much likelier (log10) the text around a
candidate gap becomes with the space than without, the words before and after included
(`gain`): "the critical infrastructurein light" → "infrastructure in light".
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

BACKOFF = math.log10(0.4)     # Brants et al.'s factor for a pair the counts do not list
UNKNOWN = -9.5                # log10 frequency of an unknown word of UNKNOWN_LETTERS letters …
UNKNOWN_LETTERS = 4
PER_LETTER = -0.3              # … and each letter more


@dataclass(frozen=True)
class PairModel:
    frequency: dict           # word → frequency (fraction of running words), lower case
    pairs: Mapping            # "left right" → count
    counts: Mapping           # word → count
    scale: float = 1.0        # how many times larger the corpus of `pairs` is than that of `counts`
    listed: bool = field(init=False)    # are there pairs at all? (asked at every word)
    frequency_of: Callable[[str], float | None] = field(init=False, repr=False, compare=False)
    # word → frequency or None: `frequency`'s fastest answer (a remembering trie's `number`)

    def __post_init__(self):
        object.__setattr__(self, "listed", bool(self.pairs))
        object.__setattr__(self, "frequency_of", getattr(self.frequency, "number", self.frequency.get))

    def word(self, word: str) -> float:
        """log10 P(word), alone."""
        f = self.frequency_of(word)
        return math.log10(f) if f else UNKNOWN + PER_LETTER * max(0, len(word) - UNKNOWN_LETTERS)

    def after(self, word: str, before: str | None) -> float:
        """log10 P(word | the word before), backing off to the word alone."""
        if before is not None:
            pair = self.pairs.get(f"{before} {word}")
            count = self.counts.get(before) if pair else None
            if count is not None:
                return min(0.0, math.log10(pair / (count * self.scale)))
            if self.listed:
                return BACKOFF + self.word(word)
        return self.word(word)

    def reading(self, words: list[str], before: str | None, after: str | None) -> float:
        """log10 P of `words` in a row, between the words `before` and `after` (None: none there)."""
        total, previous = 0.0, before
        for word in [*words, after] if after is not None else words:
            total += self.after(word, previous)
            previous = word
        return total

    def gain(self, parts: list[str], before: str | None, after: str | None) -> float:
        """How much likelier (log10) the text is with `parts` apart than written as one word."""
        return self.reading(parts, before, after) - self.reading(["".join(parts)], before, after)
