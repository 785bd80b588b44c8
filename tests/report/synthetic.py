"""A synthetic report of any size: documents of made-up words whose doubled spaces are fixes of a
few rules, with confidences spread over 0.3–1 and a flag now and then. For tests of the queue and
for benchmarks/report_html.py (`--edits`), which need many edits fast, not a pipeline's run."""
from __future__ import annotations

import random
from typing import Iterator

from cleaner import Edit, Result
from cleaner.edits import replay

RULES = ("spacing.glued-words", "whitespace.space-run", "encoding.mojibake")
WORDS = ("harbour", "ferry", "council", "river", "budget", "festival", "market", "school", "roof", "vote")


def results(docs: int, edits_per_doc: int, seed: int = 0, rules=RULES) -> Iterator[Result]:
    """`docs` documents of `edits_per_doc` edits each: every tenth a flag (spelling.unknown-word),
    the others fixes of `rules` in turn, each replacing a doubled space by one."""
    rng = random.Random(seed)
    k = 0
    for d in range(docs):
        parts, edits, pos = [], [], 0
        for j in range(edits_per_doc):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
            if j and j % 7 == 0:
                words = "\n" + words  # some lines, for the hunks' context
            parts.append(words)
            pos += len(words)
            conf = round(rng.uniform(0.3, 1.0), 3)
            if k % 10 == 9:
                edits.append(Edit(pos - 4, pos, words[-4:], "", "spelling", "spelling.unknown-word",
                                  "an unknown word", conf, "flag"))
                parts.append(" ")
                pos += 1
            else:
                rule = rules[k % len(rules)]
                edits.append(Edit(pos, pos + 2, "  ", " ", rule.split(".")[0], rule, "a doubled space", conf))
                parts.append("  ")
                pos += 2
            k += 1
        parts.append("end.\n")
        original = "".join(parts)
        fixes = [e for e in edits if e.kind == "fix"]
        yield Result(replay(original, fixes), edits, {"title": f"synthetic {d}"}, original, f"synthetic/{d:06}.txt")
