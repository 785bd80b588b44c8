"""Does a change leave cleaning as it was? Dump the default pipeline's results on a fixed set of
texts, change the code, dump again, compare.

    python benchmarks/equivalence.py dump OUT.jsonl
    python benchmarks/equivalence.py compare BEFORE.jsonl AFTER.jsonl

The texts (17,068): the inputs and gold texts of ../shared/bench/dev-cases.jsonl, the first
3,000 lines of each file of ../shared/bench/whitespace/, and 2,000 documents of tests/fuzz.py
(seed 7). Each line of the dump holds a text's output, its edits (span, after, stage, rule,
confidence, reason) and its metadata. `compare` counts the texts whose output, edits or metadata
differ and shows the first differences. Every speed change in benchmarks/README.md "Speed" was
checked this way.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "bench"
sys.path.insert(0, str(ROOT))


def texts() -> list[str]:
    from tests import fuzz
    out = []
    for line in open(SHARED / "dev-cases.jsonl", encoding="utf-8"):
        case = json.loads(line)
        out += [case["input"], case.get("gold_text") or ""]
    for path in sorted((SHARED / "whitespace").glob("*/*.txt"), key=str):
        with open(path, encoding="utf-8") as f:
            out += [line.rstrip("\n") for _, line in zip(range(3000), f)]
    base = fuzz._texts()
    out += [fuzz.document(7, i, base) for i in range(2000)]
    return out


def dump(path: str) -> None:
    from cleaner import Pipeline
    pipeline = Pipeline.default()
    with open(path, "w", encoding="utf-8") as f:
        for text in texts():
            r = pipeline.clean(text)
            edits = [(e.start, e.end, e.after, e.stage, e.rule, e.confidence, e.reason) for e in r.edits]
            f.write(json.dumps([r.text, edits, r.metadata], ensure_ascii=False, default=str) + "\n")


def compare(before: str, after: str, show: int = 5) -> int:
    a = open(before, encoding="utf-8").readlines()
    b = open(after, encoding="utf-8").readlines()
    if len(a) != len(b):
        print(f"different numbers of texts: {len(a)} and {len(b)}")
        return 1
    counts = {"output": 0, "edits": 0, "metadata": 0}
    shown = 0
    for i, (x, y) in enumerate(zip(a, b)):
        if x == y:
            continue
        (tx, ex, mx), (ty, ey, my) = json.loads(x), json.loads(y)
        for key, differs in (("output", tx != ty), ("edits", ex != ey), ("metadata", mx != my)):
            counts[key] += differs
        if shown < show and (tx != ty or ex != ey):
            shown += 1
            print(f"text {i}:")
            for e in sorted(map(tuple, ex), key=str):
                if list(e) not in ey:
                    print("  -", e[:6])
            for e in sorted(map(tuple, ey), key=str):
                if list(e) not in ex:
                    print("  +", e[:6])
    print(f"{len(a)} texts; differing output: {counts['output']}, edits: {counts['edits']}, "
          f"metadata: {counts['metadata']}")
    return 1 if counts["output"] or counts["edits"] else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args(argv)
    if args.command == "dump":
        dump(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
