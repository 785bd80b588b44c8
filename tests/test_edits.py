"""The edit model: composing stages' edits keeps the input recoverable."""
from hypothesis import given, settings, strategies as st

from cleaner.edits import FIX, FLAG, Edit, EditError, apply, check, compose, locate, replay, undo

import pytest


def fix(text, start, end, after, rule="t.r"):
    return Edit(start, end, text[start:end], after, "t", rule, "test edit", 1.0, FIX)


@st.composite
def edits_on(draw, text):
    """Sorted, disjoint random edits on `text`, with insertions and deletions."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, pos, last_insert = [], 0, None
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos or (a == b and a == last_insert):
            continue
        after = draw(st.text(alphabet="xyz \n", max_size=3))
        if text[a:b] == after:
            continue
        edits.append(fix(text, a, b, after))
        if a == b:
            last_insert = a
        pos = b
    return edits


@given(st.data(), st.text(alphabet="abcde \n", max_size=30), st.integers(1, 4))
@settings(max_examples=600, deadline=None)
def test_composed_edits_replay_and_undo(data, original, rounds):
    composed, current = [], original
    for _ in range(rounds):
        new = data.draw(edits_on(current))
        composed = compose(original, composed, current, new)
        current = apply(current, new)
        check(original, composed)
        assert replay(original, composed) == current
        assert undo(current, composed) == original
        assert all(e.before != e.after for e in composed)


def test_merged_edit_keeps_its_parts():
    original = "caf\u00c3\u00a9in"           # mojibake, then glued
    step1 = [fix(original, 3, 5, "\u00e9", "encoding.mojibake")]
    current = apply(original, step1)
    composed = compose(original, [], original, step1)
    step2 = [fix(current, 3, 3, " ", "spacing.glued")]     # insert before the repaired char: no overlap
    composed2 = compose(original, composed, current, step2)
    assert [(e.start, e.end, e.after) for e in composed2] == [(3, 3, " "), (3, 5, "\u00e9")]
    step3 = [fix(current, 3, 4, "e", "t.ascii")]           # rewrites the repaired char itself
    merged = compose(original, composed, current, step3)
    assert len(merged) == 1 and merged[0].rules == ("encoding.mojibake", "t.ascii")
    assert merged[0].before == "\u00c3\u00a9" and merged[0].after == "e"


def test_edit_undone_by_a_later_stage_disappears():
    original = "a  b"
    s1 = [fix(original, 1, 3, " ")]
    cur = apply(original, s1)
    s2 = [fix(cur, 1, 2, "  ")]
    assert compose(original, compose(original, [], original, s1), cur, s2) == []


def test_flags_point_at_the_original_input():
    original = "x\r\nhello wrld"
    s1 = [fix(original, 1, 3, "\n")]
    cur = apply(original, s1)
    flag = Edit(8, 12, "wrld", "world", "spelling", "spelling.unknown", "unknown", 0.5, FLAG)
    (located,) = locate(compose(original, [], original, s1), [flag], original)
    assert (located.start, located.end, located.before) == (9, 13, "wrld")


def test_check_rejects_stale_and_overlapping_edits():
    text = "hello world"
    with pytest.raises(EditError):
        check(text, [fix(text, 0, 5, "x"), fix(text, 3, 7, "y")])
    with pytest.raises(EditError):
        check(text, [Edit(0, 5, "HELLO", "x", "t", "t.r", "r")])
    with pytest.raises(EditError):
        check(text, [fix(text, 2, 2, "a"), fix(text, 2, 2, "b")])
