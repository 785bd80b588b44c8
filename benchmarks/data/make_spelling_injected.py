"""Rebuild spelling-injected.jsonl (see SOURCE.md). Needs codespell installed (`pip install codespell`)
and ../shared beside the checkout:

    python benchmarks/data/make_spelling_injected.py
"""
import json
import random
import re
from importlib.resources import files
from pathlib import Path

import wordfreq

HERE = Path(__file__).resolve().parent
ACL = HERE.parents[1] / ".." / "shared" / "bench" / "tokenization-repair-acl"


def pairs():
    out = []
    for line in (files("codespell_lib") / "data" / "dictionary.txt").read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.strip().partition("->")
        right = right.strip()
        if "," in right or " " in right or len(wrong) < 3:
            continue
        if wrong.isalpha() and right.isalpha() and wrong.islower() and right.islower() \
                and wordfreq.zipf_frequency(right, "en") >= 3.0:
            out.append((wrong, right))
    random.Random(20261125).shuffle(out)
    return out


def sentences():
    hosts = []
    for split in ("development", "test"):
        hosts += (ACL / split / "spelling.txt").read_text(encoding="utf-8").splitlines()
    hosts += [row["text"] for row in map(json.loads, open(HERE / "language-paragraphs.jsonl", encoding="utf-8"))
              if row["language"] == "en"]
    return [s for h in hosts for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", h)
            if 8 <= len(s.split()) <= 60 and s.isascii()]


def main(n=300):
    hosts, used, out = sentences(), set(), []
    for wrong, right in pairs():
        if len(out) >= n:
            break
        word = re.compile(r"(?<![\w-])" + re.escape(right) + r"(?![\w-])")
        for i, s in enumerate(hosts):
            m = None if i in used else word.search(s)
            if m:
                used.add(i)
                out.append({"id": f"codespell-{len(out) + 1:03d}", "text": s[:m.start()] + wrong + s[m.end():],
                            "start": m.start(), "end": m.start() + len(wrong), "wrong": wrong, "right": right})
                break
    with open(HERE / "spelling-injected.jsonl", "w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
