"""The README's promises: its examples run, and CI runs its test command."""
import doctest
import re
import tomllib
from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "cleaner clean data/sample" in commands[0]
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == quick_start_commands()[1]


def test_package_docstring_example():
    assert doctest.testmod(cleaner, raise_on_error=False).failed == 0


def test_readme_config_example_builds_a_pipeline(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "cleaner.toml").write_text(example, encoding="utf-8")
    p = cleaner.Pipeline.from_config(tmp_path / "cleaner.toml")
    assert [s.name for s in p.stages] == ["encoding", "whitespace", "header"]


@pytest.mark.parametrize("stage", ["language", "spelling"])
def test_readme_stage_option_examples_build(stage):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```toml\n(.+?)```", readme, re.S) if f"[stage.{stage}]" in b]
    config = tomllib.loads(f'[pipeline]\nstages = ["{stage}"]\n' + example)
    (built,) = cleaner.Pipeline.from_dict(config).stages
    assert built.name == stage
