"""Invariants of the default pipeline over arbitrary text (hypothesis)."""
from hypothesis import HealthCheck, example, given, settings, strategies as st

import cleaner
from cleaner.edits import check, replay

# Arbitrary Unicode, weighted towards what breaks cleaners: line endings, odd and
# invisible spaces, combining marks, emoji with joiners, controls, mojibake ingredients.
TRICKY = st.sampled_from([
    "\r\n", "\r", "\n", "\n\n\n", " ", "  ", "\t", "\u00a0", "\u2009", "\u200b", "\u00ad", "\ufeff",
    "\u2028", "\u2029", "\x0c", "\x00", "\x07", "\x1b[1m", "\x85", "\x81", "\u0301", "\u200d",
    "\U0001F469\u200d\U0001F4BB", "\u00c3\u00a9", "\u00e2\u20ac\u0153", "\u00e2\u20ac\u009d",
    "\u00e2\u20ac\u2122", "&amp;", "&lt;", "<b>", "\u201c", "\u2019", "\ud800", "Stoltenberg", "U.S.",
])
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=30).map("".join)


@given(TEXT)
@example("03/04/2022  Eastmere\n")      # found by tests/fuzz.py: a header whose title ends the text
@example("\u201cWe\u2019ve never seen it this full,\u00c3\u00a2\u00e2\u201a\u00ac\u00c2\ufffd said Mirela Du\u00c3\u2026\u00c2\u00a1kov\u00c3\u0192\u00c2\u00a1.")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_default_pipeline_invariants(text):
    r = cleaner.clean(text)
    check(text, r.fixes)
    assert replay(text, r.edits) == r.text
    assert r.revert() == text
    for e in r.edits:
        assert text[e.start:e.end] == e.before
        assert e.kind in ("fix", "flag") and 0 <= e.confidence <= 1 and e.reason
    again = cleaner.clean(r.text)
    assert again.text == r.text and again.fixes == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_unicode_text_round_trips(text):
    r = cleaner.clean(text)
    assert r.revert() == text
    assert cleaner.clean(r.text).text == r.text
