"""Lexicon: word frequencies, bigrams and word lists of one language, loaded once per process.

Frequencies come from wordfreq (its "large" list), English bigrams from the
dictionary symspellpy ships (Google Books n-grams), English given names and
surnames from the US census lists the `names` package ships, and the small
reviewed word lists from `data/spacing/<language>.toml`. A Lexicon is immutable and
shared by every stage instance and thread that uses the language.
"""
from __future__ import annotations

import functools
import importlib.resources
import math
import tomllib
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field

from .. import cache
from ..resources import MissingData, bundled
from ..text import kept_words, tries
from ..text.frequencies import frequencies, frequencies_source, whole
from .counts import symspell_counts
from .pairs import PairModel

_BIGRAMS = {"en": "frequency_bigramdictionary_en_243_342.txt"}
_DICTIONARIES = {"en": "frequency_dictionary_en_82_765.txt"}   # real words (SCOWL ∩ Google n-grams)
_GIVEN_NAMES = {"en": ("dist.male.first", "dist.female.first")}  # US census lists in the `names` package
_SURNAMES = {"en": ("dist.all.last",)}
KNOWN_WORD_ZIPF = 4.0       # a token the frequency list knows this well is a word
RARE_PAIR_ZIPF = 3.5        # a real word rarer than this may be two function words glued ("asa")


@dataclass(frozen=True)
class Lexicon:
    language: str
    frequency: Mapping         # word → frequency (fraction of all words): a trie (cleaner.text.frequencies)
    bigrams: Mapping           # "left right" pairs seen in running text → count; empty where none ship
    dictionary: Mapping        # curated real words → count; empty where the language has none
    real_words: frozenset      # dictionary words and common words of the frequency list
    function_words: frozenset
    single_letter_words: frozenset
    not_words: frozenset
    phrase_endings: tuple
    not_phrase_endings: tuple
    months: frozenset
    name_joiners: frozenset
    unit_abbreviations: frozenset
    ending_like: frozenset
    name_prefixes: frozenset
    name_heads: frozenset
    name_verbs: frozenset
    contractions: frozenset
    glued_pairs: dict          # rare real word → where it splits into a function word and an article
    articles: frozenset
    before_numbers: frozenset
    adjective_endings: tuple
    verb_endings: tuple
    compound_heads: frozenset
    name_followers: frozenset
    name_endings: frozenset
    species_endings: frozenset
    name_starters: frozenset
    brand_heads: frozenset
    name_starter_endings: tuple
    number_styles: frozenset
    verbs_before_articles: tuple
    subject_pronouns: frozenset    # lower case: "I" glued to a word is read by the words they precede
    given_names: Container     # lower case (a trie); empty where the language has no list
    surnames: Container
    pairs: PairModel           # how likely a reading is, given the word before
    frequency_of: Callable[[str], float | None] = field(init=False, repr=False, compare=False)
    # word → frequency or None, `frequency`'s fastest answer (cleaner.text.tries: a remembering
    # trie's `number`): the finders ask it about every cut of a token
    curated: bool = field(init=False, repr=False, compare=False)     # is there a dictionary?

    def __post_init__(self):
        object.__setattr__(self, "frequency_of", getattr(self.frequency, "number", self.frequency.get))
        object.__setattr__(self, "curated", bool(self.dictionary))

    def zipf(self, word: str) -> float:
        """log10 of frequency per billion words; 0 for a word the lexicon does not know."""
        f = self.frequency_of(word)
        return math.log10(f) + 9 if f else 0.0

    def knows(self, word: str) -> bool:
        return self.frequency_of(word) is not None

    def is_word(self, word: str) -> bool | None:
        """Is `word` (lower case) a real word? None: only a rare entry of the frequency list.

        Frequency lists built from the web list common typos ("ofthe", "havebeen");
        a curated dictionary tells them from rare real words ("thereof", "herein").
        """
        if word in self.real_words:
            return True
        if self.curated:            # the dictionary says no, whether the frequency list has it or not:
            return False            # no look-up (most words asked are new strings, cut from tokens)
        return False if self.frequency_of(word) is None else None

    def ends_phrase(self, word: str) -> bool:
        """Does `word` end as a complete form (plural, past, adverb …) rather than a compound's first half?"""
        return word.endswith(self.phrase_endings) and not word.endswith(self.not_phrase_endings)

    def is_part(self, word: str) -> bool:
        """Can `word` be one side of a split? Fragments and stray letters cannot."""
        if len(word) == 1:
            return word in self.single_letter_words
        return self.frequency_of(word) is not None and word not in self.not_words


@functools.cache
def languages() -> tuple[str, ...]:
    """Languages the spacing stage has word lists for (MissingData if the install has none)."""
    folder = bundled("data", "spacing")
    found = tuple(sorted(p.stem for p in folder.glob("*.toml")))
    if not found:
        raise MissingData(folder / "en.toml")
    return found


def has_pairs(language: str) -> bool:
    """Does the lexicon of `language` have word-pair counts (else its pair model reads frequencies alone)?"""
    return language in _BIGRAMS


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of `language` (ISO 639-1), built once per process."""
    lists = tomllib.loads(bundled("data", "spacing", f"{language}.toml").read_text(encoding="utf-8"))
    frequency = frequencies(language)
    dictionary = _dictionary(language)
    real_words = _real_words(language, dictionary)
    bigrams = _bigrams(language)
    return Lexicon(
        language=language,
        frequency=frequency,
        bigrams=bigrams,
        dictionary=dictionary,
        real_words=real_words,
        function_words=frozenset(lists["function_words"]),
        single_letter_words=frozenset(lists["single_letter_words"]),
        not_words=frozenset(lists["not_words"]),
        phrase_endings=tuple(lists["phrase_endings"]),
        not_phrase_endings=tuple(lists["not_phrase_endings"]),
        months=frozenset(lists["months"]),
        name_joiners=frozenset(lists["name_joiners"]),
        unit_abbreviations=frozenset(lists["unit_abbreviations"]),
        ending_like=frozenset(lists["ending_like_function_words"]),
        name_prefixes=frozenset(lists.get("name_prefixes", ())),
        name_heads=frozenset(lists.get("name_heads", ())),
        name_verbs=frozenset(lists.get("name_verbs", ())),
        contractions=frozenset(lists.get("contractions", ())),
        glued_pairs=_glued_pairs(lists, frequency, real_words, bigrams),
        articles=frozenset(lists.get("articles", ())),
        before_numbers=frozenset(lists.get("before_numbers", ())),
        adjective_endings=tuple(lists.get("adjective_endings", ())),
        verb_endings=tuple(lists.get("verb_endings", ())),
        compound_heads=frozenset(lists.get("compound_heads", ())),
        name_followers=frozenset(lists.get("name_followers", ())),
        name_endings=frozenset(lists.get("name_endings", ())),
        species_endings=frozenset(lists.get("species_endings", ())),
        name_starters=frozenset(lists.get("name_starters", ())),
        brand_heads=frozenset(lists.get("brand_heads", ())),
        name_starter_endings=tuple(lists.get("name_starter_endings", ())),
        number_styles=frozenset(lists.get("number_styles", ())),
        verbs_before_articles=tuple(lists.get("verbs_before_articles", ())),
        subject_pronouns=frozenset(lists.get("subject_pronouns", ())),
        given_names=_census_names(_GIVEN_NAMES.get(language, ())),
        surnames=_census_names(_SURNAMES.get(language, ())),
        pairs=PairModel(frequency, bigrams, dictionary,
                        bigrams.total / dictionary.total if bigrams and dictionary else 1.0),
    )


def _glued_pairs(lists: dict, frequency: Mapping, real_words: frozenset, bigrams: dict) -> dict:
    """Rare real words that are a function word and an article glued ("asa", "ina", "hasa"):
    names ("Asa", "Ina") are written capitalised, while "as a" is among the commonest pairs."""
    rare = 10 ** (RARE_PAIR_ZIPF - 9)
    return {word + article: len(word)
            for word in lists.get("before_articles", ())
            for article in lists.get("articles", ())
            if word + article in real_words and frequency.get(word + article, 0) < rare
            and f"{word} {article}" in bigrams}


def _real_words(language: str, dictionary) -> frozenset:
    """The curated dictionary's words and the frequency list's common ones, kept in the cache
    folder (cleaner.text.kept_words): sifting the list needs it whole, as a dict, which a process
    no longer holds (cleaner.text.frequencies)."""
    common = 10 ** (KNOWN_WORD_ZIPF - 9)

    def built():
        return frozenset(dictionary).union(w for w, f in whole(language).items() if f >= common)
    if not cache.writable() or not frequencies_source(language):    # nothing to keep, or to name it by
        return built()
    name = _DICTIONARIES.get(language)
    made_of = (cache.source(importlib.resources.files("symspellpy") / name),) if name else ()
    kept_as = f"spacing-real-{language}-{cache.digest(b'real words 2', str(KNOWN_WORD_ZIPF).encode(), *frequencies_source(language), *made_of)}"
    return frozenset(kept_words.kept(kept_as, lambda: sorted(built())))


def _symspell_counts(names: dict, language: str):
    """entry → count of a list symspellpy ships for `language` (empty where it ships none)."""
    name = names.get(language)
    return {} if name is None else symspell_counts(name)


def _bigrams(language: str):
    return _symspell_counts(_BIGRAMS, language)


def _census_names(files: tuple[str, ...]):
    """Names of the US census lists (`names` package: "JAMES  3.318  3.318  1" lines), lower case,
    as a trie (cleaner.text.tries): ~94,000 names in ~0.5 MB instead of ~9 MB of strings."""
    if not files:
        return frozenset()
    folder = importlib.resources.files("names")
    kept_as = f"spacing-names-{cache.digest(b'census names trie 2', *(cache.source(folder / name) for name in files))}.trie"

    def names():
        return ((line.split(" ", 1)[0].lower(), 0)
                for name in files for line in (folder / name).read_bytes().decode("ascii").splitlines() if line)
    return tries.kept(kept_as, names, "b")[0]


def _dictionary(language: str):
    return _symspell_counts(_DICTIONARIES, language)
