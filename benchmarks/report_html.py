"""How fast report.html opens for a big run: 20,000 documents by default.

    python benchmarks/report_html.py [CASES.jsonl] [--docs N] [--repeat N] [--keep DIR]

Builds the report of a run of N documents (the development cases cleaned once
each, then repeated with distinct ids until there are N) with the same
ReportWriter `cleaner clean --report` uses, then opens report.html from
file:// in headless Chromium (/usr/bin/chromium) `--repeat` times, each in a
fresh browser context, and reports the best and the median of:

  summary   navigation start → the summary is on screen (the goal: under 2 s)
  index     navigation start → the document index is loaded (the list works)
  document  opening a document of the last chunk from the list (hash change → text shown)
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import cleaner
from cleaner import Result
from cleaner.report import ReportWriter, Summary
from cleaner.report.data import read_js_call

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"
CHROMIUM = "/usr/bin/chromium"


def build(cases: Path, docs: int, folder: Path) -> float:
    """Write the report of `docs` documents into `folder`; seconds it took."""
    pipeline = cleaner.Pipeline.default()
    inputs = [json.loads(line) for line in open(cases, encoding="utf-8") if line.strip()]
    cleaned = [pipeline.clean(case["input"], id=case["id"]) for case in inputs]
    summary = Summary(pipeline.describe(), {"inputs": [str(cases)], "jobs": 1},
                      output={"path": str(folder / "out.jsonl"), "format": "jsonl"})
    started = time.perf_counter()
    with ReportWriter(folder, summary) as report:
        for k in range(docs):
            r = cleaned[k % len(cleaned)]
            result = Result(r.text, r.edits, r.metadata, r.original, f"{r.id}#{k // len(cleaned)}")
            report.add(result)
            summary.add(result)
        summary.seconds = time.perf_counter() - started
    return summary.seconds


def measure(url: str, last_doc: int, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright
    times: dict[str, list[float]] = {"summary": [], "index": [], "document": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#summary-cards", state="visible")
            times["summary"].append(page.evaluate("performance.getEntriesByName('cleaner-summary')[0].startTime"))
            page.wait_for_selector("body[data-index=loaded]", state="attached", timeout=60_000)
            times["index"].append(page.evaluate("performance.getEntriesByName('cleaner-index')[0].startTime"))
            started = page.evaluate("performance.now()")
            page.evaluate(f"location.hash = '#doc/{last_doc}'")
            page.wait_for_selector("#doc-text .ed")
            times["document"].append(page.evaluate("performance.now()") - started)
            context.close()
        browser.close()
    return times


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", metavar="DIR", help="build the report here and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        seconds = build(Path(args.cases), args.docs, folder)
        summary = json.loads((folder / "summary.json").read_text())
        data = folder / summary["report"]["data"]
        chunks = sorted(data.glob("chunk-*.js"))
        [index] = read_js_call(data / "index.js", "index")
        last_doc = index["docs"][-1][0]
        print(f"{args.docs} documents ({summary['documents']['changed']} changed, {summary['edits']['total']} edits); "
              f"report written in {seconds:.1f} s")
        print(f"report.html {(folder / 'report.html').stat().st_size / 1e3:.0f} kB; index.js "
              f"{(data / 'index.js').stat().st_size / 1e6:.1f} MB; {len(chunks)} chunks of "
              f"{sum(c.stat().st_size for c in chunks) / len(chunks) / 1e3:.0f} kB on average")
        times = measure((folder / "report.html").as_uri(), last_doc, args.repeat)
        print(f"headless Chromium, {args.repeat} page loads from file://, ms (best / median):")
        for name, values in times.items():
            print(f"  {name:9} {min(values):7.0f} / {statistics.median(values):7.0f}")


if __name__ == "__main__":
    main()
