"""The encoding stage skips ftfy on lines ftfy would not change; hold ftfy to that.

If a new ftfy release detects mojibake the skip test does not foresee, these fail.
"""
import json
from pathlib import Path

from ftfy.badness import is_bad
from hypothesis import given, settings, strategies as st

from cleaner import Pipeline
from cleaner.stages import encoding
from cleaner.stages.encoding import EncodingStage

ASCII_AND_TYPOGRAPHY = st.text(
    alphabet=st.sampled_from([chr(i) for i in range(32, 127)] + list(encoding._TYPOGRAPHY) + ["\t"]),
    max_size=60)


@given(ASCII_AND_TYPOGRAPHY)
@settings(max_examples=3000, deadline=None)
def test_ascii_and_typography_is_never_bad(line):
    assert not is_bad(line)


def test_skipping_changes_no_result(monkeypatch):
    texts = [c["input"] for f in sorted((Path(__file__).parent / "cases").glob("encoding.json"))
             for c in json.loads(f.read_text(encoding="utf-8"))]
    texts += ["Stoltenberg said \u201cwe will\u201d \u2014 and NATO\u2019s\u2026", "Ca\u00c3\u00b1a \u2019x",
              "\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2", "5\u00e2\u0080\u00933", "l\u00e2\u20ac\u2122h"]
    stage = EncodingStage()
    fast = [Pipeline([stage]).clean(t).text for t in texts]
    monkeypatch.setattr(EncodingStage, "_may_need_ftfy", lambda self, line: True)
    assert [Pipeline([stage]).clean(t).text for t in texts] == fast


# Characters that make ftfy's mojibake patterns: Latin-1 and Windows-1252 mojibake, C1 controls,
# box drawing, Greek, Cyrillic, MacRoman look-alikes, spaces and common typography.
MOJIBAKE_ALPHABET = st.sampled_from(
    [chr(i) for i in range(32, 127)] + [chr(i) for i in range(0x80, 0x180)] + list(encoding._TYPOGRAPHY)
    + list("\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2122\u201a\u201e\u2020\u2021\u2030\u2039\u203a"
           "\u0391\u0392\u0393\u039e\u039f\u03b1\u03b2\u0412\u0413\u0420\u0421\u0432\u0402\u040e\u221a\u2248"
           "\u2500\u2502\u2550\u2591\u00d7\u00b2\u0101\u00e0\u00f8\t\n"))


@given(st.text(alphabet=MOJIBAKE_ALPHABET, max_size=80))
@settings(max_examples=3000, deadline=None)
def test_looking_around_suspects_is_is_bad(line):
    assert encoding.looks_bad(line) == is_bad(line)


def test_looking_around_suspects_is_is_bad_on_real_lines():
    import re
    from ftfy.badness import BADNESS_RE
    assert re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1] <= encoding._BAD_WIDTH
    texts = [c["input"] for f in sorted((Path(__file__).parent / "cases").glob("*.json"))
             for c in json.loads(f.read_text(encoding="utf-8"))]
    lines = [line for t in texts for line in t.splitlines()]
    lines += [bad for line in lines for bad in _misdecoded(line)]   # the mojibake of real lines
    assert [encoding.looks_bad(line) for line in lines] == [is_bad(line) for line in lines]
    assert sum(map(is_bad, lines)) > 50


def _misdecoded(line: str) -> list[str]:
    """`line` as exports garble it: its UTF-8 read as Windows-1252 or Latin-1, once or twice."""
    out = []
    for legacy in ("cp1252", "latin-1"):
        once = line.encode("utf-8").decode(legacy, errors="replace")
        out += [once, once.encode("utf-8").decode(legacy, errors="replace")]
    return [bad for bad in dict.fromkeys(out) if bad != line]
