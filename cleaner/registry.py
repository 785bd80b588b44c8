"""Finding stage classes by name: built-ins, the `cleaner.stages` entry points, `module:Class`."""
from __future__ import annotations

import importlib

from .stages.base import Stage

BUILTIN = {
    "encoding": "cleaner.stages.encoding:EncodingStage",
    "whitespace": "cleaner.stages.whitespace:WhitespaceStage",
    "language": "cleaner.stages.language:LanguageStage",
    "header": "cleaner.stages.header:HeaderStage",
    "rules": "cleaner.stages.rules:RulesStage",
    "spacing": "cleaner.stages.spacing:SpacingStage",
    "spelling": "cleaner.stages.spelling:SpellingStage",
}
ENTRY_POINT_GROUP = "cleaner.stages"


class UnknownStage(LookupError):
    pass


def _load(ref: str) -> type[Stage]:
    module, _, attr = ref.partition(":")
    try:
        cls = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as e:
        raise UnknownStage(f"cannot load stage {ref!r}: {e}") from None
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise UnknownStage(f"{ref!r} is not a cleaner Stage subclass")
    return cls


def plugins() -> dict[str, str]:
    """Stages that installed packages register under the `cleaner.stages` entry point group."""
    # 50 ms to import, and only a stage that is not built in needs it
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available() -> dict[str, str]:
    """Every stage name that can be used in a config, mapped to its `module:Class`."""
    return {**plugins(), **BUILTIN}


def stage_class(name: str) -> type[Stage]:
    """The class for a built-in name, an entry point name, or a `module:Class` reference."""
    if name in BUILTIN:
        return _load(BUILTIN[name])
    found = plugins().get(name)
    if found:
        return _load(found)
    if ":" in name:
        return _load(name)
    raise UnknownStage(f"unknown stage {name!r}; available: {', '.join(sorted(available()))}")
