"""Text a process has never seen: the corpus of distinct documents that speed.py's headline reads.

Every distinct text the development sets hold, each once: the development cases' inputs and gold
texts, and the lines of the whitespace and ACL sets (both sides) in documents of 25 lines. A real
dump is new text, new names and new typos in every document; caches warmed by text seen before
(the spacing stage's per token, the spelling stage's verdicts, dates) must not flatter a figure
that is meant to say how fast cleaner is on it.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

LINES_PER_DOCUMENT = 25


def distinct_documents(bench: Path) -> list[str]:
    """The distinct texts of the development sets under `bench` (../shared/bench), in a fixed order."""
    texts = []
    for line in (bench / "dev-cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        texts += [case["input"], case["gold_text"]]
    texts += _line_documents(bench, ("corrupt.txt", "correct.txt"))
    return list(dict.fromkeys(texts))      # each text once, first place kept


def clean_documents(bench: Path) -> list[str]:
    """The distinct clean texts among them: the development cases' gold texts and the correct side
    of the whitespace and ACL sets, in documents of the same lines (what a stage costs on text that
    needs nothing: #15 asks the spacing stage for 6 MB/s there)."""
    texts = [json.loads(line)["gold_text"] for line in (bench / "dev-cases.jsonl").read_text(encoding="utf-8")
             .splitlines()]
    return list(dict.fromkeys(texts + _line_documents(bench, ("correct.txt",))))


def _line_documents(bench: Path, sides: tuple[str, ...]) -> list[str]:
    """The lines of the whitespace and ACL sets' `sides`, in documents of LINES_PER_DOCUMENT lines."""
    texts = []
    for folder in sorted((bench / "whitespace").iterdir()) + sorted((bench / "tokenization-repair-acl").iterdir()):
        for side in sides:
            if (folder / side).is_file():
                lines = (folder / side).read_text(encoding="utf-8").splitlines()
                texts += ["\n".join(lines[i:i + LINES_PER_DOCUMENT]) + "\n"
                          for i in range(0, len(lines), LINES_PER_DOCUMENT)]
    return texts


def half(text: str) -> str:
    """A fixed half of the documents by a hash of the text, as score.py splits the cases."""
    return "a" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "b"


def write_jsonl(texts: list[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"doc-{i}", "text": text}, ensure_ascii=False) + "\n")
    return path
