"""spelling: unknown words, flagged with up to three suggestions; never changed unless asked.

Why: misspellings ("recieve", "goverment") should be visible in the report,
but a spell checker that corrects on its own turns names and rare words into
nonsense ("Bakhmut" → "bathmat"). So the stage only flags, and only where the
evidence points at a slip: a far commoner word one or two edits away.

What it does: in documents whose language (`language` option, else
`metadata["language"]`) has a word list (pyspellchecker: en, es, fr, pt, de,
it, nl, ru; Spanish and Russian with the forms wordfreq's list holds,
`data/spelling/<language>.toml`), each lower-case word that neither the word list, the allow-lists nor
the frequency data know well is looked up for known words within `distance`
edits (distance 2 only for words up to `max_length_distance2` letters, and
only where distance 1 finds no far commoner word). It is flagged
(`spelling.unknown-word`) when the commonest of them is at least
`min_zipf_gain` (log10 units, by wordfreq) commoner than the word itself; the
suggestions (up to three, the commonest first) are the edit's `after`,
comma-separated, and are named in the reason. A word that nothing knows and
that has no word near it is flagged without a suggestion, at confidence 0.3. With `fix = true` a flag becomes a fix (`spelling.misspelling`) where
one suggestion is overwhelmingly likely: one edit away, and at least
`fix_min_zipf_gain` (100 times) commoner than the word and than any other
word as near; the fix's reason says it was made in fix mode.

Never: capitalised words (names, sentence starts), acronyms, words over `max_length` letters, words with inner
capitals or digits or beside digits, URLs, e-mails, domains, hashtags and
@handles; words with a Latin letter the language hardly uses ("crêpes" in English);
words the frequency data knows at `known_zipf` or above (British
and American spellings alike: "colour", "organisation"); parts of hyphenated
compounds that are known; two common words written as one ("passcard") unless
a word one edit away explains it better; words in `data/spelling/allow.txt` or the `allow` /
`allow_files` options; paragraphs the language stage found in another
language; anything in a language without a word list.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from ..text.blocks import in_block, prose_blocks
from ..edits import Edit, shift
from ..language.paragraphs import foreign_paragraphs
from ..resources import bundled
from ..text.protect import protected_spans
from ..text.tokens import EDGE_PUNCTUATION, chunks
from ..text.tries import TrieMapping
from ..spelling import vocabulary as vocabularies
from ..spelling.vocabulary import ATTESTED
from .base import Stage

# letter runs, with inner apostrophes ("don't", "children’s") and hyphens ("co-ordinator", "well-known")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")       # a hyphenated word's parts
_LETTER = re.compile(r"[^\W\d_]")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True)
class SpellingOptions:
    language: str | None = None           # every document's language; None: metadata["language"]
    distance: int = 2                     # 1: suggestions one edit away only (fastest); 2: two where one finds none
    max_length_distance2: int = 14        # longer words get distance-1 suggestions only
    known_zipf: float = 3.0               # words at least this common (wordfreq zipf) are known
    min_zipf_gain: float = 1.0            # flag when a suggestion is this much commoner (log10) than the word
    min_length: int = 3                   # shorter words are not checked
    max_length: int = 40                  # longer ones neither: glued text or data, not a slip (and the
                                          # edits of a 3,000-letter run would cost a second and 400 MB)
    allow: tuple[str, ...] = ()           # more words never to flag
    allow_files: tuple[str, ...] = ()     # files of words never to flag (one a line, "#" comments)
    fix: bool = False                     # correct where one suggestion is overwhelmingly likely
    fix_min_zipf_gain: float = 2.0        # … one edit away and this much commoner than the word and any rival

    def __post_init__(self):
        for name in ("allow", "allow_files"):
            if isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be a list, not one string")
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.distance not in (1, 2):
            raise ValueError("distance must be 1 or 2")
        if self.language is not None and self.language not in vocabularies.languages():
            raise ValueError(f"no word list for language {self.language!r}; "
                             f"there are: {', '.join(vocabularies.languages())}")


class SpellingStage(Stage):
    """Flags unknown words with up to three suggestions (pyspellchecker + wordfreq); fixes only when asked."""

    name = "spelling"
    reads = ("language", "paragraph_languages")
    Options = SpellingOptions

    def needs(self) -> tuple[str, ...]:
        return () if self.options.language else ("language",)

    def languages(self) -> tuple[str, ...]:
        return (self.options.language,) if self.options.language else vocabularies.languages()

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        bundled("data", "spelling", "allow.txt")    # a broken install fails here, naming the file
        allowed = {w.lower() for w in self.options.allow}
        for path in self.options.allow_files:
            try:
                allowed |= vocabularies.allow_list(Path(path))
            except OSError as e:
                raise ValueError(f"cannot read allow-list {path}: {e.strerror}") from None
        self._allowed = frozenset(allowed)

    def find(self, doc) -> list[Edit]:
        language = self.options.language or doc.metadata.get("language")
        if language not in vocabularies.languages():
            return []
        vocab = vocabularies.vocabulary(language)
        blocks = prose_blocks(doc)
        if blocks[0][1] is doc:
            return self._find_in(doc, language, vocab, lambda: foreign_paragraphs(doc))
        foreign = foreign_paragraphs(doc)
        edits = []                      # a long document, or one holding data: block by block (cleaner.text.blocks)
        for offset, block in blocks:
            inside = in_block(foreign, offset, block)
            edits.extend(shift(self._find_in(block, language, vocab, lambda: inside), offset))  # noqa: B023 (called here)
        return edits

    def _find_in(self, doc, language: str, vocab, foreign_spans) -> list[Edit]:
        """The flags in `doc`; `foreign_spans()` gives the spans of paragraphs in another language,
        asked only when there is something to flag."""
        text = doc.text
        # a token's verdict is decided once per distinct token, and most are listed words
        suspects = {}
        for token in _unlisted_words(doc.derived("chunks", chunks), vocab.common, vocab.counts):
            if token.islower():
                found = _verdict(self, language, token)
                if found:
                    suspects[token] = found
        if not suspects:
            return []
        protected, foreign = doc.derived("protected spans", protected_spans), foreign_spans()
        edits = []
        for start, token in sorted((at, t) for t in suspects for at in _occurrences(text, t)):
            end = start + len(token)
            if _touches(text, start, end) or _overlaps(protected, start, end) or _overlaps(foreign, start, end):
                continue                    # a code ("3rd", "#tag"), a link, a paragraph in another language
            for offset, word, verdict in suspects[token]:
                edits.append(self._edit(text, start + offset, start + offset + len(word), word, *verdict))
        return edits

    def _pieces(self, token: str, vocab) -> tuple:
        """(offset, word, verdict) for each word of a token that is to be flagged."""
        if "-" in token:
            if self._known(token.replace("-", ""), vocab):
                return ()                   # "co-ordinator"
            parts = [(p.start(), p.group()) for p in _PART.finditer(token)]
        else:
            parts = [(0, token)]
        out = []
        for offset, word in parts:
            word = _bare(word)              # the word is flagged, not its "’s"
            if self.options.min_length <= len(word) <= self.options.max_length and word not in vocab.counts:
                verdict = self._judge(word, vocab)
                if verdict is not None:
                    out.append((offset, word, verdict))
        return tuple(out)

    def _judge(self, word: str, vocab) -> tuple[list[str], float, int] | None:
        """(suggestions, how much commoner the first is than the word or any rival, edit distance), or None."""
        o = self.options
        word = word.replace("’", "'")
        if vocab.borrowed(word):
            return None                     # a loanword or a foreign name ("crêpes" in English): no slip
        if self._known(word, vocab) or ("'" in word and all(
                len(part) < o.min_length or self._known(part, vocab) for part in word.split("'"))):
            return None
        own = vocab.zipf(word)
        if own >= o.known_zipf or (own >= ATTESTED and vocab.compound(word)):
            return None
        ranked, distance = [], 0
        for distance, near in vocab.near(word, o.distance if len(word) <= o.max_length_distance2 else 1):
            ranked = sorted(((vocab.zipf(w), -vocab.counts.get(w, 0), w) for w in near), reverse=True)
            if ranked and ranked[0][0] - own >= o.min_zipf_gain:
                break
        suggestions = [w for z, _, w in ranked[:3] if z - own >= o.min_zipf_gain]
        # Nothing one edit away: two words written as one ("passcard", "carmaker") is likelier than
        # a slip. A word one edit from a known one is a slip even if it splits ("exist" + "sing").
        if (not suggestions or distance == 2) and vocab.compound(word, shortest=3):
            return None
        if not suggestions:
            # no frequency list knows it and no word is near: a slip too far from any word
            return ([], 0.0, distance) if own < ATTESTED else None
        rival = ranked[1][0] if len(ranked) > 1 else own
        return suggestions, ranked[0][0] - max(own, rival), distance

    def _known(self, word: str, vocab) -> bool:
        return vocab.knows(word) or word in self._allowed

    def _edit(self, text, start, end, word, suggestions, margin, distance) -> Edit:
        if not suggestions:
            return self.flag(text, start, end, "unknown-word",
                             f"unknown word {word!r}: no word list or frequency list knows it, and no "
                             f"known word is within {distance} edit{'s' if distance > 1 else ''}", 0.3)
        edits = f"{distance} edit{'s' if distance > 1 else ''} away"
        confidence = round(min(0.95, 0.5 + 0.1 * margin) if distance == 1 else min(0.8, 0.4 + 0.1 * margin), 2)
        if self.options.fix and distance == 1 and margin >= self.options.fix_min_zipf_gain:
            reason = (f"misspelling {word!r} corrected to {suggestions[0]!r} (fix mode): the one likely "
                      f"word, {edits} and at least {self.options.fix_min_zipf_gain:g} (log10) commoner "
                      f"than the word and any other candidate")
            return self.fix(text, start, end, suggestions[0], "misspelling", reason, confidence)
        reason = (f"unknown word {word!r}; did you mean {' or '.join(repr(s) for s in suggestions)}? "
                  f"({edits}, far commoner)")
        return self.flag(text, start, end, "unknown-word", reason, confidence, ", ".join(suggestions))


def _bare(word: str) -> str:
    """The word without a possessive "’s"."""
    return word[:-2] if word.endswith(_POSSESSIVE) else word


@functools.lru_cache(maxsize=1 << 14)
def _verdict(stage: SpellingStage, language: str, token: str) -> tuple:
    """The stage's verdict on a token, remembered across documents and threads: it never changes, and
    most words of a dump recur. Bounded, so a dump full of unknown words cannot fill the memory:
    16,384 verdicts (~6 MiB; the new documents of speed.py ask ~8,000), not 65,536 (~23 MiB)."""
    return stage._pieces(token, vocabularies.vocabulary(language))


def _unlisted_words(distinct_chunks: dict, common: frozenset, listed: TrieMapping) -> set:
    """The distinct lower-case words `_WORD` finds in the text that `listed` lacks (and maybe some
    other unlisted words), from the text's distinct chunks (the spacing stage needs them too).
    Most chunks are common listed words (`common`, a subset of `listed`) or bare words and are
    sifted at C speed; of the others, a chunk of letters between punctuation is one word as it is."""
    rest = set(distinct_chunks).difference(common)
    bare = set(filter(str.isalpha, rest))
    words = set(filter(str.islower, bare))      # a bare capitalised word holds no lower-case word
    for chunk in rest.difference(bare):
        core = chunk.strip(EDGE_PUNCTUATION)
        if core.isalpha():
            words.add(core)
        else:
            words.update(_WORD.findall(chunk))
    words.difference_update(common)
    return words.difference(listed.keys_among(words))       # words of letters: a trie holds them


def _occurrences(text: str, token: str):
    """Where `token` stands in `text` as a whole word (as `_WORD` would find it)."""
    at = text.find(token)
    while at >= 0:
        inside = at and (_LETTER.match(text, at - 1) or (
            text[at - 1] in "'’-" and at > 1 and _LETTER.match(text, at - 2)))
        if not inside and _WORD.match(text, at).end() == at + len(token):
            yield at
        at = text.find(token, at + 1)


def _touches(text: str, start: int, end: int) -> bool:
    """Is the word glued to a digit, an underscore or a handle/hashtag mark ("3rd", "km2", "#tbt")?"""
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@#")) or \
        (end < len(text) and (text[end].isalnum() or text[end] == "_"))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint `spans`?"""
    i = bisect_right(spans, (start, float("inf")))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)
