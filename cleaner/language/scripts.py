"""Scripts: which writing systems a text's letters are in, and which languages are written in them.

The script check runs before any marker word or model: a text in Greek, Hebrew, Thai, Hangul or
kana letters has the one language of the configured ones written in them; a text in Cyrillic
letters is Russian, Ukrainian or Bulgarian, never French. All of it comes from Unicode data and
CLDR, through libraries:

- a language's script is CLDR's likely script (`langcodes`: "ru" → Cyrl, "ja" → Jpan), the
  ISO 15924 composites spelled out in the scripts they combine (Jpan is Han, Hiragana and
  Katakana; Kore is Hangul and Han; Hans and Hant are Han); langcodes' answers are kept in the
  cache folder (cleaner.cache), since importing it cost every process ~0.06 s and 3 MB at start-up;
- a letter's script is its Unicode Script property (`regex`'s `\\p{sc=…}`);
- letters of a script written without spaces between words (Han, kana, Thai, Lao, Khmer,
  Myanmar) are those of Unicode's Line_Break classes ID, CJ and SA: in such text there are no
  words to count, so letters are counted instead.
"""
from __future__ import annotations

import functools
import json
from collections import Counter
from contextlib import suppress

import regex

from .. import cache
from ..resources import installed

# ISO 15924's composite codes, as the scripts they are made of
_COMPOSITES = {"Hans": ("Hani",), "Hant": ("Hani",), "Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani")}
_UNSPACED = regex.compile(r"[\p{L}&&[\p{lb=ID}\p{lb=CJ}\p{lb=SA}]]", regex.V1)
_OTHER = "other"        # letters of a script none of the languages is written in


def scripts_of(languages) -> dict[str, tuple[str, ...]]:
    """language → the ISO 15924 codes of the scripts it is written in (CLDR's likely script)."""
    likely = _likely_scripts(tuple(languages))
    return {language: _COMPOSITES.get(script, (script,)) if script else () for language, script in likely.items()}


@functools.cache
def _likely_scripts(languages: tuple[str, ...]) -> dict[str, str]:
    """language → langcodes' likely script ("" for none), read from the cache folder where kept;
    the languages it lacks are asked of langcodes and the whole is kept again."""
    name = _kept_as()
    kept = {}
    with suppress(ValueError, TypeError):
        kept = json.loads(cache.read(name) or b"{}") if name else {}
    if not isinstance(kept, dict) or not all(isinstance(v, str) for v in kept.values()):
        kept = {}
    missing = [language for language in languages if language not in kept]
    if missing:
        import langcodes

        kept.update({language: langcodes.Language.get(language).maximize().script or "" for language in missing})
        if name:
            cache.keep(name, json.dumps(kept, sort_keys=True).encode())
    return {language: kept[language] for language in languages}


def _kept_as() -> str | None:
    """The cache name of langcodes' answers, from its data file (name, size, modification time), found
    without importing it: a new langcodes never meets old answers. None where it is not found."""
    package = installed("langcodes")
    data = package / "data_dicts.py" if package else None
    if data is None or not data.is_file():
        return None
    return f"scripts-{cache.digest(b'likely scripts 2', cache.source(data))}.json"


class Scripts:
    """The script check for one set of languages."""

    def __init__(self, languages):
        self.languages = tuple(languages)
        self.of = {language: frozenset(scripts) for language, scripts in scripts_of(self.languages).items()}
        known = sorted(set().union(*self.of.values()))
        self.latin = tuple(language for language in self.languages if self.of[language] == {"Latn"})
        # one alternative per script, letters of any other script last: a match's group names its script
        self._letters = regex.compile("|".join(f"(?P<{s}>\\p{{sc={s}}}+)" for s in known) + rf"|(?P<{_OTHER}>\p{{L}}+)")

    def letters(self, text: str) -> Counter:
        """Letters of `text` by script (ISO 15924 code; "other" for a script no language is in)."""
        counts = Counter()
        for m in self._letters.finditer(text):
            counts[m.lastgroup] += m.end() - m.start()
        return counts

    def candidates(self, letters: Counter) -> tuple[tuple[str, ...], float]:
        """The languages whose scripts hold the most of the letters, and the share they hold
        (0 when none holds any): Japanese for Han and kana, Chinese or Japanese for Han alone."""
        total = sum(letters.values())
        if not total:
            return (), 0.0
        held = {language: sum(letters[s] for s in scripts) for language, scripts in self.of.items()}
        best = max(held.values(), default=0)
        if not best:
            return (), 0.0
        return tuple(language for language in self.languages if held[language] == best), best / total


def unspaced_letters(text: str) -> int:
    """Letters of scripts written without spaces between words (Han, kana, Thai …)."""
    return len(_UNSPACED.findall(text))


def is_unspaced(word: str) -> bool:
    return bool(_UNSPACED.match(word))
