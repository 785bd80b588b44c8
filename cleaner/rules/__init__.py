"""The rule-pack engine. The packs themselves are data in the project's top-level rules/ folder.

    pack.py      the TOML format: loading and validating packs into Pack and Rule
    pattern.py   compiling patterns (regex package; ' and ’ alike) and their literal prefilter
    guards.py    the context a match must be in: before/after, headings, case, languages
    engine.py    applying rules to a text: guarded, non-overlapping matches within a time limit
    examples.py  checking every example of every rule (`cleaner rules test`)
    suggest.py   candidate artifacts in a dump, for new rules (`cleaner rules suggest`)

The rules stage (cleaner/stages/rules.py) turns the engine's matches into edits.
"""
from .engine import Found, Hit, find, rules_for
from .examples import Failure, check_examples
from .pack import Example, Pack, PackError, Rule, builtin_packs, load_pack, load_packs
from .suggest import Candidate, suggest

__all__ = ["Candidate", "Example", "Failure", "Found", "Hit", "Pack", "PackError", "Rule",
           "builtin_packs", "check_examples", "find", "load_pack", "load_packs", "rules_for", "suggest"]
