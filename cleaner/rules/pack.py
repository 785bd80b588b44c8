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
    [[keep]]                      # an exception: one change of one stage's rule refused
    id = "keep-passcard"
    rule = "spacing.glued-words"
    token = "passcard"
    change = "pass card"          # absent: every change or flag of the rule in that token
    reason = "…"
    examples = [{ input = "Show your passcard at the gate." }]

A pack may hold rules, exceptions or both. `languages = ["*"]` applies a
pack's rules to every language (the user's pack, rules/local.toml, is made so).
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import regex

from ..resources import bundled
from .guards import CONTEXT_KEYS, Guards
from .pattern import APOSTROPHES, PatternError, compile_pattern, required_literal


_ID = regex.compile(r"[a-z0-9][a-z0-9-]*")
_PACK_KEYS = {"id": str, "description": str, "languages": list, "lists": dict, "rules": list, "keep": list}
_RULE_KEYS = {"id": str, "pattern": str, "replacement": str, "reason": str, "confidence": (int, float),
              "guards": dict, "examples": list}
_GUARD_KEYS = {**{k: str for k in CONTEXT_KEYS}, "not_in_heading": bool, "case_sensitive": bool,
               "languages": list}
_KEEP_KEYS = {"id": str, "rule": str, "token": str, "change": str, "reason": str, "examples": list}
_EXAMPLE_KEYS = {"input": str, "output": str, "note": str}
_OPTIONAL = {"lists", "guards", "output", "note", "rules", "keep", "change"}
_STAGE_RULE = regex.compile(r"[a-z][a-z0-9_]*\.[^\s+]+")
ANY_LANGUAGE = "*"
LOCAL_PACK = "local.toml"   # the user's pack: never one of the built-in packs, even in their folder
TOKEN_LIMIT = 200           # characters of a kept token, at most


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
        return styled(self.replacement, matched)


def styled(replacement: str, matched: str) -> str:
    """`replacement` with its apostrophes written as the first one of `matched` (if it has one)."""
    style = next((c for c in matched if c in APOSTROPHES), None)
    if style is None:
        return replacement
    return "".join(style if c in APOSTROPHES else c for c in replacement)


@dataclass(frozen=True)
class Keep:
    """An exception: the change `rule` would make in `token` is refused (`change`: that change
    only; empty: every edit of the rule whose token it is). See keep.py for how a token is cut."""

    pack: str
    id: str
    rule: str                    # a stage's rule id, as edits carry it: spacing.glued-words
    token: str                   # the text around the change, cut at spaces (keep.token_span)
    change: str                  # the token as the rule would rewrite it; "" for any edit of it
    reason: str
    examples: tuple[Example, ...]

    @property
    def ref(self) -> str:
        return f"{self.pack}/{self.id}"


@dataclass(frozen=True)
class Pack:
    id: str
    description: str
    languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    path: Path
    keeps: tuple[Keep, ...] = ()
    sha256: str = ""             # of the file's text as read


def load_pack(path: str | Path) -> Pack:
    """Read and validate one pack file (PackError if it cannot be used)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PackError(f"{path}: cannot read: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise PackError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    return parse_pack(text, path)


def parse_pack(text: str, path: str | Path) -> Pack:
    """The pack that `text` holds, as if read from `path` (PackError if it cannot be used)."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{path}: not valid TOML: {e}") from None
    where = str(path)
    _check_keys(data, _PACK_KEYS, where, "the pack")
    pack_id = _identifier(data["id"], where, "pack id")
    if path.stem != pack_id:
        raise PackError(f"{where}: pack id {pack_id!r} must match the file name ({path.stem}.toml)")
    languages = _languages(data["languages"], where, "languages")
    lists = _lists(data.get("lists", {}), where)
    if not data.get("rules") and not data.get("keep"):
        raise PackError(f"{where}: the pack has no rules and no exceptions (keep)")
    rules, keeps, seen = [], [], set()
    for i, raw in enumerate(data.get("rules", []), 1):
        if not isinstance(raw, dict):
            raise PackError(f"{where}: rule #{i} must be a table")
        rule = _rule(raw, pack_id, languages, lists, where, i)
        if rule.id in seen:
            raise PackError(f"{where}: rule {rule.id!r} is defined twice")
        seen.add(rule.id)
        rules.append(rule)
    for i, raw in enumerate(data.get("keep", []), 1):
        if not isinstance(raw, dict):
            raise PackError(f"{where}: keep #{i} must be a table")
        keep = _keep(raw, pack_id, where, i)
        if keep.id in seen:
            raise PackError(f"{where}: {keep.id!r} is defined twice")
        seen.add(keep.id)
        keeps.append(keep)
    return Pack(pack_id, data["description"], languages, tuple(rules), path, tuple(keeps),
                hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_packs(paths: Iterable[str | Path]) -> tuple[Pack, ...]:
    """Every pack in `paths` (pack files, or folders whose *.toml files are read in name order)."""
    packs: dict[str, Pack] = {}
    builtin = builtin_packs().resolve()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(f for f in path.glob("*.toml")
                           if not (f.name == LOCAL_PACK and path.resolve() == builtin))
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
        if ANY_LANGUAGE not in pack_languages and not set(languages) <= set(pack_languages):
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


def _keep(raw: dict, pack_id: str, file: str, index: int) -> Keep:
    where = f"{file}: keep {raw['id']!r}" if isinstance(raw.get("id"), str) else f"{file}: keep #{index}"
    _check_keys(raw, _KEEP_KEYS, where, "an exception (keep)")
    keep_id = _identifier(raw["id"], where, "id")
    if not _STAGE_RULE.fullmatch(raw["rule"]):
        raise PackError(f"{where}: rule {raw['rule']!r} must be one rule id as edits carry it "
                        "(spacing.glued-words, rules.mt-es-en/otan)")
    token, change = raw["token"], raw.get("change", "")
    if not token or len(token) > TOKEN_LIMIT:
        raise PackError(f"{where}: token must be 1 to {TOKEN_LIMIT} characters")
    if change == token:
        raise PackError(f"{where}: change is the token itself: name the change to refuse, or leave it out")
    if not raw["reason"].strip():
        raise PackError(f"{where}: reason is empty; say why the text must stay")
    examples = tuple(Example(ex["input"], ex["input"], ex.get("note", ""))
                     for ex in _example_tables(raw["examples"], where))
    if not examples or any("output" in ex for ex in raw["examples"]):
        raise PackError(f"{where}: needs examples of text that must stay (input only, no output)")
    return Keep(pack_id, keep_id, raw["rule"], token, change, raw["reason"].strip(), examples)


def _example_tables(raw: list, where: str) -> list[dict]:
    for i, ex in enumerate(raw, 1):
        if not isinstance(ex, dict):
            raise PackError(f"{where}: example {i} must be a table with input (and output)")
        _check_keys(ex, _EXAMPLE_KEYS, f"{where}: example {i}", "an example")
    return raw


def _examples(raw: list, where: str) -> tuple[Example, ...]:
    examples = [Example(ex["input"], ex.get("output", ex["input"]), ex.get("note", ""))
                for ex in _example_tables(raw, where)]
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
        raise PackError(f"{where}: {what} must be a non-empty list of language codes such as \"en\" "
                        f"(or \"{ANY_LANGUAGE}\" for any)")
    return tuple(v.lower() for v in value)


def _lists(value: dict, where: str) -> dict[str, list[str]]:
    for name, items in value.items():
        if not regex.fullmatch(r"[A-Za-z_]\w*", name):
            raise PackError(f"{where}: list name {name!r} must be a word (letters, digits, _)")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise PackError(f"{where}: list {name!r} must be a non-empty list of strings")
    return value
