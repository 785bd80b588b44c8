"""Mojibake repair on the development cases, apart from every other defect.

    python benchmarks/mojibake.py [CASES.jsonl] [--split both|held|tune|all]

score.py counts a mojibake document as repaired only when the whole body is
exact, so glued words and headers hide what the encoding stage did. Here a
document counts when the cleaned text holds exactly the non-ASCII characters
of the gold text: nothing left over ("Ã", "â€", "�"), nothing missing.
The halves are score.py's (a hash of the case id); the default reports the
held-out half first, then the tuning half. Failures are printed for the
tuning half only: held-out cases are not read case by case.
"""
import argparse
import json
import sys
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import half  # noqa: E402  (score.py's halves)

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"


def non_ascii(text):
    return {ch for ch in text if ord(ch) > 127}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES), help="the development cases (JSONL)")
    ap.add_argument("--split", choices=("held", "tune", "all", "both"), default="both",
                    help="which half (default: held, then tune)")
    args = ap.parse_args(argv)
    cases = [json.loads(line) for line in open(args.cases, encoding="utf-8") if line.strip()]
    cases = [c for c in cases if any(d["type"] == "mojibake" for d in c["defects"])]
    for part in (("held", "tune") if args.split == "both" else (args.split,)):
        chosen = [c for c in cases if part == "all" or half(c["id"]) == part]
        failed = 0
        for c in chosen:
            out = cleaner.clean(c["input"]).text
            extra, missing = non_ascii(out) - non_ascii(c["gold_text"]), non_ascii(c["gold_text"]) - non_ascii(out)
            if extra or missing:
                failed += 1
                if part != "held":
                    print(f"{c['id']}: left over {sorted(extra)}, missing {sorted(missing)}")
        print(f"{part}: mojibake documents repaired: {len(chosen) - failed}/{len(chosen)}")


if __name__ == "__main__":
    main()
