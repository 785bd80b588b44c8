"""`cleaner apply`: the run's cleaned output again, with the fixes a reviewer rejected undone.

For each document the run wrote, in its order: read the cleaned text from
the run's output (where summary.json says it went, or `cleaned` if it was
moved), check it against the report, and write

    replay(original, fixes that are not rejected)

to OUT, a txt tree or a JSONL file like `cleaner clean` writes, or for a run that
wrote Parquet a Parquet file of the same columns (`changed`, and `edits` where the
run wrote it, anew; every other column as the run wrote it). The original
comes from the report's data, the fixes from edits.jsonl, the rejections from
decisions.jsonl (decisions.py). A document without edits passes through.
The run's output must be what the report describes: a document that differs
(edited by hand since the run?) stops the apply with its id. Output that
already had these decisions applied is accepted too, so applying twice, even
over the run's own output, gives the same files.

Deterministic: the same report and decisions give the same bytes. With
`report`, the applied output gets a report of its own, whose summary.json
records the decisions used (`applied`: their count and the sha256 of
decisions.jsonl) and which holds only the edits that stayed.
"""
from __future__ import annotations

import json
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..edits import FIX, replay
from ..io import compression, default_format, open_writer, paths
from ..io.atomic import Committable
from ..io.records import given_id
from ..io.writers import STDOUT, txt_name
from ..result import Result
from .data import ReportData, ReportError
from .decisions import DecisionError, DocEdits, Resolver, check_all, kept, load, validate
from .summary import Summary, counted
from .writer import ReportWriter


@dataclass
class Applied:
    documents: int = 0
    decisions: int = 0
    rejected: int = 0   # fixes undone
    kept: int = 0       # fixes that stay
    torn: bool = False

    def line(self, output: str) -> str:
        return (f"applied {counted(self.decisions, 'decision')} to {counted(self.documents, 'document')}: "
                f"{counted(self.rejected, 'fix', 'fixes')} undone, {self.kept} kept; wrote {output}")


def apply_decisions(report_dir: str | Path, output: str, fmt: str | None = None, cleaned: str | None = None,
                    report: str | None = None) -> Applied:
    """Write OUT from the run's output and the decisions; ReportError/DecisionError/OSError on failure."""
    if output == STDOUT:      # not a folder named "-"
        raise ReportError("apply writes OUT as a folder or a *.jsonl file; -o - (standard output) is for clean")
    data = ReportData(report_dir)
    loaded = load(data.folder, data.id)
    _check_decisions(data, loaded.decisions)
    resolver = Resolver(loaded.decisions)
    source = cleaned or data.output.get("path")
    if not source:
        raise ReportError(f"{report_dir}: the report does not say where the run's output went: use --cleaned")
    if source == STDOUT:
        raise ReportError(f"{report_dir}: the run wrote its output to standard output: give where it was kept "
                          "with --cleaned")
    if paths.is_url(source):
        raise ReportError(f"{report_dir}: the run wrote its output to {source}: copy it here and give it with "
                          "--cleaned")
    source_format = data.output.get("format") or default_format(source)
    fmt = fmt or default_format(output)
    if source_format == "parquet" and fmt != "parquet":
        raise ReportError("the run wrote Parquet: its output is applied into Parquet, with its columns "
                          "(name OUT *.parquet)")
    if fmt == "parquet" and source_format != "parquet":
        raise ReportError("a Parquet OUT takes its columns from a Parquet run's output; this run wrote "
                          f"{source_format}")
    if report and Path(report).resolve() == data.folder.resolve():
        raise ReportError("the applied run's report must go to another folder than the report it applies")

    result = Applied(decisions=len(loaded.decisions), torn=loaded.torn)
    summary = Summary(data.summary.get("pipeline", []),
                      {"report": str(report_dir), "output": output, "format": fmt, "cleaned": source},
                      data.summary.get("config_sha256"), output={"path": str(Path(output).resolve()), "format": fmt})
    started = time.perf_counter()
    options = data.summary.get("options", {})
    names = options.get("id_field", "id"), options.get("text_field", "text")  # the run's output used the input's
    with ExitStack() as stack:
        run_output = (_JsonlOutput(Path(source), *names) if source_format == "jsonl" else
                      _ParquetOutput(Path(source), *names) if source_format == "parquet" else _TxtOutput(Path(source)))
        stack.callback(run_output.close)
        writer = stack.enter_context(_ParquetApplied(output, run_output.schema, names[1]) if fmt == "parquet"
                                     else open_writer(fmt, output, *names))
        reporter = stack.enter_context(ReportWriter(report, summary)) if report else None
        for doc in data.documents():
            text = run_output.text(doc.n, doc.id)
            stays = doc.edits
            original = text
            if doc.edits:
                rejected = resolver.rejected(doc.n, doc.edits)
                stays = kept(doc.edits, rejected)
                original = doc.original
                if text not in (replay(original, doc.edits), replay(original, stays)):
                    raise ReportError(f"{source}: the text of {doc.id!r} is not what the report recorded "
                                      "(changed since the run?)")
                text = replay(original, stays)
                result.rejected += len(rejected)
                result.kept += sum(e.kind == FIX for e in stays)
            refused = writer.admit(doc.id)
            if refused:
                raise ReportError(f"{output}: {refused}")
            done = Result(text, stays, doc.metadata, original, doc.id)
            writer.write(done, run_output.fields)
            summary.add(done)
            if reporter:
                reporter.add(done)
            result.documents += 1
        run_output.finish()
        summary.seconds = time.perf_counter() - started
        summary.applied = {
            "report": {"id": data.id, "path": str(data.folder.resolve())},
            "decisions": {"file": str((data.folder / "decisions.jsonl").resolve()), "sha256": loaded.sha256,
                          "lines": loaded.lines, "used": len(loaded.decisions)},
            "edits": {"rejected": result.rejected, "kept": result.kept},
        }
    return result


def _check_decisions(data: ReportData, decisions) -> None:
    """Every decision names a fix rule, a document with edits, or a fix of one (DecisionError if not)."""
    rules = data.fix_rules()
    try:
        check_all(decisions)
    except DecisionError as e:
        raise DecisionError(f"{data.folder / 'decisions.jsonl'}: {e}") from None
    named = {d.doc for d in decisions if d.scope in ("edit", "doc")}
    docs = {n: DocEdits(id, edits) for n, id, _, edits in data.records() if n in named and edits}
    for line, d in enumerate(decisions, 1):
        try:
            if d.scope != "undo":
                validate(d, docs, rules)
        except DecisionError as e:
            raise DecisionError(f"{data.folder / 'decisions.jsonl'}: decision {line}: {e}") from None


class _JsonlOutput:
    """The records of a JSONL output, taken in order: record n must be document n."""

    def __init__(self, path: Path, id_field: str = "id", text_field: str = "text"):
        self.path = path
        self.id_field, self.text_field = id_field, text_field
        self.fields: dict | None = None  # the last record read: written again with the applied text
        try:
            self._file = compression.open_read(str(path))
        except FileNotFoundError:
            raise ReportError(f"{path}: the run's output is gone (moved? give it with --cleaned)") from None
        self._lines = enumerate(self._file, 1)

    def _next(self) -> dict | None:
        try:
            number, line = next(self._lines)
        except StopIteration:
            return None
        except compression.CORRUPT as e:
            raise ReportError(f"{self.path}: corrupt or truncated: {e}") from None
        try:
            record = json.loads(line)
            if isinstance(record[self.id_field], (str, int)) and isinstance(record[self.text_field], str):
                return record
        except (ValueError, KeyError, TypeError):
            pass
        raise ReportError(f"{self.path}: line {number} is not a record cleaner wrote") from None

    def text(self, n: int, id: str) -> str:
        record = self.fields = self._next()
        if record is None:
            raise ReportError(f"{self.path}: ends before document {id!r}: not the run's output")
        if str(record[self.id_field]) != id:
            raise ReportError(f"{self.path}: record {n + 1} is {str(record[self.id_field])!r}, the report has {id!r}")
        return record[self.text_field]

    def finish(self) -> None:
        if self._next() is not None:
            raise ReportError(f"{self.path}: holds more documents than the report: not the run's output")

    def close(self) -> None:
        self._file.close()


class _TxtOutput:
    """The files of a txt tree, by id."""

    fields = None  # a txt file has no fields of its own

    def __init__(self, root: Path):
        if not root.is_dir():
            raise ReportError(f"{root}: the run's output folder is gone (moved? give it with --cleaned)")
        self.root = root.resolve()

    def text(self, n: int, id: str) -> str:
        path = PurePosixPath(txt_name(id))
        target = (self.root / path).resolve()
        if path.is_absolute() or ".." in path.parts or not target.is_relative_to(self.root):
            raise ReportError(f"id {id!r} would be read from outside {self.root}")
        try:
            return target.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise ReportError(f"{target}: missing from the run's output") from None
        except UnicodeDecodeError as e:
            raise ReportError(f"{target}: not UTF-8 ({e.reason}): not what cleaner wrote") from None

    def finish(self) -> None:
        """Files of other documents may sit in the folder: nothing to check."""

    def close(self) -> None:
        pass


class _ParquetOutput:
    """The rows of a Parquet output, read a batch at a time, in order: row n must be document n (by
    its id too, where the run's input had an id column to give it one)."""

    def __init__(self, path: Path, id_field: str = "id", text_field: str = "text"):
        import pyarrow.parquet as pq

        from ..io.parquet import READ_BUFFER, UNREADABLE
        from ..io.parquet_out import CHANGED

        self.path, self.id_field, self.text_field = path, id_field, text_field
        self._unreadable = UNREADABLE
        self.fields: tuple | None = None  # the row last read (record batch, index): written again, applied
        try:
            self._file = pq.ParquetFile(str(path), buffer_size=READ_BUFFER, pre_buffer=False)
        except FileNotFoundError:
            raise ReportError(f"{path}: the run's output is gone (moved? give it with --cleaned)") from None
        except UNREADABLE as e:
            raise ReportError(f"{path}: cannot read as Parquet: {e}") from None
        self.schema = self._file.schema_arrow
        if text_field not in self.schema.names or CHANGED not in self.schema.names:
            self._file.close()
            raise ReportError(f"{path}: no {text_field!r} and {CHANGED!r} columns: not a Parquet output of cleaner")
        self._rows = self._read()

    def _read(self):
        from ..io.parquet import row_batches

        for batch in row_batches(self._file):
            texts = batch.column(self.text_field).to_pylist()
            ids = (batch.column(self.id_field).to_pylist() if self.id_field in batch.schema.names
                   else [None] * len(texts))
            for i, (given, text) in enumerate(zip(ids, texts)):
                yield (batch, i), given_id(given), text

    def _next(self):
        try:
            return next(self._rows, None)
        except self._unreadable as e:
            raise ReportError(f"{self.path}: corrupt or truncated: {e}") from None

    def text(self, n: int, id: str) -> str:
        row = self._next()
        if row is None:
            raise ReportError(f"{self.path}: ends before document {id!r}: not the run's output")
        self.fields, named, text = row
        if named is not None and named != id:     # a row without an id was named by its input's place
            raise ReportError(f"{self.path}: row {n + 1} is {named!r}, the report has {id!r}")
        if not isinstance(text, str):
            raise ReportError(f"{self.path}: row {n + 1} has no text: not the run's output")
        return text

    def finish(self) -> None:
        if self._next() is not None:
            raise ReportError(f"{self.path}: holds more documents than the report: not the run's output")

    def close(self) -> None:
        self._file.close()


class _ParquetApplied(Committable):
    """OUT as a Parquet file of the run output's columns: each row as the run wrote it, with its text
    applied and `changed` (and `edits`) anew (cleaner.io.parquet_out.ParquetPart), written atomically."""

    def __init__(self, output: str, schema, text_field: str):
        from ..io.parquet_out import ParquetPart

        self._part = ParquetPart(output, schema, text_field)

    def admit(self, id: str) -> None:
        """A Parquet OUT takes any id."""

    def write(self, result: Result, row: tuple) -> None:
        self._part.add(row, result)

    def commit(self) -> None:
        self._part.commit()

    def abort(self) -> None:
        self._part.abort()
