"""Where a glued word splits, and how sure we are.

A token is split only when it is unknown as a whole and a split gives two
real words; the kind of evidence sets the confidence:

  bigram         the pair is a known bigram ("corporate governance")      0.95
  function word  one side is a closed-class word ("objectives|and")       0.9
  phrase ending  two content words, the first a complete form ("annual|
                 savings", "tempting|target"): a phrase, not a compound   0.8
  weak           two content words and nothing more ("beer|maker" is a
                 compound, "deputy|governor" is not): reported only      0.6

Names are protected by construction: an unknown capitalised word is split
only at a case change or behind a function word ("Thewound" → "The wound").
"""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon

MIN_CONTENT_ZIPF = 3.5      # a content word part must be at least this frequent
MIN_BIGRAM_PART_ZIPF = 2.5
MIN_PARTNER_ZIPF = 2.5      # the word beside a function word may be rare ("sustenance|because")
CAPITALISED_RIGHT_ZIPF = 4.0
COMMON_ZIPF = 4.5
KNOWN_WORD_ZIPF = 4.0       # a token the word list knows this well is a word, never glue
KNOWN_WORD_MARGIN = 2.5     # how much likelier (log10) two function words must be than a rare known token           # a three-letter content word must be this common to be a part
AMBIGUITY_MARGIN = 1.0      # rival splits this close in frequency lower the confidence


@dataclass(frozen=True)
class Split:
    at: int                 # offset in the word where the space goes
    evidence: str
    confidence: float


def split_word(word: str, lex: Lexicon, sentence_start: bool = False) -> Split | None:
    """The best split of an all-letter word (lower case, or Capitalised at a sentence start)."""
    lower = word.lower()
    if len(word) < 4:
        return None
    if lex.knows(lower):
        return _split_known(lower, lex) if word.islower() else None
    capitalised = word[0].isupper()
    if capitalised and not sentence_start:
        return None                     # an unknown capitalised word inside a sentence is a name
    found, rivals = [], []
    for i in range(1, len(lower)):
        left, right = lower[:i], lower[i:]
        if not (lex.is_part(left) and lex.is_part(right)):
            continue
        rivals.append((lex.zipf(left) + lex.zipf(right), i))
        if capitalised and not (left in lex.function_words and lex.zipf(right) >= CAPITALISED_RIGHT_ZIPF):
            continue                    # "Thewound", "Itis"; not "Oftel", "Clearskies"
        evidence, confidence = _evidence(left, right, lex)
        if evidence is None:
            continue
        found.append((confidence, lex.zipf(left) + lex.zipf(right), i, evidence))
    if not found:
        return None
    found.sort(reverse=True)
    confidence, score, at, evidence = found[0]
    if any(rival > score - AMBIGUITY_MARGIN for rival, i in rivals if i != at):
        confidence -= 0.2               # "specialistsport": "specialists port" or "specialist sport"?
    return Split(at, evidence, round(confidence, 2))


def _split_known(word: str, lex: Lexicon) -> Split | None:
    """A token the word list knows only as a rare typo of two function words ("ofthe", "inthe").

    Web text misspells often enough for wordfreq to list such tokens; a split
    into two function words far likelier than the token itself is still glue.
    Common words are safe: "onto", "into", "cannot" are likelier whole.
    """
    whole = lex.zipf(word)
    if whole >= KNOWN_WORD_ZIPF:
        return None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if left in lex.function_words and right in lex.function_words and lex.is_part(left) \
                and lex.is_part(right) and lex.zipf(left) + lex.zipf(right) - 9 >= whole + KNOWN_WORD_MARGIN:
            return Split(i, "function word", 0.9)
    return None


def split_case_change(word: str, lex: Lexicon) -> Split | None:
    """A lower-case word glued to a capitalised one ("withGerman", "theFed")."""
    for i in range(1, len(word) - 1):
        if word[i - 1].islower() and word[i].isupper():
            left, right = word[:i], word[i:]
            break
    else:
        return None
    if lex.knows(word.lower()) or not right[1:].islower() or len(right) < 2:
        return None                     # iPhone, eBay, YouTube, macOS, kWh …
    if left.islower():
        if not lex.is_part(left) or (len(left) < 3 and left not in lex.function_words):
            return None
        if left in lex.function_words:
            return Split(i, "case change", 0.95)
        return Split(i, "case change", 0.9 if len(left) >= 4 else 0.6)
    if left[0].isupper() and left[1:].islower() and f"{left.lower()} {right.lower()}" in lex.bigrams:
        return Split(i, "bigram", 0.9)  # "WorldWar"; names such as "TonyBlair" are left alone
    return None


def _evidence(left: str, right: str, lex: Lexicon) -> tuple[str | None, float]:
    zl, zr = lex.zipf(left), lex.zipf(right)
    fl, fr = left in lex.function_words, right in lex.function_words
    if fl and fr:
        return "function word", 0.95
    if f"{left} {right}" in lex.bigrams and min(zl, zr) >= MIN_BIGRAM_PART_ZIPF \
            and (len(left) > 2 or fl) and (len(right) > 2 or fr):
        return "bigram", 0.95
    if (fl and _partner(right, zr, len(left) == 1)) or (fr and _partner(left, zl, len(right) == 1)):
        return "function word", 0.9
    if len(left) >= 4 and lex.ends_phrase(left) and zl >= MIN_CONTENT_ZIPF - 0.5 and (
            (len(right) >= 4 and zr >= MIN_CONTENT_ZIPF - 0.5) or (len(right) == 3 and zr >= COMMON_ZIPF)):
        return "phrase ending", 0.8
    if min(len(left), len(right)) >= 4 and min(zl, zr) >= MIN_CONTENT_ZIPF:
        return "weak", 0.6
    return None, 0.0


def _partner(word: str, zipf: float, beside_a_letter: bool) -> bool:
    """Can `word` stand beside a function word? Short ones, and any beside "a" or "i", must be common."""
    if beside_a_letter or len(word) == 3:
        return zipf >= MIN_CONTENT_ZIPF
    return len(word) >= 4 and zipf >= MIN_PARTNER_ZIPF
