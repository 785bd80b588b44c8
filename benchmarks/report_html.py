"""How fast report.html opens for a big run: 20,000 documents by default; with --edits, how fast
its queue shows a page of a report of that many edits.

    python benchmarks/report_html.py [CASES.jsonl] [--docs N] [--repeat N] [--keep DIR]
    python benchmarks/report_html.py --edits 100000 [--review] [--repeat N] [--keep DIR]

Builds the report of a run of N documents (the development cases cleaned once
each, then repeated with distinct ids until there are N) with the same
ReportWriter `cleaner clean --report` uses, then opens report.html from
file:// in headless Chromium (/usr/bin/chromium) `--repeat` times, each in a
fresh browser context, and reports the best and the median of:

  summary   navigation start → the summary is on screen (the goal: under 2 s)
  index     navigation start → the document index is loaded (the list works)
  document  opening a document of the last chunk from the list (hash change → text shown)

With --edits N: a synthetic report (tests/report/synthetic.py: documents of 20 edits, fixes of
three rules and flags, confidences spread over 0.3–1) opened at the queue of one rule, in
document order and least confident first, from navigation start to the first page of hunks
drawn whole (the page's `cleaner-queue` mark: index.js, edits.js and the page's chunks loaded;
`first-hunk`, least confident first: the first hunk drawn, as hunks appear while their chunks
come in), then the next page (`]`, key press → page drawn). With --review, the page is served by `cleaner
review`'s server (decision controls on, the decisions fetched, the progress counted) instead.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cleaner
from cleaner import Result
from cleaner.report import ReportWriter, Summary
from cleaner.report.data import read_js_call

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.report import synthetic  # noqa: E402

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


def build_synthetic(edits: int, folder: Path) -> float:
    """The report of a synthetic run of `edits` edits, 20 a document; seconds it took."""
    summary = Summary(options={"inputs": ["synthetic"], "jobs": 1}, output={"path": str(folder / "out.jsonl"),
                                                                          "format": "jsonl"})
    started = time.perf_counter()
    with ReportWriter(folder, summary) as report:
        for result in synthetic.results(edits // 20, 20):
            report.add(result)
            summary.add(result)
        summary.seconds = time.perf_counter() - started
    return summary.seconds


def measure_queue(url: str, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright
    times: dict[str, list[float]] = {"queue": [], "queue-conf": [], "first-hunk": [], "next-page": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(repeat):
            for name, query in (("queue", "rule=spacing.glued-words"),
                                ("queue-conf", "rule=spacing.glued-words&sort=conf")):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{url}#queue?{query}", wait_until="commit")
                page.wait_for_selector("body[data-queue=shown]", state="attached", timeout=60_000)
                times[name].append(page.evaluate("performance.getEntriesByName('cleaner-queue')[0].startTime"))
                if name == "queue-conf":
                    times["first-hunk"].append(
                        page.evaluate("performance.getEntriesByName('cleaner-queue-first')[0].startTime"))
                    started = page.evaluate("performance.now()")
                    page.keyboard.press("]")
                    while not page.evaluate("(document.body.dataset.queueHash || '').includes('page=1')"):
                        page.wait_for_timeout(5)  # (wait_for_function evals: the page's CSP forbids it)
                    times["next-page"].append(page.evaluate("performance.now()") - started)
                context.close()
        browser.close()
    return times


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
    ap.add_argument("--edits", type=int, help="a synthetic report of this many edits, opened at its queue")
    ap.add_argument("--review", action="store_true", help="with --edits: serve the page as cleaner review does")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        if args.edits:
            seconds = build_synthetic(args.edits, folder)
            data = folder / json.loads((folder / "summary.json").read_text())["report"]["data"]
            [index] = read_js_call(data / "index.js", "index")
            chunks = sorted(data.glob("chunk-*.js"))
            print(f"{args.edits} edits in {len(index['docs'])} documents; report written in {seconds:.1f} s")
            print(f"index.js {(data / 'index.js').stat().st_size / 1e6:.1f} MB; edits.js "
                  f"{(data / 'edits.js').stat().st_size / 1e6:.1f} MB; {len(chunks)} chunks of "
                  f"{sum(c.stat().st_size for c in chunks) / len(chunks) / 1e3:.0f} kB on average")
            url, where = (folder / "report.html").as_uri(), "file://"
            if args.review:
                import threading
                from cleaner.report import review
                server, state = review.make_server(folder)
                threading.Thread(target=server.serve_forever, daemon=True).start()
                url, where = review.url(server, state) + "report.html", "cleaner review"
            times = measure_queue(url, args.repeat)
            print(f"headless Chromium, {args.repeat} page loads from {where}, ms (best / median):")
            for name, values in times.items():
                print(f"  {name:10} {min(values):7.0f} / {statistics.median(values):7.0f}")
            return
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
