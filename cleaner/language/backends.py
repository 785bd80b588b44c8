"""Language detector backends: text → languages with confidences, best first.

Every backend answers only among the languages it was built for, the same way
every run and on every thread, and never downloads anything. Each is built
once per process for each set of languages (`backend(name, languages)`) and
then only read, so one instance serves all threads.

- `lingua`: lingua-language-detector, high-accuracy mode (n-grams of 1–5
  characters). The most accurate on short text; its models take about 300 MB
  of memory for nine languages, which is why it is built for the configured
  languages only.
- `lingua-low`: the same in low-accuracy mode (trigrams only): about 35 MB.
- `langdetect`: the port of Google's language-detection. Its answer is a random
  walk; the walk is seeded here (`seed`), on a private `random.Random` of each
  call's detector and a private factory holding only the configured languages'
  profiles, so it neither reads nor disturbs the process's `random` module or
  langdetect's own module-level factory.
"""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Protocol

BACKENDS = ("lingua", "lingua-low", "langdetect")
# the language stage's, unless configured: the languages most used on the web, in Latin and other scripts
DEFAULT_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro",
                     "ar", "bg", "bn", "cs", "da", "el", "et", "fa", "fi", "he", "hi", "hr", "hu", "id", "ja",
                     "ko", "lt", "lv", "nb", "pl", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh")

# langdetect's profile names where they are not the ISO 639-1 code the stage uses
LANGDETECT_PROFILES = {"nb": "no", "zh": "zh-cn"}
_build_lock = threading.Lock()


class Backend(Protocol):
    name: str
    languages: tuple[str, ...]

    def detect(self, text: str) -> list[tuple[str, float]]:
        """(ISO 639-1 code, confidence 0–1) for the languages the text may be in, best first."""


class UnsupportedLanguages(ValueError):
    pass


def backend(name: str, languages: tuple[str, ...]) -> Backend:
    """The backend `name` for `languages`, built once per process (thread-safe)."""
    with _build_lock:
        return _build(name, tuple(languages))


def check_languages(name: str, languages) -> None:
    """Raise UnsupportedLanguages unless backend `name` knows every one of `languages` (cheap: loads no model)."""
    if name == "langdetect":
        from langdetect.detector_factory import PROFILES_DIRECTORY
        profiles = {p.name for p in Path(PROFILES_DIRECTORY).iterdir()}
        known = {code for code in languages if LANGDETECT_PROFILES.get(code, code) in profiles}
    else:
        from lingua import IsoCode639_1
        known = {code for code in languages if hasattr(IsoCode639_1, code.upper())}
    missing = [code for code in languages if code not in known]
    if missing:
        raise UnsupportedLanguages(f"backend {name!r} has no language {', '.join(missing)}")


@functools.cache
def _build(name: str, languages: tuple[str, ...]) -> Backend:
    if name == "langdetect":
        return LangdetectBackend(languages)
    return LinguaBackend(languages, low_accuracy=name == "lingua-low")


class LinguaBackend:
    def __init__(self, languages: tuple[str, ...], low_accuracy: bool = False):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        check_languages("lingua", languages)
        builder = LanguageDetectorBuilder.from_languages(
            *(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages))
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        self.name = "lingua-low" if low_accuracy else "lingua"
        self.languages = languages
        self._detector = builder.build()
        # lingua's Language → our code, looked up once: asking each answer's language for its code
        # (three attribute reads across the Rust boundary, for every language) was half the cost
        # of turning an answer into pairs
        self._codes = {Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())): code
                       for code in languages}

    def detect(self, text: str) -> list[tuple[str, float]]:
        codes = self._codes
        return [(codes[v.language], value)
                for v in self._detector.compute_language_confidence_values(text) if (value := v.value) > 0]


class LangdetectBackend:
    name = "langdetect"

    def __init__(self, languages: tuple[str, ...], seed: int = 0):
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        check_languages("langdetect", languages)
        profiles = Path(PROFILES_DIRECTORY)
        factory = DetectorFactory()
        factory.load_json_profile([(profiles / LANGDETECT_PROFILES.get(code, code)).read_text(encoding="utf-8")
                                   for code in languages])
        factory.set_seed(seed)      # an attribute of this factory, not langdetect's shared class default
        self.languages = languages
        self._factory = factory
        self._codes = {LANGDETECT_PROFILES.get(code, code): code for code in languages}

    def detect(self, text: str) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()      # a fresh detector with its own random.Random, seeded
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:           # no letters it knows
            return []
        return [(self._codes.get(f.lang, f.lang), f.prob) for f in found]
