"""Configs people can write: one line over the default, --set/--only/--disable, a config file found
from the working folder as ruff finds its own, and `cleaner config show`."""
import json
import tomllib
from pathlib import Path

import pytest

import cleaner
from cleaner.cli import main
from cleaner.config import ConfigError, discover, parse_setting, resolve

DEFAULT_STAGES = ["encoding", "whitespace", "language", "header", "rules", "spacing", "spelling"]
# a misspelling the spelling stage flags by default and fixes with `fix = true`, and a doubled space
TEXT = "The goverment said on Tuesday that the new rail  line would open next year, after a long delay.\n"
FIXED = "The government said on Tuesday that the new rail line would open next year, after a long delay.\n"
ONE_LINE = "[stage.spelling]\nfix = true\n"


def run_clean(tmp_path: Path, *args) -> tuple[str, dict, list[dict]]:
    """Clean TEXT with `cleaner clean` and ARGS: the cleaned text, summary.json and the edits."""
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir(parents=True)
    src.write_text(TEXT)
    out, rep = tmp_path / "out", tmp_path / "rep"
    assert main(["clean", str(src), "-o", str(out), "--report", str(rep), "-q", *map(str, args)]) == 0
    (line,) = (rep / "edits.jsonl").read_text().splitlines()
    return ((out / "a.txt").read_text(), json.loads((rep / "summary.json").read_text()),
            json.loads(line)["edits"])


def test_a_file_of_one_option_changes_that_option_alone(tmp_path):
    (tmp_path / "fix.toml").write_text(ONE_LINE)
    p = cleaner.Pipeline.from_config(tmp_path / "fix.toml")
    assert [s.name for s in p.stages] == DEFAULT_STAGES
    assert p.max_rounds == 5
    assert p.stages[-1].options.fix is True
    assert cleaner.Pipeline.default().stages[-1].options.fix is False
    assert p.clean(TEXT).text == FIXED
    assert cleaner.clean(TEXT).text == TEXT.replace("  ", " ")  # the default only flags the word


def test_a_stage_list_is_replaced_not_merged(tmp_path):
    p = cleaner.Pipeline.from_dict({"pipeline": {"stages": ["whitespace"]}, "stage": {"whitespace": {}}})
    assert [s.name for s in p.stages] == ["whitespace"] and p.max_rounds == 5


def test_the_command_line_layers(tmp_path):
    """File, then --set, then --only/--disable; config_sha256 follows what cleans, not how it was said."""
    (tmp_path / "fix.toml").write_text(ONE_LINE)
    text, by_file, edits = run_clean(tmp_path / "file", "--config", tmp_path / "fix.toml")
    assert text == FIXED
    assert {e["rule"] for e in edits} == {"whitespace.space-run", "spelling.misspelling"}

    text, by_set, _ = run_clean(tmp_path / "set", "--set", "stage.spelling.fix=true")
    assert text == FIXED
    assert by_set["config_sha256"] == by_file["config_sha256"]
    assert by_set["options"]["settings"] == ["stage.spelling.fix=true"]

    _, default, edits = run_clean(tmp_path / "default")
    assert default["config_sha256"] != by_file["config_sha256"]
    assert "spelling.unknown-word" in {e["rule"] for e in edits}

    text, disabled, edits = run_clean(tmp_path / "disable", "--config", tmp_path / "fix.toml",
                                      "--disable", "spelling", "--disable", "rules,spacing")
    assert text == TEXT.replace("  ", " ")
    assert [s["stage"] for s in disabled["pipeline"]] == ["encoding", "whitespace", "language", "header"]
    assert {e["stage"] for e in edits} == {"whitespace"}

    text, only, edits = run_clean(tmp_path / "only", "--only", "spelling,whitespace", "--set", "stage.spelling.fix=true")
    assert [s["stage"] for s in only["pipeline"]] == ["whitespace", "spelling"]  # the pipeline's order
    # the spelling stage reads the document's language, which no stage set: it checks nothing
    assert text == TEXT.replace("  ", " ")

    # a later --set wins over a file and an earlier --set
    _, later, _ = run_clean(tmp_path / "later", "--config", tmp_path / "fix.toml",
                            "--set", "stage.spelling.fix=true", "--set", "stage.spelling.fix=false")
    assert later["config_sha256"] == default["config_sha256"]


@pytest.mark.parametrize("args, message", [
    (["--set", "stage.language.backend=lingua"],
     "--set 'stage.language.backend=lingua': 'lingua' is not a TOML value (a string needs quotes: "
     "stage.language.backend='\"lingua\"')"),
    (["--set", "stage.spelling.fix"], "give KEY=VALUE"),
    (["--set", "stage.pkg.mod:Class.x=1"], "is not a TOML key"),
    (["--set", "stage.spelling.fixx=true"], "stage 'spelling' has no option fixx; it has: language,"),
    (["--set", "stages.spelling.fix=true"], "config has no [stages]; it has [pipeline] and [stage.NAME]"),
    (["--only", "spelling,nope"], "--only nope: no such stage in the pipeline (encoding, whitespace,"),
    (["--disable", "spacing", "--only", "spacing"], "--only and --disable leave no stage in the pipeline"),
    (["--set", "pipeline.max_rounds=0"], "max_rounds must be a whole number, 1 or more"),
])
def test_a_bad_setting_stops_before_any_work(tmp_path, capsys, args, message):
    (tmp_path / "a.txt").write_text(TEXT)
    assert main(["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: ") and message in err and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists()


def test_parse_setting_reads_toml():
    assert parse_setting("stage.spelling.allow=['nato', 'otan']") == {"stage": {"spelling": {"allow": ["nato", "otan"]}}}
    assert parse_setting(' stage."tests.test_pipeline:Shout".x = "y" ') == {
        "stage": {"tests.test_pipeline:Shout": {"x": "y"}}}
    with pytest.raises(ConfigError, match="not a TOML value"):
        parse_setting("pipeline.max_rounds=three")


def test_discovery_follows_ruff(tmp_path, monkeypatch):
    """In each folder from the working one up: .cleaner.toml, cleaner.toml, a pyproject.toml with
    [tool.cleaner] (one without is passed over); the nearest folder wins; nothing merges upwards."""
    top, project, deep = tmp_path / "top", tmp_path / "top" / "project", tmp_path / "top" / "project" / "a" / "b"
    deep.mkdir(parents=True)
    assert discover(deep) is None or not discover(deep).is_relative_to(tmp_path)
    (top / "cleaner.toml").write_text('[pipeline]\nstages = ["whitespace"]\n')
    assert discover(deep) == top / "cleaner.toml"
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(deep) == top / "cleaner.toml"  # no [tool.cleaner]: not a cleaner config
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleaner.stage.spelling]\nfix = true\n')
    assert discover(deep) == project / "pyproject.toml"
    (project / "cleaner.toml").write_text(ONE_LINE)
    assert discover(deep) == project / "cleaner.toml"
    (project / ".cleaner.toml").write_text(ONE_LINE)
    assert discover(project) == project / ".cleaner.toml"
    (project / ".cleaner.toml").unlink()
    (project / "cleaner.toml").unlink()

    # a pyproject.toml's [tool.cleaner], found from a folder below it, over the default alone
    resolved = resolve(discover(deep))
    assert resolved.config["pipeline"]["stages"] == DEFAULT_STAGES
    assert resolved.config["stage"] == {"spelling": {"fix": True}}


def test_the_run_names_the_config_it_found(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner.stage.spelling]\nfix = true\n')
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.txt").write_text(TEXT)
    monkeypatch.chdir(work)
    assert main(["clean", "a.txt", "-o", "out", "--report", "rep"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"cleaner: config {tmp_path / 'pyproject.toml'} (found from the working folder; "
                          f"--isolated ignores it)\n"), err
    assert (work / "out" / "a.txt").read_text() == FIXED
    summary = json.loads((work / "rep" / "summary.json").read_text())
    assert summary["options"]["config"] == str(tmp_path / "pyproject.toml")

    assert main(["clean", "a.txt", "-o", "isolated", "--isolated", "--report", "rep2"]) == 0
    assert "cleaner: config" not in capsys.readouterr().err
    assert (work / "isolated" / "a.txt").read_text() == TEXT.replace("  ", " ")
    assert json.loads((work / "rep2" / "summary.json").read_text())["config_sha256"] == \
        cleaner.Pipeline.default().config_hash()

    # an explicit --config replaces the one that would be found (it is not merged with it)
    (work / "ws.toml").write_text('[pipeline]\nstages = ["whitespace"]\n')
    assert main(["clean", "a.txt", "-o", "given", "--config", "ws.toml", "-q"]) == 0
    assert (work / "given" / "a.txt").read_text() == TEXT.replace("  ", " ")


def test_config_show_is_the_effective_config_with_origins(tmp_path, monkeypatch, capsys):
    (tmp_path / "cleaner.toml").write_text(ONE_LINE + '\n[stage.header]\nlabels = {date = "", fecha = "es"}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["config", "show", "--set", "pipeline.max_rounds=3", "--disable", "rules"]) == 0
    shown = capsys.readouterr().out
    lines = shown.splitlines()
    assert lines[0] == f"# effective config: built-in default, then {tmp_path / 'cleaner.toml'}, then --set, " \
                       f"then --disable rules"
    assert 'stages = ["encoding", "whitespace", "language", "header", "spacing", "spelling"]  # --disable rules' \
        in lines
    assert "max_rounds = 3  # --set" in lines
    assert f"fix = true  # {tmp_path / 'cleaner.toml'}" in lines
    assert 'labels = {date = "", fecha = "es"}  ' + f"# {tmp_path / 'cleaner.toml'}" in lines
    assert "distance = 2  # stage default" in lines
    assert "# date_order is not set  # stage default" in lines  # None has no TOML form

    # what it prints is a config that cleans alike: read back, it builds the same pipeline
    written = tmp_path / "shown.toml"
    written.write_text(shown)
    p = cleaner.Pipeline.from_config(written)
    assert lines[1] == f"# sha256 {p.config_hash()} (summary.json's config_sha256)"
    assert tomllib.loads(shown)["stage"]["spelling"]["fix"] is True

    assert main(["config", "show", "--isolated"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# effective config: built-in default"


def test_a_plugin_takes_options_under_its_reference_or_its_own_name(tmp_path):
    ref = "tests.test_pipeline:Shout"
    for table in (f'[stage."{ref}"]', "[stage.shout]"):
        config = tomllib.loads(f'[pipeline]\nstages = ["whitespace", "{ref}"]\n{table}\n')
        assert [s.name for s in cleaner.Pipeline.from_dict(config).stages] == ["whitespace", "shout"]
    both = tomllib.loads(f'[pipeline]\nstages = ["{ref}"]\n[stage."{ref}"]\n[stage.shout]\n')
    with pytest.raises(ConfigError, match="given twice"):
        cleaner.Pipeline.from_dict(both)
    resolved = resolve(None, [f'pipeline.stages=["whitespace", "{ref}"]', "stage.shout={}"], disable=["shout"])
    assert resolved.config["pipeline"]["stages"] == ["whitespace"] and resolved.config["stage"] == {}


def test_a_stage_that_needs_the_language_says_so_when_nothing_finds_it(tmp_path, monkeypatch, capsys):
    """`--only spelling` used to leave every slip alone without a word: the spelling stage reads the
    language the language stage finds. The run says so; a record that names its language is checked."""
    monkeypatch.chdir(tmp_path)
    text = "The goverment said it would recieve the report next week in Brussels."
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n"
                                      + json.dumps({"id": "b", "text": text, "language": "en"}) + "\n")
    assert main(["clean", "a.jsonl", "-o", "out.jsonl", "--only", "spelling", "--isolated", "--report", "rep"]) == 0
    err = capsys.readouterr().err
    assert "the spelling stage works only on documents whose language is known" in err
    assert "add the language stage before it, or set stage.spelling.language" in err
    flagged = {r["id"]: [e["before"] for e in r["edits"]]
               for r in map(json.loads, (tmp_path / "rep" / "edits.jsonl").read_text().splitlines())}
    assert flagged == {"a": [], "b": ["goverment", "recieve"]}

    assert main(["clean", "a.jsonl", "-o", "out2.jsonl", "--only", "spelling,language", "--isolated", "-q"]) == 0
    assert main(["clean", "a.jsonl", "-o", "out3.jsonl", "--only", "spelling", "--isolated",
                 "--set", 'stage.spelling.language="en"']) == 0
    assert "works only on documents" not in capsys.readouterr().err


def test_a_stage_put_before_what_it_needs_is_named():
    assert cleaner.Pipeline(["whitespace", "spelling", "language"]).notes() == [
        "the spelling stage works only on documents whose language is known, and no stage before it finds one: "
        "it leaves a document alone unless its input record has a 'language' field; put the language stage "
        "before it, or set stage.spelling.language"]
    assert cleaner.Pipeline.default().notes() == []
