"""Cost of the header stage per document: no header, an ISO header, a month-name header.

    python benchmarks/header.py [CASES.jsonl] [--repeat N]

Bodies are the gold texts of ../shared/bench/dev-cases.jsonl; each is timed
bare, with "date 2022-10-12 Title" and with "fecha 12 de octubre de 2022 Title"
in front. The stage runs alone (HeaderStage.find), best of N runs.
Target (issue 3): under 0.1 ms per document without a header or with an ISO one.
"""
import argparse
import json
import time
from pathlib import Path

from cleaner.document import Document
from cleaner.stages.header import HeaderStage

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"


def per_doc_ms(stage, texts, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            stage.find(Document(t))
        best = min(best, time.perf_counter() - t0)
    return best / len(texts) * 1000


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    bodies = [json.loads(line)["gold_text"] for line in open(args.cases, encoding="utf-8") if line.strip()]
    stage = HeaderStage()
    variants = {
        "no header": bodies,
        "ISO header (date 2022-10-12 Title)": ["date 2022-10-12 A title\n\n" + b for b in bodies],
        "month-name header (fecha 12 de octubre de 2022)": ["fecha 12 de octubre de 2022 A title\n\n" + b
                                                            for b in bodies],
    }
    print(f"{len(bodies)} documents, best of {args.repeat}")
    for name, texts in variants.items():
        stage.find(Document(texts[0]))  # warm caches (dateparser builds its parser once)
        print(f"{name:50} {per_doc_ms(stage, texts, args.repeat):8.4f} ms/doc")


if __name__ == "__main__":
    main()
