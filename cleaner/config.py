"""TOML configuration → stages. The built-in default lives in `default.toml` beside this file.

    [pipeline]
    stages = ["encoding", "whitespace", "mypackage.stages:MyStage"]
    max_rounds = 5              # re-run while a round still changes the text

    [stage.whitespace]          # options of one stage; unknown keys are an error
    max_blank_lines = 1

A config changes the built-in default only where it says something: it is merged onto
`default.toml` (tables key by key, any other value replaced), so a file holding only
`[stage.spelling] fix = true` keeps the default stages. The command line adds layers on top
(`resolve`): a config file (given, or found as ruff finds its own: `discover`), then `--set`,
then `--only`/`--disable`; each value remembers the layer that set it, for `cleaner config show`.
"""
from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .registry import UnknownStage, stage_class
from .stages.base import Stage

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")
BUILTIN = "built-in default"     # the origin of what default.toml sets
STAGE_DEFAULT = "stage default"  # the origin of an option no layer sets
# looked for in the working folder, then in each folder above it; the first folder holding one wins
DISCOVERED = (".cleaner.toml", "cleaner.toml", "pyproject.toml")
TABLES = ("pipeline", "stage")


class ConfigError(ValueError):
    pass


def load(path: str | Path) -> dict:
    """A config file's own values; of a `pyproject.toml`, its `[tool.cleaner]` table."""
    try:
        with open(path, "rb") as f:
            loaded = tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config {path} is not valid TOML: {e}") from None
    if Path(path).name == "pyproject.toml":
        if "cleaner" not in loaded.get("tool", {}):
            raise ConfigError(f"config {path} has no [tool.cleaner] table")
        loaded = loaded["tool"]["cleaner"]
    return loaded


def default() -> dict:
    return load(DEFAULT_CONFIG)


def merge(base: dict, over: dict) -> dict:
    """`over` onto `base`: tables merged key by key, any other value (a list too) replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def discover(start: str | Path | None = None) -> Path | None:
    """The config file of the working folder (`start`) or the nearest folder above it: in each
    folder `.cleaner.toml`, `cleaner.toml`, then a `pyproject.toml` with a `[tool.cleaner]` table
    (one without is passed over), as ruff looks for `.ruff.toml`, `ruff.toml` and `[tool.ruff]`.
    The first found is the whole config file: folders further up are not read."""
    folder = Path(start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        for name in DISCOVERED:
            path = here / name
            if path.is_file() and (name != "pyproject.toml" or _has_cleaner_table(path)):
                return path
    return None


def _has_cleaner_table(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return "cleaner" in tomllib.load(f).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):  # someone else's broken pyproject.toml is not ours to judge
        return False


def parse_setting(assignment: str) -> dict:
    """`stage.spelling.fix=true` → {"stage": {"spelling": {"fix": True}}}. The key and the value are
    TOML, as in a file: a string value needs quotes, a plugin's name too (`stage."pkg.mod:Class".x=1`)."""
    key, sep, value = assignment.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or not key:
        raise ConfigError(f"--set {assignment!r}: give KEY=VALUE, e.g. stage.spelling.fix=true")
    try:
        return tomllib.loads(f"{key} = {value}")
    except tomllib.TOMLDecodeError:
        pass
    try:
        tomllib.loads(f"{key} = 0")
    except tomllib.TOMLDecodeError:
        raise ConfigError(f"--set {assignment!r}: {key!r} is not a TOML key (a plugin's name needs quotes: "
                          f"stage.\"pkg.mod:Class\".option=…)") from None
    raise ConfigError(f"--set {assignment!r}: {value!r} is not a TOML value (a string needs quotes: "
                      f"{key}='\"{value}\"')") from None


@dataclass
class Resolved:
    """The effective config and the origin of each value that some layer set (key path → origin)."""

    config: dict
    origins: dict[tuple[str, ...], str] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)

    def add(self, origin: str, values: dict) -> None:
        self.config = merge(self.config, values)
        for path in _leaves(values):
            self.origins[path] = origin
        self.layers.append(origin)

    def origin(self, *path: str) -> str | None:
        """Who set `path`, or a value inside it (a table option such as the header's labels)."""
        if path in self.origins:
            return self.origins[path]
        return next((o for p, o in reversed(self.origins.items()) if p[:len(path)] == path), None)


def _leaves(values: dict, prefix: tuple[str, ...] = ()):
    for key, value in values.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key)


def resolve(file: str | Path | None = None, settings=(), only=(), disable=()) -> Resolved:
    """The built-in default, then `file`, then each `--set` of `settings`, then `--only` and
    `--disable` (stage names, as listed or as the stage calls itself). ConfigError if unusable."""
    resolved = Resolved({})
    resolved.add(BUILTIN, default())
    if file:
        resolved.add(str(file), load(file))
    for assignment in settings:
        resolved.add("--set", parse_setting(assignment))
    if only or disable:
        _restrict(resolved, only, disable)
    _check_tables(resolved.config)
    return resolved


def _restrict(resolved: Resolved, only, disable) -> None:
    """Keep the `only` stages, in the pipeline's order, less the `disable`d; their options go too."""
    names = _stage_names(resolved.config)
    short = {ref: _short_name(ref) for ref in names}
    for flag, asked in (("--only", only), ("--disable", disable)):
        for name in asked:
            if not any(name in (ref, short[ref]) for ref in names):
                raise ConfigError(f"{flag} {name}: no such stage in the pipeline ({', '.join(names)})")
    kept = [ref for ref in names if (not only or {ref, short[ref]} & set(only))
            and not {ref, short[ref]} & set(disable)]
    if not kept:
        raise ConfigError("--only and --disable leave no stage in the pipeline")
    options = resolved.config.get("stage", {})
    resolved.config = {**resolved.config, "pipeline": {**resolved.config["pipeline"], "stages": kept},
                       "stage": {k: v for k, v in options.items()
                                 if any(k in (ref, short[ref]) for ref in kept)}}
    origin = " ".join(f"{flag} {','.join(asked)}" for flag, asked in (("--only", only), ("--disable", disable))
                      if asked)
    resolved.origins[("pipeline", "stages")] = origin
    resolved.layers.append(origin)


def _stage_names(config: dict) -> list[str]:
    names = config.get("pipeline", {}).get("stages")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError("config needs [pipeline] stages = [\"name\", …]")
    return names


def _short_name(ref: str) -> str:
    """The name a stage calls itself: what a `module:Class` reference's options may be filed under."""
    if ":" not in ref:
        return ref
    try:
        return stage_class(ref).name or ref
    except UnknownStage as e:
        raise ConfigError(str(e)) from None


def _check_tables(config: dict) -> None:
    unknown = set(config) - set(TABLES)
    if unknown:
        raise ConfigError(f"config has no [{'], ['.join(sorted(unknown))}]; it has [pipeline] and [stage.NAME]")


def build_stages(config: dict) -> list[Stage]:
    """The stages of a config merged onto the default. A stage's options sit under the name it is
    listed by, or under the name it calls itself (`[stage.shout]` for "mypackage.stages:Shout")."""
    _check_tables(config)
    names = _stage_names(config)
    options = config.get("stage", {})
    stages, used = [], set()
    for ref in names:
        short = _short_name(ref)
        given = [key for key in dict.fromkeys((ref, short)) if key in options]
        if len(given) > 1:
            raise ConfigError(f"options for stage {ref!r} are given twice: [stage.{short}] and "
                              f"[stage.{json.dumps(ref)}]; keep one")
        used.update(given)
        stages.append(make_stage(ref, options[given[0]] if given else {}))
    unknown = set(options) - used
    if unknown:
        raise ConfigError(f"options given for stages not in the pipeline: {', '.join(sorted(unknown))}")
    return stages


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
    if not isinstance(values, dict):
        raise ConfigError(f"[stage.{name}] must be a table of options, not {values!r}")
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


def show(resolved: Resolved, stages: list[Stage], config_hash: str) -> str:
    """The effective config as TOML that `load` reads back, each value followed by where it came
    from; an option that is None (unset) is a comment, since TOML has no null."""
    lines = [f"# effective config: {', then '.join(resolved.layers)}",
             f"# sha256 {config_hash} (summary.json's config_sha256)", "", "[pipeline]"]
    for key, value in resolved.config["pipeline"].items():
        lines.append(option_line(key, value, resolved.origin("pipeline", key) or BUILTIN))
    for ref, stage in zip(resolved.config["pipeline"]["stages"], stages):
        lines += ["", f"[stage.{toml_key(ref)}]"]
        for key, value in dataclasses.asdict(stage.options).items():
            origin = resolved.origin("stage", ref, key) or resolved.origin("stage", stage.name, key)
            lines.append(option_line(key, value, origin or STAGE_DEFAULT))
    return "\n".join(lines) + "\n"


def option_line(key: str, value, origin: str) -> str:
    """`key = value  # origin` in TOML; an unset (None) option as a comment."""
    if value is None:
        return f"# {toml_key(key)} is not set  # {origin}"
    return f"{toml_key(key)} = {_value(value)}  # {origin}"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str) -> str:
    """A TOML key: bare where it can be, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    """A TOML value. JSON writes strings, numbers, booleans and arrays as TOML does (tests read
    `show`'s output back with tomllib); a table is written inline."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
