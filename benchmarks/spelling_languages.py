"""Spelling in other languages (#19): one slip put in UDHR sentences and paragraphs, flagged?

    python benchmarks/spelling_languages.py [--split held|tune|both] [--show N]

Data: the sentences and paragraphs of benchmarks/data/udhr-languages.jsonl (the Universal
Declaration of Human Rights, nobody tuned on it) in the languages pyspellchecker has a list for.
In each item one word is misspelt by one edit — a letter dropped, doubled, replaced by a
neighbouring letter of the alphabet, or two letters swapped — chosen by a hash of the item's id:
a lower-case word of 6 letters or more, not the first, whose slip no word list knows (wordfreq:
Zipf 0). Each misspelt item goes through `cleaner.clean(text)` alone, its language left to the
language stage. Scored per language: the slip flagged (a spelling edit over it), and flagged with
the right word among the suggestions (and as the first). The untouched items give the false flags:
spelling flags per 1,000 words of clean text, where every flag is wrong (names, rare words).
#19 asks, for Spanish, French, German and Russian: misspellings flagged with the right suggestion
>= 90%, names never flagged. Halves by a hash of the id (score.py's scheme); --show prints misses
of the tune half only.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from languages_unseen import halves_arguments  # noqa: E402
from whitespace import half  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "udhr-languages.jsonl"
LISTED = ("ar", "de", "en", "es", "eu", "fa", "fr", "it", "lv", "nl", "pt", "ru")   # pyspellchecker's lists
ASKED = ("es", "fr", "de", "ru")
MIN_LETTERS = 6


def _number(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


def _unknown(word: str, language: str) -> bool:
    import wordfreq
    return wordfreq.zipf_frequency(word, language) == 0


def slip(item: dict) -> tuple[str, int, int, str] | None:
    """(misspelt text, start, end of the slip in it, the right word), or None when the item has
    no word to misspell."""
    import regex
    text, language = item["text"], item["language"]
    words = [m for m in regex.finditer(r"\p{L}+", text)][1:]
    words = [m for m in words if len(m.group()) >= MIN_LETTERS and m.group() == m.group().lower()]
    if not words:
        return None
    n = _number(item["id"])
    for k in range(len(words)):
        m = words[(n + k) % len(words)]
        word = m.group()
        i = (n >> 8) % (len(word) - 2) + 1              # never the first letter
        kind = (n >> 16) % 4
        if kind == 0:
            wrong = word[:i] + word[i + 1:]
        elif kind == 1:
            wrong = word[:i] + word[i] + word[i:]
        elif kind == 2:
            wrong = word[:i] + chr(ord(word[i]) + (1 if word[i] not in "zяي" else -1)) + word[i + 1:]
        else:
            wrong = word[:i] + word[i + 1] + word[i] + word[i + 2:] if word[i] != word[i + 1] else None
        if wrong and wrong != word and _unknown(wrong, language):
            return text[:m.start()] + wrong + text[m.end():], m.start(), m.start() + len(wrong), word
    return None


def score(items):
    by_language = defaultdict(Counter)
    misses = []
    for item in items:
        language = item["language"]
        clean = cleaner.clean(item["text"])
        c = by_language[language]
        c["words"] += len(item["text"].split())
        c["false flags"] += sum(1 for e in clean.edits if e.stage == "spelling")
        made = slip(item)
        if made is None:
            continue
        text, start, end, right = made
        result = cleaner.clean(text)
        c["slips"] += 1
        c["language right"] += result.metadata.get("language") == language
        flags = [e for e in result.edits if e.stage == "spelling" and e.start <= start < e.end]
        if flags:
            c["flagged"] += 1
            suggestions = [s.strip() for s in flags[0].after.split(",")]
            c["suggested"] += right in suggestions
            c["first"] += bool(suggestions) and suggestions[0] == right
        if not flags or right not in [s.strip() for s in flags[0].after.split(",")]:
            misses.append((item, text[start:end], right, flags[0].after if flags else None,
                           result.metadata.get("language")))
    return by_language, misses


def report(name: str, by_language) -> None:
    print(f"== {name}")
    print(f"{'language':8} {'slips':>5} {'flagged':>8} {'suggested':>9} {'first':>6} {'lang ok':>7}  false flags per 1k words")
    total = Counter()
    for language in sorted(by_language):
        c = by_language[language]
        total.update(c)
        n = c["slips"]
        print(f"{language:8} {n:5} {c['flagged'] / max(n, 1):8.1%} {c['suggested'] / max(n, 1):9.1%} "
              f"{c['first'] / max(n, 1):6.1%} {c['language right'] / max(n, 1):7.1%}  "
              f"{c['false flags'] * 1000 / max(c['words'], 1):.1f} ({c['false flags']} in {c['words']:,} words)")
    asked = Counter()
    for language in ASKED:
        asked.update(by_language.get(language, Counter()))
    print(f"es, fr, de, ru together: {asked['suggested']}/{asked['slips']} flagged with the right suggestion "
          f"({asked['suggested'] / max(asked['slips'], 1):.1%}; #19 asks >= 90%)")


def main(argv=None) -> int:
    args = halves_arguments(__doc__.splitlines()[0], argv, "misses")
    items = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    items = [i for i in items if i["kind"] in ("sentence", "paragraph") and i["language"] in LISTED]
    t0 = time.perf_counter()
    for part in (("held", "tune") if args.split == "both" else (args.split,)):
        by_language, misses = score([i for i in items if half(i["id"]) == part])
        report(part, by_language)
        if part == "tune":
            for item, wrong, right, after, got in misses[:args.show]:
                print(f"   {item['id']} ({got}): {wrong!r} for {right!r}: {after!r}")
    print(f"took {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
