"""Result: the cleaned text with every edit that produced it, in input coordinates."""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field

from .edits import FIX, FLAG, Edit, undo


@dataclass(frozen=True, slots=True)
class Result:
    """What `clean` returns. `edits` are sorted by position in the original input."""

    text: str
    edits: list[Edit]
    metadata: dict = field(default_factory=dict)
    original: str = ""
    id: str | None = None
    # seconds each stage took on this document, all rounds together: what a run's summary.json
    # sums per stage (datatrove's per-step timing); not part of what the document is
    seconds: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def fixes(self) -> list[Edit]:
        return [e for e in self.edits if e.kind == FIX]

    @property
    def flags(self) -> list[Edit]:
        return [e for e in self.edits if e.kind == FLAG]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def revert(self) -> str:
        """The original input, rebuilt from the cleaned text and the fixes."""
        return undo(self.text, self.fixes)

    def diff(self, context: int = 3) -> str:
        """Unified diff, original → cleaned."""
        name = self.id or "document"
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"{name} (original)", tofile=f"{name} (cleaned)", n=context))

    def to_dict(self) -> dict:
        """The report record of this document (one line of edits.jsonl)."""
        return {"id": self.id, "metadata": self.metadata, "edits": [e.to_dict() for e in self.edits]}

    def edits_json(self) -> str:
        """The edits as a JSON list (`Edit.to_dict`): what an `edits` column holds (Parquet output,
        `cleaner.dask.clean_column`, `cleaner.hf.clean_dataset`)."""
        return json.dumps([e.to_dict() for e in self.edits], ensure_ascii=False)
