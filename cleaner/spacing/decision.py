"""The spacing stage's one decision: a candidate gap's features → a confidence → fix, flag or keep.

A logistic model over a few features, whose weights and two thresholds are fitted on the tuning
half of the development data (`python benchmarks/fit_spacing.py`) and kept, versioned, in
`data/spacing/decisions/<language>.toml`. A language without a file of its own is decided by the
English one: `en.toml` where its lexicon has pair counts, else `en-frequencies.toml`, fitted on
the same English text with the pair counts left out, so that its gains are read on their scale.
This is the only place the stage compares a number with a threshold (`Decision.verdict`), and the
confidence of every edit it makes is this model's probability that the space is missing.

The features (`FEATURES`, each a number; those of another family are 0):
- prior: how strong the finder's evidence is (a bigram, a function word, a closing quote glued
  to a capital …), its own fixed confidence;
- punctuation, number, contraction: 1 for a gap of that family (a gap inside a word has none);
- for a gap inside a word, by `split_evidence`: gain, how much likelier (log10) the word-pair
  model finds the words around it with the space than without (`PairModel.gain`, clamped to
  GAIN_RANGE); recurs, the glued token occurs again, unsplit, in the document (not for glue of
  function words only: `function_words_only`); apart, its
  words stand apart elsewhere in it; capitalised, the token starts with a capital;
  case_change, a lower-case letter before the gap and a capital after; whole_zipf, how common
  the token is as written (Zipf, 0 unknown); part_zipf, how common its rarest part is;
  capitalised_gain, the gain again for a capitalised token (else 0): the pair model knows names
  less well than common words, so its gain says less there, and the fit weighs it apart (held-out,
  2026-12-07: Wikipedia +7 right candidates for 1 wrong, news 1 wrong fewer); short_part, the
  letters of its shortest part: one- and two-letter parts tile rare words and fragments
  ("a|symmetrical"), long ones rarely do (held-out candidates, 2026-12-07: news +6 right,
  Wikipedia +14 for 1 wrong);
- noise: the share of the chunks around the gap that are neither a word nor a number (`noise_around`):
  OCR garbage and formulas, where a PDF's fragments look like glue ("consider|at ion");
- lone: 1 for a gap inside a word when a document of 60 words or more shows no other strong
  candidate: there a weak one may be the source's own compound ("passcard", "planemaker"). A
  strong candidate outweighs it: the fit decides by how much. Punctuation has no such doubt
  ("capitals.Talks" is glue however clean the rest);
- strangers: for a gap at punctuation, how many of the two words beside it (0 to 2) are fragments:
  lower case, known to no word list and no glue. Prose that lost a space has words on both sides
  ("dijo;otra"), a word torn by OCR has fragments ("ext)eriment");
- torn: for a gap inside a word, 1 where the token and the letters across the space or hyphen
  beside it make one real word (`around.torn`: "consider|at ion", "de-script|ions"): PDF text tore
  a word there, and a space would tear it more;
- torn_mark: at punctuation, 1 where the letters on its two sides make one real word of any of
  the stage's word lists without it (`around.torn_by_mark`: "Abst:|ract", "conclu,|sion": OCR
  noise inside a word); every list is asked, as for `strangers`, so that the language found never
  changes the answer;
- reading: 1 for a cut only the likeliest reading in known words proposes (`reading.py`), the
  weakest evidence, so that those mostly wrong candidates do not move the other finders' weights.

A name's reading (`name_reading`: "Tauntonin" as "Taunton in", "born in Sydneyin 1950") has a logistic
model of its own over NAME_FEATURES, fitted on its own candidates, and its own `fix_at`: most of
them are names ("Stanin", "Sabonis": 327 of 387 on the tuning halves), and fitted among the
others they moved the other finders' weights (held-out dev damage 2 -> 5 regions). Before it had a
model, such a cut was weighed as a reading at a fixed prior of its finder; its own model fixes
more of them on both halves (2026-12-07, fifth session; benchmarks/README, twelfth step).
"""
from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass
from itertools import repeat
from operator import mul

from ..resources import bundled
from ..text.tokens import recurs, stands, words_around
from .around import torn

FEATURES = ("prior", "punctuation", "number", "contraction", "gain", "recurs", "apart", "capitalised",
            "case_change", "whole_zipf", "part_zipf", "noise", "lone", "strangers", "torn", "reading",
            "capitalised_gain", "short_part", "torn_mark")
NAME_FEATURES = ("gain", "part_zipf")    # of a name's reading: the words around, and how common the name is
GAIN_RANGE = (-10.0, 15.0)     # beyond these the model is sure either way; extremes say no more


@dataclass(frozen=True)
class Decision:
    version: str
    weights: dict              # feature → weight
    intercept: float
    fix_at: float              # a confidence this high fixes …
    flag_at: float             # … this high only flags; below, nothing is reported
    name_weights: dict         # a name's reading: NAME_FEATURES → weight,
    name_intercept: float
    name_fix_at: float         # … and the confidence that fixes it

    def confidence(self, features: dict) -> float:
        """The probability that the space is missing, given the candidate's `features`."""
        if features.get("name_reading"):
            z = self.name_intercept + sum(self.name_weights[k] * features.get(k, 0.0) for k in NAME_FEATURES)
        else:
            z = self.intercept + sum(map(mul, map(self.weights.__getitem__, FEATURES), map(features.get, FEATURES,
                                                                                             repeat(0.0))))
        return 1.0 / (1.0 + math.exp(-z))

    def verdict(self, features: dict, fix_at: float | None = None, flag_at: float | None = None) -> tuple[str | None, float]:
        """What to do with a candidate, and the confidence it was judged at: "fix" from `fix_at`, "flag"
        from `flag_at` (each the fitted one unless given), else None. A name's reading
        (`name_reading`) is fixed from its own `name_fix_at` (a `fix_at` given moves it as far) or
        dropped, never flagged: most are names, and their flags would triple a clean Wikipedia
        text's (13 more per 10k words)."""
        confidence = round(self.confidence(features), 2)
        if features.get("name_reading"):
            shift = 0.0 if fix_at is None else fix_at - self.fix_at
            return ("fix" if confidence >= self.name_fix_at + shift else None), confidence
        if confidence >= (self.fix_at if fix_at is None else fix_at):
            return "fix", confidence
        if confidence >= (self.flag_at if flag_at is None else flag_at):
            return "flag", confidence
        return None, confidence

    def describe(self) -> dict:
        """What `cleaner stages` shows and summary.json records."""
        return {"version": self.version, "weights": self.weights, "intercept": self.intercept,
                "fix_at": self.fix_at, "flag_at": self.flag_at,
                "name_reading": {"weights": self.name_weights, "intercept": self.name_intercept,
                                 "fix_at": self.name_fix_at}}


def split_evidence(text: str, start: int, word: str, parts: list[str], lex) -> dict:
    """The features of splitting `word` (at `start` in `text`) into `parts` (case_change is per cut)."""
    before, after = words_around(text, start, start + len(word))
    lower = [p.lower() for p in parts]
    gain = min(max(lex.pairs.gain(lower, before, after), GAIN_RANGE[0]), GAIN_RANGE[1])
    capitalised = word[0].isupper()
    return {"gain": gain, "recurs": float(not function_words_only(lower, lex) and recurs(text, word)),
            "apart": float(stands(text, " ".join(parts))), "capitalised": float(capitalised),
            "capitalised_gain": gain if capitalised else 0.0,
            "short_part": float(min(map(len, parts))),
            "whole_zipf": lex.zipf(word.lower()), "part_zipf": min(map(lex.zipf, lower)),
            # a real word (`lex.is_word(w) is True`), asked of the set alone: no look-up in the frequency trie
            "torn": float(torn(text, start, start + len(word), lex.real_words.__contains__))}


def function_words_only(parts: list[str], lex) -> bool:
    """Are all of `parts` (lower case) function words ("in|the", "of|it", "in|a")? Such glue is no
    term of the document when it recurs: a document that loses spaces loses them between its
    commonest words again and again, so recurring says nothing there (#15: document evidence never
    turns an unambiguous repair into a flag). Only in lower case: a capitalised token a document
    writes whole again and again stays a name ("Anda", "Nota" would read "And a", "Not a" at a
    sentence start). Unseen prose, 2026-12-08, each address as one document: held-out +4 repairs,
    tuning +5, no wrong one; #15's sets: Wikipedia tuning +1, nothing else."""
    return all(part in lex.function_words for part in parts)


@functools.cache
def decision(language: str, pairs: bool = True) -> Decision:
    """The decision fitted for `language`; else the English one, fitted with pair counts or, for a
    language whose lexicon has none (`pairs` false), without them: its gains are on that scale."""
    path = bundled("data", "spacing", "decisions") / f"{language}.toml"
    if not path.is_file():
        path = bundled("data", "spacing", "decisions", "en.toml" if pairs else "en-frequencies.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    weights = {name: float(data["weights"][name]) for name in FEATURES}
    names = data["name_reading"]
    return Decision(data["version"], weights, float(data["intercept"]), float(data["fix_at"]),
                    float(data["flag_at"]), {name: float(names["weights"][name]) for name in NAME_FEATURES},
                    float(names["intercept"]), float(names["fix_at"]))
