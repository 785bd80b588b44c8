"""Fuzzing the default pipeline: generated documents, the invariants checked on each.

    python -m tests.fuzz [--docs N] [--seed S] [--jobs J] [--only I]

Document i of seed S is built by its own `random.Random(f"{S}:{i}")` from real
text (the sample dump and the golden record) and from what breaks cleaners:
mojibake, lost spaces, line endings, controls, invisible and bidi characters,
HTML and scripts, lone surrogates, long runs without a space, date headers and
mistranslated acronyms. A failure names the document, so
`python -m tests.fuzz --seed S --only I` reproduces it alone.

The invariants (what "What cleaner promises" in the README states):
  no exception; replaying the edits on the input gives the output; undoing them
  gives the input back; cleaning the output again changes nothing; the output is
  valid UTF-8 and holds no control character other than newline and tab.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "data" / "sample").rglob("*.txt")) + [ROOT / "tests" / "golden" / "nato-2022-10-12.input.txt"]

ODD = ["\r\n", "\r", "\n\n\n", "  ", "\t", "\u00a0", "\u2009", "\u200b", "\u200d", "\u00ad", "\ufeff", "\u2028",
       "\u2029", "\x0c", "\x0b", "\x00", "\x07", "\x1b[1m", "\x7f", "\x85", "\x81", "\x9d", "\u0301", "\u202e",
       "\u202c", "\u2066", "\ud800", "\udfff", "\U0001F469\u200d\U0001F4BB", "\ue000", "\ufffd", "&amp;", "&#233;",
       "&nbsp;", "<b>", "</p>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:x()",
       "\u201c", "\u201d", "\u2019", "\"", "'", "I\u2019LL TAKE", "U.S.", "3.5%", "COVID-19", "https://x.org/a,b",
       "a@b.co", "#tag", "1,200", "10:30", "Díaz-Canel", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
       "\u4e2d\u6587", "\u0928\u092e\u0938\u094d\u0924\u0947"]
HEADERS = [" date 2022-10-12 ", "Date: Oct. 14, 2022 09:30\n", "fecha 14 de octubre de 2022 ", "03/04/2022 ",
           "date 2022-13-45 ", "Published: 31 February 2021\n"]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SOURCES]


def _mojibake(rng: random.Random, text: str) -> str:
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.randrange(1, 200))
    codec = rng.choice(["cp1252", "latin-1", "cp437"])
    broken = text[a:b].encode("utf-8", "surrogatepass").decode(codec, "replace")
    return text[:a] + broken + text[b:]


def _drop_spaces(rng: random.Random, text: str) -> str:
    p = rng.choice([0.02, 0.05, 0.2, 1.0])
    return "".join(c for c in text if c != " " or rng.random() > p)


def _sprinkle(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 12)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(ODD) + text[i:]
    return text


def _random_unicode(rng: random.Random, text: str) -> str:
    chars = "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x80, 0x800),
                                    rng.randrange(0x800, 0x10000), rng.randrange(0x10000, 0x110000)]))
                    for _ in range(rng.randrange(1, 40)))
    i = rng.randrange(len(text) + 1)
    return text[:i] + chars + text[i:]


def _line_endings(rng: random.Random, text: str) -> str:
    return text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\n\n"]))


def _header(rng: random.Random, text: str) -> str:
    return rng.choice(HEADERS) + text


def _long_run(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    run = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABC") for _ in range(rng.randrange(100, 5000)))
    return text[:i] + run + text[i:]


def _glue_quotes(rng: random.Random, text: str) -> str:
    return text.replace("\u201d ", "\u201d").replace(" \u201c", "\u201c").replace(". ", ".")


MUTATIONS = [_mojibake, _drop_spaces, _sprinkle, _random_unicode, _line_endings, _header, _long_run, _glue_quotes]


def document(seed: int, i: int, texts: list[str]) -> str:
    """Document i of `seed`: a slice of real text (or none), mutated a few times."""
    rng = random.Random(f"{seed}:{i}")
    source = rng.choice(texts)
    a = rng.randrange(len(source))
    text = source[a:a + rng.choice([0, 1, 40, 300, 2000, 20000])]
    for mutation in rng.sample(MUTATIONS, rng.randrange(0, 4)):
        text = mutation(rng, text)
    return text


def check(text: str, pipeline) -> None:
    """The invariants; an AssertionError says which one failed."""
    from cleaner.edits import check as check_edits, replay

    r = pipeline.clean(text)
    check_edits(text, r.fixes)
    assert replay(text, r.edits) == r.text, "replaying the edits does not give the output"
    assert r.revert() == text, "undoing the edits does not give the input"
    again = pipeline.clean(r.text)
    assert again.text == r.text and not again.fixes, "cleaning the output again changes it"
    r.text.encode("utf-8")                                  # raises on a lone surrogate
    bad = [c for c in r.text if c not in "\n\t" and unicodedata.category(c) == "Cc"]
    assert not bad, f"control characters in the output: {bad[:5]!r}"


_pipeline = None
_texts_cache: list[str] = []


def _init() -> None:
    global _pipeline, _texts_cache
    from cleaner import Pipeline
    _pipeline = Pipeline.default()
    _texts_cache = _texts()


def _one(job: tuple[int, int]) -> tuple[int, str | None]:
    seed, i = job
    try:
        check(document(seed, i, _texts_cache), _pipeline)
        return i, None
    except Exception:
        return i, traceback.format_exc(limit=3)


def run(docs: int, seed: int = 0, jobs: int = 1, only: int | None = None) -> list[tuple[int, str]]:
    """Check `docs` generated documents; the failures as (document index, traceback)."""
    indices = [only] if only is not None else range(docs)
    work = [(seed, i) for i in indices]
    if jobs == 1:
        _init()
        results = map(_one, work)
        return [(i, tb) for i, tb in results if tb]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init) as pool:
        return [(i, tb) for i, tb in pool.imap_unordered(_one, work, chunksize=64) if tb]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    ap.add_argument("--only", type=int, default=None, help="check only document I (to reproduce a failure)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    failures = run(args.docs, args.seed, args.jobs, args.only)
    n = 1 if args.only is not None else args.docs
    print(f"{n} documents (seed {args.seed}), {len(failures)} failures, {time.perf_counter() - t0:.0f} s")
    if failures:
        print("failing documents:", " ".join(str(i) for i, _ in sorted(failures)))
    for i, tb in sorted(failures)[:10]:
        print(f"--- document {i} (python -m tests.fuzz --seed {args.seed} --only {i})\n{tb}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
