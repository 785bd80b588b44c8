"""Checking every example of every rule and exception: what `cleaner rules test` runs, and the test suite with it.

An example is checked against its own rule (guards included; language scope
is the stage's business): the rule must turn `input` into `output` exactly,
leave `output` alone when run again (the pipeline re-runs stages until nothing
changes), and give the same answer without the literal prefilter (so a wrong
prefilter cannot hide a match).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..edits import FIX, Edit, apply
from .engine import find
from .pack import Example, Keep, Pack, Rule

TIMEOUT = 1.0   # seconds per example; an example is short, so this only catches runaway patterns


@dataclass(frozen=True)
class Failure:
    rule: Rule | Keep
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


def check_keeps(packs: Iterable[Pack], stages: Sequence | None = None,
                others: Iterable[Keep] = ()) -> tuple[int, list[Failure]]:
    """How many examples of the packs' exceptions were checked, and the ones that failed, on
    `stages` (default: the default pipeline's), with `others` and the packs' other exceptions
    (and the default pipeline's own) in force."""
    from ..pipeline import Pipeline, default_pipeline   # the pipeline imports the rules engine
    packs = tuple(packs)
    keeps = [k for p in packs for k in p.keeps]
    if not keeps:
        return 0, []
    default = default_pipeline()
    stages, rounds = (default.stages, default.max_rounds) if stages is None else (tuple(stages), default.max_rounds)
    in_force = {k.ref: k for k in (*default.keeper.keeps, *others, *keeps)}
    count, failures = 0, []
    for keep in keeps:
        base = [k for ref, k in in_force.items() if ref != keep.ref]
        without, with_it = Pipeline(stages, rounds, keeps=base), Pipeline(stages, rounds, keeps=base + [keep])
        for number, example in enumerate(keep.examples, 1):
            count += 1
            problem = _keep_problem(keep, example, without, with_it)
            if problem:
                failures.append(Failure(keep, number, example, problem))
    return count, failures


def _keep_problem(keep: Keep, example: Example, without, with_it) -> str | None:
    key = lambda e: (e.start, e.end, e.before, e.after, e.rule, e.kind)
    before, after = without.clean(example.input).edits, with_it.clean(example.input).edits
    kept_keys, made_keys = {key(e) for e in after}, {key(e) for e in before}
    gone = [e for e in before if key(e) not in kept_keys]
    came = [e for e in after if key(e) not in made_keys and e.kind == FIX]
    if not any(keep.rule in e.rules for e in gone):
        return (f"keeps nothing: without the exception the pipeline makes no edit of {keep.rule} "
                f"in {keep.token!r} here")
    other = next((e for e in gone if keep.rule not in e.rules), None) or (came[0] if came else None)
    if other is not None:
        return (f"changes more than its edit: with the exception, {other.rule} "
                f"{other.before!r} → {other.after!r} at {other.start} {'goes' if other in gone else 'comes'}")
    return None
