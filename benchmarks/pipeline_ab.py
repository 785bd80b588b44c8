"""Two checkouts' default pipelines in one process, on new text, alternating per document.

    python benchmarks/pipeline_ab.py CHECKOUT_A CHECKOUT_B [--bench DIR]

For a change of the whole pipeline (the order stages run in, what they share), where
stage_time.py's replays of one stage do not apply. Both checkouts are imported under names of
their own (`cleaner_a`, `cleaner_b`, links in a temporary folder), built from their own stage
classes, warmed on one sentence, then given every document of the new-text corpus
(benchmarks/new_text.py) in turn, A first on even documents and B first on odd ones; each
document's output, edits and metadata must be equal. Reported: CPU seconds of each and B / A.

Why both under other names, and alternating: the same code against itself read 1.044 with one
side imported as `cleaner` and the other under another name (2026-12-08), and the order the two
are built and warmed in moves the ratio by a few percent either way. Swap A and B and take both
readings (the change's effect is about the square root of their quotient): a difference under
~3% is not resolved.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import distinct_documents  # noqa: E402
from speed import DEFAULT_BENCH  # noqa: E402
from stage_time import CLASSES as STAGES  # noqa: E402  (each default stage's module and class)


def pipeline(package: str):
    """The default pipeline of `package`, from its own stage classes (the registry names `cleaner`'s)."""
    stages = [getattr(importlib.import_module(f"{package}.stages.{module}"), cls)() for module, cls in STAGES.items()]
    return importlib.import_module(f"{package}.pipeline").Pipeline(stages)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    for name, checkout in (("cleaner_a", args.a), ("cleaner_b", args.b)):
        (folder / name).symlink_to((checkout / "cleaner").resolve())
    sys.path.insert(0, str(folder))
    texts = distinct_documents(args.bench)
    pipes = {"a": pipeline("cleaner_a"), "b": pipeline("cleaner_b")}
    for p in pipes.values():
        p.clean("A first sentence that every stage reads, in English, so that the word lists load first.")
    spent = dict.fromkeys(pipes, 0.0)
    for i, text in enumerate(texts):
        seen = {}
        for name in ("a", "b") if i % 2 == 0 else ("b", "a"):
            started = time.process_time()
            r = pipes[name].clean(text)
            spent[name] += time.process_time() - started
            seen[name] = (r.text, [(e.start, e.end, e.after, e.rule, e.confidence) for e in r.edits], r.metadata)
        if seen["a"] != seen["b"]:
            sys.exit(f"document {i} is cleaned differently by {args.a} and {args.b}")
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} new documents ({size:.2f} MB), first pass, outputs equal: "
          f"A {spent['a']:.2f} s, B {spent['b']:.2f} s of CPU; B / A = {spent['b'] / spent['a']:.3f}")


if __name__ == "__main__":
    main()
