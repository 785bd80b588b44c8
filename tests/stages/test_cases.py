"""Each stage against its data file of cases (cases/<stage>.json), and its known failures.

A case has `input`, `expected` (null: must stay byte-for-byte the same), the
rule ids of its edits in order (fixes and flags), and optionally `options` for
the stage and the `metadata` it must set. Adding a case is adding a line. A miss kept on
purpose goes into known-failures/<stage>.json with a `why`; its test fails once the miss is fixed.
"""
import json
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.edits import check
from cleaner.registry import stage_class

CASES = Path(__file__).with_name("cases")


def load_cases(folder: Path = CASES):
    for path in sorted(folder.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['label']}")


@pytest.mark.parametrize("stage,case", list(load_cases()))
def test_stage_case(stage, case):
    pipeline = Pipeline([stage_class(stage)(**case.get("options", {}))])
    r = pipeline.clean(case["input"])
    expected = case["input"] if case["expected"] is None else case["expected"]
    assert r.text == expected
    assert [e.rule for e in r.edits] == case.get("rules", [])
    if "metadata" in case:
        assert {k: v for k, v in r.metadata.items() if k in ("date", "title", "datetime", "language")} == case["metadata"]
    check(case["input"], r.fixes)
    assert r.revert() == case["input"]
    assert pipeline.clean(r.text).fixes == []   # idempotent


@pytest.mark.parametrize("stage,case", list(load_cases(Path(__file__).with_name("known-failures"))))
@pytest.mark.xfail(strict=True, reason="a miss kept on purpose (its `why`); passing means it was fixed: "
                                       "move the case back into cases/")
def test_known_failure_still_fails(stage, case):
    test_stage_case(stage, case)
