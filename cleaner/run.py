"""Batch runs: inputs → pipeline → output and report, in one process or a pool of them.

Everything that can make a run pointless (bad config, no input, output not
writable) is checked before the first document is read, and raised as
RunError. After that, a document that cannot be read or cleaned is a Reject
and the run goes on. Output order does not depend on `jobs`: `--jobs 8`
writes the same bytes as `--jobs 1`.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from .io import InputError, ReadOptions, Record, Reject, default_format, discover, open_writer, read
from .pipeline import Pipeline, StageError
from .report import ReportWriter, Summary
from .result import Result

CHUNK = 16  # documents a worker takes at a time: fewer round trips, still an even load


class RunError(Exception):
    """A problem that stops a run before it starts."""


@dataclass(frozen=True)
class RunOptions:
    inputs: tuple[str, ...]
    output: str
    report: str | None = None
    config: str | None = None
    jobs: int = 1
    format: str | None = None  # None: by the output's name (cleaner.io.writers.default_format)
    text_field: str = "text"
    id_field: str = "id"
    max_doc_mb: float = 64
    stdin_format: str = "txt"


def load_pipeline(config: str | None) -> Pipeline:
    """The pipeline of a config file, or the built-in default; RunError if the config is unusable."""
    try:
        return Pipeline.from_config(config) if config else Pipeline.default()
    except ValueError as e:  # ConfigError, or a stage listed twice
        raise RunError(str(e)) from None


def run(options: RunOptions, on_reject: Callable[[Reject], None] | None = None) -> Summary:
    pipeline = load_pipeline(options.config)
    try:
        sources = discover(options.inputs, options.stdin_format)
    except InputError as e:
        raise RunError(str(e)) from None
    options = dataclasses.replace(options, format=options.format or default_format(options.output))
    summary = Summary(pipeline.describe(), dataclasses.asdict(options),
                      output={"path": os.path.abspath(options.output), "format": options.format})
    read_options = ReadOptions(options.text_field, options.id_field, options.max_doc_mb, options.stdin_format)
    with ExitStack() as stack:
        try:
            writer = stack.enter_context(open_writer(options.format, options.output))
            report = stack.enter_context(ReportWriter(options.report, summary)) if options.report else None
        except OSError as e:
            raise RunError(f"cannot write {e.filename or options.output}: {e.strerror}") from None
        started = time.perf_counter()
        records = (_admit(writer, item) for item in read(sources, read_options))
        for outcome in _cleaned(records, pipeline, options):
            if isinstance(outcome, Reject):
                summary.reject()
                if report:
                    report.reject(outcome)
                if on_reject:
                    on_reject(outcome)
            else:
                writer.write(outcome)
                summary.add(outcome)
                if report:
                    report.add(outcome)
        summary.seconds = time.perf_counter() - started
    return summary


def _admit(writer, item: Record | Reject) -> Record | Reject:
    """Refuse a record whose id the writer cannot use (`../x` in a txt tree) before cleaning it."""
    if isinstance(item, Record):
        reason = writer.admit(item.id)
        if reason:
            return Reject(item.id, item.source, reason)
    return item


def _clean(pipeline: Pipeline, item: Record | Reject) -> Result | Reject:
    if isinstance(item, Reject):
        return item
    try:
        return pipeline.clean(item.text, id=item.id, metadata=item.metadata)
    except StageError as e:
        return Reject(item.id, item.source, f"stage {e.stage} failed: {e.__cause__}")


def _cleaned(items: Iterable[Record | Reject], pipeline: Pipeline, options: RunOptions
             ) -> Iterator[Result | Reject]:
    if options.jobs == 1:
        return (_clean(pipeline, item) for item in items)
    return _in_pool(items, options.jobs, options.config)


_worker_pipeline: Pipeline | None = None


def _start_worker(config: str | None) -> None:
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no trace per worker
    _worker_pipeline = load_pipeline(config)


def _clean_in_worker(item: Record | Reject) -> Result | Reject:
    return _clean(_worker_pipeline, item)


def _in_pool(items: Iterable[Record | Reject], jobs: int, config: str | None) -> Iterator[Result | Reject]:
    """Clean on `jobs` processes, in input order.

    Pool.imap would read the whole input ahead of the workers; feeding it
    windows, with the next one queued while the current one drains, keeps the
    workers busy and at most two windows of documents in memory.
    """
    window = jobs * CHUNK * 4
    items = iter(items)
    with multiprocessing.Pool(jobs, _start_worker, (config,)) as pool:
        pending: deque = deque()
        for batch in iter(lambda: list(islice(items, window)), []):
            pending.append(pool.imap(_clean_in_worker, batch, CHUNK))
            if len(pending) == 2:
                yield from pending.popleft()
        for results in pending:
            yield from results
