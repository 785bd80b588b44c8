"""Missing spaces in English prose that no step of #15 was tuned or selected on: State of the Union sentences.

    python benchmarks/unseen_prose.py [--split held|tune|both] [--documents] [--show N]

The held-out halves of the whitespace sets decided which features the spacing decision keeps:
each was scored on them before it was kept or dropped, so they are no longer text the model has
never met. These sentences are (benchmarks/data/sotu-sentences.jsonl: 5,103 sentences, 105k
words, of the addresses of 1961 to 2021; SOURCE.md). The corrupt side is made as doval-drop5 and
wiki-drop5 were: each space dropped with probability 0.05, by a random generator seeded with the
sentence's id, so that every run drops the same spaces. Scored as `whitespace.py` scores: the
spaces `cleaner.clean(line)` inserts, right where the sentence had one; precision, recall and
wrong insertions per 10,000 words; beside them the spaces it inserts into the sentences as they
were (clean lines). With --documents, each address's sentences of the half are also cleaned as
one document (a paragraph a sentence), so that document evidence works as in an article.

Halves by a hash of the id (whitespace.half). Report the held-out half; --show N prints N tuning
lines with a wrong insertion, and nothing of the held-out half.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import (HEAD, NO_HELD_SHOW, half, on_corrupt, per_10k, row, space_positions,  # noqa: E402
                        words, wrong_insertions)

DATA = Path(__file__).resolve().parent / "data" / "sotu-sentences.jsonl"
DROP = 0.05         # each space dropped with this probability, as in doval-drop5 and wiki-drop5


def sentences() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def dropped(sentence: dict) -> str:
    """The sentence with each space dropped with probability DROP, the same every run."""
    rng = random.Random(sentence["id"])
    return "".join(part + ("" if rng.random() < DROP else " ") for part in sentence["text"].split(" "))[:-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("held", "tune", "both"), default="both")
    ap.add_argument("--documents", action="store_true", help="also each address's sentences as one document")
    ap.add_argument("--show", type=int, default=0, help="print N tuning lines with a wrong insertion")
    args = ap.parse_args(argv)
    if args.show and args.split == "held":
        ap.exit(2, NO_HELD_SHOW + "\n")
    t0 = time.perf_counter()
    rows = sentences()
    print(HEAD)
    for part in (("held", "tune") if args.split == "both" else (args.split,)):
        mine = [r for r in rows if half(r["id"]) == part]
        correct = [r["text"] for r in mine]
        corrupt = [dropped(r) for r in mine]
        cleaned = [on_corrupt(c, cleaner.clean(c).text) for c in corrupt]
        print(row("sotu-drop5", part, "default pipeline, per line", corrupt, cleaned, correct), flush=True)
        if args.documents:
            speeches = collections.defaultdict(list)
            for k, r in enumerate(mine):
                speeches[r["id"].rsplit("-", 1)[0]].append(k)
            as_documents = [""] * len(mine)
            for ks in speeches.values():
                for k, line in zip(ks, cleaner.clean("\n\n".join(corrupt[k] for k in ks)).text.split("\n\n")):
                    as_documents[k] = on_corrupt(corrupt[k], line)
            print(row("sotu-drop5", part, "default pipeline, per address", corrupt, as_documents, correct), flush=True)
        inserted = sum(len(space_positions(on_corrupt(w, cleaner.clean(w).text)) - space_positions(w)) for w in correct)
        print(f"{'sotu-drop5':14} {part:4} {'clean lines, per line':30} {len(correct):6} {inserted} spaces inserted "
              f"in {words(correct):,} words = {per_10k(inserted, words(correct)):.2f} per 10k words", flush=True)
        if args.show and part == "tune":
            shown = [(x, w) for c, x, w in zip(corrupt, cleaned, correct) if wrong_insertions(c, x, w)]
            for x, w in shown[:args.show]:
                print("   wrong:", x[:160])
                print("   right:", w[:160])
    print(f"took {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
