"""rules: reviewed find-and-replace rules kept as data, in rule packs (rules/*.toml).

Why: some artifacts recur across a whole dump and no general repair can know
them. Machine translation of Spanish wire copy read the acronym OTAN as a word
and wrote "Defense Ministers of the I’LL TAKE start …" where English needs
"Defense Ministers of NATO start …". Such fixes are rules a reviewer can read
and test: a pattern, a replacement, a reason, guards on the context, and
examples (see docs/rules.md and cleaner/rules/).

What it does: applies the packs whose languages include the document's
language (`metadata["language"]`; when it is unknown, every pack, unless
`unknown_language = false`), one edit per match, with the rule id
`rules.<pack>/<rule>`, the rule's reason and its confidence. Where matches of
two rules overlap, the earlier pack and rule win. A rule whose pattern runs
past `timeout` seconds on a document is skipped there and reported as a flag.

Exceptions: the packs' `[[keep]]` entries (cleaner/rules/keep.py) are handed to the
pipeline, which refuses the edits they name, whatever stage makes them. The user's
pack, `rules/local.toml` under the working directory (option `local`), where
`cleaner review` writes the rules and exceptions a reviewer makes, is read last.

Never: text a rule's guards exclude — "“I’ll take the train,” she said", an
all-caps heading such as "I’LL TAKE THE RISK".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..edits import Edit
from ..rules import builtin_packs, find, load_packs, rules_for
from ..rules.pack import LOCAL_PACK
from .base import Stage


@dataclass(frozen=True)
class RulesOptions:
    builtin: bool = True                 # the packs that ship with cleaner (the project's rules/ folder)
    paths: tuple[str, ...] = ()          # more pack files or folders, applied after the built-in packs
    unknown_language: bool = True        # apply every pack to a document whose language is unknown
    timeout: float = 0.5                 # seconds one rule's pattern may take on one document
    local: str = "rules/local.toml"      # the user's pack, read last when the file exists ("": none)

    def __post_init__(self):
        if isinstance(self.paths, str):
            raise ValueError("paths must be a list of pack files or folders, not one string")
        object.__setattr__(self, "paths", tuple(self.paths))
        if not self.timeout > 0:
            raise ValueError("timeout must be a number of seconds above 0")


class RulesStage(Stage):
    """Applies reviewed rule packs (rules/*.toml): e.g. the MT artifact `I’LL TAKE` → `NATO`."""

    name = "rules"
    reads = ("language",)     # the packs of the document's language
    Options = RulesOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        paths = ((builtin_packs(),) if self.options.builtin else ()) + self.options.paths
        local = Path(self.options.local) if self.options.local else None
        if local is not None and local.is_file() and local.resolve() not in {Path(p).resolve() for p in paths}:
            paths += (local,)
        self.packs = load_packs(paths)
        self._extra = [p for p in self.packs if p.path.parent.resolve() != builtin_packs().resolve()
                       or p.path.name == LOCAL_PACK]

    def keeps(self) -> tuple:
        return tuple(k for p in self.packs for k in p.keeps)

    def models(self) -> dict:
        """The packs read besides the built-in ones (the user's, `paths`), by path and sha256: what
        they hold decides the output, so summary.json names them and --resume checks them."""
        if not self._extra:
            return {}
        return {"packs": {str(p.path): p.sha256 for p in self._extra}}

    def find(self, doc) -> list[Edit]:
        rules = rules_for(self.packs, doc.metadata.get("language"), self.options.unknown_language)
        if not rules:
            return []
        text = doc.text
        found = find(rules, text, self.options.timeout)
        edits = [self.fix(text, h.start, h.end, h.after, h.rule.ref, h.rule.reason, h.rule.confidence)
                 for h in found.hits]
        edits += [self.flag(text, 0, 0, r.ref, f"the pattern of rule {r.ref} ran over {self.options.timeout} s "
                            "on this document and was stopped; the rule was not applied here")
                  for r in found.timed_out]
        return sorted(edits, key=lambda e: (e.start, e.end))
