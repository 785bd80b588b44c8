"""Missing-space repair on the whitespace benchmarks: precision and recall of inserted spaces.

    python benchmarks/whitespace.py [SET ...] [--limit N] [--show N] [--block N]

SETs are folders under ../shared/bench/whitespace/ with line-aligned corrupt.txt
and correct.txt (default: doval-drop5 and wiki-drop5, where each space of the
correct text was dropped with probability 0.05). Each corrupt line goes
through the spacing stage alone (its language given as English; document
evidence off, since a line is no document) and through the default pipeline
as one document of all lines. An inserted space is right when the correct
text has a space at that place.

A third mode cuts each set into documents of --block lines (default 25), a size
between the two: document evidence works within each block only. The sentences
of a set are unrelated, so the one-document mode overstates what evidence that
a real document holds (names it writes apart, words it repeats) can do.
"""
import argparse
import difflib
from pathlib import Path

import cleaner
from cleaner import Pipeline
from cleaner.stages.spacing import SpacingStage

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "whitespace"


def space_positions(text: str) -> set[int]:
    """Where spaces stand, counted in non-space characters before them (comparable across spacings)."""
    out, n = set(), 0
    for ch in text:
        if ch == " ":
            out.add(n)
        else:
            n += 1
    return out


def score(pairs):
    tp = fp = fn = exact = 0
    for corrupt, cleaned, correct in pairs:
        have, got, want = space_positions(corrupt), space_positions(cleaned), space_positions(correct)
        inserted, needed = got - have, want - have
        tp += len(inserted & needed)
        fp += len(inserted - needed)
        fn += len(needed - inserted)
        exact += cleaned == correct
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, exact, tp, fp, fn


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["doval-drop5", "wiki-drop5"])
    ap.add_argument("--limit", type=int, default=None, help="first N lines of each set")
    ap.add_argument("--show", type=int, default=0, help="print N wrong insertions")
    ap.add_argument("--block", type=int, default=25, help="lines per document in the blocks mode")
    args = ap.parse_args(argv)
    per_line = Pipeline([SpacingStage(language="en", document_evidence=False)])
    print(f"{'set':14} {'mode':26} {'precision':>9} {'recall':>7} {'lines exact':>12}  (tp/fp/fn)")
    for name in args.sets:
        corrupt = (ROOT / name / "corrupt.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        correct = (ROOT / name / "correct.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        lines = [per_line.clean(c).text for c in corrupt]
        sentences = [cleaner.clean(c).text for c in corrupt]
        whole = cleaner.clean("\n".join(corrupt)).text.split("\n")
        blocks = [line for i in range(0, len(corrupt), args.block)
                  for line in cleaner.clean("\n".join(corrupt[i:i + args.block])).text.split("\n")]
        for mode, cleaned in (("spacing stage, per line", lines),
                              ("default pipeline, per line", sentences),
                              (f"default pipeline, {args.block}-line docs", blocks),
                              ("default pipeline, one doc", whole)):
            p, r, exact, tp, fp, fn = score(zip(corrupt, cleaned, correct))
            print(f"{name:14} {mode:26} {p:9.2%} {r:7.2%} {exact / len(correct):12.1%}  ({tp}/{fp}/{fn})")
        shown = 0
        for c, x, w in zip(corrupt, lines, correct):
            if shown < args.show and (space_positions(x) - space_positions(c)) - space_positions(w):
                print("   wrong:", x[:160]); print("   right:", w[:160]); shown += 1


if __name__ == "__main__":
    main()
