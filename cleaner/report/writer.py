"""The report folder: edits.jsonl and rejects.jsonl grow as documents finish; the rest ends the run.

    edits.jsonl        one line per written document: id, metadata, edits
    rejects.jsonl      one line per rejected document: id, source, reason (and the record, where kept)
    summary.json       the totals, the pipeline, where the output went, the report's id
    report.html        the page a reviewer opens (cleaner/report/html.py)
    data-<id>/         each changed document's text and edits, in chunks (cleaner/report/data.py)

Every file is written atomically and the data folder appears whole, so a
report folder holds the complete report of the last run that finished, never
parts of two runs. `decisions.jsonl`, which `cleaner review` writes, is the
reviewer's and is never touched here.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..io.atomic import AtomicFile, Committable, make_folder, write_target
from ..io.records import Reject
from ..io.writers import json_line
from ..result import Result
from .data import DataWriter, remove_stale_data
from .html import build_page
from .summary import Summary

REJECTS_SHOWN = 100  # rejects listed on the page; rejects.jsonl has them all
FILES = ("edits.jsonl", "rejects.jsonl", "summary.json", "report.html")


def report_folder(folder: str | Path) -> Path:
    """The report folder, made if missing; OSError now, before any work, if it or a file the
    report writes there is what no write may replace (atomic.write_target)."""
    folder = make_folder(folder)
    for name in FILES:
        write_target(folder / name)
    return folder


class ReportWriter(Committable):
    def __init__(self, folder: str | Path, summary: Summary):
        self.folder = report_folder(folder)
        self.summary = summary
        self._documents = 0
        self._edits_hash = hashlib.sha256()
        self._rejects_shown: list[dict] = []
        self._edits = AtomicFile(self.folder / "edits.jsonl")
        try:
            self._rejects = AtomicFile(self.folder / "rejects.jsonl")
            self._data = DataWriter(self.folder)
        except OSError:
            self._edits.abort()
            if hasattr(self, "_rejects"):
                self._rejects.abort()
            raise

    def add(self, result: Result) -> None:
        """One line per cleaned document: id, metadata and every edit (`Result.to_dict`)."""
        line = json_line(result.to_dict())
        self._edits.write(line)
        self._edits_hash.update(line)
        self._data.add(self._documents, result.id, result.original, result.edits, result.metadata)
        self._documents += 1

    def reject(self, reject: Reject) -> None:
        self._rejects.write(json_line(reject.to_dict()))
        if len(self._rejects_shown) < REJECTS_SHOWN:
            self._rejects_shown.append(_shown(reject.to_dict()))

    def add_shard(self, edits: Path, rejects: Path, entries: Path, documents: int, rules: list[list[str]]) -> None:
        """What a worker wrote for one shard of a run, in order: its lines of edits.jsonl and
        rejects.jsonl, and its documents' report entries (`report.data.document_entry`)."""
        with open(edits, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                self._edits.write(block)
                self._edits_hash.update(block)
        with open(rejects, "rb") as f:
            for line in f:
                self._rejects.write(line)
                if len(self._rejects_shown) < REJECTS_SHOWN:
                    self._rejects_shown.append(_shown(json.loads(line)))
        with open(entries, "rb") as f:
            self._data.add_entries(self._documents, f, rules)
        self._documents += documents

    def commit(self) -> None:
        report_id, data = self._data.finish(self._edits_hash.digest())
        self.summary.report = {"id": report_id, "data": data}
        summary = self.summary.to_dict()
        with AtomicFile(self.folder / "summary.json") as f:
            f.write((json.dumps(summary, indent=2) + "\n").encode())
        with AtomicFile(self.folder / "report.html") as f:
            f.write(build_page(summary, self._data.counts, self._data.stages, self._rejects_shown))
        self._edits.commit()
        self._rejects.commit()
        remove_stale_data(self.folder, keep=data)

    def abort(self) -> None:
        self._edits.abort()
        self._rejects.abort()
        self._data.abort()


def _shown(reject: dict) -> dict:
    """A reject as the page lists it: without the record it keeps (up to --max-doc-mb of text)."""
    return {k: v for k, v in reject.items() if k != "record"}
