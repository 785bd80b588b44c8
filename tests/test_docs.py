"""The README's promises: its examples run, and CI runs its test command."""
import doctest
import re
import subprocess
import sys
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


def configuration_toml_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```toml\n(.+?)```", section, re.S)


def test_readme_config_examples_build_a_pipeline(tmp_path):
    one_line, full = configuration_toml_blocks()[:2]
    (tmp_path / "cleaner.toml").write_text(one_line, encoding="utf-8")
    p = cleaner.Pipeline.from_config(tmp_path / "cleaner.toml")
    assert [s.name for s in p.stages] == [s.name for s in cleaner.Pipeline.default().stages]
    assert p.stages[-1].options.fix is True
    (tmp_path / "cleaner.toml").write_text(full, encoding="utf-8")
    p = cleaner.Pipeline.from_config(tmp_path / "cleaner.toml")
    assert [s.name for s in p.stages] == ["encoding", "whitespace", "header"]


@pytest.mark.parametrize("stage", ["language", "spelling"])
def test_readme_stage_option_examples_build(stage):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = [b for b in re.findall(r"```toml\n(.+?)```", readme, re.S) if b.startswith(f"[stage.{stage}]")]
    assert examples
    for example in examples:
        config = tomllib.loads(f'[pipeline]\nstages = ["{stage}"]\n' + example)
        (built,) = cleaner.Pipeline.from_dict(config).stages
        assert built.name == stage


def python_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.+?)```", readme, re.S)


SHOWN = re.compile(r"^(\s*)(\S.*?)\s+# ('.*')$")  # `expression   # 'the value it shows'`


def checked(block: str) -> str:
    """The block with every line that shows its value as a string literal in a comment turned into
    an assertion of that value (a literal ending in … shows how the value starts)."""
    lines = []
    for line in block.splitlines():
        m = SHOWN.match(line)
        if m:
            indent, expression, shown = m.groups()
            test = (f"repr({expression}).startswith({shown[:-2]!r})" if shown.endswith("…'")
                    else f"repr({expression}) == {shown!r}")
            line = f"{indent}assert {test}, repr({expression})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_shown_values_become_assertions():
    assert checked("r.text   # 'a\\n'\n") == "assert repr(r.text) == \"'a\\\\n'\", repr(r.text)\n"
    assert len(re.findall(r"^\s*assert ", "".join(map(checked, python_blocks())), re.M)) >= 3


@pytest.mark.parametrize("block", python_blocks(), ids=lambda b: b.split("\n", 1)[0])
def test_readme_python_blocks_run_as_written(block, tmp_path):
    """Each block is a script of its own, run as a reader would run it: a file in an empty folder;
    the values its comments show are checked."""
    script = tmp_path / "example.py"
    script.write_text(checked(block), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
