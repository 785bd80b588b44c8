"""Rule packs: TOML files of reviewed rules, loaded and validated into immutable objects.

A pack (`rules/<id>.toml`) is data a reviewer can read: what each rule
changes, why, where it must not apply, and examples that prove it. Loading
checks everything a mistake could hide in (unknown keys, types, a pattern that
does not compile, a rule with no example of a change or none of text that must
stay) and names the file, the rule and the problem. The format is described in
docs/rules.md; in short:

    id = "mt-es-en"
    description = "…"
    languages = ["en"]
    [lists]                       # optional: named word lists, used as \\L<name> in patterns
    nouns = ["summit", "allies"]
    [[rules]]
    id = "otan"
    pattern = '''I'LL TAKE\\b'''
    replacement = "NATO"
    reason = "…"
    confidence = 0.95
    guards = { not_after = '''\\s+\\p{Lu}{2,}''' }
    examples = [{ input = "the I'LL TAKE summit", output = "the NATO summit" },
                { input = "“I’ll take the train,” she said" }]     # no output: must stay
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import regex

from ..resources import bundled
from .guards import CONTEXT_KEYS, Guards
from .pattern import APOSTROPHES, PatternError, compile_pattern, required_literal


_ID = regex.compile(r"[a-z0-9][a-z0-9-]*")
_PACK_KEYS = {"id": str, "description": str, "languages": list, "lists": dict, "rules": list}
_RULE_KEYS = {"id": str, "pattern": str, "replacement": str, "reason": str, "confidence": (int, float),
              "guards": dict, "examples": list}
_GUARD_KEYS = {**{k: str for k in CONTEXT_KEYS}, "not_in_heading": bool, "case_sensitive": bool,
               "languages": list}
_EXAMPLE_KEYS = {"input": str, "output": str, "note": str}
_OPTIONAL = {"lists", "guards", "output", "note"}


class PackError(ValueError):
    """A pack that cannot be used; the message names the file, the rule and what is wrong."""


def builtin_packs() -> Path:
    """The folder of the packs that ship with cleaner (edited in the project's top-level rules/)."""
    return bundled("rules")


@dataclass(frozen=True)
class Example:
    input: str
    output: str        # equal to input: the text must stay unchanged
    note: str = ""


@dataclass(frozen=True)
class Rule:
    pack: str
    id: str
    pattern: regex.Pattern
    replacement: str
    reason: str
    confidence: float
    guards: Guards
    languages: tuple[str, ...]   # the pack's, or the narrower guards.languages
    examples: tuple[Example, ...]
    literal: str | None          # every match contains it: the prefilter (None: always run)

    @property
    def ref(self) -> str:
        """`pack/rule`: the rule's stable id within the rules stage (`rules.mt-es-en/otan`)."""
        return f"{self.pack}/{self.id}"

    def output(self, matched: str) -> str:
        """The replacement, its apostrophes written the way the matched text writes them."""
        style = next((c for c in matched if c in APOSTROPHES), None)
        if style is None:
            return self.replacement
        return "".join(style if c in APOSTROPHES else c for c in self.replacement)


@dataclass(frozen=True)
class Pack:
    id: str
    description: str
    languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    path: Path


def load_pack(path: str | Path) -> Pack:
    """Read and validate one pack file (PackError if it cannot be used)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise PackError(f"{path}: cannot read: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{path}: not valid TOML: {e}") from None
    where = str(path)
    _check_keys(data, _PACK_KEYS, where, "the pack")
    pack_id = _identifier(data["id"], where, "pack id")
    if path.stem != pack_id:
        raise PackError(f"{where}: pack id {pack_id!r} must match the file name ({path.stem}.toml)")
    languages = _languages(data["languages"], where, "languages")
    lists = _lists(data.get("lists", {}), where)
    if not data["rules"]:
        raise PackError(f"{where}: the pack has no rules")
    rules, seen = [], set()
    for i, raw in enumerate(data["rules"], 1):
        if not isinstance(raw, dict):
            raise PackError(f"{where}: rule #{i} must be a table")
        rule = _rule(raw, pack_id, languages, lists, where, i)
        if rule.id in seen:
            raise PackError(f"{where}: rule {rule.id!r} is defined twice")
        seen.add(rule.id)
        rules.append(rule)
    return Pack(pack_id, data["description"], languages, tuple(rules), path)


def load_packs(paths: Iterable[str | Path]) -> tuple[Pack, ...]:
    """Every pack in `paths` (pack files, or folders whose *.toml files are read in name order)."""
    packs: dict[str, Pack] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(path.glob("*.toml"))
        elif path.is_file():
            files = [path]
        else:
            raise PackError(f"{path}: no such rule pack file or folder")
        for file in files:
            pack = load_pack(file)
            if pack.id in packs:
                raise PackError(f"{file}: pack {pack.id!r} is also loaded from {packs[pack.id].path}")
            packs[pack.id] = pack
    return tuple(packs.values())


def _rule(raw: dict, pack_id: str, pack_languages, lists: dict, file: str, index: int) -> Rule:
    where = f"{file}: rule {raw['id']!r}" if isinstance(raw.get("id"), str) else f"{file}: rule #{index}"
    _check_keys(raw, _RULE_KEYS, where, "the rule")
    rule_id = _identifier(raw["id"], where, "rule id")
    if not raw["reason"].strip():
        raise PackError(f"{where}: reason is empty; say why the change is right")
    confidence = float(raw["confidence"])
    if not 0 < confidence <= 1:
        raise PackError(f"{where}: confidence must be above 0 and at most 1, not {raw['confidence']}")
    raw_guards = raw.get("guards", {})
    _check_keys(raw_guards, _GUARD_KEYS, f"{where}: guards", "guards", required=())
    case_sensitive = raw_guards.get("case_sensitive", True)
    languages = pack_languages
    if "languages" in raw_guards:
        languages = _languages(raw_guards["languages"], where, "guards.languages")
        if not set(languages) <= set(pack_languages):
            raise PackError(f"{where}: guards.languages {list(languages)} must be among the pack's "
                            f"languages {list(pack_languages)}")
    try:
        pattern = compile_pattern(raw["pattern"], ignore_case=not case_sensitive, lists=lists)
    except PatternError as e:
        raise PackError(f"{where}: pattern does not compile: {e}") from None
    try:
        guards = Guards.build({k: raw_guards[k] for k in CONTEXT_KEYS if k in raw_guards}, lists,
                              not_in_heading=raw_guards.get("not_in_heading", True),
                              case_sensitive=case_sensitive)
    except PatternError as e:
        raise PackError(f"{where}: a guard pattern does not compile: {e}") from None
    examples = _examples(raw["examples"], where)
    return Rule(pack_id, rule_id, pattern, raw["replacement"], raw["reason"].strip(), confidence, guards,
                languages, examples, required_literal(raw["pattern"]) if case_sensitive else None)


def _examples(raw: list, where: str) -> tuple[Example, ...]:
    examples = []
    for i, ex in enumerate(raw, 1):
        if not isinstance(ex, dict):
            raise PackError(f"{where}: example {i} must be a table with input (and output)")
        _check_keys(ex, _EXAMPLE_KEYS, f"{where}: example {i}", "an example")
        examples.append(Example(ex["input"], ex.get("output", ex["input"]), ex.get("note", "")))
    if not any(e.output != e.input for e in examples):
        raise PackError(f"{where}: needs an example of a change (input and a different output)")
    if not any(e.output == e.input for e in examples):
        raise PackError(f"{where}: needs an example of text that must stay unchanged (input without output)")
    return tuple(examples)


def _check_keys(data: dict, schema: dict, where: str, what: str, required=None) -> None:
    unknown = set(data) - set(schema)
    if unknown:
        raise PackError(f"{where}: {what} has no key {', '.join(sorted(unknown))}; "
                        f"it has: {', '.join(schema)}")
    required = set(schema) - _OPTIONAL if required is None else set(required)
    missing = sorted(required - set(data))
    if missing:
        raise PackError(f"{where}: {what} needs {', '.join(missing)}")
    for key, value in data.items():
        if not isinstance(value, schema[key]) or isinstance(value, bool) and schema[key] is not bool:
            raise PackError(f"{where}: {key} has the wrong type ({type(value).__name__})")


def _identifier(value: str, where: str, what: str) -> str:
    if not _ID.fullmatch(value):
        raise PackError(f"{where}: {what} {value!r} must be lower-case letters, digits and hyphens")
    return value


def _languages(value: list, where: str, what: str) -> tuple[str, ...]:
    if not value or not all(isinstance(v, str) and v for v in value):
        raise PackError(f"{where}: {what} must be a non-empty list of language codes such as \"en\"")
    return tuple(v.lower() for v in value)


def _lists(value: dict, where: str) -> dict[str, list[str]]:
    for name, items in value.items():
        if not regex.fullmatch(r"[A-Za-z_]\w*", name):
            raise PackError(f"{where}: list name {name!r} must be a word (letters, digits, _)")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise PackError(f"{where}: list {name!r} must be a non-empty list of strings")
    return value
