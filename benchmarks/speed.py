"""Speed of cleaner.clean against ftfy.fix_text alone, on the same documents.

    python benchmarks/speed.py [CASES.jsonl] [--repeat N]

CASES defaults to ../shared/bench/dev-cases.jsonl (field `input`). Reports
MB/s (UTF-8 bytes of input per second, CPU time, best of N runs, one core)
for: ftfy.fix_text, the default pipeline, each stage alone (a stage after the
language stage is given the document's language, as in the pipeline), the
default pipeline on documents that need no change (the hot path on clean text),
and the spacing stage's find() on the gold (clean) texts; then the ratio of ftfy's time to the
pipeline's over `--pairs` pairs of runs made one right after the other (median, lowest, highest).
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import platform
import statistics
import time
from pathlib import Path

import ftfy

import cleaner
from cleaner import Pipeline
from cleaner.document import Document
from cleaner.stages.spacing import SpacingStage, _splits

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"


def best_rate(fn, texts, repeat, before_each=None):
    """MB/s of fn over texts, best of `repeat` runs (the least disturbed by other load).

    CPU time of this process, not wall time: other processes on the machine slow the
    wall clock but do not count here."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        if before_each:
            before_each()
        gc.collect()
        t0 = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return size / best / 1e6, size, best


def _with_metadata(clean, metadata, text):
    return clean(text, metadata=metadata[text])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=10, help="ftfy/cleaner pairs for the ratio (0: none)")
    args = ap.parse_args(argv)
    cases = [json.loads(line) for line in open(args.cases, encoding="utf-8") if line.strip()]
    texts = [c["input"] for c in cases]
    clean_texts = [c["gold_text"] for c in cases if c.get("gold_text")]
    default = Pipeline.default()
    spacing = SpacingStage()
    unchanged = [t for t in texts if not default.clean(t).changed]
    rows = [("ftfy.fix_text (ftfy defaults)", ftfy.fix_text, texts),
            ("cleaner.clean (default pipeline)", cleaner.clean, texts)]
    # a stage after the language stage gets the language it would find in the metadata
    names = [stage.name for stage in default.stages]
    language = Pipeline([default.stages[names.index("language")]]) if "language" in names else None
    known = {t: {"language": language.clean(t).metadata.get("language")} for t in texts} if language else {}
    for i, stage in enumerate(default.stages):
        alone = Pipeline([stage]).clean
        if language and i > names.index("language"):
            alone = functools.partial(_with_metadata, alone, known)
        rows.append((f"  stage {stage.name} alone", alone, texts))
    rows.append((f"cleaner.clean, {len(unchanged)} docs needing no change", cleaner.clean, unchanged))
    rows.append(("ftfy.fix_text, same docs", ftfy.fix_text, unchanged))
    # The spacing stage's own target is on clean text: find() alone on the gold texts. Its
    # per-token cache is emptied before each run, so no run profits from an earlier one.
    spacing_find = lambda t: spacing.find(Document(t))
    rows.append((f"stage spacing find(), {len(clean_texts)} clean texts", spacing_find, clean_texts,
                 _splits.cache_clear))
    print(f"{len(texts)} documents from {args.cases}; Python {platform.python_version()}, "
          f"ftfy {ftfy.__version__}, best of {args.repeat}")
    print(f"{'what':48} {'MB/s':>7} {'MB':>6} {'s':>7}")
    for name, fn, docs, *before_each in rows:
        rate, size, secs = best_rate(fn, docs, args.repeat, *before_each)
        print(f"{name:48} {rate:7.2f} {size / 1e6:6.2f} {secs:7.3f}")
    ratios = paired_ratios(texts, args.pairs)
    if ratios:
        print(f"\ncleaner.clean against ftfy.fix_text, {len(ratios)} pairs of runs one after the other: "
              f"median {statistics.median(ratios):.2f}x (lowest {min(ratios):.2f}, highest {max(ratios):.2f})")


def paired_ratios(texts, pairs):
    """ftfy's time over cleaner's, for runs made one right after the other.

    On a shared machine the speed of a core drifts by a third within a minute; a pair sees
    the same drift, so the ratios of pairs scatter less than the ratio of two best times."""
    ratios = []
    for _ in range(pairs):
        ftfy_time = best_rate(ftfy.fix_text, texts, 1)[2]
        cleaner_time = best_rate(cleaner.clean, texts, 1)[2]
        ratios.append(ftfy_time / cleaner_time)
    return ratios


if __name__ == "__main__":
    main()
