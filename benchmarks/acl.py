"""Missing-space repair on the ACL tokenization-repair lines: inserted spaces, and spaces removed.

    python benchmarks/acl.py [--part test|development|both] [--bench DIR] [--limit N] [--show N]

The set of Bast, Hertel & Mohamed (EMNLP 2021): BENCH/tokenization-repair-acl/
{development,test}/corrupt.txt, text extracted from PDFs of ACL papers, line-aligned
with correct.txt, the same lines with their spaces repaired. BENCH is --bench, by
default ../shared/bench beside the checkout or else /work/shared/bench.

Each corrupt line goes through `cleaner.clean(line)` alone. Scored, with whitespace.py's
`space_positions` and `score`: the spaces cleaner *inserted*, right where correct.txt has
a space at that place. Precision counts every inserted space that correct.txt does not
have: the corrupt side also holds hyphenation (`ad-dressing`) and OCR garbage, and a space
inserted there is wrong too. Beside precision, the wrong insertions per 10,000 words of
correct.txt (false alarms come at a steady rate per word). The set also has spurious
spaces (`Abst rac t`); cleaner does not remove spaces inside words, but the spaces it
removed are counted: right where correct.txt has none there, wrong where it has one.

The development lines are for tuning and reading failures (--show N prints N lines with
a wrong insertion from them); the test lines are for reporting only. The default prints
test first, then development.
"""
import argparse
import sys
import time
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import (default_bench, on_corrupt, per_10k, score, space_positions, words,  # noqa: E402
                        wrong_insertions)

NO_TEST_SHOW = "--show reads failures case by case, and failures of the test lines are never read case by case"


def removed(pairs):
    """Spaces of the corrupt lines that the cleaned lines lack: (right, wrong, spurious in corrupt)."""
    right = wrong = spurious = 0
    for corrupt, cleaned, correct in pairs:
        have, got, want = space_positions(corrupt), space_positions(cleaned), space_positions(correct)
        gone = have - got
        right += len(gone - want)
        wrong += len(gone & want)
        spurious += len(have - want)
    return right, wrong, spurious


HEAD = (f"{'part':11} {'lines':>5} {'precision':>9} {'recall':>7} {'wrong/10k':>9}  {'(tp/fp/fn)':16} "
        f"removed: right/wrong of spurious")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("test", "development", "both"), default="both",
                    help="which folder (default: test, then development)")
    ap.add_argument("--bench", type=Path, default=None,
                    help="the shared benchmark folder (default: ../shared/bench, else /work/shared/bench)")
    ap.add_argument("--limit", type=int, default=None, help="first N lines of each part")
    ap.add_argument("--show", type=int, default=0, help="print N lines with a wrong insertion (development only)")
    args = ap.parse_args(argv)
    if args.show and args.part == "test":
        ap.exit(2, NO_TEST_SHOW + "\n")
    root = (args.bench or default_bench()) / "tokenization-repair-acl"
    parts = ("test", "development") if args.part == "both" else (args.part,)
    t0 = time.perf_counter()
    print(HEAD)
    failures = []
    for part in parts:
        corrupt = (root / part / "corrupt.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        correct = (root / part / "correct.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        assert len(corrupt) == len(correct), part
        cleaned = [cleaner.clean(c).text for c in corrupt]
        laid = [on_corrupt(c, x) for c, x in zip(corrupt, cleaned)]
        p, r, _, tp, fp, fn = score(zip(corrupt, laid, correct))
        right, wrong, spurious = removed(zip(corrupt, laid, correct))
        print(f"{part:11} {len(correct):5} {p:9.2%} {r:7.2%} {per_10k(fp, words(correct)):9.2f}  "
              f"{f'({tp}/{fp}/{fn})':16} {right + wrong} removed: {right}/{wrong} of {spurious}", flush=True)
        changed = sum(x.replace(" ", "") != c.replace(" ", "") for x, c in zip(cleaned, corrupt))
        if changed:
            print(f"note: {part}: on {changed} lines cleaner changed characters other than spaces; "
                  f"their spaces are scored laid over the corrupt line (whitespace.on_corrupt)")
        if part == "development":
            failures = [(x, w) for c, x, y, w in zip(corrupt, cleaned, laid, correct) if wrong_insertions(c, y, w)]
    for x, w in failures[:args.show]:
        print("   wrong:", x[:160]); print("   right:", w[:160])
    print(f"took {time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
