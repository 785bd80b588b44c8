"""Glue or one word? How a token shape reads in the tuning halves, and what cleaner does with it.

    python benchmarks/shapes.py PATTERN [--bench DIR] [--examples N]

PATTERN is a regular expression with two groups, the two sides of a possible missing space
(`'(?<![\\w-])([a-z]{4,})([A-Z]{2,})(?![\\w])'`: a word glued to an acronym). Every match in the
corrupt side of the texts the decision is fitted on (`fit_spacing.texts`: the tuning halves of the
development cases, doval-drop5 and wiki-drop5, and the ACL development file) is labelled by the
gold text: glue (the gold writes the two
sides apart), whole (the gold writes them together) or unclear (both or neither); and by what
`cleaner.clean` made of the text: split or kept. A shape that is mostly glue and mostly kept is
a finder's gap; one that is mostly whole and split is damage. The held-out halves are never read:
a rule found here is judged on them with whitespace.py and score.py, totals only.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit_spacing import texts as tuning_texts  # noqa: E402
from whitespace import default_bench  # noqa: E402


def shapes(pattern: re.Pattern, texts) -> dict[tuple[str, str], list[str]]:
    """(gold reading, cleaner's reading) → the tokens of that kind, in order; `texts` gives
    (set, corrupt, gold) as `fit_spacing.texts` does."""
    found = defaultdict(list)
    for _, corrupt, gold in texts:
        matches = list(pattern.finditer(corrupt))
        if not matches:
            continue
        cleaned = cleaner.clean(corrupt).text
        for m in matches:
            left, right = m.group(1), m.group(2)
            apart, whole = f"{left} {right}" in gold, f"{left}{right}" in gold
            kind = "glue" if apart and not whole else "whole" if whole and not apart else "unclear"
            found[(kind, "split" if f"{left} {right}" in cleaned else "kept")].append(left + right)
    return found


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pattern", help="a regular expression with two groups: the sides of a possible missing space")
    ap.add_argument("--bench", type=Path, default=None,
                    help="the shared benchmark folder (default: ../shared/bench, else /work/shared/bench)")
    ap.add_argument("--examples", type=int, default=20, help="tokens shown of each kind")
    args = ap.parse_args(argv)
    pattern = re.compile(args.pattern)
    if pattern.groups != 2:
        ap.error("the pattern needs exactly two groups")
    found = shapes(pattern, tuning_texts(args.bench or default_bench()))
    counts = Counter({kind: len(tokens) for kind, tokens in found.items()})
    for (kind, done), n in sorted(counts.items()):
        print(f"{kind:8} {done:6} {n:5}  {', '.join(found[(kind, done)][:args.examples])}")


if __name__ == "__main__":
    main()
