"""Spelling flags: misspellings found and rightly suggested, flags on clean text, speed.

    python benchmarks/spelling.py [--show N] [--repeat N] [--cases CASES.jsonl]

1. Injected misspellings (benchmarks/data/spelling-injected.jsonl, see
   benchmarks/data/SOURCE.md): 300 sentences, each with one misspelling from
   codespell's list (Wikipedia's common misspellings) put in place of the word
   it misspells. Share flagged, and share with the right word among the
   suggestions; other flags in those sentences.
2. Real slips: the ACL tokenization-repair sentences (../shared/bench/
   tokenization-repair-acl), where one lower-case word of `correct.txt` differs
   from `spelling.txt` (PDF extraction slips: "hoice", "fiom").
3. Clean news: the default pipeline on the dev cases that need no change (kind
   clean); spelling flags per 10k words, and the example record's flags.
4. Speed of the stage alone (language given) on all dev inputs, best of N: with
   every unknown word judged anew, and with the verdicts the stage remembers
   across documents (as in a long run).
"""
from __future__ import annotations

import argparse
import difflib
import gc
import json
import time
from collections import Counter
from pathlib import Path

import cleaner
from cleaner import Pipeline
from cleaner.stages import spelling as spelling_stage
from cleaner.stages.spelling import SpellingStage

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0] / ".." / "shared"
INJECTED = HERE / "data" / "spelling-injected.jsonl"
EXAMPLE = SHARED / "examples" / "nato-2022-10-12.txt"


def found(edits, start, end):
    return [e for e in edits if e.kind == "flag" and e.start == start and e.end == end]


def injected(p, show):
    rows = [json.loads(line) for line in open(INJECTED, encoding="utf-8")]
    flagged = right = others = 0
    missed = []
    for row in rows:
        r = p.clean(row["text"])
        hit = found(r.edits, row["start"], row["end"])
        flagged += bool(hit)
        ok = bool(hit) and row["right"] in hit[0].after.split(", ")
        right += ok
        others += len(r.flags) - len(hit)
        if not ok:
            missed.append(f"{row['wrong']}→{row['right']} ({hit[0].after if hit else 'not flagged'})")
    n = len(rows)
    print(f"1. injected misspellings: flagged {flagged}/{n} ({flagged / n:.1%}), right word among the "
          f"suggestions {right}/{n} ({right / n:.1%}); other flags in those {n} sentences: {others}")
    if show:
        print("   misses:", "; ".join(missed[:show]))


def real_slips(p, show):
    pairs = []
    for split in ("development", "test"):
        base = SHARED / "bench" / "tokenization-repair-acl" / split
        for have, want in zip(open(base / "correct.txt", encoding="utf-8"), open(base / "spelling.txt", encoding="utf-8")):
            a, b = have.split(), want.split()
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and a[i1].isalpha() and b[j1].isalpha() \
                        and a[i1].islower() and b[j1].islower() and len(a[i1]) >= 3:
                    pairs.append((have, a[i1], b[j1]))
    flagged = right = 0
    missed = []
    for line, wrong, want in pairs:
        r = p.clean(line)
        hits = [e for e in r.flags if e.before == wrong]
        flagged += bool(hits)
        right += bool(hits) and want in hits[0].after.split(", ")
        if not hits:
            missed.append(f"{wrong}→{want}")
    n = len(pairs)
    print(f"2. real slips (ACL PDF text): flagged {flagged}/{n} ({flagged / n:.1%}), right word among the "
          f"suggestions {right}/{n} ({right / n:.1%})")
    if show:
        print("   not flagged:", ", ".join(missed[:show]))


def clean_news(cases, show):
    docs = [json.loads(line) for line in open(cases, encoding="utf-8") if line.strip()]
    clean = [d for d in docs if d.get("kind") == "clean" or not d["defects"]]
    words = sum(len(d["input"].split()) for d in clean)
    flags = Counter()
    for d in clean:
        for e in cleaner.clean(d["input"]).flags:
            if e.stage == "spelling":
                flags[e.before, e.after] += 1
    total = sum(flags.values())
    print(f"3. clean news ({len(clean)} documents, {words} words, default pipeline): {total} spelling flags = "
          f"{1e4 * total / words:.2f} per 10k words")
    if show:
        print("   ", ", ".join(f"{w}→{s or '-'}" + (f" ×{n}" if n > 1 else "") for (w, s), n in flags.most_common(show)))
    example = [e.before for e in cleaner.clean(EXAMPLE.read_text(encoding="utf-8")).flags if e.stage == "spelling"]
    print(f"   example record ({EXAMPLE.name}): spelling flags {example or 'none'}")


def speed(cases, repeat):
    texts = [json.loads(line)["input"] for line in open(cases, encoding="utf-8") if line.strip()]
    size = sum(len(t.encode("utf-8")) for t in texts)
    for distance in (1, 2):
        p = Pipeline([SpellingStage(language="en", distance=distance)])
        for t in texts:
            p.clean(t)                  # word lists and the distance-2 index load outside the timing
        for remembered in (False, True):
            best = float("inf")
            for _ in range(repeat):
                if not remembered:
                    spelling_stage._verdict.cache_clear()   # every unknown word judged anew
                gc.collect()
                t0 = time.perf_counter()
                for t in texts:
                    p.clean(t)
                best = min(best, time.perf_counter() - t0)
            print(f"4. speed, stage alone, distance {distance}, verdicts {'remembered' if remembered else 'new'}: "
                  f"{size / best / 1e6:.2f} MB/s ({len(texts)} documents, {size / 1e6:.2f} MB, best of {repeat})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=str(SHARED / "bench" / "dev-cases.jsonl"))
    ap.add_argument("--show", type=int, default=0, help="list up to N misses and flags")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args(argv)
    p = Pipeline([SpellingStage(language="en")])
    injected(p, args.show)
    real_slips(p, args.show)
    clean_news(args.cases, args.show)
    if not args.skip_speed:
        speed(args.cases, args.repeat)


if __name__ == "__main__":
    main()
