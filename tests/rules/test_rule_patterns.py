"""Pattern compiling: apostrophes alike, and a literal prefilter that never hides a match."""
import pytest
from hypothesis import given, settings, strategies as st

from cleaner.rules.pattern import apostrophes_alike, compile_pattern, required_literal


@pytest.mark.parametrize("pattern,text", [
    ("I'LL TAKE", "I’LL TAKE"), ("I’LL TAKE", "I'LL TAKE"), (r"I\'LL", "I’LL"),
    ("[a']+", "a’a"), ("[^']x", "ax"), ("[]']", "’"),
])
def test_apostrophes_match_alike(pattern, text):
    assert compile_pattern(pattern).fullmatch(text)


@pytest.mark.parametrize("pattern,text", [("[^']x", "'x"), ("[^’]x", "'x"), ("I'LL", "ILL")])
def test_apostrophes_alike_keep_negation_and_need_one(pattern, text):
    assert not compile_pattern(pattern).fullmatch(text)


def test_named_lists_match_either_apostrophe():
    p = compile_pattern(r"\L<words>", lists={"words": ["don't"], "unused": ["x"]})
    assert p.fullmatch("don’t") and p.fullmatch("don't")


def test_escapes_are_left_alone():
    assert apostrophes_alike(r"\bI'LL\s+\p{Lu}") == r"\bI['’]LL\s+\p{Lu}"


@pytest.mark.parametrize("pattern,literal", [
    (r"(?:\b[Tt]he (?=I'LL TAKE(?!-|\s+\L<n>\b)))?\bI'LL TAKE\b", "LL TAKE"),
    ("Nord Stream", "Nord Stream"),
    (r"Nord\ Stream\.", "Nord Stream."),
    ("colou?r", "colo"),
    ("abc*d", "ab"),
    ("ab+cde", "cde"),
    ("wxy{0,3}z", "wx"),
    ("xyz{2}w", "xyz"),
    ("a|bcd", None),               # alternation at the top level: no single literal
    ("(?i)nato", None),            # inline flags change the meaning
    ("(?:nato){e<=1}x", None),     # fuzzy matching
    (r"\x41BC", None),             # escapes with a body are not read
    (r"\p{Lu}{2,}", None),
    ("(a+)+$", None),
    ("[abc]de.fg", "de"),
    ("a", None),                   # too short to be worth it
])
def test_required_literal(pattern, literal):
    assert required_literal(pattern) == literal


ATOMS = st.sampled_from(["a", "b", "'", " ", "ab", "[ab]", ".", r"\b", "(?:a|b)", "(b)", r"\.", "’"])
QUANT = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "+?"])
PATTERNS = st.lists(st.tuples(ATOMS, QUANT), min_size=1, max_size=8).map(lambda xs: "".join(a + q for a, q in xs))


@given(PATTERNS, st.text(alphabet="ab '’.", max_size=40))
@settings(max_examples=500, deadline=None)
def test_every_match_contains_the_literal(pattern, text):
    literal = required_literal(pattern)
    if literal is None:
        return
    for m in compile_pattern(pattern).finditer(text, overlapped=True):
        assert literal in m.group()
