"""Finding words in a document's text: chunks, letter runs, their occurrences, sentence starts.

Shared by the stages that read words (spacing, spelling, language, the report). The spacing
stage decides per distinct token and then visits only the few tokens that split, so these
helpers find tokens with str methods where they can and use regular expressions only where
they must.
"""
from __future__ import annotations

import re

LETTERS = re.compile(r"[^\W\d_]{3,}")           # letter runs; beside a digit or apostrophe they are skipped
_LETTER = re.compile(r"[^\W\d_]")
EDGE_PUNCTUATION = ".,;:!?\"'()[]“”‘’«»"
_POSSESSIVE = re.compile(r"['’]s(?![^\W_])")
_NOT_OPENING = re.compile(r'[^ "“‘(]')          # what no text before a first sentence holds
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’)]?\s+|\n)[\"“‘(]?\Z")
_SPACE = re.compile(r"\s")


def stands(text: str, words: str) -> bool:
    """Does `words` occur in `text` between non-letters?"""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if not (start and _LETTER.match(text, start - 1)) and not _LETTER.match(text, end):
            return True
        start = text.find(words, start + 1)
    return False


def chunk_spans(text: str, marks) -> list[tuple[int, int]]:
    """Sorted spans of the whitespace-delimited chunks around `marks` (regex matches), each chunk
    once: what a mark of a URL or of code protects is the whole chunk that holds it."""
    spans: list[tuple[int, int]] = []
    for mark, mark_end in sorted(m.span() for m in marks):
        if spans and mark < spans[-1][1]:
            continue                    # inside the chunk found already
        start = mark
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = _SPACE.search(text, mark_end)
        spans.append((start, end.start() if end else len(text)))
    return spans


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


def touches_word(text: str, start: int, end: int) -> bool:
    """Is the letter run glued to a digit, underscore or apostrophe ("don’t", "3rd", "COVID19")?
    A possessive after it is no glue: "withApple's" is "with Apple's"."""
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_’'")) or \
        (end < len(text) and (text[end].isalnum() or text[end] in "_’'") and not _POSSESSIVE.match(text, end))


def run_ending_at(text: str, end: int, low: int = 0) -> str:
    r"""The whole letter run (`[^\W\d_]+`, no letter before it) that ends at `end` and starts at `low`
    or after; "" where there is none. What a search for `(?<![^\W\d_])([^\W\d_]+)\Z` from `low` to
    `end` finds, a step back per character: the search tried every start in its window."""
    start = end
    while start > low and text[start - 1].isalnum() and not text[start - 1].isdecimal():
        start -= 1
    if start == end or (start and text[start - 1].isalnum() and not text[start - 1].isdecimal()):
        return ""
    return text[start:end]


_WORD_AFTER = re.compile(r" +([^\W\d_]+)(?![^\W\d_])")


def words_around(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after text[start:end], lower case, where only spaces stand
    between (a sentence end or a comma in between: None), as the word-pair model reads context
    (each side within 40 characters)."""
    low = max(0, start - 40)
    gap = start
    while gap > low and text[gap - 1] == " ":
        gap -= 1
    before = run_ending_at(text, gap, low) if gap < start else ""
    after = _WORD_AFTER.match(text, end, end + 40)
    return (before.lower() if before else None, after.group(1).lower() if after else None)
