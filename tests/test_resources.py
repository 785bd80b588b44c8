"""The data cleaner ships: all of it goes into the wheel, and a missing file fails the build of a stage.

That an installed wheel cleans exactly as the checkout does is proven end to end by .ci/run
(it builds the wheel, installs it in a fresh venv and cleans data/sample from another folder).
"""
import fnmatch
import tomllib
from pathlib import Path

import pytest

from cleaner import Pipeline, resources
from cleaner.cli import main
from cleaner.language import markers
from cleaner.spacing import lexicon
from cleaner.stages.spacing import SpacingStage
from cleaner.stages.spelling import SpellingStage

ROOT = Path(__file__).resolve().parents[1]


def test_the_bundled_folders_are_the_projects_rules_and_data():
    assert resources.bundled("rules").resolve() == (ROOT / "rules").resolve()
    assert resources.bundled("data").resolve() == (ROOT / "data").resolve()


def test_package_data_covers_every_pack_and_word_list_but_not_the_sample_dump():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["cleaner"]
    shipped = [f"bundled/{p.relative_to(ROOT).as_posix()}" for top in ("rules", "data")
               for p in (ROOT / top).rglob("*") if p.is_file()]
    covered = {f for f in shipped if any(fnmatch.fnmatch(f, p) and "/" not in f[len(p.rstrip("*")):]
                                         for p in patterns)}
    sample = {f for f in shipped if f.startswith("bundled/data/sample/")}
    assert covered == set(shipped) - sample
    assert "bundled/data/spacing/en.toml" in covered and "bundled/rules/mt-es-en.toml" in covered


@pytest.fixture
def broken_install(tmp_path, monkeypatch):
    """An install whose bundled folder is empty, with the per-process caches of data forgotten."""
    monkeypatch.setattr(resources, "root", lambda: tmp_path)
    for cached in (lexicon.languages, markers._data, markers.markers, markers.coverage):
        cached.cache_clear()
    yield tmp_path
    for cached in (lexicon.languages, markers._data, markers.markers, markers.coverage):
        cached.cache_clear()


def test_a_missing_data_file_fails_the_pipeline_build_naming_the_file(broken_install):
    with pytest.raises(resources.MissingData, match="markers.json"):
        Pipeline.from_dict({"pipeline": {"stages": ["language"]}})
    with pytest.raises(resources.MissingData, match="rules"):
        Pipeline.from_dict({"pipeline": {"stages": ["rules"]}})
    with pytest.raises(resources.MissingData, match="allow.txt"):
        SpellingStage()
    for options in ({}, {"language": "en"}):     # never a stage that quietly splits nothing
        with pytest.raises(resources.MissingData, match="spacing"):
            SpacingStage(**options)
    SpacingStage(words=False)                    # punctuation alone needs no word list


def test_the_cli_names_the_missing_file_in_one_line(broken_install, tmp_path, capsys):
    (tmp_path / "in.txt").write_text("Hello  world.\n")
    assert main(["clean", str(tmp_path / "in.txt"), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "markers.json" in err and "reinstall cleaner" in err
    assert main(["rules", "list"]) == 2
