"""Mojibake repair on the development cases, apart from every other defect.

    python benchmarks/mojibake.py [CASES.jsonl]

score.py counts a mojibake document as repaired only when the whole body is
exact, so glued words and headers hide what the encoding stage did. Here a
document counts when the cleaned text holds exactly the non-ASCII characters
of the gold text: nothing left over ("Ã", "â€", "�"), nothing missing.
"""
import json
import sys
from pathlib import Path

import cleaner

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"


def non_ascii(text):
    return {ch for ch in text if ord(ch) > 127}


def main(argv=None):
    path = (argv or sys.argv[1:] or [str(DEFAULT_CASES)])[0]
    cases = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    cases = [c for c in cases if any(d["type"] == "mojibake" for d in c["defects"])]
    failed = 0
    for c in cases:
        out = cleaner.clean(c["input"]).text
        extra, missing = non_ascii(out) - non_ascii(c["gold_text"]), non_ascii(c["gold_text"]) - non_ascii(out)
        if extra or missing:
            failed += 1
            print(f"{c['id']}: left over {sorted(extra)}, missing {sorted(missing)}")
    print(f"mojibake documents repaired: {len(cases) - failed}/{len(cases)}")


if __name__ == "__main__":
    main()
