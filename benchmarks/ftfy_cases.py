"""ftfy's own test cases through the whole pipeline: mojibake repaired, and clean text left alone.

    python benchmarks/ftfy_cases.py [--bench DIR] [--split both|held|tune|all]

BENCH/ftfy-cases/ (../shared/bench, Apache-2.0, provenance in its SOURCE.txt) holds ftfy's test
cases: `original` text and the `fixed` text ftfy.fix_text makes of it (`fixed-encoding`, where
given, is what ftfy.fix_encoding makes: the encoding repaired, typography kept). Each original
goes through `cleaner.clean(text)` alone. A repair case counts as
- exact: the cleaned text is the expected encoding repair (`fixed-encoding`, else `fixed`);
- typography aside: equal once both have straight quotes and single spaces (ftfy's defaults
  straighten quotes, and cleaner's whitespace stage makes no-break spaces plain and runs of
  spaces one; those are the pipeline's design, not its encoding repair).
negative.json is text that must not change (a few of its cases, "mostly negative", expect one C1
control character repaired): counted as expected exactly, and but for whitespace. known-failures.json is what ftfy itself fails: counted where cleaner gets it right.
Beside each line, ftfy.fix_text's own count against `fixed`, on the same texts.

The halves are by a hash of the original text (`whitespace.half`, score.py's scheme); the default
reports the held-out half first. Failures are printed for the tuning half only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import ftfy
from ftfy.fixes import uncurl_quotes

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import default_bench, half  # noqa: E402

REPAIRS = ("in-the-wild", "synthetic", "language-names")


def plain(text: str) -> str:
    """The text with straight quotes and single spaces: what is left when typography is set aside."""
    return " ".join(uncurl_quotes(text).split())


def expected(case: dict) -> str:
    return case.get("fixed-encoding", case["fixed"])


def score(name: str, cases: list[dict], show: bool) -> str:
    exact = aside = ftfy_right = 0
    for case in cases:
        out = cleaner.clean(case["original"]).text
        want = expected(case)
        exact += out == want
        aside += plain(out) == plain(want)
        ftfy_right += ftfy.fix_text(case["original"]) == case["fixed"]
        if show and plain(out) != plain(want):
            print(f"   {name}: {case['label']}\n      got:  {out[:110]!r}\n      want: {want[:110]!r}")
    n = len(cases)
    if name == "negative":
        return (f"{name:15} {n:4}  as expected {exact:3} ({exact / n:.0%}), but for whitespace {aside:3} "
                f"({aside / n:.0%})   ftfy.fix_text {ftfy_right}")
    if name == "known-failures":
        return (f"{name:15} {n:4}  repaired where ftfy fails: exact {exact}, typography aside {aside}   "
                f"ftfy.fix_text {ftfy_right}")
    return (f"{name:15} {n:4}  exact {exact:3} ({exact / n:.0%}), typography aside {aside:3} ({aside / n:.0%})   "
            f"ftfy.fix_text {ftfy_right}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=None,
                    help="the shared benchmark folder (default: ../shared/bench, else /work/shared/bench)")
    ap.add_argument("--split", choices=("held", "tune", "both", "all"), default="both",
                    help="which half of the cases, by a hash of the original text (default: held, then tune)")
    args = ap.parse_args(argv)
    root = (args.bench or default_bench()) / "ftfy-cases"
    sets = {name: json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
            for name in (*REPAIRS, "negative", "known-failures")}
    for part in {"both": ("held", "tune"), "held": ("held",), "tune": ("tune",), "all": ("all",)}[args.split]:
        print(f"{part}:")
        for name, cases in sets.items():
            chosen = [c for c in cases if part == "all" or half(c["original"]) == part]
            print("  " + score(name, chosen, show=part == "tune"), flush=True)


if __name__ == "__main__":
    main()
