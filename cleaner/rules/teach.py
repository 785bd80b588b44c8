"""Decisions that teach: a rule or an exception written from one edit into the user's pack.

A reviewer who judges an edit often judges a token: `passcard` is never two
words here, `withPetro` is always `with Petro`. From one edit of a report this
module writes that judgement as data into a pack (by default the user's pack,
`rules/local.toml`), with the edit's context as the example:

    keep   an exception (`[[keep]]`, keep.py): the stage's rule must not make
           this change in this token; the example is the edit's line, which
           `cleaner rules test` cleans with and without the exception: the
           change must go, and no other fix may change.
    rule   a rule (`[[rules]]`): this token (the text around the edit, cut at
           spaces) always becomes the given text; the examples are the edit's
           line, changed, and the changed line, which must stay.

`cleaner rules suggest --accept` writes a rule from a candidate phrase the same
way, its contexts as examples. Every entry is checked before it is written: the
pack with it must load and the entry's examples must pass; otherwise nothing
is written and TeachError says why. The file is replaced whole and atomically
(written beside it, fsync'ed, renamed), so a reader sees the pack before or
after the entry, never half of it, and what was in the file stays as it was.
"""
from __future__ import annotations

import datetime
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

import regex

from ..edits import FIX, Edit
from ..io.atomic import AtomicFile, fsync_folder, make_folder
from ..language.codes import primary
from .examples import check_examples, check_keeps
from .keep import token_change, token_span
from .pack import ANY_LANGUAGE, PackError, parse_pack, styled
from .pattern import compile_pattern
from .suggest import normalise

USER_PACK = Path("rules") / "local.toml"
CONTEXT_CHARS = 200          # of the edit's line on either side, at most, in an example
_WRITE = threading.Lock()    # one writer at a time in this process (the review server's threads)


class TeachError(ValueError):
    """An entry that cannot be written; the message says why, for the reviewer."""


def keep_entry(original: str, edit: Edit, reason: str = "", note: str = "") -> dict:
    """An exception refusing `edit` (an edit of `original`, one rule's) in its token."""
    if len(edit.rules) != 1:
        raise TeachError(f"this edit is {'+'.join(edit.rules)}: steps of several rules made one change; "
                         "an exception names one rule's change")
    found = token_change(original, edit)
    if found is None:
        raise TeachError("the text around this edit runs on without a space: there is no token to keep")
    token, changed = found
    change = changed if edit.kind == FIX else ""
    return {"kind": "keep", "id": "keep-" + _slug(token), "rule": edit.rule, "token": token,
            **({"change": change} if change and change != token else {}),
            "reason": reason.strip() or f"Reviewed: {edit.rule} must leave “{token}” as it is.",
            "examples": [{"input": context(original, edit.start, edit.end), "note": note}]}


def rule_entry(original: str, edit: Edit, replacement: str | None = None, reason: str = "",
               language: str | None = None, confidence: float = 0.9, note: str = "") -> dict:
    """A rule that always rewrites the token around `edit` as `replacement` (default: as the edit
    does; for a flag, with its first suggestion)."""
    found = token_change(original, edit)
    if found is None:
        raise TeachError("the text around this edit runs on without a space: there is no token to fix")
    token, changed = found
    if replacement is None:
        if edit.kind != FIX:
            suggestion = edit.after.split(", ")[0]
            if not suggestion:
                raise TeachError("this flag suggests nothing: give the text that replaces it")
            s, _ = token_span(original, edit.start, edit.end)
            changed = token[:edit.start - s] + suggestion + token[edit.end - s:]
        replacement = changed
    lines = [context(original, edit.start, edit.end)]
    return phrase_entry(token, replacement, lines, reason, language, confidence, note)


def phrase_entry(phrase: str, replacement: str, contexts: Sequence[str], reason: str = "",
                 language: str | None = None, confidence: float = 0.9, note: str = "") -> dict:
    """A rule that rewrites `phrase`, standing as whole words, as `replacement`; each context must hold
    the phrase: it is an example of the change, and its changed text one of text that stays."""
    if not phrase.strip() or phrase != phrase.strip():
        raise TeachError("the phrase must be text without spaces at its ends")
    if replacement == phrase:
        raise TeachError(f"the replacement is the phrase itself ({phrase!r}): nothing would change")
    pattern = r"(?<!\w)" + regex.escape(phrase, special_only=True) + r"(?!\w)"
    compiled = compile_pattern(pattern)
    examples = []
    for line in contexts:
        if not compiled.search(line):
            raise TeachError(f"the context {line!r} does not hold {phrase!r} as whole words")
        output = compiled.sub(lambda m: styled(replacement, m.group()), line)
        examples.append({"input": line, "output": output, "note": note})
    examples += [{"input": ex["output"], "note": "the fixed text stays"} for ex in examples[:1]]
    code = primary(language) if language else ""   # en-GB: as rules_for reads it
    guards = {"not_in_heading": False, **({"languages": [code]} if code else {})}
    return {"kind": "rule", "id": _slug(phrase), "pattern": pattern, "replacement": replacement,
            "reason": reason.strip() or f"Reviewed: “{phrase}” is always “{replacement}”.",
            "confidence": confidence, "guards": guards, "examples": examples}


def accept(candidates, phrase: str, replacement: str, reason: str = "", language: str | None = None,
           confidence: float = 0.9) -> dict:
    """A rule from the `cleaner rules suggest` candidate `phrase` (as listed), its contexts as examples."""
    found = next((c for c in candidates if c.phrase == normalise(phrase)), None)
    if found is None:
        raise TeachError(f"no candidate {phrase!r} in this input (cleaner rules suggest lists them)")
    written = found.lines[0][0]
    same = lambda w: w.replace("'", "’") == written.replace("'", "’")   # the rule matches both apostrophes
    lines = [line for w, line in found.lines if same(w)]
    return phrase_entry(written, replacement, list(dict.fromkeys(lines)), reason, language, confidence,
                        note=f"cleaner rules suggest: {found.count} times in {len(found.documents)} documents")


def context(text: str, start: int, end: int) -> str:
    """The line of text[start:end], cut at spaces CONTEXT_CHARS characters either side of it."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    if start - first > CONTEXT_CHARS:
        cut = text.find(" ", start - CONTEXT_CHARS, start)
        first = cut + 1 if cut >= 0 else first
    if last - end > CONTEXT_CHARS:
        cut = text.rfind(" ", end, end + CONTEXT_CHARS)
        last = cut if cut >= 0 else last
    return text[first:last]


def add(path: str | Path, entry: dict, pipeline_stages: Callable[[], Sequence] | None = None) -> dict:
    """Write `entry` into the pack at `path` (made if missing) once it loads and passes its
    examples; the entry as written, with its `ref` (pack/id) and `path`. TeachError otherwise.
    `pipeline_stages` gives the stages that check an exception (default: the default pipeline's)."""
    path = Path(path)
    pack_id = path.stem
    with _WRITE:
        try:
            old = path.read_text(encoding="utf-8") if path.exists() else _header(pack_id)
        except (OSError, UnicodeError) as e:
            raise TeachError(f"cannot read {path}: {e}") from None
        try:
            taken = {x.id for p in [parse_pack(old, path)] for x in (*p.rules, *p.keeps)} if path.exists() else set()
        except PackError as e:
            raise TeachError(f"the pack is broken already, fix it first: {e}") from None
        entry = dict(entry, id=_unique(entry["id"], taken))
        text = old.rstrip("\n") + "\n\n" + to_toml(entry)
        try:
            pack = parse_pack(text, path)
        except PackError as e:
            raise TeachError(f"not a valid entry: {e}") from None
        if entry["kind"] == "rule":
            rule = next(r for r in pack.rules if r.id == entry["id"])
            _, failures = check_examples([_only(pack, rules=(rule,))])
        else:
            keep = next(k for k in pack.keeps if k.id == entry["id"])
            stages = pipeline_stages() if pipeline_stages else None
            _, failures = check_keeps([_only(pack, keeps=(keep,))], stages, others=pack.keeps)
        if failures:
            raise TeachError("its example fails, so it was not written: " + "; ".join(
                f"{f.problem} (example {f.number})" for f in failures))
        _write(path, text)
    return {**entry, "ref": f"{pack_id}/{entry['id']}", "path": str(path)}


def _only(pack, rules=(), keeps=()):
    return replace(pack, rules=tuple(rules), keeps=tuple(keeps))


def _write(path: Path, text: str) -> None:
    try:
        make_folder(path.parent)
        f = AtomicFile(path)
        try:
            f.write(text.encode("utf-8"))
            f.commit(durable=True)
        except BaseException:
            f.abort()
            raise
        fsync_folder(path.parent)
    except OSError as e:
        raise TeachError(f"cannot write {path}: {e.strerror or e}") from None


def _header(pack_id: str) -> str:
    if not regex.fullmatch(r"[a-z0-9][a-z0-9-]*", pack_id):
        raise TeachError(f"a pack's file name is its id: {pack_id!r} must be lower-case letters, digits "
                         "and hyphens (rules/local.toml)")
    return ("# Rules and exceptions written while reviewing runs (cleaner review, cleaner rules suggest\n"
            "# --accept). `cleaner rules test` checks them; the next run applies them. docs/rules.md.\n"
            f"id = {_str(pack_id)}\n"
            f"description = {_str('Written from review decisions.')}\n"
            f"languages = [{_str(ANY_LANGUAGE)}]\n")


def to_toml(entry: dict) -> str:
    """The TOML of one entry (`[[rules]]` or `[[keep]]`), every string escaped (no raw control or
    invisible format character reaches the file: they show as \\uXXXX)."""
    table = "rules" if entry["kind"] == "rule" else "keep"
    written = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = [f"# written {written}", f"[[{table}]]"]
    for key, value in entry.items():
        if key in ("kind", "examples", "guards"):
            continue
        out.append(f"{key} = {_value(value)}")
    if entry.get("guards"):
        out.append(f"[{table}.guards]")
        out += [f"{k} = {_value(v)}" for k, v in entry["guards"].items()]
    for ex in entry["examples"]:
        out.append(f"[[{table}.examples]]")
        out += [f"{k} = {_value(v)}" for k, v in ex.items() if v != ""]
    return "\n".join(out) + "\n"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return _str(v)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _str(s: str) -> str:
    out = []
    for c in s:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif unicodedata.category(c) == "Cs":
            raise TeachError("the text holds a lone surrogate, which a pack cannot hold")
        elif unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co") or c == "\x7f":
            out.append(f"\\u{ord(c):04X}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _slug(text: str) -> str:
    slug = regex.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return slug or "entry"


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name

