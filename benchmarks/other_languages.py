"""Missing spaces in languages the spacing stage has no model for: what it must leave alone.

    python benchmarks/other_languages.py [--seed N] [--copies N]

The French, German, Portuguese, Italian, Dutch, Catalan and Romanian paragraphs of
benchmarks/data/language-paragraphs.jsonl (written for this project), cut into sentences of 4
words or more, each sentence cleaned alone with 5% of its spaces dropped (--copies drops per
sentence, seeded). A sentence is short, so the language stage leaves its language unset and the
spacing stage must tell for itself that no word list of its own fits: #15 asks that such text is
never split by another language's model. Counted: spaces inserted where the sentence had none
(wrong: a word torn, "tegen" → "te gen"), and dropped spaces put back (at punctuation, where no
word list is needed, or by luck).

Then the same paragraphs inside another language's document: two long paragraphs of a
language, one of another, two more of the first, cleaned whole and left clean: every space the
spacing stage puts inside the foreign paragraph is wrong (the English word list read "sono" as
"so no"). Each of the nine languages with each other, three foreign paragraphs a pair.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import per_10k, space_positions  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "language-paragraphs.jsonl"
MODELLED = ("en", "es")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--copies", type=int, default=3, help="drops of each sentence")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    right = wrong = words = 0
    shown = []
    for record in map(json.loads, DATA.read_text(encoding="utf-8").splitlines()):
        if record["language"] in MODELLED:
            continue
        for sentence in (s for s in re.split(r"(?<=[.!?])\s+", record["text"]) if len(s.split()) >= 4):
            for _ in range(args.copies):
                text = "".join(ch for ch in sentence if ch != " " or rng.random() > 0.05)
                inserted = space_positions(cleaner.clean(text).text) - space_positions(text)
                gold = space_positions(sentence)
                right += len(inserted & gold)
                wrong += len(inserted - gold)
                words += len(sentence.split())
                if inserted - gold and len(shown) < 5:
                    shown.append(f"   {record['language']}: {cleaner.clean(text).text[:100]}")
    print(f"{words:,} words of {', '.join(sorted({'fr', 'de', 'pt', 'it', 'nl', 'ca', 'ro'}))} sentences, 5% of spaces "
          f"dropped: {wrong} wrong insertions ({per_10k(wrong, words):.2f} per 10k words), {right} dropped spaces "
          "put back")
    print("\n".join(shown))
    mixed()
    return 0


def mixed(base_paragraphs: int = 4, foreign_paragraphs: int = 3, min_words: int = 30) -> None:
    """Spaces inserted inside a paragraph of another language, in documents left clean."""
    by_language: dict[str, list[str]] = {}
    for record in map(json.loads, DATA.read_text(encoding="utf-8").splitlines()):
        if len(record["text"].split()) >= min_words:
            by_language.setdefault(record["language"], []).append(record["text"])
    documents = wrong = 0
    pairs = {}
    for a, own in by_language.items():
        for b, theirs in by_language.items():
            if a == b:
                continue
            for foreign in theirs[:foreign_paragraphs]:
                before = "\n\n".join(own[:base_paragraphs // 2]) + "\n\n"
                text = before + foreign + "\n\n" + "\n\n".join(own[base_paragraphs // 2:base_paragraphs])
                start, end = len(before), len(before) + len(foreign)
                found = sum(1 for e in cleaner.clean(text).edits
                            if e.stage == "spacing" and e.kind == "fix" and start <= e.start <= end)
                documents += 1
                wrong += found
                if found:
                    pairs[f"{b} in {a}"] = pairs.get(f"{b} in {a}", 0) + found
    print(f"{documents} documents with a paragraph of another language: {wrong} spaces inserted inside it"
          + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(pairs.items()))})" if pairs else ""))


if __name__ == "__main__":
    sys.exit(main())
