"""Scripts: which writing systems a text's letters are in, and which languages are written in them.

The script check runs before any marker word or model: a text in Greek, Hebrew, Thai, Hangul or
kana letters has the one language of the configured ones written in them; a text in Cyrillic
letters is Russian, Ukrainian or Bulgarian, never French. All of it comes from Unicode data and
CLDR, through libraries:

- a language's script is CLDR's likely script (`langcodes`: "ru" → Cyrl, "ja" → Jpan), the
  ISO 15924 composites spelled out in the scripts they combine (Jpan is Han, Hiragana and
  Katakana; Kore is Hangul and Han; Hans and Hant are Han);
- a letter's script is its Unicode Script property (`regex`'s `\\p{sc=…}`);
- letters of a script written without spaces between words (Han, kana, Thai, Lao, Khmer,
  Myanmar) are those of Unicode's Line_Break classes ID, CJ and SA: in such text there are no
  words to count, so letters are counted instead.
"""
from __future__ import annotations

import functools
from collections import Counter

import regex

# ISO 15924's composite codes, as the scripts they are made of
_COMPOSITES = {"Hans": ("Hani",), "Hant": ("Hani",), "Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani")}
_UNSPACED = regex.compile(r"[\p{L}&&[\p{lb=ID}\p{lb=CJ}\p{lb=SA}]]", regex.V1)
_OTHER = "other"        # letters of a script none of the languages is written in


@functools.cache
def scripts_of(language: str) -> tuple[str, ...]:
    """The ISO 15924 codes of the scripts `language` is written in (CLDR's likely script)."""
    import langcodes

    script = langcodes.Language.get(language).maximize().script
    return _COMPOSITES.get(script, (script,)) if script else ()


class Scripts:
    """The script check for one set of languages."""

    def __init__(self, languages):
        self.languages = tuple(languages)
        self.of = {language: frozenset(scripts_of(language)) for language in self.languages}
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
