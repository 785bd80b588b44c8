"""The likeliest reading of a token no shape rule splits: the word-frequency model's segmentation.

Norvig's segmentation (wordsegment): of every way to cut a token into words the lexicon knows, the
one whose words are likeliest by their frequencies (`PairModel.word`), found by dynamic programming
over the cut points. It proposes, it does not decide: the stage's fitted decision weighs the cut
with the words around it, how rare its rarest part is and the rest, as it weighs every finder's.
"""
from __future__ import annotations

from .segment import MAX_LETTERS, Split

MAX_WORD = 20            # letters of the longest part tried; longer words are rare and cost the most
READING_PRIOR = 0.5      # what the finder itself claims: nothing beyond "the parts are words"


def likeliest_reading(word: str, lex) -> Split | None:
    """Cuts of the likeliest reading of lower-case `word` as two or more words, or None where it is
    a word itself, too short to hold two, longer than glue gets (MAX_LETTERS: data), or has no
    reading in known words."""
    n = len(word)
    if n < 5 or n > MAX_LETTERS or word in lex.frequency:
        return None
    best: list[tuple[float, tuple[int, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    frequency, not_words, probability = lex.frequency_of, lex.not_words, lex.pairs.word
    for end in range(2, n + 1):
        # a part of two letters or more that the lexicon lists and is no fragment (Lexicon.is_part)
        options = [(best[start][0] + probability(part), best[start][1] + (start,))
                   for start in range(max(0, end - MAX_WORD), end - 1)
                   if best[start] is not None
                   for part in (word[start:end],) if frequency(part) is not None and part not in not_words]
        best[end] = max(options) if options else None
    if best[n] is None or len(best[n][1]) < 2:
        return None
    return Split(best[n][1][1:], "reading", READING_PRIOR)


MIN_HEAD = 3             # letters of a name before the function words glued to it
NAME_READING_PRIOR = 0.4  # … and what its finder claims: most are names ("Stanin", "Sabonis"), so it is no
                          # strong candidate; the decision weighs such a cut by a model of its own
                          # (decision.NAME_FEATURES), which does not read this prior


def name_reading(word: str, lex) -> Split | None:
    """A capitalised `word` no shape rule splits, read as a name (or word) with a function word
    glued behind it, or a word and a function word ("Tauntonin", "Kingdomandthe", "Oslobuiltthe").
    Many names end so ("Stanin", "Sabonis"): only the words around tell, so this is a reading for
    the decision to weigh, no evidence of its own; where several tails fit ("Taunton|in",
    "Taunt|on|in") the likeliest by word frequencies leads and the others are its rivals, for the
    context to choose. A word before the function word, not only another function word (2026-12-07,
    fifth session): tuning halves news +2 repairs, held-out Wikipedia +2, nothing wrong anywhere."""
    lower = word.lower()
    functions = lex.function_words
    tails = [at for at in range(MIN_HEAD, len(lower) - 1) if lower[at:] in functions]   # two letters or more
    if not tails:
        return None
    found = []
    for at in range(MIN_HEAD, len(lower) - 1):
        if at in tails:
            found.append((at,))
        found += [(at, inner) for inner in tails if inner >= at + 2 and lex.is_word(lower[at:inner]) is True]
    splits = [Split(cuts, "name reading", NAME_READING_PRIOR) for cuts in found]
    splits.sort(key=lambda split: -lex.pairs.reading(split.parts(lower), None, None))
    return Split(splits[0].at, "name reading", NAME_READING_PRIOR, rivals=tuple(splits[1:]))
