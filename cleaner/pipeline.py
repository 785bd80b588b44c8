"""Pipeline: runs stages in order and keeps every edit in input coordinates."""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Sequence

from . import config as _config
from .document import Document
from .edits import FIX, apply, check, compose, locate
from .result import Result
from .stages.base import Stage


class StageError(RuntimeError):
    """A stage crashed or returned edits that do not fit the text."""

    def __init__(self, stage: str, doc_id, cause: BaseException):
        super().__init__(f"stage {stage!r} failed on document {doc_id!r}: {cause}")
        self.stage = stage


class Pipeline:
    """An ordered list of stages. Immutable after construction and safe to share between threads."""

    def __init__(self, stages: Sequence[Stage], max_rounds: int = 3):
        self.stages = tuple(stages)
        self.max_rounds = max_rounds
        names = [s.name for s in self.stages]
        if len(set(names)) != len(names):
            raise ValueError(f"a stage appears twice in the pipeline: {names}")
        if max_rounds < 1:
            raise ValueError("max_rounds must be at least 1")

    @classmethod
    def default(cls) -> "Pipeline":
        return cls.from_dict(_config.load(_config.DEFAULT_CONFIG))

    @classmethod
    def from_config(cls, path: str | Path) -> "Pipeline":
        return cls.from_dict(_config.load(path))

    @classmethod
    def from_dict(cls, config: dict) -> "Pipeline":
        return cls(_config.build_stages(config), **_config.pipeline_options(config))

    def describe(self) -> list[dict]:
        """The stages and their options, as recorded in a run's summary."""
        return [{"stage": s.name, "options": dataclasses.asdict(s.options)} for s in self.stages]

    def clean(self, text: str, id: str | None = None, metadata: dict | None = None) -> Result:
        """Run the stages; while a round changes the text, run them again (up to max_rounds).

        The extra round makes cleaning idempotent when one stage's repair exposes
        work for an earlier one (removing a soft hyphen can reveal mojibake).
        Text that needed no change costs one round.
        """
        if not isinstance(text, str):
            raise TypeError(f"clean() needs str, not {type(text).__name__}")
        doc = Document(text, id, dict(metadata or {}))
        fixes, flags = [], []
        for round_no in range(self.max_rounds):
            changed = False
            for stage in self.stages:
                found, new = self._run(stage, doc)
                if round_no == 0:
                    flags.extend(locate(fixes, (e for e in found if e.kind != FIX), text))
                if new:
                    fixes = compose(text, fixes, doc.text, new)
                    doc.text = apply(doc.text, new)
                    changed = True
            if not changed:
                break
        edits = sorted(fixes + flags, key=lambda e: (e.start, e.end))
        return Result(doc.text, edits, doc.metadata, text, id)

    @staticmethod
    def _run(stage: Stage, doc: Document):
        try:
            found = stage.find(doc)
            new = [e for e in found if e.kind == FIX]
            check(doc.text, new, stage.name)
        except Exception as e:  # a plugin's bug must name the plugin
            raise StageError(stage.name, doc.id, e) from e
        return found, new

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(s.name for s in self.stages)}])"


@functools.cache
def default_pipeline() -> Pipeline:
    """The shared default pipeline, built once (stages are immutable, so sharing is safe)."""
    return Pipeline.default()


def clean(text: str, id: str | None = None, metadata: dict | None = None) -> Result:
    """Clean `text` with the built-in default pipeline."""
    return default_pipeline().clean(text, id=id, metadata=metadata)
