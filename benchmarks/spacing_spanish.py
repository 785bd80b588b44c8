"""The spacing stage on Spanish text, against a base checkout, each pass a first pass.

    python benchmarks/spacing_spanish.py --base DIR [--repeat N]

The new-text corpus of speed.py is English; a second language's cost shows here. The texts: the
Spanish ones of benchmarks/data (the UDHR and paragraph sets of the language benchmarks), each
also with every 20th space dropped, so that the stage has glue to find. Both checkouts' stages
clean them in turn (this one, then DIR's, imported as another package: the same drift of a shared
machine), with their caches emptied and their tables' remembered words forgotten before each pass.
Both must find the same edits.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DROPPED = 20        # every this many spaces, one is dropped


def spanish_texts() -> list[str]:
    texts = [row["text"] for name in ("udhr-languages.jsonl", "language-paragraphs.jsonl")
             for row in map(json.loads, (DATA / name).read_text(encoding="utf-8").splitlines())
             if row["language"] == "es"]
    return texts + [_dropped(t) for t in texts]


def _dropped(text: str) -> str:
    parts = text.split(" ")
    return "".join(part + ("" if (i + 1) % DROPPED == 0 else " ") for i, part in enumerate(parts))[:-1]


def runner(package: str, texts: list[str]):
    """A function that cleans `texts` with a new spacing stage of `package` as a first pass; its edits."""
    document = importlib.import_module(f"{package}.document")
    module = importlib.import_module(f"{package}.stages.spacing")
    tables = importlib.import_module(f"{package}.text.frequencies").frequencies
    stage = module.SpacingStage()
    caches = [f for f in vars(module).values() if hasattr(f, "cache_clear") and getattr(f, "__module__", "") == module.__name__]

    def run() -> list:
        for cache in caches:
            cache.cache_clear()
        for language in ("en", "es"):
            getattr(tables(language), "forget", lambda: None)()
        return [[(e.start, e.end, e.after) for e in stage.find(document.Document(t, metadata={"language": "es"}))]
                for t in texts]
    return run


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="a checkout (e.g. a git worktree) to time in turn")
    ap.add_argument("--repeat", type=int, default=31)
    args = ap.parse_args(argv)
    texts = spanish_texts()
    folder = Path(tempfile.mkdtemp())
    (folder / "cleaner_base").symlink_to((args.base / "cleaner").resolve())
    sys.path.insert(0, str(folder))
    runs = {"this checkout": runner("cleaner", texts), f"base {args.base}": runner("cleaner_base", texts)}
    found = {name: run() for name, run in runs.items()}      # also builds what each needs
    if len({json.dumps(edits) for edits in found.values()}) != 1:
        sys.exit("the two checkouts find different edits")
    seconds = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            gc.collect()
            started = time.process_time()
            run()
            seconds[name].append(time.process_time() - started)
    print(f"{len(texts)} Spanish texts, {sum(map(len, texts)):,} characters, "
          f"{sum(map(len, next(iter(found.values()))))} edits; CPU, median of {args.repeat} first passes")
    for name, taken in seconds.items():
        print(f"  {name:40} {statistics.median(taken) * 1000:7.1f} ms")
    pairs = [a / b for a, b in zip(*seconds.values())]
    print(f"  this checkout / base, per pair: median {statistics.median(pairs):.2f} ({min(pairs):.2f} to {max(pairs):.2f})")


if __name__ == "__main__":
    main()
