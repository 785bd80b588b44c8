"""Marker words: common words of one language that the other languages hardly use.

A paragraph full of one language's markers ("the", "which", "would" for
English; "und", "nicht" for German) is in that language, and saying so costs a
dictionary lookup per word instead of a detector run. The language stage uses
them as a cheap first pass and hands every paragraph they do not settle to its
detector backend.

The lists are data (`data/language/markers.json`: JSON, which the standard library reads at C
speed in a millisecond where TOML took 30-50 ms of every process's start), derived from wordfreq: a
word of a language's 500 most frequent is a marker when it is at least 10
times as frequent there as in each other language of the file. A language of
the file has markers, whatever other languages a run considers (a word ten
times as frequent as in each of 36 languages is so in any few of them); a
language wordfreq has no list for (Estonian, Thai) has none, and the stage
decides it by its script and its detector backend. Languages written without
spaces (Chinese, Japanese) have none either: their words are not split by
spaces, so no marker would ever be met; nor Korean (its Hangul is
its own). Rebuild after changing LANGUAGES:

    python -m cleaner.language.markers
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path

from ..resources import bundled

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro", "ar", "bg", "bn", "cs", "da", "el", "fa", "fi",
             "he", "hi", "hr", "hu", "id", "lt", "lv", "nb", "pl", "ru", "sk", "sl", "sv", "tr", "uk", "vi")
# wordfreq's code where it is not the language's own: its Serbo-Croatian list is Croatian's (and
# Bosnian's, Serbian's in Latin letters)
WORDFREQ_CODES = {"hr": "sh"}
TOP = 500
RATIO = 10.0
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _data() -> dict:
    """The data file, parsed once: the markers and their coverage are both read at start-up."""
    return json.loads(bundled("data", "language", "markers.json").read_text(encoding="utf-8"))


@functools.cache
def markers() -> dict[str, str]:
    """word (lower case) → the language it marks, among the languages of the data file."""
    return {word: language for language, words in _data()["markers"].items() for word in words}


@functools.cache
def coverage() -> dict[str, float]:
    """language → the share of its running words that are its markers (wordfreq's frequencies
    summed): in a text of n words of the language about n × coverage markers are to be met."""
    return dict(_data()["coverage"])


def outvoted(text: str, language: str) -> bool:
    """Do the markers of another language outnumber those of `language` in `text`? The spacing
    stage asks before it splits a short text with the word list that fits its words best: to an
    English list German "Er ging überall hin." is "über all" ("hin" is a German marker), to a
    Spanish one Portuguese "venceu" is "vence u" (issue #15: a text is split only by the model of
    its own language). Only words in lower case (or of a script without case) vote: a short line's
    names are often foreign ("AK Bratislava" in an English line), its function words rarely are. A
    dictionary lookup per word."""
    marks = markers()
    votes = Counter(marks[w] for w in _WORD.findall(text) if w in marks and (w.islower() or w.upper() == w.lower()))
    return max((n for other, n in votes.items() if other != language), default=0) > votes[language]


@functools.cache
def as_written() -> dict[str, str]:
    """word as it may be met in prose (`is_prose_word`: the marker itself, or capitalised) → the
    language it marks: `markers()` asked without lower-casing and filtering each word first, which
    was most of a paragraph's marker count."""
    out = {}
    for word, language in markers().items():
        for form in (word, word[:1].upper() + word[1:]):
            if is_prose_word(form) and form.lower() == word:
                out.setdefault(form, language)
    return out


def is_prose_word(word: str) -> bool:
    """Can `word` be a marker as written: lower case, capitalised or of a script without case, not
    an acronym or a lone capital ("KOd", "AK", the "U" of "U.S."), which are names and say nothing
    of the language around them (lower-cased, "ak" and "ik" are Slovak and Dutch words)."""
    return word.islower() or word.upper() == word.lower() or \
        (len(word) > 1 and word[0].isupper() and word[1:].islower())


def with_markers(languages) -> tuple[str, ...]:
    """Those of `languages` that have marker words (the languages of the data file)."""
    have = set(markers().values())
    return tuple(language for language in languages if language in have)


def build(languages=LANGUAGES, top: int = TOP, ratio: float = RATIO) -> dict[str, list[str]]:
    """The marker lists of `languages`, computed from wordfreq (a few seconds)."""
    import wordfreq

    frequency = {language: wordfreq.get_frequency_dict(WORDFREQ_CODES.get(language, language))
                 for language in languages}
    out = {}
    for language in languages:
        others = [frequency[o] for o in languages if o != language]
        out[language] = [w for w in wordfreq.top_n_list(WORDFREQ_CODES.get(language, language), top)
                         if frequency[language].get(w, 0) >= ratio * max(o.get(w, 0) for o in others)]
    return out


def build_coverage(lists: dict[str, list[str]]) -> dict[str, float]:
    """Each language's share of running words that are its markers, from wordfreq (3 decimals)."""
    import wordfreq

    return {language: round(sum(wordfreq.get_frequency_dict(WORDFREQ_CODES.get(language, language)).get(w, 0)
                                for w in words), 3) for language, words in lists.items()}


def write(path: Path | None = None) -> None:
    """Rebuild the data file (in a checkout, the project's data/language/markers.json): a language a
    line, so that a change reads as a diff of the languages it touched."""
    path = path or bundled("data", "language") / "markers.json"
    lists = build()
    about = (f"Marker words of each language: generated by `python -m cleaner.language.markers` from wordfreq "
             f"(a word of the language's {TOP} most frequent that is at least {RATIO:g} times as frequent there "
             f"as in each other language below), and the share of the language's running words they make up "
             f"(coverage). Do not edit by hand.")
    dump = functools.partial(json.dumps, ensure_ascii=False)
    languages = ",\n".join(f"  {dump(language)}: {dump(words)}" for language, words in lists.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{{\n"about": {dump(about)},\n"coverage": {dump(build_coverage(lists))},\n'
                    f'"markers": {{\n{languages}\n}}\n}}\n', encoding="utf-8")


if __name__ == "__main__":
    write()
