"""What two sequences (strings, token lists) share at their ends.

Comparing two versions of a text (a repaired line against the line, a slip against a word) costs
what their middles cost: the common beginning and end are cut first.
"""
from __future__ import annotations

from collections.abc import Sequence


def common_ends(a: Sequence, b: Sequence) -> tuple[int, int]:
    """(head, tail): how many items `a` and `b` share at their beginning, and then at their end."""
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail
