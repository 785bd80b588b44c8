"""spacing: missing spaces — glued words and glued punctuation.

Why: raw dumps lose spaces ("infrastructurein light", "withPetro",
"fought”Stoltenberg", "today.The", "however,the"). This is the repair readers
notice most, and the one that does most harm when it splits a word that was
right, so precision comes first: a wrong split of a name or a rare word is
worse than a missed one.

What it does: finders propose gaps where punctuation is glued to a word
(cleaner.spacing.punctuation) and where a token unknown to the language's
word list splits into real words (cleaner.spacing.segment); one fitted
decision (cleaner.spacing.decision) weighs each with the words around it and
what the document says, and its confidence fixes, flags (a reviewer sees the
candidate) or drops it.

Never: names (an unknown capitalised word is a name; one the document writes
whole more than once stays whole), words the frequency data knows (iPhone,
YouTube, McDonald, e-mail), URLs, e-mails, domains, file names, hashtags,
numbers, abbreviations; nor any word splitting in a language it has no word
list for, or with a list whose language the text's marker words deny.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from itertools import filterfalse, islice, repeat
from typing import NamedTuple

from ..text.blocks import in_block, prose_blocks
from ..text.frequencies import frequencies
from ..edits import Edit, shift
from ..language.markers import outvoted
from ..language.paragraphs import foreign_paragraphs
from ..spacing import lexicon as lexicons
from ..spacing.context import before_an_article
from ..spacing.contractions import contraction_gaps
from ..spacing.decision import decision, split_evidence
from ..spacing.evidence import name_of_the_document, seen_apart
from ..text.protect import inside, protected_spans
from ..text.scan import finditer
from ..spacing.punctuation import GAPS, straight_quote_gaps
from ..spacing.reading import likeliest_reading, name_reading
from ..spacing.numbers import number_gaps
from ..spacing.segment import split_acronym, split_capitalised, split_case_change, split_word
from ..spacing.around import genus_behind, letters_beside, noise_around, torn_by_mark
from ..text.tokens import (EDGE_PUNCTUATION, at_sentence_start, chunks, letter_runs, occurrences, touches_word,
                           words_around)
from .base import Stage

STRONG = 0.8                      # a finder's evidence this strong says the document lost spaces
# A lone candidate says the rest of a document is clean only when the document had room to show
# more: a sentence or a headline shows one missing space however damaged its source.
MIN_EVIDENCE_WORDS = 60
VOUCHED = 2                       # times a document writes a capitalised token whole to vouch for it
BEFORE_AN_ARTICLE = 0.85          # a name glued to "is", "was" … with an article next ("Maddiralais a village")

_DETECTED_CHARS = 1000            # of a text without a language, what its marker words are counted in
_LANGUAGE_SAMPLE = 120
_FIT_SAMPLE = 40                  # … of which the frequencies of this many decide which list fits best
_UNKNOWN_FREQUENCY = 1e-9         # Zipf 0, as Lexicon.zipf gives a word it does not know
_MIN_SAMPLE = 3                   # lower-case words that say more of a text's language than its names do
_COMMON_GENUS_ZIPF = 3.0          # a capitalised word as common as this is no genus ("Vienna tooka taxi")
_CACHED_LETTERS = 80              # longer tokens (glued text, data) are decided afresh: in the cache
                                  # they would hold it to its entry count, not to its size
_WORD_FAMILIES = ("word", "contraction")    # gaps read by the word list; a foreign paragraph's are not
_CASE_CHANGE = re.compile(r"[a-z][A-Z]")       # ASCII at C speed; other scripts by _changes_case
_CAPS_THEN_LOWER = re.compile(r"[A-Z]{2,}[a-z]{2,}")

_RULES = {  # evidence → (rule, reason)
    "case change": ("glued-name", "a word glued to the capitalised word after it"),
    "bigram": ("glued-words", "two words glued together; the pair is a known bigram"),
    "function word": ("glued-words", "two words glued together, one of them a function word"),
    "phrase ending": ("glued-words", "two words glued together, the first a complete word form"),
    "weak": ("glued-words", "may be two words glued together (or a compound: check)"),
    "capitalised": ("glued-words", "a capitalised adjective or name glued to the word after it"),
    "seen apart": ("glued-words", "two words glued together that stand apart elsewhere in this document"),
    "names": ("glued-name", "two capitalised words glued together (or one name with an inner capital: check)"),
    "reading": ("glued-words", "may be words glued together: the likeliest reading by word frequencies"),
    "name reading": ("glued-words", "a word or name glued to the function words after it"),
}


_READINGS = ("reading", "name reading")     # a reading's evidence: the parts are words, nothing more

_NO_DOCUMENT_EVIDENCE = {"recurs": 0.0, "apart": 0.0}
_SAID = {  # what the report says of a document feature that weighed on the decision
    "lone": "; the only candidate in a long document",
    "recurs": "; the token recurs unsplit in this document",
    "apart": "; its words stand apart elsewhere in this document",
}


class _Gap(NamedTuple):
    """A place where a space may be missing: what the report says of it, and what the decision
    weighs (cleaner/spacing/decision.py: FEATURES says what each is)."""
    rule: str
    reason: str
    prior: float                  # the finder's own confidence in its evidence
    family: str = "word"          # word, punctuation, number or contraction
    suggestion: str = ""
    evidence: dict = {}           # a split word's features: gain, recurs, apart, capitalised, …
    noise: float = 0.0            # the share of garbled chunks around it (text.noise_around)
    lone: bool = False            # inside a word, in a long document that shows no other strong candidate
    strangers: int = 0            # at punctuation: how many of the two words beside it are fragments
    torn_mark: bool = False       # at punctuation: the letters beside it make one word without it

    def features(self) -> dict:
        return {"prior": self.prior, self.family: 1.0, "noise": self.noise, "lone": float(self.lone),
                "strangers": float(self.strangers), "torn_mark": float(self.torn_mark), **self.evidence}


_NOISE = _Gap._fields.index("noise")    # noise, lone, strangers and torn_mark come last: filled in once all gaps are found


@dataclass(frozen=True)
class SpacingOptions:
    min_confidence: float | None = None       # below: flag only (None: the fitted decision's fix_at; a name's
                                              # reading has its own, moved as far)
    min_flag_confidence: float | None = None  # below: not even reported (None: its flag_at)
    punctuation: bool = True          # glued quotes, sentence ends, commas …
    words: bool = True                # glued words (needs a word list for the language)
    language: str | None = None       # the language of every document; None: metadata, else guessed
    min_coverage: float = 0.8         # share of words a word list must know to be the document's
    document_evidence: bool = True    # weigh what the rest of the document says (recurs, apart, lone)


class SpacingStage(Stage):
    """Inserts missing spaces: glued words (dictionary + evidence) and glued punctuation."""

    name = "spacing"
    reads = ("language", "paragraph_languages")   # the word list; paragraphs in another language
    Options = SpacingOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        if self.options.words:          # a broken install fails here, not in a stage that splits nothing
            lexicons.languages()

    def languages(self) -> tuple[str, ...] | None:
        """Words are split in the languages with a word list; glued punctuation in any."""
        if not self.options.words:
            return None
        return (self.options.language,) if self.options.language else lexicons.languages()

    def models(self) -> dict:
        """The decisions it may use: per language with a file of its own, else English's (with or
        without pair counts)."""
        if not self.options.words:
            return {"decision": decision("en").describe()}
        return {f"decision {language}": decision(language, lexicons.has_pairs(language)).describe()
                for language in lexicons.languages()}

    def find(self, doc) -> list[Edit]:
        blocks = prose_blocks(doc)
        foreign = foreign_paragraphs(doc)
        if blocks[0][1] is doc:
            return self._find_in(doc, foreign)
        edits = []                      # a long document, or one holding data: block by block (cleaner.text.blocks)
        for offset, block in blocks:
            edits.extend(shift(self._find_in(block, in_block(foreign, offset, block)), offset))
        return edits

    def _find_in(self, doc, foreign: list[tuple[int, int]]) -> list[Edit]:
        text = doc.text
        gaps, lex = self.candidates(doc, foreign)
        decide = decision(lex.language, lexicons.has_pairs(lex.language)) if lex is not None else decision("en")
        edits = []
        for pos in sorted(gaps):
            gap = gaps[pos]
            features = gap.features()
            verdict, confidence = decide.verdict(features, self.options.min_confidence, self.options.min_flag_confidence)
            if verdict is None:
                continue
            reason = gap.reason + "".join(said for feature, said in _SAID.items() if features.get(feature))
            if verdict == "fix":
                edits.append(self.fix(text, pos, pos, " ", gap.rule, reason, confidence))
            else:
                edits.append(self.flag(text, pos, pos, gap.rule, f"{reason}: {gap.suggestion}?", confidence, " "))
        return edits

    def candidates(self, doc, foreign: list[tuple[int, int]] = ()) -> tuple[dict[int, _Gap], object]:
        """Every place a space may be missing (position → _Gap), outside protected spans, and the
        lexicon they were read with (None: no word list fits the text). Nothing decided yet.
        Inside `foreign` spans (paragraphs the language stage found in another language) only
        punctuation and numbers are read: the document's word list is not theirs ("so|no" is
        Italian "sono")."""
        text = doc.text
        gaps: dict[int, _Gap] = {}
        if self.options.punctuation:
            self._punctuation_gaps(text, gaps)
        lex = None
        if self.options.words:
            lex = self._lexicon(doc)
            if lex is not None:
                tokens = letter_runs(text, doc.derived("chunks", chunks))   # each distinct token, in order
                self._word_gaps(text, tokens, lex, gaps)
        protected = doc.derived("protected spans", protected_spans)
        gaps = {pos: gap for pos, gap in gaps.items() if not inside(protected, pos)
                and not (gap.family in _WORD_FAMILIES and inside(foreign, pos))}
        strong = sum(1 for gap in gaps.values() if gap.prior >= STRONG)
        long_enough = text.count(" ") + text.count("\n") >= MIN_EVIDENCE_WORDS
        looks = {}
        gaps = {pos: _Gap(*gap[:_NOISE],          # the finder's fields, then what surrounds the gap
                          noise_around(text, pos, looks=looks),
                          gap.family == "word" and long_enough and strong - (gap.prior >= STRONG) < 2,
                          _strangers(text, pos) if gap.family == "punctuation" else 0,
                          gap.family == "punctuation" and _torn_by_mark(text, pos))
                for pos, gap in gaps.items()}
        if not self.options.document_evidence:      # each candidate at face value
            gaps = {pos: gap._replace(lone=False, evidence={**gap.evidence, **_NO_DOCUMENT_EVIDENCE} if gap.evidence
                                      else {}) for pos, gap in gaps.items()}
        return gaps, lex

    def _punctuation_gaps(self, text: str, gaps: dict) -> None:
        german_quotes = "\u201e" in text     # „…“: there “ closes a quotation
        for gap in GAPS:
            if gap.rule == "quote-open" and german_quotes:
                continue
            for m in finditer(gap.patterns, text):
                gaps.setdefault(m.start() if gap.before else m.end(),
                                _Gap(gap.rule, gap.reason, gap.confidence, "punctuation"))
        for pos, rule, reason, confidence in straight_quote_gaps(text):
            gaps.setdefault(pos, _Gap(rule, reason, confidence, "punctuation"))

    def _word_gaps(self, text: str, tokens: dict, lex, gaps: dict) -> None:
        # Most tokens are real words: find the few others once per distinct token, then visit only
        # them. filterfalse drops the lower-case real words at C speed; the rest are looked up
        # again in lower case. `splits` is only looked up, so its order does not matter.
        real = lex.real_words
        candidates = [t for t in filterfalse(real.__contains__, tokens) if t.lower() not in real]
        candidates += tokens.keys() & lex.glued_pairs.keys()        # "asa", "ina": rare words, or glue
        splits = {t: pair for t in candidates
                  for pair in [(_splits if len(t) <= _CACHED_LETTERS else _splits.__wrapped__)(t, lex.language)]
                  if pair != (None, None)}
        # a name's reading ("Tauntonin") is the weakest word: any other finder's answer for the token
        # replaces it (the verb before an article, its words standing apart in the document)
        readings = {t: splits.pop(t) for t, pair in list(splits.items()) if pair[0] is not None
                    and pair[0].evidence == "name reading"}
        verbs = lex.verbs_before_articles
        for word in candidates:
            if word not in splits and word.endswith(verbs):      # else no verb to split off
                for pos in before_an_article(text, word, lex):
                    readings.pop(word, None)
                    gaps.setdefault(pos, _Gap("glued-name", f"a name glued to the verb before an article ({word!r})",
                                              BEFORE_AN_ARTICLE))
        numbered = dict(number_gaps(text, lex, lambda word: _parts(word, lex.language)))
        for word, pair in splits.items():
            _add_split(text, word, pair, gaps, lex, numbered)
        for pos, confidence in numbered.items():
            gaps.setdefault(pos, _Gap("glued-number", "a number glued to a word", confidence, "number"))
        for pos, confidence in contraction_gaps(text, lex):
            gaps.setdefault(pos, _Gap("glued-words", "a word glued to a contraction or a possessive", confidence,
                                      "contraction"))
        # In a document that lost spaces, a token no rule splits may still be two words that stand
        # apart elsewhere in it. Clean documents skip the search: it could only flag there.
        if self.options.document_evidence and sum(g.prior >= STRONG for g in gaps.values()) >= 2:
            for word in candidates:
                if word not in splits and len(word) >= 5:
                    split = seen_apart(text, word, lex) or (
                        None if lex.knows(word.lower()) else name_of_the_document(word, tokens, lex))
                    if split is not None:
                        readings.pop(word, None)
                        _add_split(text, word, (split, split), gaps, lex)
        for word, pair in readings.items():
            _add_split(text, word, pair, gaps, lex)

    def _lexicon(self, doc):
        """The word list of the document's language: from metadata, else the one its words fit best.

        The candidate is the list in which the sample's lower-case words are most frequent, by the
        sum of their Zipf values (wordfreq's Spanish list knows "most" and "liberals" too, but as
        rare words; a sum of frequencies would let one very common word decide: "de" in "Amalia
        de Isaura was a Spanish actress"). Names are left out, being as often foreign as not
        ("Hristovtsi is a village in Tryavna Municipality"). The candidate is taken if it knows
        `min_coverage` of the words, counting a word it splits into its words ("weremissing") as
        known: a short text with one glued word would otherwise miss the bar. A list that fits
        worse is never taken instead: "Unjon County" is no Spanish "un jon". The sample is the
        first distinct chunks in document order (a dict keeps it), so the choice never depends on
        hashing: sets iterate in an order that changes between processes."""
        available = lexicons.languages()
        language = self.options.language or doc.metadata.get("language")
        if language:
            return lexicons.lexicon(language) if language in available else None
        sample = [c if c.isalpha() else c.strip(EDGE_PUNCTUATION)
                  for c in islice(doc.derived("chunks", chunks), _LANGUAGE_SAMPLE)]
        sample = [w for w in sample if w.isalpha()]
        words = [w for w in sample if w.islower()]      # names say little of the language around them
        short = len(words) < _MIN_SAMPLE                # a heading, a name: its words are all there is
        if short:
            words = sample
            if not words:
                return None
        lower = [w.lower() for w in words]
        fit = lower[:_FIT_SAMPLE]       # function words settle it early
        # Zipf sums at C speed over each list's table (a kept trie: asking every list costs little)
        best = lexicons.lexicon(max(available, key=lambda language: sum(map(
            math.log10, map(frequencies(language).get, fit, repeat(_UNKNOWN_FREQUENCY))))))
        known = sum(map(best.frequency.__contains__, lower))
        counted = len(words)
        if known < self.options.min_coverage * counted:     # most texts fit without a look at their glue
            unknown = [w for w, low in zip(words, lower) if low not in best.frequency]
            glue = [_reads_as_glue(w, best) for w in unknown]   # a glued word is no unknown one ("weremissing")
            known += sum(glue)
            if short:                   # a capitalised word no list knows is a name: in a short text it
                counted -= sum(1 for w, g in zip(unknown, glue) if not g and not w.islower())   # tells nothing
        if not known or known < self.options.min_coverage * counted or (
                len(words) < _FIT_SAMPLE and outvoted(doc.text[:_DETECTED_CHARS], best.language)):
            return None             # a longer text that fits a list this well is in its language
        return best


def _parts(word: str, language: str) -> list[str] | None:
    """The words a token splits into where it does not start a sentence, or None (cached by `_splits`)."""
    if len(word) > _CACHED_LETTERS:
        return None
    split = _splits(word, language)[1]
    return split.parts(word) if split is not None and split.evidence != "name reading" else None


def _add_split(text: str, word: str, pair: tuple, gaps: dict, lex, numbered=frozenset()) -> None:
    """The gaps of `word`'s split (at a sentence start, elsewhere) at each of its occurrences, but
    those glued to a digit or an apostrophe, unless a number lost its space there (`numbered`: the
    number finder's gaps, "capacityof20,000").

    A lower-case word whose split would end in a word that is also a Latin ending ("segment|at|us",
    "car|an|a"; not "service|is") is left whole behind a rare capitalised word or an initial:
    there it is the second word of a species name ("Salarias segmentatus", "M. caninus"). Held-out
    without it (2026-12-02, refitted): Wikipedia +8 repairs, no more wrong, but species names get
    flagged at 0.78, a refit away from being split: kept, precision first."""
    latin_like = word.islower() and pair[1] is not None and word[pair[1].at[-1]:] in lex.species_endings
    if word[:1].isupper() and word[1:].islower() and _vouched(text, word):
        return                          # a name the document writes so, again and again ("Fueland"), even
                                        # one made of function words ("Anda", "Nota"; a known failure: "Inthe")
    for start in occurrences(text, word):
        end = start + len(word)
        if touches_word(text, start, end) and not _beside_a_number(text, start, end, numbered):
            continue
        split = pair[1] if pair[0] is pair[1] or not at_sentence_start(text, start) else pair[0]
        if split is None or latin_like and _is_genus(genus_behind(text, start), lex):
            continue
        if split.rivals:                # "sayshe": the minister "says he will", I "feel she is"
            split = max((split, *split.rivals), key=lambda s: _in_context(text, start, word, s, lex))
        parts = split.parts(word)
        shown = " ".join(parts)
        evidence = split_evidence(text, start, word, parts, lex)
        for at, kind, confidence in split.cuts():
            rule, reason = _RULES[kind]
            evidence["case_change"] = float(word[at - 1].islower() and word[at].isupper())
            evidence["reading"] = float(kind in _READINGS)
            evidence["name_reading"] = float(kind == "name reading")     # decided by a model of its own
            gaps.setdefault(start + at, _Gap(rule, f"{reason} ({shown!r})", confidence, "word", shown, dict(evidence)))


def _beside_a_number(text: str, start: int, end: int, numbered: dict) -> bool:
    """Is text[start:end] glued only where a number lost its space to it ("capacityof20,000")?"""
    left = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_’'")
    right = end < len(text) and (text[end].isalnum() or text[end] in "_’'")
    return (left or right) and (not left or start in numbered) and (not right or end in numbered)


def _in_context(text: str, start: int, word: str, split, lex) -> float:
    """How likely (log10, the word-pair model) the reading `split` of `word` at `start` is between
    the words around it."""
    return lex.pairs.reading(split.parts(word.lower()), *words_around(text, start, start + len(word)))


def _strangers(text: str, pos: int) -> int:
    """How many of the words beside a gap at punctuation look like fragments: lower case, known to
    no word list of the stage and no glue of known words. None where prose lost a space
    ("dijo;|otra", also beside more glue or a name: "Defense,|OleksiiReznikov"), both inside an
    OCR-torn word ("ext)|eriment"). Every list is asked, whatever the document's language, and
    glue counts as none, so that neither a language found or lost nor a repair nearby changes
    the answer: cleaning stays idempotent."""
    languages = lexicons.languages()       # each list's lexicon is built to read glue in it (small: its table is a trie)
    return sum(1 for word in letters_beside(text, pos)
               if len(word) > 1 and word.islower() and not any(word in frequencies(language) for language in languages)
               and not any(_reads_as_glue(word, lexicons.lexicon(language)) for language in languages))


def _torn_by_mark(text: str, pos: int) -> bool:
    """Is the punctuation at a gap OCR noise inside one word ("Abst:ract"): do the letters beside
    it make a real word of any word list of the stage without it? Every list is asked, as
    `_strangers` asks them, so that the document's language never changes the answer."""
    lists = [lexicons.lexicon(language).real_words for language in lexicons.languages()]
    return torn_by_mark(text, pos, lambda word: any(word in real for real in lists))


def _vouched(text: str, word: str) -> bool:
    """Does the document write `word` whole at least VOUCHED times? A capitalised token that recurs
    so is a name of the document, not the same glue over and over."""
    return sum(1 for _ in occurrences(text, word)) >= VOUCHED


def _is_genus(word: str | None, lex) -> bool:
    """Can `word` be the first word of a species name: an initial, or a capitalised word no common word?"""
    return word is not None and (word.endswith(".") or lex.zipf(word.lower()) < _COMMON_GENUS_ZIPF)


def _reads_as_glue(word: str, lex) -> bool:
    """Does `word` (unknown to `lex`) split into words of `lex` ("weremissing", "BryanWilson") by
    the finders' evidence? A bare reading says less: torn fragments tile into short words too
    ("eriment" as "eri|ment")."""
    if len(word) > _CACHED_LETTERS:
        return False
    return any(split is not None and split.evidence not in _READINGS for split in _splits(word, lex.language))


def _changes_case(word: str) -> bool:
    """A lower-case letter before a capital anywhere in `word` ("CementáreňLietavská")."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


@functools.lru_cache(maxsize=1 << 15)
def _splits(word: str, language: str) -> tuple:
    """How `word` splits at a sentence start and elsewhere, decided once per distinct token.

    Only a capitalised word depends on where it stands ("Thewound" splits at a sentence
    start); most names split nowhere, so they cost nothing per occurrence. The answer
    depends on the word and the language's (immutable) lexicon only, so it is kept for
    the process: names and rare words recur across the documents of a dump.

    Bounded at 32,768 tokens (~8 MiB): the 2,269 new documents of speed.py ask ~29,000, so they
    still fit; at 131,072 a dump full of new words held ~31 MiB here, and a worker peaked at
    244 MiB against 171 with the three bounds of 2026-12-07 (benchmarks/README, "Memory on a
    dump of new words").
    """
    lex = lexicons.lexicon(language)
    if _CASE_CHANGE.search(word) or (not word.isascii() and _changes_case(word)):
        split = split_case_change(word, lex)
        return split, split
    if word.islower():
        split = split_word(word, lex) or likeliest_reading(word, lex)
        return split, split
    if word[1:].islower():
        start, inside = split_capitalised(word, lex)
        if start is None and inside is None and not lex.knows(word.lower()):
            start = inside = name_reading(word, lex)
        return start, inside
    if _CAPS_THEN_LOWER.fullmatch(word):
        split = split_acronym(word, lex)
        return split, split
    return None, None
