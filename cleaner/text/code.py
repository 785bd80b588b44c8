"""Code inside prose: spans written in a programming language, which no word-level stage reads.

Why: scraped and exported text quotes code ("call `os.path.join()`", "raise ValueError(msg)",
a `>>>` session, a fenced block). A glued-word model reads `print(x)` as a word glued to a
parenthesis and `exc_info` as no word at all; every change it makes there breaks the code. Only
what is code by its own syntax is found here, so prose keeps every repair:

- inline code between backticks (Markdown, reStructuredText);
- fenced blocks (three backticks or tildes on a line of their own, to the closing fence);
- interactive sessions: lines that start with the `>>>` prompt, and the `...` lines that go on
  from them;
- a literal block: lines indented deeper than the paragraph before them, which ends in a colon
  ("is equivalent to:"), after a blank line, when one of them reads as a statement (it ends in
  `:`, `{` or `;`, calls a name: `f(`, assigns: `x = 1`, or is a comment: `# …`);
- a whitespace-delimited chunk that holds a mark of code no prose uses: words joined by an
  underscore (`exc_info`, `__init__`; not a numbered placeholder glued to a word, which
  Wikipedia extracts hold: "item_3was"), an empty call or a call of a call's result
  (`f()`, `g(x)(y)`), an assignment or comparison between word characters (`key=value`,
  `a==b`), an arrow or a scope (`->`, `::`).

A document in which any of these is found holds code, and there more kinds of chunk are read
as code: a call (`name(` …, "see find(text)"), a quoted token without spaces ("the "SortedList"
type": help text renders inline code so), a name with a capital inside it after a lower-case
letter (`SequenceMatcher`, `maxDiff`: the names of classes and attributes), and a dotted name
(`io.TextIOWrapper`, `decimal.Decimal`). In prose without code they are left to the stages: a
word glued to a parenthesis ("the river(Canada)"), a quoted word glued to another, a name glued to
a word ("withGerman") and a sentence glued after its stop ("capitals.Talks") are ordinary damage
there.
"""
from __future__ import annotations

import re

from .scan import finditer, per_mark
from .tokens import chunk_spans

_INLINE = re.compile(r"`[^`\n]{1,500}`")
_FENCED = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_SESSION = re.compile(r"^[ \t]*>>>(?: .*)?(?:\n[ \t]*\.\.\.(?: .*)?)*$", re.MULTILINE)
# what marks a chunk as code; each pattern led by a literal character (cleaner.text.scan)
_MARKS = (
    re.compile(r"_(?<=[^\W\d]_)(?=[^\W\d])"),       # snake_case, __dunder__ (not a numbered name: "item_10")
    re.compile(r"\((?<=[\w)]\()\)"),                # f(), g(x)()
    re.compile(r"\)\((?<=\w\)\()"),                 # g(x)(y)
    *per_mark("=", r"(?<=\w=)=?(?=[\w\"'(\[])"),    # key=value, a==b
    *per_mark("!<>", r"=(?<=\w[!<>]=)"),            # a!=b, a<=b
    re.compile(r"->"), re.compile(r"::"),
)
# in a document that holds code: a call, a quoted token without spaces, a name with an inner capital,
# a dotted name
_IN_CODE = (re.compile(r"\((?<=[^\W\d]\()"), re.compile(r'(?<!\S)"[^\s"]+"'), re.compile(r"(?<!\S)“[^\s“”]+”"),
            re.compile(r"[a-z][A-Z]"),                  # SequenceMatcher, maxDiff
            re.compile(r"\.(?<=[a-z]\.)(?=[A-Za-z])"))   # io.TextIOWrapper, decimal.Decimal
_COLON_BREAK = re.compile(r":[ \t]*\n(?:[ \t]*\n)+")     # a line ending in a colon, then blank lines
_STATEMENT = re.compile(r"[:{;][ \t]*$|[^\W\d]\w*\(|\w[ \t]*[-+*/]?=[ \t]*[\w\"'(\[]|^[ \t]*(?:#|//)", re.MULTILINE)


def code_spans(text: str, elsewhere: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of `text` that are code (unsorted, may overlap). A chunk of `elsewhere` (the chunks
    protect.py keeps whole for another reason: URLs, e-mail addresses, @mentions, as
    `tokens.chunk_spans` gives them) is no sign of code, whatever marks it holds: a news article that
    links to `…/some_page?id=3` holds no code, and its glue ("withGerman", "capitals.Talks") stays the
    spacing stage's to repair."""
    spans = []
    if "`" in text or "~~~" in text:
        spans += [m.span() for m in _FENCED.finditer(text)]
    if "`" in text:
        spans += [m.span() for m in _INLINE.finditer(text)]
    if ":\n" in text or ":\r\n" in text:
        spans += [(start, end) for start, end in _literal_blocks(text) if _STATEMENT.search(text, start, end)]
    if ">>>" in text:
        spans += [m.span() for m in _SESSION.finditer(text)]
    links = set(elsewhere)
    spans += [span for span in chunk_spans(text, finditer(_MARKS, text)) if span not in links]
    if spans:
        spans += chunk_spans(text, finditer(_IN_CODE, text))
    return spans


def _literal_blocks(text: str):
    """(start, end) of each run of lines indented deeper than the line before a blank line that ends
    in a colon (blank lines between them included)."""
    for colon in _COLON_BREAK.finditer(text):
        line = text.rfind("\n", 0, colon.start()) + 1
        indent = _indent(text, line)
        start = end = colon.end()
        while end < len(text):
            stop = text.find("\n", end)
            stop = len(text) if stop < 0 else stop + 1
            if text[end:stop].strip() and _indent(text, end) <= indent:
                break
            end = stop
        if end > start:
            yield start, end


def _indent(text: str, line: int) -> int:
    """How many spaces and tabs begin the line that starts at `line`."""
    end = line
    while end < len(text) and text[end] in " \t":
        end += 1
    return end - line
