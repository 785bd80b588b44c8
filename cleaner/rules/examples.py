"""Checking every example of every rule: what `cleaner rules test` runs, and the test suite with it.

An example is checked against its own rule (guards included; language scope
is the stage's business): the rule must turn `input` into `output` exactly,
leave `output` alone when run again (the pipeline re-runs stages until nothing
changes), and give the same answer without the literal prefilter (so a wrong
prefilter cannot hide a match).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..edits import Edit, apply
from .engine import find
from .pack import Example, Pack, Rule

TIMEOUT = 1.0   # seconds per example; an example is short, so this only catches runaway patterns


@dataclass(frozen=True)
class Failure:
    rule: Rule
    number: int          # 1-based, in the order the pack lists the rule's examples
    example: Example
    problem: str

    def __str__(self) -> str:
        return (f"{self.rule.ref} example {self.number}: {self.problem}\n"
                f"    input:    {self.example.input!r}\n"
                f"    expected: {self.example.output!r}")


def rewrite(rule: Rule, text: str, prefilter: bool = True) -> str:
    """`text` after `rule` alone (TimeoutError if its pattern runs out of time)."""
    found = find([rule], text, TIMEOUT, prefilter)
    if found.timed_out:
        raise TimeoutError(f"pattern ran over {TIMEOUT} s")
    return apply(text, [Edit(h.start, h.end, text[h.start:h.end], h.after, "rules", h.rule.ref, "")
                        for h in found.hits])


def check_examples(packs: Iterable[Pack]) -> tuple[int, list[Failure]]:
    """How many examples were checked, and the ones that failed."""
    count, failures = 0, []
    for pack in packs:
        for rule in pack.rules:
            for number, example in enumerate(rule.examples, 1):
                count += 1
                problem = _problem(rule, example)
                if problem:
                    failures.append(Failure(rule, number, example, problem))
    return count, failures


def _problem(rule: Rule, example: Example) -> str | None:
    try:
        got = rewrite(rule, example.input)
        if got != example.output:
            return f"got {got!r}" if example.output != example.input else f"must stay unchanged, got {got!r}"
        if rewrite(rule, example.input, prefilter=False) != got:
            return f"the literal prefilter {rule.literal!r} hides a match (an engine bug: please report)"
        again = rewrite(rule, got)
        if again != got:
            return f"not idempotent: running the rule again on the output gives {again!r}"
    except TimeoutError as e:
        return str(e)
    return None
