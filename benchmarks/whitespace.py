"""Missing-space repair on the whitespace benchmarks: precision and recall of inserted spaces.

    python benchmarks/whitespace.py [SET ...] [--split held|tune|both|all] [--bench DIR]
                                    [--documents] [--block N] [--clean-lines] [--limit N] [--show N]

SETs are folders under BENCH/whitespace/ with line-aligned corrupt.txt and
correct.txt (default: doval-drop5 and wiki-drop5, where each space of the
correct text was dropped with probability 0.05). BENCH is --bench, by default
../shared/bench beside the checkout or else /work/shared/bench. An inserted
space is right when the correct text has a space at that place.

Halves (--split): a line belongs to "tune" or "held" by a hash of its corrupt
side, the scheme of BENCH/score.py's `half` (first byte of the SHA-256 of the
UTF-8 text, even = tune), so a corrupt line and its correct line go to the same
half. Tune on "tune" and look at its failures; report "held" and never read its
lines one by one. The default, "both", prints the held-out half first, then the
tuning half; "all" scores every line as one set.

Every row gives precision and recall of inserted spaces, and beside them the
wrong insertions per 10,000 words (false positives over the words of the
correct side of the same lines): false alarms come at a steady rate per word,
so precision alone flatters text that lost many spaces.

The modes:

- default pipeline, per line: `cleaner.clean(line)` on each corrupt line, as a
  caller who has sentences does. The headline: the targets are read on it.
- spacing stage, per line: the stage alone, its language given as English and
  document evidence off (the figure of earlier sessions).
- with --documents (slow): default pipeline, N-line docs: blocks of --block
  lines (default 25) of the half, in file order, as one document each, so
  document evidence works within each block; and default pipeline, one doc:
  all lines of the half as one document. The sentences of a set are unrelated,
  so this overstates what the evidence a real document holds (names it writes
  apart, words it repeats) can do.
- with --clean-lines: the other side, each correct line of the half through
  the default pipeline, and the spaces it inserts per 10,000 words. These are
  either the source's own glue (Wikipedia has "Ganges.The") or damage, so this
  bounds what the stage costs on clean text.

--show N prints N lines with a wrong insertion by the headline mode, from the
tuning half only; with --split held it refuses.
"""
import argparse
import difflib
import hashlib
import sys
import time
from pathlib import Path

import cleaner
from cleaner import Pipeline
from cleaner.stages.spacing import SpacingStage

BENCH_DIRS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "bench", Path("/work/shared/bench"))
NO_HELD_SHOW = "--show reads failures case by case, and failures of the held-out half are never read case by case"


def default_bench() -> Path:
    """The first of ../shared/bench (beside the checkout) and /work/shared/bench that exists."""
    return next((p for p in BENCH_DIRS if p.is_dir()), BENCH_DIRS[0])


def half(key: str) -> str:
    """"tune" or "held" for a line: the scheme of score.py's `half` (which splits cases by id)."""
    return "tune" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def space_positions(text: str) -> set[int]:
    """Where spaces stand, counted in non-space characters before them (comparable across spacings)."""
    out, n = set(), 0
    for ch in text:
        if ch == " ":
            out.add(n)
        else:
            n += 1
    return out


def separators(text: str) -> tuple[str, set[int]]:
    """The text without whitespace, and where whitespace stood (counted in non-space characters)."""
    kept, at = [], set()
    for ch in text:
        if ch.isspace():
            at.add(len(kept))
        else:
            kept.append(ch)
    return "".join(kept), at


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


def on_corrupt(corrupt: str, cleaned: str) -> str:
    """The cleaned line's spacing laid over the corrupt line's other characters, so that
    `space_positions` compares them.

    The cleaned line itself unless cleaning changed more than spaces (removed control
    characters, wrote a date header). Then the non-space characters are matched by difflib,
    any whitespace of the cleaned line counts as a space, and a space goes before the
    corrupt character matched to the one it stands before; where the corrupt line has
    spaces between that character and the previous matched one, those stand instead (spaces
    that only removed characters kept apart are not counted as removed). Spaces before
    characters with no match are dropped.
    """
    a = corrupt.replace(" ", "")
    if cleaned.replace(" ", "") == a:
        return cleaned
    b, gaps = separators(cleaned)
    have, spaces, prev = space_positions(corrupt), set(), 0
    for i, j, n in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(n):
            if j + k in gaps:
                spaces.update([x for x in range(prev, i + k + 1) if x in have] or [i + k])
            prev = i + k + 1
    if len(b) in gaps:
        spaces.add(len(a))
    return "".join((" " if x in spaces else "") + ch for x, ch in enumerate(a)) + (" " if len(a) in spaces else "")


def words(lines) -> int:
    return sum(len(line.split()) for line in lines)


def per_10k(count: int, n_words: int) -> float:
    return 1e4 * count / n_words if n_words else 0.0


def wrong_insertions(corrupt: str, cleaned: str, correct: str) -> set[int]:
    return (space_positions(cleaned) - space_positions(corrupt)) - space_positions(correct)


HEAD = (f"{'set':14} {'half':4} {'mode':30} {'lines':>6} {'precision':>9} {'recall':>7} "
        f"{'wrong/10k':>9} {'lines exact':>11}  (tp/fp/fn)")


def row(name, part, mode, corrupt, cleaned, correct):
    p, r, exact, tp, fp, fn = score(zip(corrupt, cleaned, correct))
    n = len(correct)
    return (f"{name:14} {part:4} {mode:30} {n:6} {p:9.2%} {r:7.2%} {per_10k(fp, words(correct)):9.2f} "
            f"{exact / n if n else 0:11.1%}  ({tp}/{fp}/{fn})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["doval-drop5", "wiki-drop5"])
    ap.add_argument("--bench", type=Path, default=None,
                    help="the shared benchmark folder (default: ../shared/bench, else /work/shared/bench)")
    ap.add_argument("--split", choices=("held", "tune", "both", "all"), default="both",
                    help="which half of the lines, by a hash of the corrupt line (default: held, then tune)")
    ap.add_argument("--documents", action="store_true", help="also the document modes (slow)")
    ap.add_argument("--block", type=int, default=25, help="lines per document in the blocks mode")
    ap.add_argument("--clean-lines", action="store_true", help="also the correct lines through the pipeline")
    ap.add_argument("--limit", type=int, default=None, help="first N lines of each set (before the split)")
    ap.add_argument("--show", type=int, default=0, help="print N lines with a wrong insertion (tuning half only)")
    args = ap.parse_args(argv)
    if args.show and args.split == "held":
        ap.exit(2, NO_HELD_SHOW + "\n")
    root = (args.bench or default_bench()) / "whitespace"
    parts = {"both": ("held", "tune"), "held": ("held",), "tune": ("tune",), "all": ("all",)}[args.split]
    per_line = Pipeline([SpacingStage(language="en", document_evidence=False)])
    t0 = time.perf_counter()
    data = {}
    for name in args.sets:
        corrupt = (root / name / "corrupt.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        correct = (root / name / "correct.txt").read_text(encoding="utf-8").splitlines()[:args.limit]
        assert len(corrupt) == len(correct), name
        data[name] = (corrupt, correct, [half(c) for c in corrupt], {})
    print(HEAD)
    for part in parts:
        for name, (corrupt, correct, halves, cache) in data.items():
            if "sentences" not in cache:  # each line once, whichever halves are printed
                cache["sentences"] = [cleaner.clean(c).text for c in corrupt]
                cache["stage"] = [per_line.clean(c).text for c in corrupt]
            keep = [i for i, h in enumerate(halves) if part in ("all", h)]
            cor, cre = [corrupt[i] for i in keep], [correct[i] for i in keep]
            modes = [("default pipeline, per line", [on_corrupt(corrupt[i], cache["sentences"][i]) for i in keep]),
                     ("spacing stage, per line", [on_corrupt(corrupt[i], cache["stage"][i]) for i in keep])]
            if args.documents:
                blocks = [line for i in range(0, len(cor), args.block)
                          for line in cleaner.clean("\n".join(cor[i:i + args.block])).text.split("\n")]
                whole = cleaner.clean("\n".join(cor)).text.split("\n")
                modes += [(f"default pipeline, {args.block}-line docs", [on_corrupt(c, x) for c, x in zip(cor, blocks)]),
                          ("default pipeline, one doc", [on_corrupt(c, x) for c, x in zip(cor, whole)])]
            for mode, cleaned in modes:
                print(row(name, part, mode, cor, cleaned, cre), flush=True)
            if args.clean_lines:
                inserted = sum(len(space_positions(on_corrupt(w, cleaner.clean(w).text)) - space_positions(w))
                               for w in cre)
                n = words(cre)
                print(f"{name:14} {part:4} {'clean lines, per line':30} {len(cre):6} {inserted} spaces inserted "
                      f"in {n:,} words = {per_10k(inserted, n):.2f} per 10k words", flush=True)
    for name, (corrupt, correct, halves, cache) in data.items():
        changed = sum(x.replace(" ", "") != c.replace(" ", "") for x, c in zip(cache["sentences"], corrupt))
        if changed:
            print(f"note: {name}: on {changed} lines the pipeline changed characters other than spaces; "
                  f"their spaces are scored laid over the corrupt line (on_corrupt)")
    if args.show:
        for name, (corrupt, correct, halves, cache) in data.items():
            shown = 0
            for c, x, w, h in zip(corrupt, cache["sentences"], correct, halves):
                if shown < args.show and h == "tune" and wrong_insertions(c, x, w):
                    print("   wrong:", x[:160]); print("   right:", w[:160]); shown += 1
    print(f"took {time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
