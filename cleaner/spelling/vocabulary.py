"""Vocabulary: the words of one language, how common they are, and the known words near a string.

Words come from pyspellchecker's list for the language (which also ranks
suggestions by its counts; cleaner.spelling.wordlist keeps them as a trie), the reviewed allow-list `data/spelling/allow.txt`,
and the language's morphology in `data/spelling/<language>.toml` (English:
British spellings of listed American forms, prefixes); how common a word is in
running text comes from wordfreq. A Vocabulary is built once per process and
language, then only read, so every thread shares it.

Known words within two edits of a string: those one edit away are found the
way pyspellchecker finds them (every string one edit away, looked up), less
the strings that a table of the known strings' deletions rules out
(cleaner.spelling.near: the same words, a third of the lookups); two edits
away that would be hundreds of thousands of strings for a long word, so
instead the strings one edit away and those two deletions away are looked up
in an index of the commoner words under themselves and their one-letter
deletions, and the hits are checked with a real edit distance. That finds any
slip of one edit plus a missing, extra or swapped letter ("tommorow",
"occurance"); two wrong letters are not found.

The table and the index take seconds to build for a language, so they
are kept in the user's cache folder (cleaner.cache) and read back by later
processes in milliseconds; where nothing can be kept, the index is built anew
and every string one edit away is looked up, as before.
"""
from __future__ import annotations

import functools
import math
import re
import threading
import tomllib
import unicodedata
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache
from ..resources import bundled
from ..text.tries import TrieMapping
from ..text.frequencies import frequencies, frequencies_source, whole
from .near import DeletedLetters, DeletionIndex, one_edit
from .near import distance as edit_distance
from .wordlist import COMMONEST, word_list

# pyspellchecker's lists the stage reads. Not its Arabic and Persian ones (no capitals tell a name
# from a word, and clitics glue to words: 0 of 55 slips flagged in benchmarks/spelling_languages.py),
# Latvian (wordfreq's small list only: 12 false flags per 1,000 words of clean text) or Basque
# (wordfreq has no list: every rare word would be flagged).
LANGUAGES = ("en", "es", "fr", "pt", "de", "it", "nl", "ru")
DISTANCE2_WORDS = COMMONEST    # the commonest 20,000 words are the ones a two-edit slip is sought among
COMMON = 3.0                  # zipf of a word that a prefix attaches to
COMPOUND_PART = 3.5           # zipf of each word of a closed compound
ATTESTED = 1.0                # zipf of a derived word or compound that running text uses

_lock = threading.Lock()


@dataclass(frozen=True)
class Vocabulary:
    language: str
    counts: TrieMapping           # word → count in pyspellchecker's corpus (cleaner.spelling.wordlist)
    letters: str                  # the letters its words use
    allowed: frozenset            # never flagged
    commonest: tuple = ()         # the commonest words of `counts`, most counted first (WordList.commonest)
    variants: tuple = ()          # (compiled pattern, replacement): a spelling → the form the list holds
    prefixes: tuple = ()
    _near2: list = field(default_factory=list, repr=False, compare=False)    # [_index()], once read or built
    _filter: list = field(default_factory=list, repr=False, compare=False)   # [_deletions()], once known
    # `commonest` as a set: a document's words are sifted through it at C speed, and only the
    # few it lacks (~6% of the listed words a news text uses) are asked of the trie. A set of all
    # the words cost ~17 MiB a language, the dict of counts ~5 more (see wordlist)
    common: frozenset = field(init=False, repr=False, compare=False)
    # any of the variants' patterns: most words match none, and one search says so
    _variant_hint: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "common", frozenset(self.commonest))
        object.__setattr__(self, "_variant_hint", re.compile("|".join(
            f"(?:{pattern.pattern})" for pattern, _ in self.variants)) if self.variants else None)

    def knows(self, word: str) -> bool:
        """Is `word` (lower case) a word: listed, allowed, a British spelling, a plural, a prefixed word?

        What a prefix attaches to must be listed and common, and the whole must occur in running
        text, so that the rare entries of the list do not explain a slip ("re" + "suction" is not
        "resuction"); a plural "s" attaches to any listed word but one ending in "s" ("acrosss")."""
        if self._listed(word) or (word.endswith("s") and not word.endswith("ss") and self._listed(word[:-1])):
            return True
        if not word.startswith(self.prefixes):      # most words: one call says no prefix is there
            return False
        return any(word.startswith(p) and len(word) - len(p) >= 5 and self._listed(word[len(p):])
                   and self.zipf(word[len(p):]) >= COMMON and self.zipf(word) >= ATTESTED for p in self.prefixes)

    def borrowed(self, word: str) -> bool:
        """Does `word` hold a Latin letter the language hardly uses ("crêpes" in English)? Then it is a
        loanword or a foreign name. (A Cyrillic "с" in "сontain" is no such thing: a look-alike slip.)"""
        return any(unicodedata.name(c, "").startswith("LATIN") for c in set(word).difference(self.letters))

    def _listed(self, word: str) -> bool:
        """Listed, allowed, or the British spelling of a listed word."""
        return word in self.counts or word in self.allowed or (
            self._variant_hint is not None and self._variant_hint.search(word) is not None and any(
                form != word and form in self.counts for pattern, repl in self.variants
                for form in [pattern.sub(repl, word)]))

    def compound(self, word: str, shortest: int = 4) -> bool:
        """Is `word` two common words of at least `shortest` letters each, written as one ("passcard")?"""
        return any(word[:i] in self.counts and word[i:] in self.counts
                   and min(self.zipf(word[:i]), self.zipf(word[i:])) >= COMPOUND_PART
                   for i in range(shortest, len(word) - shortest + 1))

    def zipf(self, word: str) -> float:
        """log10 frequency per billion words in running text (wordfreq's "large" list); 0 when unknown.

        A word that wordfreq's tokenizer leaves whole and as it is (`_as_it_is`) is looked up in
        wordfreq's table itself: its own lookup ends in the same entry, after ~20 µs of
        normalising and tokenising (tests/spelling/test_vocabulary.py holds the two to the same
        answers). The table is the one the spacing stage reads too, and a process that never
        asks wordfreq itself neither imports it nor holds a second copy of the table (~60 MB)."""
        if _as_it_is(word):
            return _zipf_of(self._frequencies.get(word))
        return self._zipf_of_tokens(word)

    def _zipf_of_tokens(self, word: str) -> float:
        """What `wordfreq.zipf_frequency(word, language, wordlist="large")` says of any other word:
        wordfreq's tokenizer and number rules, then its way of combining the tokens' frequencies
        (1/f = 1/f1 + 1/f2 …, a missing token makes the word unknown), with this process's copy
        of the table: wordfreq's own lookup would load a second one (~50 MB, ~0.2 s)."""
        from wordfreq.numbers import digit_freq, smash_numbers
        from wordfreq.tokens import lossy_tokenize

        one_over = 0.0
        for token in lossy_tokenize(word, self.language):
            smashed = smash_numbers(token)
            frequency = self._frequencies.get(smashed)
            if frequency is None:
                return _zipf_of(None)
            if smashed != token:
                frequency *= digit_freq(token)
            one_over += 1.0 / frequency
        return _zipf_of(1.0 / one_over if one_over else None)

    @functools.cached_property
    def _frequencies(self) -> Mapping:
        return frequencies(self.language)       # the spacing stage's table

    def near(self, word: str, distance: int):
        """(d, the known words exactly d edits from `word`) for d = 1, then 2 if `distance` is 2 — lazily:
        the caller stops when one edit found enough."""
        ones = one_edit(word, self.letters, self._deletions())
        yield 1, list(self.counts.keys_among(ones) | ones & self.allowed)
        if distance < 2:
            return
        hits = self._index().words(ones | {d[:i] + d[i + 1:] for d in _deletes(word) for i in range(len(d))})
        yield 2, [w for w in hits if edit_distance(word, w) == 2]

    def _index(self) -> DeletionIndex:
        """The DISTANCE2_WORDS commonest words under themselves and their one-letter deletions:
        from the cache, else built (and kept)."""
        if not self._near2:
            with _lock:
                self._index_unlocked()
        return self._near2[0]

    def _index_unlocked(self) -> DeletionIndex:
        if not self._near2:
            name = f"spelling-{self.language}-{self._digest}.index3"     # 3: a trie of the keys (DeletionIndex.pack)
            kept = cache.read(name)
            index = None
            if kept is not None:
                with suppress(ValueError, UnicodeDecodeError):
                    index = DeletionIndex.unpack(kept)
            if index is None:
                index = DeletionIndex.of(self.commonest[:DISTANCE2_WORDS])
                packed = index.pack()
                if packed is not None:
                    cache.keep(name, packed)
            self._near2.append(index)
        return self._near2[0]

    def _deletions(self) -> DeletedLetters | None:
        """The table of the letters deleted from every string `near` looks up (the words and the
        keys of `_index`): from the cache, else built and kept there; None where nothing can be kept."""
        if not self._filter:
            with _lock:
                if not self._filter:
                    name = f"spelling-{self.language}-{self._digest}.letters"
                    kept = cache.read(name)
                    found = None
                    if kept is not None:
                        with suppress(ValueError):
                            found = DeletedLetters.unpack(kept)
                    if found is not None and found.letters != self.letters:
                        found = None
                    if found is None and cache.writable():
                        found = DeletedLetters.of(set(self.counts) | self.allowed | set(self._index_unlocked().keys()),
                                                  self.letters)
                        cache.keep(name, found.pack())
                    self._filter.append(found)
        return self._filter[0]

    @functools.cached_property
    def _digest(self) -> str:
        """What the kept structures are built from: the words and their counts (the trie), the
        commonest words in order (`_index`'s), the allowed words, the letters and how many words
        `_index` holds."""
        return cache.digest(b"near 2", str(DISTANCE2_WORDS).encode(), self.letters.encode(),
                            "\n".join(sorted(self.allowed)).encode(), self.counts.trie.tobytes(),
                            self.counts.numbers.tobytes(), "\n".join(self.commonest).encode())


def languages() -> tuple[str, ...]:
    return LANGUAGES


@functools.cache
def vocabulary(language: str) -> Vocabulary:
    """The vocabulary of `language` (one of LANGUAGES), built once per process."""
    path = bundled("data", "spelling") / f"{language}.toml"     # only some languages have one
    rules = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    if "frequency_words" in rules:
        zipf, table = float(rules["frequency_words"]), frequencies_source(language)
        words = word_list(language, functools.partial(_frequent_words, language=language, zipf=zipf),
                          (b"frequent words 5", str(zipf).encode(), *table) if table else ())  # else nothing names it
    else:
        words = word_list(language)
    return Vocabulary(language, words.counts, words.letters,
                      allow_list(bundled("data", "spelling", "allow.txt"), language), words.commonest,
                      variants=tuple((re.compile(p), r) for p, r in rules.get("variants", ())),
                      prefixes=tuple(rules.get("prefixes", ())))


def _frequent_words(counts: dict, letters: str, language: str, zipf: float) -> list[str]:
    """The words of wordfreq's list at least `zipf` common, written in the language's `letters`,
    that `counts` lacks and that are no common slip: an inflected language's list lacks most forms
    of its words (Russian "странах", "избранных"), which running text shows are words, and
    suggests them too. (Sifting wordfreq's table takes ~0.3 s: the word list is kept with them.)"""
    table = whole(language)
    floor = 10 ** (zipf - 9)
    allowed = set(letters)
    more = [w for w, f in table.items()
            if f >= floor and w not in counts and w.isalpha() and w.islower() and allowed.issuperset(w)]
    common = DeletionIndex.of(w for w, f in table.items() if f >= COMMON_SLIPPED and w.isalpha())
    return [w for w in more if not _a_slip(w, table, common)]


COMMON_SLIPPED = 1e-5   # frequency (Zipf 4.0) of the words whose slips are looked for
SLIP_GAIN = 2.0     # log10: a word one edit from one this much commoner is a slip of it. Web text writes
                    # "goberno" (Zipf 2.3) for "gobierno" (5.8); a form and its neighbour ("ataques" 4.6,
                    # "ataque" 4.9; "странах" 4.9, "страна" 4.8) are within 1.1 of each other


def _a_slip(word: str, table: dict, common: DeletionIndex) -> bool:
    """Is `word` one edit from a word of `common` (the words of `table` at COMMON_SLIPPED) SLIP_GAIN
    (log10) commoner: a common misspelling?"""
    bar = table[word] * 10 ** SLIP_GAIN
    return any(table[c] >= bar and edit_distance(word, c) == 1 for c in common.words({word} | _deletes(word)))


def allow_list(path: Path, language: str | None = None) -> frozenset:
    """Words of an allow-list file: one a line, `#` starts a comment; `xx:word` is for language xx only."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        lang, sep, word = line.partition(":")
        if not sep:
            words.add(line.lower())
        elif language is None or lang == language:
            words.add(word.strip().lower())
    return frozenset(words)


@functools.lru_cache(maxsize=4096)
def _zipf_of(frequency: float | None) -> float:
    """What `wordfreq.zipf_frequency` makes of a table entry (None: not in the table): frequencies
    below its floor (zipf 0) are raised to it, found ones rounded to three significant digits.
    math.log(x, 10) as wordfreq writes it: math.log10 may differ in the last bit, and so round apart.
    Remembered: wordfreq's tables hold a few hundred distinct frequencies (it stores them in
    steps of a centibel), and a suggestion's candidates are looked up by the dozen."""
    floor = 1e-9                    # wordfreq.zipf_to_freq(0)
    if frequency is None:
        return round(math.log(floor, 10) + 9, 2)                                 # noqa: FURB163
    frequency = max(frequency, floor)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)      # noqa: FURB163
    return round(math.log(frequency, 10) + 9, 2)                                 # noqa: FURB163


# lower-case ASCII letters with inner apostrophes ("don't", "nation's"), but not an elision, which
# wordfreq's tokenizer cuts after the apostrophe ("l'arc", "o'er")
_APOSTROPHE_WORD = re.compile(r"(?![a-z][a-z]?'[aehiouy])[a-z]+(?:'[a-z]+)+")


def _as_it_is(word: str) -> bool:
    """Does wordfreq read `word` as one token, unchanged, in every language of LANGUAGES? So it
    does a word of lower-case Latin letters (composed, and as case folding leaves them: not
    "ß") and, of ASCII letters, one with inner apostrophes. Checked against wordfreq on every
    such entry of the languages' tables and on made-up words (see the tests)."""
    if word.isascii():
        return (word.isalpha() and word.islower()) or _APOSTROPHE_WORD.fullmatch(word) is not None
    return (word.isalpha() and word == word.casefold() and unicodedata.is_normalized("NFC", word)
            and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN ") for c in word))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}

