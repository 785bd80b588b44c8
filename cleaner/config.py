"""TOML configuration → stages. The built-in default lives in `default.toml` beside this file.

    [pipeline]
    stages = ["encoding", "whitespace", "mypackage.stages:MyStage"]
    max_rounds = 5              # re-run while a round still changes the text

    [stage.whitespace]          # options of one stage; unknown keys are an error
    max_blank_lines = 1
"""
from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from .registry import UnknownStage, stage_class
from .stages.base import Stage

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")


class ConfigError(ValueError):
    pass


def load(path: str | Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config {path} is not valid TOML: {e}") from None


def build_stages(config: dict) -> list[Stage]:
    names = config.get("pipeline", {}).get("stages")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError("config needs [pipeline] stages = [\"name\", …]")
    options = config.get("stage", {})
    unknown = set(options) - set(names)
    if unknown:
        raise ConfigError(f"options given for stages not in the pipeline: {', '.join(sorted(unknown))}")
    return [make_stage(name, options.get(name, {})) for name in names]


def pipeline_options(config: dict) -> dict:
    """Options of the pipeline itself ([pipeline] keys other than `stages`)."""
    options = {k: v for k, v in config.get("pipeline", {}).items() if k != "stages"}
    bad = set(options) - {"max_rounds"}
    if bad:
        raise ConfigError(f"[pipeline] has no option {', '.join(sorted(bad))}; it has: stages, max_rounds")
    if not isinstance(options.get("max_rounds", 1), int) or options.get("max_rounds", 1) < 1:
        raise ConfigError("[pipeline] max_rounds must be a whole number, 1 or more")
    return options


def make_stage(name: str, values: dict) -> Stage:
    try:
        cls = stage_class(name)
    except UnknownStage as e:
        raise ConfigError(str(e)) from None
    known = {f.name: f for f in dataclasses.fields(cls.Options)}
    bad = set(values) - set(known)
    if bad:
        raise ConfigError(f"stage {name!r} has no option {', '.join(sorted(bad))}; "
                          f"it has: {', '.join(known) or 'none'}")
    try:
        return cls(cls.Options(**values))
    except (TypeError, ValueError) as e:
        raise ConfigError(f"stage {name!r}: {e}") from None


def describe(cls: type[Stage]) -> list[tuple[str, object, str]]:
    """(option, default, type) for each option of a stage class, for `cleaner stages`."""
    out = []
    for f in dataclasses.fields(cls.Options):
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        out.append((f.name, default, str(f.type)))
    return out
