"""Finding words in a document's text: letter runs, their occurrences, sentence starts.

The spacing stage decides per distinct token and then visits only the few
tokens that split, so these helpers find tokens with str methods where they
can and use regular expressions only where they must.
"""
from __future__ import annotations

import re

LETTERS = re.compile(r"[^\W\d_]{3,}")           # letter runs; beside a digit or apostrophe they are skipped
_LETTER = re.compile(r"[^\W\d_]")
EDGE_PUNCTUATION = ".,;:!?\"'()[]“”‘’«»"
_POSSESSIVE = re.compile(r"['’]s(?![^\W_])")
_NOT_OPENING = re.compile(r'[^ "“‘(]')          # what no text before a first sentence holds
_GENUS_BEHIND = re.compile(r"(?<![^\W\d_])([A-Z][a-z]+|[A-Z]\.) \Z")
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’)]?\s+|\n)[\"“‘(]?\Z")


def stands(text: str, words: str) -> bool:
    """Does `words` occur in `text` between non-letters?"""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if not (start and _LETTER.match(text, start - 1)) and not _LETTER.match(text, end):
            return True
        start = text.find(words, start + 1)
    return False


def chunks(text: str) -> dict:
    """The distinct whitespace-delimited chunks of `text`, in document order (a dict keeps it).

    Most words stand between spaces, so word finders start from these: a chunk of letters
    is a word as it is, and only the others go through a regex."""
    return dict.fromkeys(text.split())


def letter_runs(text: str, distinct_chunks: dict | None = None) -> dict:
    """The distinct runs of three letters or more that `LETTERS` finds, in document order.

    `distinct_chunks` is `chunks(text)` when the caller has it already."""
    runs = {}
    for token in chunks(text) if distinct_chunks is None else distinct_chunks:
        if not token.isalpha():
            core = token.strip(EDGE_PUNCTUATION)     # "word," "(word" "“word”"
            if not core.isalpha():
                runs.update(dict.fromkeys(LETTERS.findall(token)))
                continue
            token = core
        if len(token) >= 3:
            runs[token] = None
    return runs


def letters_before(text: str, end: int, limit: int) -> str:
    r"""The letters (as `[^\W\d_]` matches them) running up to `end`, at most `limit` of them.

    A step back per character: a regex anchored at `end` would try every start in the window."""
    start, low = end, max(0, end - limit)
    while start > low and text[start - 1].isalnum() and not text[start - 1].isdecimal():
        start -= 1
    return text[start:end]


def number_before(text: str, end: int, limit: int) -> str:
    r"""The number (digits, commas and points, ending in a digit, maybe a "%") ending at `end`, within
    `limit` characters, as `[\d,.]*\d%?\Z` finds it; "" when there is none."""
    low, i = max(0, end - limit), end
    if i > low and text[i - 1] == "%":
        i -= 1
    if not (i > low and text[i - 1].isdecimal()):
        return ""
    i -= 1
    while i > low and (text[i - 1].isdecimal() or text[i - 1] in ",."):
        i -= 1
    return text[i:end]


def occurrences(text: str, word: str):
    """Where `word` stands as a whole letter run (as `LETTERS` finds it), found at C speed."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and _LETTER.match(text, start - 1)) and not _LETTER.match(text, end):
            yield start
        start = text.find(word, end)


def recurs(text: str, word: str) -> bool:
    """Does `word` occur more than once, unsplit? Then it is a term of this document, not glue."""
    first = text.find(word)
    return text.find(word, first + len(word)) >= 0


def at_sentence_start(text: str, pos: int) -> bool:
    """Does a sentence start at `pos`: the text's start, or a sentence end before it (opening quote allowed)?"""
    return not _NOT_OPENING.search(text, 0, pos) or bool(_SENTENCE_END.search(text, max(0, pos - 6), pos))


def genus_behind(text: str, pos: int) -> str | None:
    """The capitalised word or initial right before the word at `pos` ("Mauritia carana",
    "M. caninus"), where a Latin species name puts its first word; None if there is none."""
    m = _GENUS_BEHIND.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


def touches_word(text: str, start: int, end: int) -> bool:
    """Is the letter run glued to a digit, underscore or apostrophe ("don’t", "3rd", "COVID19")?
    A possessive after it is no glue: "withApple's" is "with Apple's"."""
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_’'")) or \
        (end < len(text) and (text[end].isalnum() or text[end] in "_’'") and not _POSSESSIVE.match(text, end))


_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) +\Z")
_WORD_AFTER = re.compile(r" +([^\W\d_]+)(?![^\W\d_])")


def words_around(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after text[start:end], lower case, where only spaces stand
    between (a sentence end or a comma in between: None), as the word-pair model reads context."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end, end + 40)
    return (before.group(1).lower() if before else None, after.group(1).lower() if after else None)


_CHUNK = re.compile(r"\S+")
# what prose never writes inside a chunk: symbols OCR makes of letters, a digit inside letters,
# punctuation other than a stop twice between letters ("Thompsm~", "inl;(;resl;ed", "l;h;fl;");
# an abbreviation ("U.S.", "e.g.") or one glued comma ("embargo,el") is prose
_GARBLED = re.compile(r"[~|\\\[\]{}^=<>*@#]|[^\W\d_]\d+[^\W\d_]|[^\W\d_][^\w\s'’.-]+[^\W\d_]+[^\w\s'’.-]+[^\W\d_]")


def noise_around(text: str, pos: int, reach: int = 3) -> float:
    """The share of the `reach` chunks before and after the one at `pos` that look garbled
    (`_GARBLED`): 0 in running prose, its names and glue included ("embargo,el", "dijo;otra");
    high in OCR garbage and formulas, where a PDF's fragments look like glue."""
    start = text.rfind(" ", 0, pos) + 1
    end = text.find(" ", pos)
    end = len(text) if end < 0 else end
    window = _CHUNK.findall(text, max(0, start - 20 * reach), start)[-reach:] + \
        _CHUNK.findall(text, end, end + 20 * reach)[:reach]
    if not window:
        return 0.0
    return sum(1 for chunk in window if _GARBLED.search(chunk)) / len(window)


_LETTERS_BEFORE = re.compile(r"([^\W\d_]+)[^\w\s]*\Z")
_LETTERS_AFTER = re.compile(r"[^\w\s]*([^\W\d_]+)")


def letters_beside(text: str, pos: int) -> tuple[str, str]:
    """The letters right before `pos` and right after it, across the punctuation glued there
    ("dijo;|otra" → "dijo", "otra"; "ext)|eriment" → "ext", "eriment"); "" where there are none."""
    before = _LETTERS_BEFORE.search(text, max(0, pos - 40), pos)
    after = _LETTERS_AFTER.match(text, pos, pos + 40)
    return (before.group(1) if before else "", after.group(1) if after else "")


_PIECE_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(?:- ?| )\Z")     # "de-|script", "consider |at"
_PIECE_AFTER = re.compile(r"(?:- ?| )([^\W\d_]+)(?![^\W\d_])")


def torn(text: str, start: int, end: int, is_word) -> bool:
    """Is text[start:end] a piece of one word that a stray space or a line-break hyphen tore
    apart: does it make a real word (`is_word`, lower case) with the letters right before or after
    it? PDF text tears words so ("An important consider|at ion", "de-script|ions",
    "transform|a-tions"), and a split of the piece would tear it further."""
    piece = text[start:end].lower()
    before = _PIECE_BEFORE.search(text, max(0, start - 40), start)
    after = _PIECE_AFTER.match(text, end, end + 40)
    return bool(before and is_word(before.group(1).lower() + piece)
                or after and is_word(piece + after.group(1).lower()))
