"""The engine: guards on the context, the prefilter, language scope."""
import dataclasses

import pytest

from cleaner import Pipeline
from cleaner.rules import builtin_packs, find, load_packs, rules_for
from cleaner.stages.rules import RulesStage

GUARDED = r"""
id = "guarded"
description = "d"
languages = ["en"]
[[rules]]
id = "eu"
pattern = '\bEU\b'
replacement = "European Union"
reason = "spell out after an article"
confidence = 0.8
guards = { before = '(?i:the) ', not_after = '-' }
examples = [{ input = "the EU said", output = "the European Union said" },
            { input = "EU rules" }, { input = "the EU-Ukraine summit" }]
[[rules]]
id = "u-s"
pattern = '\bU S\b'
replacement = "US"
reason = "a lost full stop"
confidence = 0.8
guards = { not_before = 'the ', after = ' (?:troops|forces)\b', not_in_heading = false }
examples = [{ input = "U S troops", output = "US troops" }, { input = "the U S troops" }, { input = "U S allies" }]
"""


@pytest.fixture
def clean(write_pack):
    pipeline = Pipeline([RulesStage(builtin=False, paths=(str(write_pack(GUARDED)),))])
    return lambda text: pipeline.clean(text).text


@pytest.mark.parametrize("text,expected", [
    ("The EU said", "The European Union said"),     # (?i:…) in a guard: case as the author wrote it
    ("an EU said", None),                           # `before` not met
    ("the EU-Ukraine summit", None),                # `not_after` met
    ("THE EU SAID", None),                          # an all-caps line (not_in_heading is the default)
    ("U S FORCES", None),                           # `after` is case-sensitive as written
    ("U S forces left", "US forces left"),
    ("the U S forces", None),
])
def test_context_guards(clean, text, expected):
    assert clean(text) == (text if expected is None else expected)


class Spy:
    """A pattern stand-in that counts how often the engine runs it."""

    def __init__(self, pattern):
        self.pattern, self.runs = pattern, 0

    def finditer(self, *args, **kwargs):
        self.runs += 1
        return self.pattern.finditer(*args, **kwargs)


def test_prefilter_skips_a_pattern_whose_literal_is_absent():
    otan = load_packs([builtin_packs()])[0].rules[0]
    spy = Spy(otan.pattern)
    rule = dataclasses.replace(otan, pattern=spy)
    assert find([rule], "Ministers of NATO met; I’ll take the train.", 1.0).hits == []
    assert spy.runs == 0
    assert [h.after for h in find([rule], "Ministers of the I’LL TAKE met.", 1.0).hits] == ["NATO"]
    assert spy.runs == 1


def test_rules_for_language():
    packs = load_packs([builtin_packs()])
    assert [r.ref for r in rules_for(packs, "EN")] == [r.ref for p in packs if "en" in p.languages for r in p.rules]
    assert rules_for(packs, "es") == ()
    assert rules_for(packs, None) == tuple(r for p in packs for r in p.rules)
    assert rules_for(packs, None, unknown_language=False) == ()


@pytest.mark.parametrize("text,expected", [
    ("A LONG WAR\n\nI’LL TAKE’s budget grew", "A LONG WAR\n\nNATO’s budget grew"),
    ("A LONG WAR\nI’LL TAKE’s budget grew", "A LONG WAR\nNATO’s budget grew"),
    ("THE WAR\n\nThe I’LL TAKE has warned Moscow", "THE WAR\n\nNATO has warned Moscow"),
    ("A LONG WAR I’LL TAKE’s budget grew", None),            # shouted on the same line: as before
    ("A LONG WAR\n\nI’LL TAKE THE RISK, he said", None),
])
def test_guards_read_the_line_of_the_match_not_a_heading_above(text, expected):
    pipeline = Pipeline([RulesStage()])
    assert pipeline.clean(text).text == (text if expected is None else expected)


def test_a_before_guard_does_not_reach_across_a_line_break(clean):
    assert clean("the EU said") == "the European Union said"
    assert clean("the\nEU said") == "the\nEU said"         # `before = '(?i:the) '` needs the space on the line
    assert clean("U S\nforces") == "U S\nforces"           # `after` stops at the line's end
