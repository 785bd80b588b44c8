"""Missing-space repair on the whitespace benchmarks: precision and recall of inserted spaces.

    python benchmarks/whitespace.py [SET ...] [--limit N] [--show N] [--block N]

SETs are folders under ../shared/bench/whitespace/ with line-aligned corrupt.txt
and correct.txt (default: doval-drop5 and wiki-drop5, where each space of the
correct text was dropped with probability 0.05). An inserted space is right
when the correct text has a space at that place. The modes:

- default pipeline, per line: `cleaner.clean(line)` on each corrupt line, as a
  caller who has sentences does. This is the figure the targets are read on.
- spacing stage, per line: the stage alone, its language given as English and
  document evidence off (the figure of earlier sessions).
- default pipeline, N-line docs: blocks of --block lines (default 25) as one
  document each, so document evidence works within each block.
- default pipeline, one doc: all lines as one document. The sentences of a set
  are unrelated, so this overstates what the evidence a real document holds
  (names it writes apart, words it repeats) can do.

Then the other side: each correct line through the default pipeline, and the
spaces it inserts per 10,000 words. These are either the source's own glue
(Wikipedia has "Ganges.The") or damage, so this bounds what the stage costs on
clean text.
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
        for mode, cleaned in (("default pipeline, per line", sentences),
                              ("spacing stage, per line", lines),
                              (f"default pipeline, {args.block}-line docs", blocks),
                              ("default pipeline, one doc", whole)):
            p, r, exact, tp, fp, fn = score(zip(corrupt, cleaned, correct))
            print(f"{name:14} {mode:26} {p:9.2%} {r:7.2%} {exact / len(correct):12.1%}  ({tp}/{fp}/{fn})")
        inserted = sum(len(space_positions(cleaner.clean(w).text) - space_positions(w)) for w in correct)
        words = sum(len(w.split()) for w in correct)
        print(f"{name:14} {'clean lines, per line':26} {inserted} spaces inserted in {words:,} words "
              f"= {1e4 * inserted / words:.2f} per 10k words")
        shown = 0
        for c, x, w in zip(corrupt, sentences, correct):
            if shown < args.show and (space_positions(x) - space_positions(c)) - space_positions(w):
                print("   wrong:", x[:160]); print("   right:", w[:160]); shown += 1


if __name__ == "__main__":
    main()
