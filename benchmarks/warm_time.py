"""speed.py's line 3 as CPU time in one process: warmed on half the new-text corpus, the other half timed.

    python benchmarks/warm_time.py [--bench DIR]

For alternating two checkouts (PYTHONPATH=DIR in turn, run from outside the checkout) where
speed.py's wall-clock rate, in one run, is too noisy on a shared machine to tell a few percent.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import distinct_documents, half  # noqa: E402
from speed import DEFAULT_BENCH  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="the shared benchmark folder")
    args = ap.parse_args(argv)
    import cleaner

    texts = distinct_documents(args.bench)
    pipeline = cleaner.Pipeline.default()
    for text in texts:
        if half(text) == "a":
            pipeline.clean(text)
    timed = [text for text in texts if half(text) == "b"]
    gc.collect()
    stages: dict[str, float] = {}
    started = time.process_time()
    for text in timed:
        for name, seconds in pipeline.clean(text).seconds.items():
            stages[name] = stages.get(name, 0.0) + seconds
    print(f"{time.process_time() - started:.3f} s CPU for {len(timed)} unseen documents, warm ({cleaner.__file__}); "
          + ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items()))


if __name__ == "__main__":
    main()
