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
    return 0


if __name__ == "__main__":
    sys.exit(main())
