"""Pipeline: runs stages in order and keeps every edit in input coordinates."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
from pathlib import Path
from typing import Sequence

from . import config as _config
from . import registry as _registry
from .document import Document
from .edits import FIX, apply, check, compose, locate
from .result import Result
from .rules.keep import Keeper
from .stages.base import Stage


class StageError(RuntimeError):
    """A stage crashed or returned edits that do not fit the text."""

    def __init__(self, stage: str, doc_id, cause: BaseException):
        super().__init__(f"stage {stage!r} failed on document {doc_id!r}: {cause}")
        self.stage = stage


class Pipeline:
    """An ordered list of stages. Immutable after construction and safe to share between threads.

    A stage is given as a Stage, or by name as a config lists it (`"whitespace"`, an entry point's
    name, `"mypackage.stages:Shout"`), which builds it with its default options:
    `Pipeline(["encoding", "whitespace", Shout(word="otan")])`."""

    def __init__(self, stages: Sequence[Stage | str], max_rounds: int = 5, keeps: Sequence | None = None):
        """`keeps`: the exceptions (cleaner.rules.Keep) whose edits are never made; None: those
        the stages bring (the rules stage's packs)."""
        if isinstance(stages, (str, Stage)):
            raise TypeError("Pipeline takes a list of stages: Pipeline([\"whitespace\"])")
        self.stages = tuple(_config.make_stage(s, {}) if isinstance(s, str) else s for s in stages)
        self.max_rounds = max_rounds
        self.keeper = Keeper(tuple(k for s in self.stages for k in s.keeps()) if keeps is None else keeps)
        names = [s.name for s in self.stages]
        if len(set(names)) != len(names):
            raise ValueError(f"a stage appears twice in the pipeline: {names}")
        if max_rounds < 1:
            raise ValueError("max_rounds must be at least 1")

    @classmethod
    def default(cls) -> "Pipeline":
        return cls.from_dict({})

    @classmethod
    def from_config(cls, path: str | Path) -> "Pipeline":
        """The pipeline of a config file (TOML, or a pyproject.toml's [tool.cleaner]), merged onto
        the built-in default: a file holding only `[stage.spelling] fix = true` changes that alone."""
        return cls.from_dict(_config.load(path))

    @classmethod
    def from_dict(cls, config: dict) -> "Pipeline":
        """The pipeline of a config (as TOML reads it), merged onto the built-in default."""
        config = _config.merge(_config.default(), config)
        return cls(_config.build_stages(config), **_config.pipeline_options(config))

    def notes(self) -> list[str]:
        """What the user should know of this stage list: a stage that needs what no stage before it
        provides (`--only spelling`: no language, so nothing is checked) does nothing unless the
        input's own metadata brings it."""
        provided: set[str] = set()
        notes = []
        for k, stage in enumerate(self.stages):
            for key in stage.needs():
                if key in provided:
                    continue
                later = next((s.name for s in self.stages[k + 1:] if key in s.provides), None)
                builtin = None if later else next(
                    (name for name in _registry.BUILTIN if key in _registry.stage_class(name).provides), None)
                remedy = (f"put the {later} stage before it" if later else
                          f"add the {builtin} stage before it" if builtin else "add a stage that finds it")
                notes.append(f"the {stage.name} stage works only on documents whose {key} is known, and no stage "
                             f"before it finds one: it leaves a document alone unless its input record has a {key!r} "
                             f"field; {remedy}, or set stage.{stage.name}.{key}")
            provided.update(stage.provides)
        return notes

    def describe(self) -> list[dict]:
        """The stages and their options, as recorded in a run's summary."""
        return [{"stage": s.name, "options": dataclasses.asdict(s.options),
                 **({"languages": list(languages)} if (languages := s.languages()) is not None else {}),
                 **({"models": models} if (models := s.models()) else {})} for s in self.stages]

    def config_hash(self) -> str:
        """sha256 of the effective config (the stages, their options with defaults filled in, and
        max_rounds): equal for configs that clean alike however they are written, so summary.json
        can name it and --resume can tell another config from the one that cleaned its shards."""
        effective = {"stages": self.describe(), "max_rounds": self.max_rounds}
        return hashlib.sha256(json.dumps(effective, sort_keys=True, default=repr).encode()).hexdigest()

    def clean(self, text: str, id: str | None = None, metadata: dict | None = None) -> Result:
        """Run the stages until each has seen the final text (at most max_rounds passes).

        Re-running makes cleaning idempotent when one stage's repair exposes work
        for an earlier one (removing a soft hyphen can reveal mojibake) or for
        itself. Only the stages that have not yet seen the current text run again:
        text that needed no change costs one pass. A language found without a change
        of text is shown again only to the stages before the finder that read it
        (`Stage.reads`): in a first pass over new text, 960 of 2,269 documents are spared
        a second run of the encoding, whitespace and language stages (about 2% of the time:
        those re-runs over an unchanged text answered mostly from the document's scratch).
        """
        if not isinstance(text, str):
            raise TypeError(f"clean() needs str, not {type(text).__name__}")
        doc = Document(text, id, dict(metadata or {}))
        fixes, flags = [], []
        seconds = dict.fromkeys((s.name for s in self.stages), 0.0)
        n = len(self.stages)
        unseen = set(range(n))   # the stages that have not yet seen the current text and language
        for step in range(n * self.max_rounds):
            if not unseen:
                break
            k = step % n
            if k not in unseen:
                continue
            stage = self.stages[k]
            unseen.discard(k)
            started = time.perf_counter()
            language = doc.metadata.get("language")
            found, new = self._run(stage, doc)
            seconds[stage.name] += time.perf_counter() - started
            if step < n and len(new) < len(found):   # flags are reported once, from the first pass
                flags.extend(locate(fixes, [e for e in found if e.kind != FIX], text))
            if new:
                fixes = compose(text, fixes, doc.text, new)
                doc.text = apply(doc.text, new)
                unseen = set(range(n))   # every stage, this one too, must see the new text: one repair
                                         # can expose another for the same stage ("’snuclear" → "’s nuclear"
                                         # frees "roleofNATO’s" for splitting)
            elif doc.metadata.get("language") != language:
                # a language found only now (the header stage's repair left a sentence readable): the
                # stages that read it must see it, as on a second cleaning; the stage that found it has
                unseen.update(j for j, other in enumerate(self.stages)
                              if j != k and (other.reads is None or "language" in other.reads))
        flags = [f for f in flags if not _made(f, fixes)]
        edits = sorted(fixes + flags, key=lambda e: (e.start, e.end))
        return Result(doc.text, edits, doc.metadata, text, id, seconds)

    def _run(self, stage: Stage, doc: Document):
        try:
            found = stage.find(doc)
            if self.keeper:   # a reviewed exception refuses the edit before it is made or reported
                found = self.keeper.filter(doc.text, found)
            new = [e for e in found if e.kind == FIX]
            check(doc.text, new, stage.name)
        except Exception as e:  # a plugin's bug must name the plugin
            raise StageError(stage.name, doc.id, e) from e
        return found, new

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(s.name for s in self.stages)}])"


def _made(flag, fixes) -> bool:
    """Did a later round make the change `flag` only suggested (same place, same rule)? Then the
    fix says it all: a reviewer would see the one change twice, once as undecided."""
    return any(fix.start <= flag.start and flag.end <= fix.end and flag.rule in fix.rules for fix in fixes)


@functools.cache
def default_pipeline() -> Pipeline:
    """The shared default pipeline, built once (stages are immutable, so sharing is safe)."""
    return Pipeline.default()


def clean(text: str, id: str | None = None, metadata: dict | None = None) -> Result:
    """Clean `text` with the built-in default pipeline."""
    return default_pipeline().clean(text, id=id, metadata=metadata)
