"""Cost of the header stage per document: no header, an ISO header, a month-name header.

    python benchmarks/header.py [CASES.jsonl] [--repeat N]

Bodies are the gold texts of ../shared/bench/dev-cases.jsonl; each is timed
bare, with "date 2022-10-12 Title" and with "fecha 12 de octubre de 2022 Title"
in front, and with a month-name date of its own (no two alike, and the
per-process cache of dates emptied before each run: what a date costs the
first time). The stage runs alone (HeaderStage.find), best of N runs.
Target (issue 3): under 0.1 ms per document without a header or with an ISO one.
"""
import argparse
import json
import time
from pathlib import Path

from cleaner.document import Document
from cleaner.stages import header
from cleaner.stages.header import HeaderStage

DEFAULT_CASES = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "dev-cases.jsonl"


MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


def per_doc_ms(stage, texts, repeat, cold=False):
    best = float("inf")
    for _ in range(repeat):
        if cold:
            header._read_named.cache_clear()
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
        "month-name header, a date of its own, first seen": [
            f"fecha {1 + i % 28} de {MONTHS[i // 28 % 12]} de {2000 + i // 336} A title\n\n" + b
            for i, b in enumerate(bodies)],
    }
    print(f"{len(bodies)} documents, best of {args.repeat}")
    for name, texts in variants.items():
        stage.find(Document(texts[0]))  # warm caches (dateparser builds its parser once)
        cold = "first seen" in name
        print(f"{name:50} {per_doc_ms(stage, texts, args.repeat, cold):8.4f} ms/doc")


if __name__ == "__main__":
    main()
