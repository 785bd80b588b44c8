"""One stage's time on new text: the calls it gets in a first pass over the new-text corpus, replayed.

    python benchmarks/stage_time.py STAGE [--base DIR] [--repeat N] [--bench DIR] [--clean]

The default pipeline cleans the corpus of benchmarks/new_text.py once, and every call of STAGE's
find() is recorded with the text and metadata it was given (the pipeline runs a stage again on a
document that a round changed: those calls are recorded too, and replayed with their document's
scratch, as the pipeline keeps it). Then the stage, built anew, replays them --repeat times, with
ftfy.fix_text on the corpus after each replay for the ratio; with --base, the same stage of the
checkout DIR replays them in turn, each side first in every other round, so both see the same drift
of a shared machine. Both sides are imported under names of their own (`cleaner_this`,
`cleaner_base`), not as the `cleaner` that recorded the calls. Caches a stage keeps across
documents (the spelling stage's verdicts) are emptied before each replay: each is a first pass. A replay whose edits or metadata differ from the
recorded ones is reported. With --clean, the corpus is the clean side only (new_text.clean_documents:
gold texts and correct lines), and the stage's rate on it is given in MB/s. With --warm, the caches
are kept instead (one replay first, untimed): what the stage costs besides the decisions it keeps
across documents, in a process that has seen the corpus before.
"""
from __future__ import annotations

import argparse
import copy
import gc
import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

import ftfy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import clean_documents, distinct_documents  # noqa: E402
from speed import DEFAULT_BENCH  # noqa: E402

CLASSES = {"encoding": "EncodingStage", "whitespace": "WhitespaceStage", "language": "LanguageStage",
           "header": "HeaderStage", "rules": "RulesStage", "spacing": "SpacingStage", "spelling": "SpellingStage"}


def record(stage: str, texts: list[str]) -> list[tuple]:
    """(document number, text, metadata given, edits, metadata after) of each call of the stage's find()."""
    from cleaner import Pipeline
    module = importlib.import_module(f"cleaner.stages.{stage}")
    cls = getattr(module, CLASSES[stage])
    calls, current = [], [0]
    find = cls.find

    def recording(self, doc):
        given = copy.deepcopy(doc.metadata)
        edits = find(self, doc)
        calls.append((current[0], doc.text, given, _edits(edits), copy.deepcopy(doc.metadata)))
        return edits

    cls.find = recording
    try:
        pipeline = Pipeline.default()
        for current[0], text in enumerate(texts):
            pipeline.clean(text)
    finally:
        cls.find = find
    return calls


def replayer(package: str, stage: str, calls: list[tuple], warm: bool = False):
    """A function that replays `calls` on a new `stage` of `package` and counts differing answers
    (`warm`: with the stage's caches as the replays before left them)."""
    document = importlib.import_module(f"{package}.document")
    module = importlib.import_module(f"{package}.stages.{stage}")
    built = getattr(module, CLASSES[stage])()
    caches = [f for f in vars(module).values() if hasattr(f, "cache_clear") and getattr(f, "__module__", "") == module.__name__]
    tables = importlib.import_module(f"{package}.text.frequencies").frequencies

    def replay() -> int:
        for cache in caches if not warm else ():
            cache.cache_clear()
        for language in ("en", "es"):       # a table that remembers its answers forgets them
            getattr(tables(language), "forget", lambda: None)()
        scratch, differing = {}, 0
        for number, text, given, edits, after in calls:
            doc = document.Document(text, metadata=dict(given), scratch=scratch.setdefault(number, {}))
            differing += _edits(built.find(doc)) != edits or doc.metadata != after
        return differing
    return replay


def _edits(edits) -> list[tuple]:
    return [(e.start, e.end, e.after, e.rule, e.confidence, e.reason) for e in edits]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", choices=sorted(CLASSES))
    ap.add_argument("--base", type=Path, help="a checkout (e.g. a git worktree) whose stage to time in turn")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="the shared benchmark folder")
    ap.add_argument("--clean", action="store_true", help="the clean texts only (gold texts, correct lines)")
    ap.add_argument("--warm", action="store_true", help="keep the stage's caches across replays (not a first pass)")
    args = ap.parse_args(argv)
    texts = (clean_documents if args.clean else distinct_documents)(args.bench)
    calls = record(args.stage, texts)
    # each side replays under a name of its own: the package that recorded the calls keeps what its
    # first pass left in caches the replay does not empty (the same code read 0.97 against itself so)
    folder = Path(tempfile.mkdtemp())
    sys.path.insert(0, str(folder))
    (folder / "cleaner_this").symlink_to(Path(__file__).resolve().parents[1] / "cleaner")
    replays = {"this checkout": replayer("cleaner_this", args.stage, calls, args.warm)}
    if args.base:
        (folder / "cleaner_base").symlink_to((args.base / "cleaner").resolve())
        replays[f"base {args.base}"] = replayer("cleaner_base", args.stage, calls, args.warm)
    if args.warm:
        for replay in replays.values():
            replay()
    seconds = {name: [] for name in replays}
    ratios = {name: [] for name in replays}
    differing = dict.fromkeys(replays, 0)
    for repeat in range(args.repeat):
        for name, replay in list(replays.items())[::1 if repeat % 2 == 0 else -1]:    # in turn first
            gc.collect()
            started = time.process_time()
            differing[name] = max(differing[name], replay())
            took = time.process_time() - started
            started = time.process_time()
            for text in texts:
                ftfy.fix_text(text)
            seconds[name].append(took)
            ratios[name].append(took / (time.process_time() - started))
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"stage {args.stage}: {len(calls)} calls recorded on {len(texts)} distinct documents ({size:.2f} MB); "
          f"CPU seconds, median of {args.repeat} replays, " + ("caches kept" if args.warm else "each a first pass"))
    for name in replays:
        print(f"  {name:40} {statistics.median(seconds[name]):6.3f} s = {statistics.median(ratios[name]):.3f} of "
              f"ftfy.fix_text's time on the corpus ({min(ratios[name]):.3f} to {max(ratios[name]):.3f}); "
              f"calls answered differently: {differing[name]}; the stage at "
              f"{size / statistics.median(seconds[name]):.2f} MB/s")
    if args.base:
        (new, base) = (seconds[name] for name in replays)
        pairs = [n / b for n, b in zip(new, base)]
        print(f"  this checkout / base, per pair of replays: median {statistics.median(pairs):.2f} "
              f"({min(pairs):.2f} to {max(pairs):.2f})")


if __name__ == "__main__":
    main()
