"""The rules stage: its data cases (cases/*.json), the example record, timeouts, overlaps, scope."""
import json
import os
import time
from pathlib import Path

import pytest

import cleaner
from cleaner import Pipeline
from cleaner.config import ConfigError, load
from cleaner.document import Document
from cleaner.edits import apply, check
from cleaner.stages.rules import RulesStage

CASES = Path(__file__).with_name("cases")
RECORD = Path(__file__).parents[1] / "golden" / "nato-2022-10-12.input.txt"


def load_cases():
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['label']}")


@pytest.mark.parametrize("case", list(load_cases()))
def test_rules_case(case):
    pipeline = Pipeline([RulesStage(**case.get("options", {}))])
    r = pipeline.clean(case["input"], metadata=case.get("metadata"))
    expected = case["input"] if case["expected"] is None else case["expected"]
    assert r.text == expected
    assert [e.rule for e in r.edits] == case.get("rules", [])
    check(case["input"], r.fixes)
    assert r.revert() == case["input"]
    assert pipeline.clean(r.text, metadata=case.get("metadata")).fixes == []


def test_example_record_only_otan_changes_through_the_default_pipeline():
    original = RECORD.read_text(encoding="utf-8")
    r = cleaner.clean(original)
    ours = [e for e in r.edits if any(rule.startswith("rules.") for rule in e.rules)]
    assert [(e.rule, e.before, e.after, e.kind) for e in ours] == [
        ("rules.mt-es-en/otan", "the I’LL TAKE", "NATO", "fix")]
    assert original[ours[0].start:ours[0].end] == "the I’LL TAKE"
    assert "Defense Ministers of NATO start a two-day meeting" in r.text
    assert ours[0].confidence == 0.95 and "OTAN" in ours[0].reason

    # Against the same pipeline without the stage, the one difference is that edit.
    default = load(cleaner.config.DEFAULT_CONFIG)
    stages = [s for s in default["pipeline"]["stages"] if s != "rules"]
    without = Pipeline.from_dict({"pipeline": {"stages": stages}}).clean(original).text
    prefix = len(os.path.commonprefix([without, r.text]))
    suffix = len(os.path.commonprefix([without[prefix:][::-1], r.text[prefix:][::-1]]))
    assert (without[prefix:len(without) - suffix], r.text[prefix:len(r.text) - suffix]) == ("the I’LL TAKE", "NATO")


SLOW_PACK = r"""
    id = "slow"
    description = "A pattern with catastrophic backtracking."
    languages = ["en"]
    [[rules]]
    id = "nested"
    pattern = '(a+)+$'
    replacement = "A"
    reason = "test"
    confidence = 0.5
    guards = { not_in_heading = false }
    examples = [{ input = "baa", output = "bA" }, { input = "b" }]
"""


def test_catastrophic_pattern_is_cut_off_within_its_time_limit_and_flagged(write_pack):
    stage = RulesStage(builtin=False, paths=(str(write_pack(SLOW_PACK)),), timeout=0.1)
    text = "a" * 100_000 + "!"
    t0 = time.monotonic()
    r = Pipeline([stage]).clean(text)
    assert time.monotonic() - t0 < 2            # unbounded, this pattern would run for ages
    assert r.text == text
    (flag,) = r.edits
    assert (flag.kind, flag.rule, flag.start, flag.end) == ("flag", "rules.slow/nested", 0, 0)
    assert "ran over 0.1 s" in flag.reason
    assert Pipeline([stage]).clean("baa").text == "bA"   # on sane text the same rule works


def test_overlapping_matches_first_pack_and_rule_win(write_pack):
    first = write_pack("""
        id = "first"
        description = "d"
        languages = ["en"]
        [[rules]]
        id = "whole"
        pattern = 'Nord Stream 1'
        replacement = "Nord Stream One"
        reason = "r"
        confidence = 0.9
        examples = [{ input = "the Nord Stream 1 line", output = "the Nord Stream One line" }, { input = "Nord" }]
        [[rules]]
        id = "part"
        pattern = 'Stream 1 and'
        replacement = "Stream-1 and"
        reason = "r"
        confidence = 0.9
        examples = [{ input = "Stream 1 and 2", output = "Stream-1 and 2" }, { input = "Stream" }]
    """)
    second = write_pack("""
        id = "second"
        description = "d"
        languages = ["en"]
        [[rules]]
        id = "word"
        pattern = 'Nord'
        replacement = "North"
        reason = "r"
        confidence = 0.9
        examples = [{ input = "Nord", output = "North" }, { input = "Norden" }]
    """)
    text = "attacks on Nord Stream 1 and 2; Nord Stream 2 too"
    found = RulesStage(builtin=False, paths=(str(first), str(second))).find(Document(text))   # one pass
    assert [e.rule for e in found] == ["rules.first/whole", "rules.second/word"]
    assert apply(text, found) == "attacks on Nord Stream One and 2; North Stream 2 too"
    swapped = RulesStage(builtin=False, paths=(str(second), str(first))).find(Document(text))
    assert [e.rule for e in swapped] == ["rules.second/word", "rules.first/part", "rules.second/word"]
    # The pipeline runs the stage again until its output is stable: the "Nord" the first
    # pack's replacement still holds is the second pack's match then (cleaning is idempotent).
    pipeline = Pipeline([RulesStage(builtin=False, paths=(str(first), str(second)))])
    r = pipeline.clean(text)
    assert r.text == "attacks on North Stream One and 2; North Stream 2 too"
    assert pipeline.clean(r.text).fixes == []


def test_rule_languages_narrow_the_pack(write_pack):
    path = write_pack(r"""
        id = "scoped"
        description = "d"
        languages = ["en", "es"]
        [[rules]]
        id = "en-only"
        pattern = 'colour'
        replacement = "color"
        reason = "r"
        confidence = 0.9
        guards = { languages = ["en"] }
        examples = [{ input = "colour", output = "color" }, { input = "color" }]
    """)
    stage = RulesStage(builtin=False, paths=(str(path),))
    assert Pipeline([stage]).clean("colour", metadata={"language": "en"}).text == "color"
    assert Pipeline([stage]).clean("colour", metadata={"language": "es"}).text == "colour"


def test_stage_config_options_and_errors(tmp_path, write_pack):
    pack = write_pack("""
        id = "extra"
        description = "d"
        languages = ["en"]
        [[rules]]
        id = "x"
        pattern = 'Eastmere'
        replacement = "East Mere"
        reason = "r"
        confidence = 0.9
        examples = [{ input = "Eastmere", output = "East Mere" }, { input = "East" }]
    """)
    p = Pipeline.from_dict({"pipeline": {"stages": ["rules"]}, "stage": {"rules": {"paths": [str(pack.parent)]}}})
    r = p.clean("Ministers of the I’LL TAKE met in Eastmere.")
    assert r.text == "Ministers of NATO met in East Mere."
    with pytest.raises(ConfigError, match="no such rule pack file or folder"):
        Pipeline.from_dict({"pipeline": {"stages": ["rules"]}, "stage": {"rules": {"paths": [str(tmp_path / "nope")]}}})
    with pytest.raises(ConfigError, match="timeout"):
        Pipeline.from_dict({"pipeline": {"stages": ["rules"]}, "stage": {"rules": {"timeout": 0}}})
