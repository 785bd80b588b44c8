"""Time and peak memory of `cleaner clean` on the hard inputs of README "What cleaner promises".

    .venv/bin/python benchmarks/bad_input.py [--only NAME ...] [--keep DIR]

Each case is generated (nothing is downloaded), then cleaned by the installed `cleaner` in its
own process with `--jobs 1 -q` and a report; the figures are that process's wall time and peak
resident memory (getrusage of the child), and what summary.json says of the documents.

    line-10mb       one 10 MiB line of random lower-case letters, no space (seed 1)
    a-10mb          one 10 MiB line of 'a'
    bombs           a .txt.gz and a .jsonl.gz line of 1 GiB of 'a' each, about 1 MB on disk each
    doc-50mb        the sample dump's texts repeated to 50 MiB characters, one document
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLEANER = Path(sys.executable).with_name("cleaner")


def line_10mb(folder: Path) -> None:
    rng = random.Random(1)
    (folder / "line.txt").write_text("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10 * 2**20)))


def a_10mb(folder: Path) -> None:
    (folder / "a.txt").write_text("a" * 10 * 2**20)


def bombs(folder: Path) -> None:
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 2**20, mtime=0) * 1024)
    line = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [line.compress(b'{"id": "before", "text": "a  b"}\n{"id": "bomb", "text": "')]
    parts += [line.compress(b"a" * 2**20) for _ in range(1024)]
    parts.append(line.compress(b'"}\n{"id": "after", "text": "c  d"}\n') + line.flush())
    (folder / "line.jsonl.gz").write_bytes(b"".join(parts))


def doc_50mb(folder: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/sample").rglob("*.txt")))
    (folder / "big.txt").write_text((text * (50 * 2**20 // len(text) + 1))[: 50 * 2**20], encoding="utf-8")


CASES = {"line-10mb": line_10mb, "a-10mb": a_10mb, "bombs": bombs, "doc-50mb": doc_50mb}


def measure(name: str, make, work: Path) -> dict:
    folder = work / name / "in"
    folder.mkdir(parents=True)
    make(folder)
    on_disk = sum(p.stat().st_size for p in folder.iterdir())
    out, rep = work / name / "out.jsonl", work / name / "rep"
    started = time.monotonic()
    process = subprocess.Popen([CLEANER, "clean", folder, "-o", out, "--report", rep, "--jobs", "1", "-q"])
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    documents = json.loads((rep / "summary.json").read_text())["documents"]
    return {"case": name, "MB on disk": round(on_disk / 1e6, 1), "exit": os.waitstatus_to_exitcode(status),
            "seconds": round(seconds, 1), "peak MB": round(usage.ru_maxrss / 1024), "documents": documents}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the inputs and outputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(args.keep or scratch)
        for name in args.only:
            print(json.dumps(measure(name, CASES[name], work)), flush=True)


if __name__ == "__main__":
    main()
