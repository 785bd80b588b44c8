"""Technical text: Python's own documentation, code and prose together: wrong changes on it, and spaces put back.

    python benchmarks/technical.py [--source topics|docstrings] [--split held|tune|all] [--show N] [--drop N]

The text, read from the running interpreter (PSF licence; not shipped): with `--source topics`
(the default), its help topics (`pydoc_data.topics`, the reference manual as `help()` shows it);
with `--source docstrings`, the docstrings of the standard library's public modules and of the
classes and functions they define (200 characters or more, each once), where prose names
classes, attributes and functions without marking them as code. It is edited text,
so a space the spacing stage inserts there is counted as wrong: in code (calls, identifiers,
sessions, literal blocks) or in the prose around it. A slight overcount: the docs lost a few
spaces of their own (the tuning half one, a sentence glued after its period). Texts are split into halves by
a hash of their text (new_text.half, as the other sets); tune on "tune", report "held".

Reported per half: texts, words, the spacing stage's fixes (all wrong) per 10k words, and the
whitespace stage's changes apart (collapsed runs of spaces: normalisation, not repairs).
--show N prints the first N spacing fixes of the half, with their context.

With --drop N, the other side: one space in N between two words (chosen by a hash of the text and
the place) is dropped, as the whitespace sets drop them, and the spaces the default pipeline inserts
are scored against the text as written (precision, recall, wrong per 10k words): what prose about
code that lost spaces gets back. Spaces dropped inside code count too, though the code is left
alone: recall is a lower bound.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import half  # noqa: E402
from whitespace import per_10k, separators  # noqa: E402

HALVES = {"tune": "a", "held": "b"}


_SIDE_EFFECTS = ("antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo")   # windows, prints, browsers


def topics() -> dict[str, str]:
    from pydoc_data.topics import topics as found
    return dict(sorted(found.items()))


def docstrings() -> dict[str, str]:
    """name → docstring of each public standard-library module, and of the classes and functions
    each defines, where it has 200 characters or more (a docstring repeated elsewhere counts once)."""
    import importlib
    import inspect
    import warnings
    found: dict[str, str] = {}
    seen = set()
    warnings.simplefilter("ignore")
    for name in sorted(sys.stdlib_module_names):
        if name.startswith("_") or name in _SIDE_EFFECTS:
            continue
        try:
            module = importlib.import_module(name)
        except Exception:           # a module this build lacks (no Tk, no curses …)
            continue
        members = [(name, module)] + [(f"{name}.{a}", getattr(module, a, None)) for a in sorted(dir(module))
                                      if not a.startswith("_")]
        for label, obj in members:
            if obj is None or (obj is not module and getattr(obj, "__module__", None) != name):
                continue
            doc = inspect.getdoc(obj)
            if doc and len(doc) >= 200 and doc not in seen:
                seen.add(doc)
                found[label] = doc
    return found


SOURCES = {"topics": topics, "docstrings": docstrings}


def dropped(text: str, every: int) -> str:
    """`text` with one in `every` single spaces between two non-space characters dropped, chosen by
    a hash of the text and the space's place (the same on every run)."""
    seed = hashlib.sha256(text.encode("utf-8")).digest()
    out = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and not text[i - 1].isspace() and not text[i + 1].isspace() \
                and hashlib.blake2b(seed + i.to_bytes(4, "little"), digest_size=4).digest()[0] % every == 0:
            continue
        out.append(ch)
    return "".join(out)


def wrong_on_clean(chosen: dict[str, str], source: str, split: str, show: int) -> None:
    """The spacing stage's fixes on the texts as written (all wrong), the first `show` of them printed."""
    words, spacing, whitespace, shown = 0, Counter(), 0, 0
    for name, text in chosen.items():
        result = cleaner.clean(text)
        words += len(text.split())
        for edit in result.edits:
            if edit.kind != "fix":
                continue
            if edit.stage == "spacing":
                spacing[edit.rule] += 1
                if shown < show:
                    shown += 1
                    print(f"{name}: {text[max(0, edit.start - 30):edit.start]!r} | {text[edit.end:edit.end + 20]!r}")
            elif edit.stage == "whitespace":
                whitespace += 1
    total = sum(spacing.values())
    print(f"{source}, {split}: {len(chosen)} texts, {words:,} words; spacing stage: {total} spaces inserted, counted wrong "
          f"= {total / words * 1e4:.2f} per 10k words ({', '.join(f'{r} {n}' for r, n in spacing.most_common())}); "
          f"whitespace stage: {whitespace} runs collapsed")


def put_back(chosen: dict[str, str], source: str, split: str, every: int) -> None:
    """The spaces the pipeline inserts into the texts with one space in `every` dropped: right where
    the text as written has one."""
    right = wrong = needed = 0
    for text in chosen.values():
        corrupt = dropped(text, every)
        _, at = separators(corrupt)
        _, want = separators(text)          # the same characters: only spaces were dropped
        needed += len(want - at)
        for edit in cleaner.clean(corrupt).edits:
            if edit.stage == "spacing" and edit.kind == "fix" and edit.after == " ":
                n = edit.start - sum(1 for ch in corrupt[:edit.start] if ch.isspace())
                right, wrong = right + (n in want), wrong + (n not in want)
    words = sum(len(text.split()) for text in chosen.values())
    print(f"{source}, {split}, one space in {every} dropped: {len(chosen)} texts, {words:,} words; "
          f"precision {right / max(1, right + wrong):.2%}, recall {right / max(1, needed):.2%}, "
          f"wrong {per_10k(wrong, words):.2f} per 10k words ({right}/{wrong}/{needed - right})")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", choices=sorted(SOURCES), default="topics")
    ap.add_argument("--split", choices=("held", "tune", "all"), default="held")
    ap.add_argument("--show", type=int, default=0, help="print this many spacing fixes (tune half only)")
    ap.add_argument("--drop", type=int, default=0, metavar="N",
                    help="drop one space in N and score the spaces put back instead")
    args = ap.parse_args(argv)
    if args.show and args.split != "tune":
        ap.error("--show reads failures of the tuning half only")
    if args.show and args.drop:
        ap.error("--show prints the fixes on the texts as written, not with --drop")
    chosen = {name: text for name, text in SOURCES[args.source]().items()
              if args.split == "all" or half(text) == HALVES[args.split]}
    if args.drop:
        put_back(chosen, args.source, args.split, args.drop)
    else:
        wrong_on_clean(chosen, args.source, args.split, args.show)


if __name__ == "__main__":
    main()
