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
