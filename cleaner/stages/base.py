"""The stage plugin interface: a named class that finds edits in a document."""
from __future__ import annotations

import dataclasses
from typing import ClassVar

from ..document import Document
from ..edits import FIX, FLAG, Edit


@dataclasses.dataclass(frozen=True)
class NoOptions:
    """For stages that take no options."""


class Stage:
    """Base class of every stage.

    A subclass sets `name` (also the prefix of its rule ids), optionally an
    `Options` frozen dataclass, and implements `find`, which returns edits in
    the coordinates of `doc.text`, sorted and disjoint. A stage never applies
    its edits; the pipeline does, so every change is recorded and reversible.
    Stages hold only immutable configuration: one instance serves all threads.
    """

    name: ClassVar[str] = ""
    Options: ClassVar[type] = NoOptions

    def __init__(self, options=None, **kwargs):
        if options is None:
            options = self.Options(**kwargs)
        elif kwargs:
            options = dataclasses.replace(options, **kwargs)
        self.options = options

    def find(self, doc: Document) -> list[Edit]:
        raise NotImplementedError

    provides: ClassVar[tuple[str, ...]] = ()   # metadata keys the stage sets for the stages after it
    # metadata keys find() reads, besides those it sets itself; None: any. The pipeline runs a stage
    # again when a later stage finds the document's language only if it reads "language".
    reads: ClassVar[tuple[str, ...] | None] = None

    def needs(self) -> tuple[str, ...]:
        """The metadata keys without which the stage does nothing (unless a document's input names
        them): the pipeline tells the user when no stage before this one provides them."""
        return ()

    def languages(self) -> tuple[str, ...] | None:
        """The languages whose documents the stage reads in full (a word list each); None: any.
        A run counts the documents in other languages, and says so (summary.json, stderr)."""
        return None

    def models(self) -> dict:
        """The fitted, versioned parameters the stage decides with (name → what they are), for
        `cleaner stages` and summary.json; a stage of rules alone has none."""
        return {}

    def keeps(self) -> tuple:
        """Reviewed exceptions (cleaner.rules.Keep) this stage brings for every stage of the
        pipeline: edits they name are never made. The rules stage brings its packs' `[[keep]]`."""
        return ()

    def fix(self, text: str, start: int, end: int, after: str, rule: str, reason: str,
            confidence: float = 1.0) -> Edit:
        """An edit of this stage that changes text[start:end] into `after`."""
        return Edit(start, end, text[start:end], after, self.name, f"{self.name}.{rule}",
                    reason, confidence, FIX)

    def flag(self, text: str, start: int, end: int, rule: str, reason: str,
             confidence: float = 1.0, suggestion: str = "") -> Edit:
        """An edit of this stage that only reports text[start:end] (the text stays)."""
        return Edit(start, end, text[start:end], suggestion, self.name, f"{self.name}.{rule}",
                    reason, confidence, FLAG)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.options!r})"
