"""language: the language of the document and of each paragraph; a paragraph in another language is flagged.

Why: the language decides which rule packs, word lists and date order apply
(the rules, spacing, header and spelling stages read `metadata["language"]`),
and a paragraph that machine translation skipped — Spanish left inside an
English article — is something a reviewer must see.

What it does: reads each paragraph (blocks between blank lines; the lines,
when the text has no blank line) and sets
- `metadata["language"]`: ISO 639-1 code of the language most of the
  paragraphs' words are in; left unset when nothing is sure (a title alone, a
  list of names, a language outside `languages`). A language given with the
  document (its metadata) is kept.
- `metadata["language_confidence"]`: how sure (0–1).
- `metadata["language_guess"]`: when no language is set but the backend had a
  best guess, `{"language", "confidence"}`, for a reader; no stage acts on it.
- `metadata["paragraph_languages"]` (when the document's language is known):
  for each paragraph, in order,
  `{"language", "confidence", "by"}`; `by` is "markers", the backend's name,
  or "document" for a paragraph too short or too unclear to tell, which
  inherits the document's language.
and flags (`language.foreign-paragraph`) each paragraph that the detector
backend, with at least `min_confidence`, puts in another language than the
document's. The text never changes.

How: the script of most of a paragraph's letters leaves the languages written
in it (cleaner.language.scripts: Greek, Thai, Hangul, kana decide alone); among
several, a paragraph full of one language's marker words (cleaner.language.markers:
"the", "which" — "und", "nicht") is settled by them; the backend reads the
others, choosing among the script's languages. Either reads a paragraph's first `max_chars` characters only. A different language that the
markers find is always checked by the backend before it is flagged.

Never: a paragraph under `min_words` lower-case words (a heading, a one-line
quote, a dateline, a list of names) inside a document gets a language of its
own; a quotation inside a sentence does not make its paragraph foreign. A
document none of whose paragraphs is that long (a headline, one sentence alone)
is read whole, and from `min_document_words` lower-case words on it gets its
language (#19: a sentence alone is a document, and its spelling must be read).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..edits import Edit
from ..language import markers as _markers
from ..language.backends import BACKENDS, DEFAULT_LANGUAGES, backend, check_languages
from ..language.codes import primary
from ..language.paragraphs import paragraphs
from ..language.scripts import Scripts, is_unspaced, unspaced_letters
from .base import Stage

# A paragraph is settled by its markers when they are plenty and nearly all of one language:
# at least MARKERS_MIN of them, one in MARKERS_SHARE of its words, and every other
# language's together at most a third of the winner's. On the dev news text and the
# benchmark paragraphs no paragraph that passes this was in another language.
MARKERS_MIN = 4
MARKERS_SHARE = 0.05
MARKERS_RIVALS = 1 / 3
# Markers are first counted in a paragraph's first QUICK_CHARS characters (about 65 words); only a
# paragraph they do not settle is read further (to `max_chars`) and, if need be, by the backend.
QUICK_CHARS = 400

_WORD = re.compile(r"[^\W\d_]+")
# Latin-1 as bytes: the characters `_WORD` matches kept, every other one a space
_LATIN1_WORDS = bytes(c if _WORD.fullmatch(chr(c)) else 32 for c in range(256))
_PUNCTUATION = "’‘“”–—…«»„"     # beyond Latin-1, common, and no part of a word
_NOT_LATIN = regex.compile(r"[\p{L}--\p{sc=Latn}]", regex.V1)     # a letter of another script than Latin


class Reading(NamedTuple):
    """What a paragraph was found to be. An unsure reading may hold the backend's `guess` (with
    its share as `confidence`): too weak to act on, but worth recording."""
    language: str | None
    confidence: float
    by: str
    guess: str | None = None


UNSURE = Reading(None, 0.0, "document")     # too short or unclear: the document's language is taken


@dataclass(frozen=True)
class LanguageOptions:
    backend: str = "lingua-low"       # detector for what markers leave open: "lingua-low", "lingua" or "langdetect"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES   # the languages a document or paragraph may be in
    min_words: int = 10               # lower-case words a paragraph needs for a language of its own
    min_document_words: int = 5       # … and a document none of whose paragraphs has that many ("Everyone
                                      # has the right to education."): a headline or a sentence alone
    min_confidence: float = 0.9       # a backend answer below this is no answer
    flag_paragraphs: bool = True      # flag paragraphs in another language than the document's
    markers: bool = True              # settle clear paragraphs by marker words (off: the backend reads all)
    expected_markers: float = 3.0     # a backend answer whose language's markers are not met where this many
                                      # were to be expected is no answer (Spanish names in an English line)
    outnumbering_markers: int = 1     # another language's markers, more than the answer's, that deny it
    unanimous_markers: int = 2        # marker words of one language, and none of another, that settle a text
                                      # too short for the markers' usual test; and deny a language without markers
    short_text_markers: int = 3       # … that settle a document read whole with too few lower-case words
                                      # (fitted on the tune half: 2 tore Wikipedia lines, 3 did not)
    unspaced_letters_per_word: float = 2.0   # in text written without spaces (Chinese, Japanese, Thai), so
                                      # many letters count as one word towards min_words and min_document_words
    max_chars: int = 1000             # characters of a paragraph read (the rest is taken to be in the same language)

    def __post_init__(self):
        object.__setattr__(self, "languages", tuple(self.languages))
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if len(self.languages) < 2:
            raise ValueError("languages needs at least two languages to choose between")
        if not 0 <= self.min_confidence <= 1:
            raise ValueError("min_confidence must be between 0 and 1")
        if min(self.min_words, self.min_document_words, self.max_chars) < 1:
            raise ValueError("min_words, min_document_words and max_chars must be 1 or more")
        if self.unanimous_markers < 1 or self.short_text_markers < 1:
            raise ValueError("unanimous_markers and short_text_markers must be 1 or more")
        if not self.unspaced_letters_per_word > 0:
            raise ValueError("unspaced_letters_per_word must be more than 0")


class LanguageStage(Stage):
    """Detects the document's language and each paragraph's; flags paragraphs in another language."""

    name = "language"
    provides = ("language",)
    reads = ()        # the language a document came with (read once, kept in its scratch)
    Options = LanguageOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        check_languages(self.options.backend, self.options.languages)
        self._scripts = Scripts(self.options.languages)
        # every language's markers, those of languages not considered too: Polish markers deny the
        # backend's "Catalan" for a Polish paragraph when Polish is not one of `languages`
        self._markers = _markers.as_written() if self.options.markers else None    # as prose writes them
        self._marked = frozenset(_markers.with_markers(self.options.languages))
        self._coverage = _markers.coverage()

    @property
    def detector(self):
        """The backend, built on first use (its models are large)."""
        return backend(self.options.backend, self.options.languages)

    def find(self, doc) -> list[Edit]:
        text, o = doc.text, self.options
        # a language the document came with is kept; one this stage set in an earlier round is not
        given = doc.scratch.setdefault("language.given", doc.metadata.get("language"))
        memo = doc.scratch.setdefault("language.paragraphs", {})
        spans = doc.derived("paragraphs", paragraphs)      # the spelling stage reads them too
        readings = []
        for s, e in spans:
            read = text[s:min(e, s + o.max_chars)]     # all that _read looks at: a repair further on
            if read not in memo:                       # leaves the reading as it was
                memo[read] = self._read(read, o.markers)
            readings.append(memo[read])
        if given:                             # "en-GB" is English: paragraphs are read as "en"
            document = Reading(primary(given), 1.0, "metadata")
        else:
            document = self._document(text, spans, readings)
            if not document.language:         # nothing is sure: no language, and nothing to compare with;
                if document.guess:            # the backend's guess is recorded as one, for no stage to act on
                    doc.metadata["language_guess"] = {"language": document.guess,
                                                      "confidence": round(document.confidence, 3)}
                return []
            doc.metadata.pop("language_guess", None)
            doc.metadata["language"] = document.language
        doc.metadata["language_confidence"] = round(document.confidence, 3)
        edits = []
        inherited = Reading(document.language, document.confidence, "document")
        for i, ((s, e), r) in enumerate(zip(spans, readings)):
            if r.language and r.language != document.language:
                if r.by == "markers":         # a flag needs the backend's word
                    r = readings[i] = self._read(text[s:e], settle=False)
                if r.language and r.language != document.language and o.flag_paragraphs:
                    edits.append(self.flag(text, s, e, "foreign-paragraph", _reason(r, document.language),
                                           round(r.confidence, 3)))
            if not r.language:
                readings[i] = inherited
        doc.metadata["paragraph_languages"] = [
            {"language": r.language, "confidence": round(r.confidence, 3), "by": r.by} for r in readings]
        return edits

    def _read(self, paragraph: str, settle: bool, min_words: int | None = None, whole: bool = False) -> Reading:
        """The paragraph's own language, or UNSURE when it is too short (under `min_words`
        words, by default the option's: lower-case words, words of a script without case,
        `unspaced_letters_per_word` letters of a script written without spaces) or unclear to tell.

        The script check comes first: only the languages written in the script of most of its
        letters are candidates, and a script of one language (Greek, Thai, Hangul, kana) decides.
        Among several, with `settle`, plenty of one language's marker words decide; otherwise the
        backend does, unless the marker words contradict it: the backend only chooses among
        `languages`, so it calls a Polish paragraph Catalan with confidence 1.0 when Polish is not
        one of them — and finds no Catalan marker in it. A language without marker words
        (wordfreq has no list for it) is taken on the backend's word and its script.
        """
        o = self.options
        min_words = o.min_words if min_words is None else min_words
        if settle and self._markers is not None and QUICK_CHARS < min(len(paragraph), o.max_chars):
            words, units, candidates, _ = self._survey(paragraph[:QUICK_CHARS])   # most paragraphs settle
            if units >= min_words and len(candidates) > 1:                       # on their first words
                reading = self._settled(self._marker_counts(words), len(words), candidates)
                if reading:
                    return reading
        text = paragraph[:o.max_chars]
        words, units, candidates, share = self._survey(text)
        if units < min_words and whole and self._markers is not None and len(candidates) > 1 \
                and len(words) >= min_words:
            # a short text read whole whose markers are all one language's ("Das Kind ist nicht zu
            # Hause.": German nouns are capitalised, 3 lower-case words)
            reading = _unanimous(self._marker_counts(words), o.short_text_markers, candidates)
            if reading:
                return reading
        if len(candidates) == 1 and (units >= min_words or whole and any(len(w) > 1 for w in words)):
            return Reading(candidates[0], share, "script")    # a script of one language: "Καλημέρα σας"
        if units < min_words or not candidates:
            return UNSURE
        found = None
        if self._markers is not None:
            found = self._marker_counts(words)
            reading = self._settled(found, len(words), candidates) if settle else None
            if reading:
                return reading
            reading = _unanimous(found, o.unanimous_markers, candidates) if settle else None
            if reading:                                 # a short text: its few markers all of one language
                return reading
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)       # the backend's models know composed letters
        answers = [a for a in self.detector.detect(text) if a[0] in candidates]
        total = sum(c for _, c in answers)
        if not answers:
            return UNSURE
        language, confidence = answers[0][0], answers[0][1] / total
        if answers[0][1] < o.min_confidence * total or (found is not None and self._denied(language, found, len(words))):
            return Reading(None, confidence, "document", language)     # not sure enough, or the markers deny it
        return Reading(language, confidence, self.detector.name)

    def _survey(self, text: str) -> tuple[list[str], float, tuple[str, ...], float]:
        """The text's words; how many count towards `min_words`; the candidate languages by
        script, and the share of the letters in their script."""
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)       # a letter and its accent are one letter
        words, latin1 = _words_latin1(text)
        if latin1 or not _NOT_LATIN.search(text):   # the common case, at C speed: Latin letters only
            return words, sum(map(str.islower, words)), self._scripts.latin if words else (), 1.0
        candidates, share = self._scripts.candidates(self._scripts.letters(text))
        units = sum(1 for w in words if (w.islower() or w.upper() == w.lower()) and not is_unspaced(w))
        unspaced = unspaced_letters(text)
        if unspaced:
            units += unspaced / self.options.unspaced_letters_per_word
        return words, units, candidates, share

    def _denied(self, language: str, found: dict[str, int], words: int) -> bool:
        """Do the marker words deny the backend's answer? They do when another language's outnumber
        its own, or when none of its own is met where `expected_markers` were to be (its markers'
        coverage times the words); a language without markers is denied by `unanimous_markers` of
        another language."""
        most = max(found.values(), default=0)
        if language not in self._marked:
            return most >= self.options.unanimous_markers
        own = found.get(language, 0)
        return (own < most and most >= self.options.outnumbering_markers) or (
            not own and words * self._coverage[language] >= self.options.expected_markers)

    def _marker_counts(self, words: list[str]) -> dict[str, int]:
        """How many of `words` mark each language (a marker as prose writes it: `markers.as_written`),
        languages in the order their first marker is met. A plain dict: a Counter's construction
        cost more than the counting, on the few markers of a line."""
        found = {}
        for language in filter(None, map(self._markers.get, words)):
            found[language] = found.get(language, 0) + 1
        return found

    @staticmethod
    def _settled(found: dict[str, int], words: int, candidates) -> Reading | None:
        """The markers' reading when they are plenty and nearly all of one language, one of the
        `candidates`, else None. Of languages with as many markers, the first met wins."""
        if not found:
            return None
        best = max(found, key=found.__getitem__)
        if best not in candidates:
            return None
        n = found[best]
        rivals = sum(found.values()) - n
        if n >= MARKERS_MIN and n >= MARKERS_SHARE * words and rivals <= MARKERS_RIVALS * n:
            return Reading(best, n / (n + rivals + 1), "markers")
        return None

    def _document(self, text: str, spans, readings) -> Reading:
        """The language most paragraph words are in; the whole text read at once when no paragraph tells,
        where `min_document_words` will do: a document of one sentence has its own language."""
        weight, sure = {}, {}
        for (s, e), r in zip(spans, readings):
            if r.language:
                n = e - s
                weight[r.language] = weight.get(r.language, 0) + n
                sure[r.language] = sure.get(r.language, 0) + n * r.confidence
        if weight:
            # ties go to the language listed first in the options: the answer never depends on order of arrival
            best = max(self.options.languages, key=lambda lang: weight.get(lang, 0))
            return Reading(best, sure[best] / weight[best], "paragraphs")
        return self._read(text, self.options.markers, self.options.min_document_words, whole=True)


def _unanimous(found: dict[str, int], least: int, candidates) -> Reading | None:
    """The markers' reading when `least` or more of them are all of one language, one of the
    `candidates`, else None."""
    if len(found) != 1:
        return None
    (language, n), = found.items()
    return Reading(language, n / (n + 1), "markers") if n >= least and language in candidates else None


def _words(text: str) -> list[str]:
    """`_WORD.findall(text)`, two to three times faster (see `_words_latin1`)."""
    return _words_latin1(text)[0]


def _words_latin1(text: str) -> tuple[list[str], bool]:
    """`_WORD.findall(text)`, and whether the text is Latin-1 (with the common punctuation beyond
    it). In a text of Latin-1 letters (and that punctuation, which is no letter either), every other
    character is turned into a space by one table at C speed, and the words are what is left
    between spaces."""
    if text.isascii():
        return text.encode("ascii").translate(_LATIN1_WORDS).decode("ascii").split(), True
    for mark in _PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    with suppress(UnicodeEncodeError):
        return text.encode("latin-1").translate(_LATIN1_WORDS).decode("latin-1").split(), True
    return _scan_words(text), False


def _scan_words(text: str) -> list[str]:
    """`_WORD.findall(text)`, a third faster: most whitespace-delimited chunks are words as they are."""
    words = []
    for chunk in text.split():
        if chunk.isalpha():
            words.append(chunk)
        else:
            words.extend(_WORD.findall(chunk))
    return words


@functools.cache
def _name(code: str) -> str:
    """The language's English name (lingua's): "es" → "Spanish"."""
    from lingua import IsoCode639_1, Language
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title()
    except (AttributeError, ValueError):
        return code


def _reason(r: Reading, document: str) -> str:
    article = "an" if _name(document)[0] in "AEIOU" else "a"
    return (f"paragraph looks {_name(r.language)} ({r.language}, {r.confidence:.2f}) "
            f"in {article} {_name(document)} ({document}) document")
