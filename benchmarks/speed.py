"""Speed of cleaner against ftfy.fix_text alone, on the same documents, in the same run.

    python benchmarks/speed.py [--bench DIR] [--cold N] [--repeat N] [--pairs N] [--no-repeated]

The headline is text the process has never seen (benchmarks/new_text.py: every distinct text
of the development sets, 5 MB), as a dump brings it:

1. cold: `cleaner clean CORPUS.jsonl -o OUT.jsonl --jobs 1` as a new process, first pass, against a
   new process that reads the same file and runs ftfy.fix_text on every text; wall time, both
   including the interpreter's start and their imports; --cold N pairs, one right after the other
   (median ratio);
2. start-up: a new process's `import cleaner` and first `clean()` of a news sentence that every
   stage reads (long enough for the language stage to read it, with the marker words of two
   languages, so that its backend decides, as it does for most short texts), and what its first
   document in a second language (Spanish) adds, clocked inside the process (median of 5); beside
   it, the figure of the sessions before 2026-12-07's eighth, a six-word sentence that the language
   stage leaves without a language, so that no backend model and no word list is loaded. The
   package's bytecode is written before any of these, as installing the wheel writes it;
3. warm, new documents: one process cleans one half of the corpus (by a hash of the text), then
   the other half, which it has never seen, is timed (CPU time) against ftfy.fix_text on that half;
   with each stage's share of the time (Result.seconds, as summary.json's stage_time).

Then, labelled as such, the figures of repeated text (caches warm): the development cases' inputs
cleaned again and again, best of --repeat, with each stage alone and the spacing stage's find()
on clean text; these flatter cleaner and are never the headline.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tempfile
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import distinct_documents, half, write_jsonl  # noqa: E402

DEFAULT_BENCH = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "bench", Path("/work/shared/bench"))
                      if p.exists()), Path("../shared/bench"))


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


START_UP_RUNS = 5
# a sentence every stage reads: 14 words, two English marker words and a Dutch one ("met"), so the
# language stage asks its backend, as for most short texts; then a first Spanish one
READ_SENTENCE = "The ministers met in Brussels on Tuesday to discuss the protection of undersea cables."
SPANISH_SENTENCE = "Los ministros se reunieron ayer en Bruselas para hablar de la defensa de los cables submarinos."
# the sentence of the sessions before: too short for the language stage, so nothing language-bound loads
UNREAD_SENTENCE = "The ministers met in Brussels today."
_START_UP = """
import sys, time
t0 = time.perf_counter()
import cleaner
r = cleaner.clean(sys.argv[1])
t1 = time.perf_counter()
cleaner.clean(sys.argv[2])
print(t1 - t0, time.perf_counter() - t1, r.metadata.get("language") or "-")
"""


def start_up(first: str = READ_SENTENCE, runs: int = START_UP_RUNS) -> tuple[float, float, str]:
    """Seconds a new process takes to import cleaner and clean `first`, what a first Spanish sentence
    adds, and the language `first` was given: clocked inside the process (a difference of two
    processes' wall times swung by ±0.1 s), median of `runs` processes."""
    runs_out = [subprocess.run([sys.executable, "-c", _START_UP, first, SPANISH_SENTENCE], check=True,
                               capture_output=True, text=True).stdout.split() for _ in range(runs)]
    return (statistics.median(float(r[0]) for r in runs_out), statistics.median(float(r[1]) for r in runs_out),
            runs_out[0][2])


def compile_bytecode() -> None:
    """Write the package's bytecode first, as pip does when it installs the wheel: a checkout that
    never wrote it (a fresh clone, PYTHONDONTWRITEBYTECODE set) would time Python's compiler on
    every module at each new process's import (seen: start-up 0.52 s against 0.27 s)."""
    import compileall
    compileall.compile_dir(Path(cleaner.__file__).parent, quiet=1)


def new_text(bench: Path, cold_pairs: int) -> None:
    """The headline: text the process has never seen (see the module's docstring)."""
    compile_bytecode()
    texts = distinct_documents(bench)
    size = sum(len(t.encode("utf-8")) for t in texts)
    with tempfile.TemporaryDirectory() as work:
        corpus = write_jsonl(texts, Path(work) / "corpus.jsonl")
        cleaner_cmd = [str(Path(sys.executable).with_name("cleaner")), "clean", str(corpus),
                       "-o", str(Path(work) / "out.jsonl"), "--jobs", "1", "-q"]
        ftfy_cmd = [sys.executable, "-c", "import json, sys, ftfy\n"
                    "for line in open(sys.argv[1], encoding='utf-8'): ftfy.fix_text(json.loads(line)['text'])",
                    str(corpus)]
        pairs = [(_wall(ftfy_cmd), _wall(cleaner_cmd)) for _ in range(cold_pairs)]
    ratios = [f / c for f, c in pairs]
    print(f"New text: {len(texts)} distinct documents, {size / 1e6:.2f} MB ({bench})")
    print(f"1. cold process, first pass, --jobs 1: cleaner {statistics.median(c for _, c in pairs):.2f} s, "
          f"ftfy.fix_text {statistics.median(f for f, _ in pairs):.2f} s: cleaner runs at "
          f"{statistics.median(ratios):.2f}x ftfy's speed (median of {len(pairs)} pairs; "
          f"{min(ratios):.2f} to {max(ratios):.2f})")
    first, second, language = start_up()
    unread, _, _ = start_up(UNREAD_SENTENCE)
    print(f"2. start-up: import cleaner + first clean() of a sentence every stage reads {first:.2f} s (language "
          f"{language}; interpreter start not counted); a first Spanish document adds {second:.2f} s; a sentence "
          f"too short for a language (the figure before 2026-12-07's eighth session) {unread:.2f} s "
          f"(medians of {START_UP_RUNS} new processes)")
    warm_on = [t for t in texts if half(t) == "a"]
    timed = [t for t in texts if half(t) == "b"]
    pipeline = Pipeline.default()
    for t in warm_on:
        pipeline.clean(t)
    stage_seconds = dict.fromkeys((s.name for s in pipeline.stages), 0.0)
    started = time.process_time()
    for t in timed:
        for name, seconds in pipeline.clean(t).seconds.items():
            stage_seconds[name] += seconds
    cleaner_secs = time.process_time() - started
    started = time.process_time()
    for t in timed:
        ftfy.fix_text(t)
    ftfy_secs = time.process_time() - started
    timed_mb = sum(len(t.encode("utf-8")) for t in timed) / 1e6
    print(f"3. warm process, {len(timed)} documents it has not seen ({timed_mb:.2f} MB): cleaner "
          f"{timed_mb / cleaner_secs:.2f} MB/s, ftfy.fix_text {timed_mb / ftfy_secs:.2f} MB/s: "
          f"{ftfy_secs / cleaner_secs:.2f}x ftfy's speed")
    total = sum(stage_seconds.values())
    print("   time by stage: " + ", ".join(f"{name} {seconds / total:.0%} ({seconds:.2f} s)"
                                          for name, seconds in stage_seconds.items()))


def _wall(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="the shared benchmark folder")
    ap.add_argument("--cold", type=int, default=3, help="cold pairs of processes for the headline")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=10, help="ftfy/cleaner pairs for the ratio (0: none)")
    ap.add_argument("--no-repeated", action="store_true", help="the headline only")
    args = ap.parse_args(argv)
    new_text(args.bench, args.cold)
    if args.no_repeated:
        return
    print("\nRepeated text, caches warm (never the headline): the development cases' inputs, again and again")
    cases = [json.loads(line) for line in open(args.bench / "dev-cases.jsonl", encoding="utf-8") if line.strip()]
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
    print(f"{len(texts)} documents of {args.bench / 'dev-cases.jsonl'}; Python {platform.python_version()}, "
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
