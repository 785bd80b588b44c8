"""Cleaning one shard: what every executor runs, in a worker process, a Dask worker or in-process.

A shard's results go to its own folder in the run's work folder, never to
the final files: `out.jsonl[.gz|.zst|.bz2]` (compressed as OUT is, so that the
parts of a JSONL output are joined by concatenation) or `out.parquet` (whose
row groups the run copies into a Parquet OUT), `rejects.jsonl`, and
with a report `edits.jsonl` and `entries.jsonl` (report.data.document_entry).
A txt-tree output is written straight into OUT, each file atomically; the
one text a txt run writes to standard output goes to `out.txt`. Once the
parts are on disk (fsync'ed), `done.json` is written, atomically too:
the completion marker, holding the shard's totals. A shard without it is
cleaned again from scratch by `--resume`. (The files of a txt tree are not
fsync'ed one by one: a kill leaves them whole, a power cut may not.)
"""
from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from .. import config as _config
from ..io import ReadOptions, Record, Reject
from ..io.atomic import AtomicFile, fsync_folder
from ..io.compression import suffix
from ..io.encodings import flag_guess
from ..io.shards import Shard, read_shard
from ..io.writers import STDOUT, json_line, metadata_conflict, output_record, txt_name
from ..pipeline import Pipeline, StageError
from ..report import Summary
from ..report.data import RuleTable, document_entry, entry_line
from ..result import Result

DONE = "done.json"
TICK_SECONDS = 0.5  # how often a worker reports progress at most


@dataclass(frozen=True)
class Job:
    """What every shard of a run shares; small and picklable, so that it can travel to any worker."""

    config: dict | None        # the pipeline's config, already read; None: the built-in default
    read: ReadOptions
    format: str                # "txt", "jsonl" or "parquet"
    output: str                # absolute: the txt tree's folder, or the JSONL file (its suffix: the parts'
                               # compression); or "-", standard output
    work: str                  # absolute: the run's work folder
    report: bool
    schema: object = None      # a Parquet OUT's columns (a pyarrow Schema: parquet_out.output_schema)
    config_hash: str = ""      # the run's pipeline (Pipeline.config_hash): a worker's must be the same


@dataclass(frozen=True)
class Task:
    shard: Shard
    refused: tuple[tuple[int, str], ...] = ()  # (item number in the shard, reason): ids a txt tree cannot take


def shard_folder(work: str | Path, index: int) -> Path:
    return Path(work) / f"shard-{index:06}"


def out_part(folder: Path, job: Job) -> Path:
    if job.format == "parquet":
        return folder / "out.parquet"
    return folder / ("out.txt" if job.format == "txt" else f"out.jsonl{suffix(job.output)}")


_pipelines: dict[str, Pipeline] = {}
_lock = threading.Lock()


def worker_pipeline(config: dict | None, config_hash: str = "") -> Pipeline:
    """The pipeline of `config`, built once per process and shared by its threads (pipelines are
    immutable); the word lists and models its stages load lazily also load once per process.
    Built again when it is not the run's (`config_hash`): the same config reads the user's rule
    pack, which a reviewer may have changed since this process built it."""
    key = json.dumps(config, sort_keys=True, default=repr)
    with _lock:
        pipeline = _pipelines.get(key)
        if pipeline is None or (config_hash and pipeline.config_hash() != config_hash):
            pipeline = _pipelines[key] = Pipeline.from_dict(config) if config else Pipeline.default()
    return pipeline


def client_config(config: str | Path | dict | None) -> dict | None:
    """A library call's `config` (a config file, a dict merged onto the default as a file is, or None
    for the default) read and checked in the calling process: workers need no copy of the file, and
    an unusable config fails once, here, not on every worker."""
    loaded = _config.load(config) if isinstance(config, (str, Path)) else config
    worker_pipeline(loaded)
    return loaded


def clean_values(config: dict | None, values) -> list[Result | None]:
    """The Result of each string of `values` with the process's pipeline of `config`; None for a
    value that is no string (None, NaN), which a column keeps as it is."""
    pipeline = worker_pipeline(config)
    return [pipeline.clean(value) if isinstance(value, str) else None for value in values]


def clean_shard(job: Job, task: Task, tick: Callable[[int, int], None] | None = None,
                reject_all: str | None = None) -> dict:
    """Clean a shard into its folder and mark it done; its marker's content.

    `tick(documents, bytes)` is told of progress now and then; the bytes of a
    shard add up to its size once it is done. `reject_all`: clean nothing, but
    reject every document of the shard with this reason (`reject_shard`).
    """
    shard = task.shard
    pipeline = worker_pipeline(job.config, job.config_hash) if reject_all is None else None
    folder = shard_folder(job.work, shard.index)
    shutil.rmtree(folder, ignore_errors=True)  # what an interrupted attempt left
    folder.mkdir(parents=True)
    refused = dict(task.refused)
    summary = Summary()
    table = RuleTable()
    files = {"rejects": AtomicFile(folder / "rejects.jsonl")}
    if job.format == "parquet":
        from ..io.parquet_out import ParquetPart  # pyarrow loads only for a Parquet output
        files["out"] = ParquetPart(out_part(folder, job), job.schema, job.read.text_field)
    elif job.format == "jsonl" or job.output == STDOUT:
        files["out"] = AtomicFile(out_part(folder, job), compress=True)
    if job.report:
        files["edits"] = AtomicFile(folder / "edits.jsonl")
        files["entries"] = AtomicFile(folder / "entries.jsonl")
    ticker = _Ticker(tick)
    documents = 0
    try:
        for k, item in enumerate(read_shard(shard, job.read)):
            if isinstance(item, Record) and (k in refused or reject_all is not None):
                item = Reject(item.id, item.source, refused.get(k, reject_all), item.as_read())
            elif isinstance(item, Record) and job.format == "jsonl" and metadata_conflict(item.fields):
                item = Reject(item.id, item.source, metadata_conflict(item.fields), item.as_read())
            outcome = clean_item(pipeline, item)
            if isinstance(outcome, Reject):
                files["rejects"].write(json_line(outcome.to_dict()))
                summary.reject()
            else:
                _write(job, files, outcome, item)
                summary.add(outcome)
                if job.report:
                    files["edits"].write(json_line(outcome.to_dict()))
                    entry = document_entry(table, outcome.id, outcome.original, outcome.edits, outcome.metadata)
                    if entry:
                        files["entries"].write(entry_line(documents, outcome.original, entry))
                documents += 1
            ticker.add(len(item.text) if isinstance(item, Record) else 0)
        for f in files.values():
            f.commit(durable=True)
    except BaseException:
        for f in files.values():
            f.abort()
        raise
    done = {"shard": shard.index, "documents": documents, "summary": summary.counts(),
            "rules": table.pairs(), "size": shard.size}
    ticker.finish(shard.size)
    marker = AtomicFile(folder / DONE)
    marker.write(json.dumps(done).encode())
    marker.commit(durable=True)
    fsync_folder(folder)
    return done


def reject_shard(job: Job, task: Task, reason: str) -> dict:
    """Mark a shard done without cleaning it: its documents go to the rejects with `reason`
    (rejects of their own, such as an unreadable file, keep theirs). For a shard that no worker
    survives; the counts still add up."""
    return clean_shard(job, task, reject_all=reason)


def read_done(work: str | Path, index: int) -> dict | None:
    """The marker of a finished shard, or None."""
    try:
        done = json.loads((shard_folder(work, index) / DONE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return done if isinstance(done, dict) and done.get("shard") == index else None


def clean_item(pipeline: Pipeline, item: Record | Reject) -> Result | Reject:
    if isinstance(item, Reject):
        return item
    try:
        return flag_guess(pipeline.clean(item.text, id=item.id, metadata=item.metadata))
    except StageError as e:
        return Reject(item.id, item.source, f"stage {e.stage} failed: {e.__cause__}", item.as_read())


def _write(job: Job, files: dict, result: Result, record: Record) -> None:
    if job.format == "parquet":
        files["out"].add(record.row, result)
        return
    if job.format == "jsonl":
        files["out"].write(json_line(output_record(result, record.fields, job.read.id_field, job.read.text_field)))
        return
    if job.output == STDOUT:  # the run's one document
        files["out"].write(result.text.encode("utf-8"))
        return
    target = Path(job.output) / PurePosixPath(txt_name(result.id))  # the id was admitted before the run began
    target.parent.mkdir(parents=True, exist_ok=True)
    with AtomicFile(target) as f:
        f.write(result.text.encode("utf-8"))


class _Ticker:
    """Progress in batches: a call per document would cost more than it tells."""

    def __init__(self, tick):
        self.tick = tick
        self.docs = self.chars = self.sent_bytes = 0
        self.last = time.monotonic()

    def add(self, chars: int) -> None:
        self.docs += 1
        self.chars += chars
        if self.tick and time.monotonic() - self.last >= TICK_SECONDS:
            self._send(self.chars)

    def _send(self, nbytes: int) -> None:
        self.tick(self.docs, nbytes)
        self.sent_bytes += nbytes
        self.docs = self.chars = 0
        self.last = time.monotonic()

    def finish(self, size: int) -> None:
        """The rest of the shard's documents, and its bytes made up to its size (text counts characters)."""
        if self.tick:
            self._send(max(size - self.sent_bytes, 0))
