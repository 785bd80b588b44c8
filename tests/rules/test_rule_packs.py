"""Loading packs: the shipped packs load, and every mistake in a pack is named with file, rule and problem."""
from pathlib import Path

import pytest

from cleaner.rules import PackError, builtin_packs, check_examples, load_pack, load_packs

GOOD_RULE = """
[[rules]]
id = "otan"
pattern = '''I'LL TAKE'''
replacement = "NATO"
reason = "OTAN read as words"
confidence = 0.9
examples = [{ input = "of the I'LL TAKE", output = "of the NATO" }, { input = "I'll take it" }]
"""
HEAD = 'id = "p"\ndescription = "d"\nlanguages = ["en"]\n'


def test_builtin_packs_load():
    packs = load_packs([builtin_packs()])
    assert "mt-es-en" in [p.id for p in packs]
    otan = next(r for p in packs for r in p.rules if r.ref == "mt-es-en/otan")
    assert otan.languages == ("en",) and otan.literal == "LL TAKE" and otan.guards.not_in_heading


@pytest.mark.parametrize("text,message", [
    (HEAD + GOOD_RULE.replace("I'LL TAKE'''", "I'LL (TAKE'''"), "rule 'otan': pattern does not compile"),
    (HEAD + GOOD_RULE.replace("confidence = 0.9", "confidence = 1.5"), "rule 'otan': confidence must be"),
    (HEAD + GOOD_RULE.replace("confidence = 0.9", "confidence = true"), "rule 'otan': confidence has the wrong type"),
    (HEAD + GOOD_RULE.replace('reason = "OTAN read as words"', 'reason = " "'), "rule 'otan': reason is empty"),
    (HEAD + GOOD_RULE.replace('replacement = "NATO"\n', ""), "rule 'otan': the rule needs replacement"),
    (HEAD + GOOD_RULE.replace('replacement', 'replace'), "rule 'otan': the rule has no key replace"),
    (HEAD + GOOD_RULE.replace('{ input = "I\'ll take it" }', '{ input = "x", output = "y" }'),
     "rule 'otan': needs an example of text that must stay unchanged"),
    (HEAD + GOOD_RULE.replace(', output = "of the NATO"', ''), "rule 'otan': needs an example of a change"),
    (HEAD + GOOD_RULE.replace('{ input = "I\'ll take it" }', '{ input = "I\'ll take it", expect = "" }'),
     "rule 'otan': example 2: an example has no key expect"),
    (HEAD + GOOD_RULE + "guards = { after = '(' }\n", "rule 'otan': a guard pattern does not compile"),
    (HEAD + GOOD_RULE + "guards = { not_in_headings = true }\n", "rule 'otan': guards: guards has no key not_in_headings"),
    (HEAD + GOOD_RULE + 'guards = { languages = ["es"] }\n', "must be among the pack's languages"),
    (HEAD + GOOD_RULE.replace("I'LL TAKE'''", "\\L<nouns>'''"), "rule 'otan': pattern does not compile: undefined named list"),
    (HEAD + GOOD_RULE + GOOD_RULE, "rule 'otan' is defined twice"),
    (HEAD + GOOD_RULE.replace('id = "otan"', 'id = "OTAN"'), "rule id 'OTAN' must be lower-case"),
    (HEAD.replace('languages = ["en"]', "languages = []") + GOOD_RULE, "languages must be a non-empty list"),
    (HEAD.replace('description = "d"\n', "") + GOOD_RULE, "the pack needs description"),
    (HEAD + "rules = []\n", "the pack has no rules"),
    (HEAD + "[lists]\nnouns = []\n" + GOOD_RULE, "list 'nouns' must be a non-empty list of strings"),
    (HEAD + GOOD_RULE.replace("[[rules]]", "[rules]"), "rules has the wrong type"),
    ('id = "p"\nlanguages = [', "not valid TOML"),
])
def test_invalid_pack_names_file_rule_and_problem(tmp_path, text, message):
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as e:
        load_pack(path)
    assert str(e.value).startswith(f"{path}: ")
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_pack_id_must_match_the_file_name(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(HEAD + GOOD_RULE, encoding="utf-8")
    with pytest.raises(PackError, match=r"pack id 'p' must match the file name \(other.toml\)"):
        load_pack(path)


def test_a_pack_loaded_twice_is_an_error(tmp_path):
    (tmp_path / "p.toml").write_text(HEAD + GOOD_RULE, encoding="utf-8")
    with pytest.raises(PackError, match="pack 'p' is also loaded from"):
        load_packs([tmp_path, tmp_path / "p.toml"])


def test_replacement_keeps_the_documents_apostrophe(tmp_path):
    (tmp_path / "p.toml").write_text(HEAD + GOOD_RULE.replace("I'LL TAKE'''", "I'LL TAKE's'''")
                                     .replace('"NATO"', '"NATO’s"'), encoding="utf-8")
    rule = load_pack(tmp_path / "p.toml").rules[0]
    assert rule.output("I'LL TAKE's") == "NATO's"
    assert rule.output("I’LL TAKE’s") == "NATO’s"
    assert rule.output("OTAN") == "NATO’s"     # nothing to follow: as written


def test_the_pack_in_docs_rules_md_loads_and_passes_its_examples(tmp_path):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "mt-es-en.toml").write_text(example, encoding="utf-8")
    (pack,) = load_packs([tmp_path])
    assert check_examples([pack]) == (2, [])
