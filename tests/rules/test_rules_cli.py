"""`cleaner rules list | test | suggest`, in process."""
from pathlib import Path

from cleaner.cli import main

ROOT = Path(__file__).resolve().parents[2]

BROKEN_EXAMPLE = """
id = "broken"
description = "A rule whose example expects the wrong thing."
languages = ["en"]
[[rules]]
id = "otan"
pattern = '''I'LL TAKE'''
replacement = "NATO"
reason = "r"
confidence = 0.9
examples = [{ input = "the I'LL TAKE summit", output = "the NATO summit" },
            { input = "members of the I'LL TAKE", output = "members of NATO" },
            { input = "I'll take it" }]
"""


def test_rules_test_passes_on_the_shipped_packs(capsys):
    assert main(["rules", "test"]) == 0
    err = capsys.readouterr().err
    assert "all pass" in err and " 0 examples" not in err


def test_rules_test_fails_naming_pack_rule_and_example(write_pack, capsys):
    path = write_pack(BROKEN_EXAMPLE)
    assert main(["rules", "test", "--packs", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "FAIL broken/otan example 2: got 'members of the NATO'" in out
    assert "input:    \"members of the I'LL TAKE\"" in out
    assert "example 1" not in out and "1 failed" in err


def test_rules_test_on_an_invalid_pack_is_a_one_line_error(write_pack, capsys):
    path = write_pack(BROKEN_EXAMPLE.replace("confidence = 0.9", "confidence = 9"))
    assert main(["rules", "test", "--packs", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("cleaner: error: ") and "rule 'otan': confidence" in err and "\n" not in err


def test_rules_list(capsys):
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "mt-es-en  [en]" in out and "rules.mt-es-en/otan" in out


def test_suggest_lists_the_mistranslated_acronym_in_the_sample(capsys):
    assert main(["rules", "suggest", str(ROOT / "data" / "sample")]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert "I’LL TAKE" in first and "fixed by rules.mt-es-en/otan" in first
    assert "of the [I’LL TAKE] start a two-day meeting" in out
    assert "A WAR YOU CAN’T WIN" not in out          # an all-caps heading is no candidate


def test_suggest_counts_spellings_together_most_frequent_first(tmp_path, capsys):
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("Talks of the I'LL TAKE began. The UN SAYS no.\n", encoding="utf-8")
    (dump / "b.txt").write_text("Leaders of the I’LL TAKE met.\nBREAKING NEWS: rain in Eastmere.\n", encoding="utf-8")
    (dump / "c.jsonl").write_text('{"id": "c1", "text": "Ministers of the I’LL TAKE and the UN SAYS agree."}\n',
                                  encoding="utf-8")
    before = {p: p.read_bytes() for p in dump.iterdir()}
    assert main(["rules", "suggest", str(dump), "--contexts", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("  1. I’LL TAKE  ×3 in 3 documents")
    assert sum(1 for line in lines if line.startswith("       ")) == 2 + 2     # contexts capped per candidate
    assert any(line.startswith("  2. UN SAYS  ×2 in 2 documents") for line in lines)
    assert "BREAKING NEWS" not in out                                  # opens its line: not inside a sentence
    assert {p: p.read_bytes() for p in dump.iterdir()} == before       # it flags; it never changes text


def test_suggest_without_input_is_a_usage_error(tmp_path, capsys):
    assert main(["rules", "suggest", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.startswith("cleaner: error: ")


def test_suggest_accept_writes_a_rule_that_rules_test_checks_and_a_run_applies(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("Talks on the UN SAYS plan began today in the capital.\n", encoding="utf-8")
    (dump / "b.txt").write_text("Leaders backed the UN SAYS plan on Monday after talks.\n", encoding="utf-8")
    assert main(["rules", "suggest", str(dump), "--accept", "UN SAYS", "--as", "UNSAYS",
                 "--reason", "the agency's name, as its staff write it"]) == 0
    assert "wrote rules.local/un-says to rules/local.toml (3 examples)" in capsys.readouterr().err
    pack = (tmp_path / "rules" / "local.toml").read_text(encoding="utf-8")
    assert 'input = "Talks on the UN SAYS plan began today in the capital."' in pack
    assert 'output = "Talks on the UNSAYS plan began today in the capital."' in pack
    assert main(["rules", "test"]) == 0                    # the user's pack is tested beside the shipped ones
    assert "in 2 packs: all pass" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["clean", str(dump), "-o", str(out), "-q"]) == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == "Talks on the UNSAYS plan began today in the capital.\n"


def test_suggest_accept_of_no_candidate_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Nothing to see here at all.\n", encoding="utf-8")
    assert main(["rules", "suggest", str(tmp_path / "a.txt"), "--accept", "UN SAYS", "--as", "x"]) == 2
    assert "no candidate 'UN SAYS'" in capsys.readouterr().err
    assert main(["rules", "suggest", str(tmp_path / "a.txt"), "--accept", "UN SAYS"]) == 2
    assert not (tmp_path / "rules").exists()


def test_rules_test_fails_on_an_exception_that_keeps_nothing(write_pack, capsys):
    path = write_pack('''
        id = "mine"
        description = "d"
        languages = ["*"]
        [[keep]]
        id = "stale"
        rule = "spacing.glued-words"
        token = "passkey"
        reason = "kept"
        examples = [{ input = "the passkey" }]
    ''')
    assert main(["rules", "test", "--packs", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "FAIL mine/stale example 1: keeps nothing" in out
    assert "0 rules and 1 exception in 1 pack: 1 failed" in err
