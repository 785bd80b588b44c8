"""The report folder: edits.jsonl and rejects.jsonl grow as documents finish; summary.json ends the run.

All three files are written atomically: a report folder holds the complete
report of the last run that finished, never parts of two runs.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..io.atomic import AtomicFile, Committable
from ..io.records import Reject
from ..io.writers import json_line
from ..result import Result
from .summary import Summary


class ReportWriter(Committable):
    def __init__(self, folder: str | Path, summary: Summary):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.summary = summary
        self._edits = AtomicFile(self.folder / "edits.jsonl")
        try:
            self._rejects = AtomicFile(self.folder / "rejects.jsonl")
        except OSError:
            self._edits.abort()
            raise

    def add(self, result: Result) -> None:
        """One line per cleaned document: id, metadata and every edit (`Result.to_dict`)."""
        self._edits.write(json_line(result.to_dict()))

    def reject(self, reject: Reject) -> None:
        self._rejects.write(json_line(dataclasses.asdict(reject)))

    def commit(self) -> None:
        with AtomicFile(self.folder / "summary.json") as f:
            f.write((json.dumps(self.summary.to_dict(), indent=2) + "\n").encode())
        self._edits.commit()
        self._rejects.commit()

    def abort(self) -> None:
        self._edits.abort()
        self._rejects.abort()
