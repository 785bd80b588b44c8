"""Exceptions ("keep this token") and entries written from an edit (cleaner/rules/keep.py, teach.py)."""
import tomllib

import pytest

from cleaner import Pipeline
from cleaner.edits import Edit
from cleaner.pipeline import default_pipeline
from cleaner.rules import load_pack
from cleaner.rules.examples import check_examples, check_keeps
from cleaner.rules.keep import token_span
from cleaner.stages.rules import RulesStage
from cleaner.rules.teach import TeachError, add, keep_entry, phrase_entry, rule_entry, to_toml

TEXT = ("The room had a new reader and the objectivesand plans were set; the objectivesand "
        "targets too, and the inthehistorical district.")


def edits(text, keeps=()):
    result = Pipeline(default_pipeline().stages, keeps=keeps).clean(text)
    return result.text, {(e.start, e.end, e.before, e.after, e.rule, e.kind) for e in result.edits}


def keep_from(text, rule, at, path):
    """The exception written from the edit of `rule` at `at` into the pack at `path`, loaded."""
    result = default_pipeline().clean(text)
    edit = next(e for e in result.edits if e.rule == rule and e.start == at)
    add(path, keep_entry(text, edit))
    return load_pack(path).keeps[-1]


@pytest.mark.parametrize("text,start,end,token", [
    ("a passcard, then", 6, 6, "passcard"),               # punctuation outside the edit is not the token
    ("said“We", 5, 5, "said“We"),                          # inside it is
    ("word  next", 4, 6, "word  next"),                    # an edit of white space takes its neighbours
    ("end   \nnext", 3, 6, "end   "),
])
def test_token_span(text, start, end, token):
    s, t = token_span(text, start, end)
    assert text[s:t] == token


def test_a_run_without_spaces_has_no_token():
    assert token_span("x" * 500, 250, 250) is None


def test_an_exception_prevents_exactly_its_change(tmp_path):
    base_text, base = edits(TEXT)
    assert "the objectives and plans" in base_text and "in the historical" in base_text
    keep = keep_from(TEXT, "spacing.glued-words", TEXT.index("objectivesand") + 10, tmp_path / "local.toml")
    assert (keep.rule, keep.token, keep.change) == ("spacing.glued-words", "objectivesand", "objectives and")
    text, kept = edits(TEXT, [keep])
    gone = base - kept
    # both places of that token keep it, and nothing else changes: no other edit comes or goes
    assert {(e[0], e[4]) for e in gone} == {(i + 10, "spacing.glued-words")
                                             for i in (TEXT.index("objectivesand"), TEXT.rindex("objectivesand"))}
    assert kept <= base
    assert text == TEXT.replace("inthehistorical", "in the historical")


def test_an_exception_that_the_pipeline_would_get_round_is_refused(tmp_path):
    # Keeping the second gap of "inthehistorical" refuses "inthe historical"; the first gap is still
    # made, and in the next round the stage splits "thehistorical", the same space: nothing is kept,
    # and the check says so rather than write an exception that does nothing.
    at = TEXT.index("inthehistorical") + 5
    with pytest.raises(TeachError, match="keeps nothing"):
        keep_from(TEXT, "spacing.glued-words", at, tmp_path / "local.toml")
    assert not (tmp_path / "local.toml").exists()


def test_an_exception_names_one_rule():
    edit = Edit(0, 3, "abc", "x", "encoding", "encoding.a+whitespace.b", "r", 1.0, "fix",
                parts=(Edit(0, 3, "abc", "y", "encoding", "encoding.a", "r"),
                       Edit(0, 1, "y", "x", "whitespace", "whitespace.b", "r")))
    with pytest.raises(TeachError, match="an exception names one rule's change"):
        keep_entry("abc def", edit)


def test_rules_test_refuses_an_exception_that_keeps_nothing(write_pack):
    pack = load_pack(write_pack('''
        id = "mine"
        description = "d"
        languages = ["*"]
        [[keep]]
        id = "stale"
        rule = "spacing.glued-words"
        token = "objectivesand"
        change = "objectives and"
        reason = "kept"
        examples = [{ input = "the objectives and plans" }]
    '''))
    _, failures = check_keeps([pack])
    assert [f.problem.split(":")[0] for f in failures] == ["keeps nothing"]


def test_an_exception_that_would_change_more_is_refused(tmp_path):
    # Keeping the leading space also stops the date header that starts after it: more than one change.
    text = " date 2021-02-25 The title\n\nBody text here.\n"
    result = default_pipeline().clean(text)
    edit = next(e for e in result.edits if e.rule == "whitespace.leading")
    with pytest.raises(TeachError, match="changes more than its edit: .*header.date"):
        add(tmp_path / "local.toml", keep_entry(text, edit))
    assert not (tmp_path / "local.toml").exists()


def test_a_rule_from_a_flag_uses_its_first_suggestion(tmp_path):
    text = "The plan was to demerge its film services unit, the group said on Friday."
    flag = Edit(16, 23, "demerge", "emerge, merge", "spelling", "spelling.unknown-word", "r", 0.5, "flag")
    entry = rule_entry(text, flag, language="en-GB")
    assert (entry["replacement"], entry["guards"]["languages"]) == ("emerge", ["en"])   # as packs read it
    written = add(tmp_path / "local.toml", entry)
    assert written["ref"] == "local/demerge"
    pack = load_pack(tmp_path / "local.toml")
    assert check_examples([pack]) == (2, [])
    stage = RulesStage(builtin=False, local="", paths=(str(tmp_path / "local.toml"),))
    result = Pipeline([stage]).clean(text)
    assert result.text == text.replace("demerge", "emerge")
    assert [e.rule for e in result.edits] == ["rules.local/demerge"]


def test_a_phrase_rule_keeps_the_documents_apostrophes_and_is_checked(tmp_path):
    entry = phrase_entry("I'LL TAKE", "NATO", ["ministers of I’LL TAKE met", "the I'LL TAKE summit"])
    assert [e.get("output") for e in entry["examples"]] == ["ministers of NATO met", "the NATO summit", None]
    with pytest.raises(TeachError, match="does not hold"):
        phrase_entry("I'LL TAKE", "NATO", ["nothing here"])
    with pytest.raises(TeachError, match="nothing would change"):
        phrase_entry("NATO", "NATO", ["NATO"])


def test_a_bad_entry_is_refused_and_the_pack_stays_as_it_was(tmp_path):
    path = tmp_path / "local.toml"
    add(path, phrase_entry("withPetro", "with Petro", ["a deal withPetro today"]))
    before = path.read_bytes()
    idempotent_fails = phrase_entry("UN", "UN UN", ["the UN said"])         # the output holds the phrase again
    with pytest.raises(TeachError, match="its example fails.*not idempotent|must stay unchanged"):
        add(path, idempotent_fails)
    with pytest.raises(TeachError, match="not a valid entry"):
        add(path, dict(phrase_entry("abc", "x", ["abc"]), confidence=2.0))
    assert path.read_bytes() == before
    assert [r.id for r in load_pack(path).rules] == ["withpetro"]
    add(path, phrase_entry("withPetro", "with Petro", ["the withPetro deal"]))   # the same id again: numbered
    assert [r.id for r in load_pack(path).rules] == ["withpetro", "withpetro-2"]


def test_the_pack_file_shows_invisible_characters_escaped(tmp_path):
    entry = phrase_entry("evil\u202etxt", "eviltxt", ["an evil\u202etxt file \x07"])
    text = to_toml(entry)
    assert "\u202e" not in text and "\\u202E" in text and "\\u0007" in text
    assert tomllib.loads(text)["rules"][0]["examples"][0]["input"] == "an evil\u202etxt file \x07"


def test_a_pack_file_name_must_be_an_id(tmp_path):
    with pytest.raises(TeachError, match="must be lower-case letters"):
        add(tmp_path / "My Rules.toml", phrase_entry("ab", "a b", ["ab"]))
