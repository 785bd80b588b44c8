"""Batch runs: inputs → shards → an executor cleans each shard → the parts joined into the output
and the report. Streaming, parallel, resumable.

    plan        the input cut into shards (cleaner/io/shards.py); for a txt-tree output,
                every id checked against the output folder first, in input order
    clean       each shard by any executor (local processes, Dask), into its own folder of
                the work folder `.<OUT name>.cleaner-run/` beside OUT (a temporary folder
                for `-o -`), ending with its completion marker (shard.py)
    join        the shards' parts in shard order: the JSONL output (or standard output),
                edits.jsonl, rejects.jsonl, the report's data and summary.json; then the work
                folder is removed

Everything that can make a run pointless (bad config, no input, output not
writable, a resume that does not fit) is checked before the first document
is read, and raised as RunError. After that, a document that cannot be read
or cleaned is a Reject and the run goes on. Output and report are the same
bytes for any number of jobs, any executor, and a run interrupted (Ctrl-C,
SIGKILL, a crash) and continued with `resume`: shards are cut by the input
alone, and joined in their order. The final files appear only when the run
is complete, each atomically.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .. import __version__
from .. import config as _config
from ..io import InputError, ReadOptions, Record, Reject, default_format, discover
from ..io.readers import PARQUET_NEEDS_PYARROW, kinds_of
from ..io.atomic import _TEMPORARY, AtomicFile, remove_leftovers
from ..io.shards import SHARD_BYTES, Shard, plan, read_shard
from ..io import paths
from ..io.writers import OUTPUT_MARK, STDOUT, TxtTreeWriter, earlier_output
from ..pipeline import Pipeline
from ..report import ReportWriter, Summary
from ..report.writer import report_folder
from .executors import EXECUTORS, ExecutorUnavailable, WorkersFailing, make_executor
from .interrupt import Checked, watched
from .progress import Progress
from .shard import Job, Task, out_part, read_done, shard_folder


class RunError(Exception):
    """A problem that stops a run before it starts."""


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
    resume: bool = False
    executor: str = "local"
    scheduler: str | None = None
    shard_mb: float = SHARD_BYTES / 2**20
    edits_column: bool = False  # a Parquet OUT gets an `edits` column
    settings: tuple[str, ...] = ()  # --set KEY=VALUE, over the config file
    only: tuple[str, ...] = ()      # --only: these stages alone
    disable: tuple[str, ...] = ()   # --disable: not these stages
    overwrite: bool = False         # a txt tree OUT that an earlier run wrote is emptied first


def resolve_config(config: str | None = None, settings=(), only=(), disable=()) -> _config.Resolved:
    """The effective config (`cleaner.config.resolve`), checked by building its pipeline; RunError
    if it is unusable."""
    try:
        resolved = _config.resolve(config, settings, only, disable)
        Pipeline.from_dict(resolved.config)
    except ValueError as e:  # ConfigError, or a stage listed twice
        raise RunError(str(e)) from None
    return resolved


def run(options: RunOptions, on_reject: Callable[[Reject], None] | None = None,
        progress: Progress | None = None, warn: Callable[[str], None] | None = None,
        on_skip: Callable[[list[str]], None] | None = None) -> Summary:
    """Clean `options.inputs` into `options.output`; the summary. `on_reject` is told of each
    reject at the end, `warn` of a worker process that died (its shard is retried once), `on_skip`
    of the files of other types in input folders, before any work."""
    progress = progress or Progress()
    config = resolve_config(options.config, options.settings, options.only, options.disable).config
    pipeline = Pipeline.from_dict(config)
    if options.executor not in EXECUTORS:
        raise RunError(f"unknown executor {options.executor!r}; there are: {', '.join(EXECUTORS)}")
    try:
        executor = make_executor(options.executor, options.jobs, options.scheduler, warn)
    except ExecutorUnavailable as e:
        raise RunError(str(e)) from None
    if options.resume and "-" in options.inputs:
        raise RunError("--resume cannot go on reading stdin (-): give the input as a file")
    if options.resume and options.output == STDOUT:
        raise RunError("--resume cannot go on writing standard output (-o -), which keeps nothing of an "
                       "interrupted run: give OUT as a file or folder")
    options = dataclasses.replace(options, output=paths.local(options.output))
    if options.resume and paths.is_url(options.output):
        raise RunError(f"--resume cannot go on writing {options.output}: a URL OUT is built in a temporary "
                       "folder, which keeps nothing of an interrupted run")
    skipped: list[str] = []
    try:
        sources = discover(options.inputs, options.stdin_format, skipped)
    except InputError as e:
        raise RunError(str(e)) from None
    if options.output == STDOUT:
        options = dataclasses.replace(options, format=_stdout_format(options.format, sources))
        output = STDOUT
    else:
        options = dataclasses.replace(options, format=options.format or _output_format(options.output, sources))
        output = options.output if paths.is_url(options.output) else os.path.abspath(options.output)
    _check_parquet(sources, options.format)
    if options.edits_column and options.format != "parquet":
        raise RunError("--edits-column adds a column to a Parquet OUT (-o OUT.parquet); the report's "
                       "edits.jsonl has the edits of any run")
    schema = _parquet_schema(sources, options) if options.format == "parquet" else None
    read_options = ReadOptions(options.text_field, options.id_field, options.max_doc_mb, options.stdin_format)
    txt_tree = _check_writable(options, output)
    for note in pipeline.notes() if warn else ():
        warn(note)
    if skipped and on_skip:
        on_skip(skipped)
    with _work_folder(output, options.resume) as work:
        started = time.perf_counter()
        written = _staging(work, output, options.format) if paths.is_url(output) else output
        if paths.is_url(output) and options.format == "txt":
            txt_tree = TxtTreeWriter(written)
        shards, refused, done = _prepare(work, options, pipeline, sources, read_options, txt_tree)

        job = Job(config, read_options, options.format, written, str(work), bool(options.report), schema,
                  pipeline.config_hash())
        tasks = [Task(s, tuple(refused.get(s.index, ()))) for s in shards if s.index not in done]
        progress.start(sum(s.size for s in shards), sum(s.size for s in shards if s.index in done),
                       sum(d["summary"]["out"] + d["summary"]["rejected"] for d in done.values()))
        resumed = len(done)
        try:
            with watched() as interrupts:
                for marker in executor.run(job, tasks, Checked(progress, interrupts)):
                    done[marker["shard"]] = marker
                    interrupts.check()
        except WorkersFailing as e:
            raise RunError(f"{e}; finished shards are kept for --resume") from None
        finally:
            progress.close()

        summary = Summary(pipeline.describe(), dataclasses.asdict(options), pipeline.config_hash(),
                          output={"path": output, "format": options.format})
        for index in range(len(shards)):
            summary.merge(done[index]["summary"])
        if resumed:
            summary.resumed = {"shards": len(shards), "done_before": resumed}
        if executor.failures:
            summary.worker_failures = executor.failures
        if skipped:
            summary.skipped = kinds_of(skipped)
        _join(job, shards, done, summary, options.report, on_reject, started)
        if written != output:
            _upload(written, output, options.format)
        return summary


@contextmanager
def _work_folder(output: str, resume: bool) -> Iterator[Path]:
    """Where the shards' results go: `.OUT.cleaner-run/` beside OUT, emptied unless resuming, and
    kept if the run fails, for --resume; for standard output a new temporary folder, so that runs
    piped side by side never share one, and removed however the run ends: no run resumes it."""
    try:
        if output == STDOUT or paths.is_url(output):
            work = Path(tempfile.mkdtemp(prefix="cleaner-run-"))
        else:
            work = Path(output).parent / f".{Path(output).name}.cleaner-run"
            if not resume:
                shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RunError(f"cannot write {e.filename or tempfile.gettempdir()}: {e.strerror}") from None
    try:
        yield work
    except BaseException:
        if output == STDOUT or paths.is_url(output):
            shutil.rmtree(work, ignore_errors=True)
        raise
    shutil.rmtree(work, ignore_errors=True)


def _check_parquet(sources, fmt: str) -> None:
    """Parquet input or output needs pyarrow, an optional dependency: say so before any work."""
    if fmt == "parquet" or any(s.format == "parquet" for s in sources):
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise RunError(PARQUET_NEEDS_PYARROW) from None


def _parquet_schema(sources, options: RunOptions):
    """The columns of a Parquet OUT (parquet_out.output_schema), or RunError why there are none."""
    from ..io.parquet_out import output_schema  # pyarrow loads only for a Parquet output
    try:
        return output_schema(sources, options.text_field, options.edits_column)
    except ValueError as e:
        raise RunError(str(e)) from None


def _output_format(output: str, sources) -> str:
    """The format OUT's name says (`default_format`); an OUT whose name says no format is a txt
    tree, but when every input is Parquet a Parquet file: Parquet in, Parquet out, not a file per row."""
    named = default_format(output)
    if named == "txt" and all(s.format == "parquet" for s in sources):
        return "parquet"
    return named


def _stdout_format(given: str | None, sources) -> str:
    """What `-o -` writes: the cleaned text of one txt document, else JSONL records. Standard output
    cannot keep several texts apart, so `--format txt` with more is refused, nor take a Parquet
    file, whose footer is written last."""
    if given == "parquet":
        raise RunError("-o - writes text or JSONL: a Parquet output needs a file, -o OUT.parquet")
    one_text = len(sources) == 1 and sources[0].format == "txt"
    if given == "txt" and not one_text:
        raise RunError("-o - --format txt writes the text of one txt document (a .txt file or stdin): "
                       "for more, use --format jsonl")
    return given or ("txt" if one_text else "jsonl")


def _prepare(work: Path, options: RunOptions, pipeline: Pipeline, sources, read_options: ReadOptions,
             txt_tree: TxtTreeWriter | None) -> tuple[list[Shard], dict, dict[int, dict]]:
    """The shards, the ids a txt tree refuses, and (resuming) the shards done."""
    sources = [_spool_stdin(work, s) if s.path == "-" else s for s in sources]
    shards = plan(sources, max(1, int(options.shard_mb * 2**20)), options.text_field)
    refused = _admit(txt_tree, shards, read_options) if txt_tree else {}
    record = _plan_record(options, pipeline, sources, shards, refused)
    done = _resume(work, record, len(shards)) if options.resume else {}
    if options.resume and txt_tree:
        remove_leftovers(txt_tree.folder)
    if not done:
        _write_json(work / "plan.json", record)
    return shards, refused, done


_NAMES = {"jsonl": "JSONL", "parquet": "Parquet"}


def _check_writable(options: RunOptions, output: str) -> TxtTreeWriter | None:
    """Fail now, not after hours of cleaning, if the output or the report cannot be written."""
    writer = None
    try:
        if options.report:
            AtomicFile(report_folder(options.report) / "summary.json").abort()
        if paths.is_url(output):
            _check_url(output, options)
        elif output != STDOUT and options.format == "txt":
            _claim(Path(output), options)
            writer = TxtTreeWriter(output)
        elif output != STDOUT:
            if Path(output).is_dir():
                raise IsADirectoryError(21, f"is a folder, not a {_NAMES[options.format]} file name", output)
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            AtomicFile(output).abort()
    except OSError as e:
        where = e.filename or output
        if _TEMPORARY.fullmatch(Path(where).name):  # our probe's name means nothing to the user
            where = str(Path(where).parent)
        raise RunError(f"cannot write {where}: {e.strerror}") from None
    return writer


def _check_url(url: str, options: RunOptions) -> None:
    """A URL OUT: its filesystem can be opened here; a file is not a folder; a txt tree's folder is
    new, empty, or an earlier run's output that --overwrite removes (as `_claim` for a local one)."""
    try:
        fs, inner = paths.filesystem(url)
        if options.format != "txt":
            if fs.isdir(inner):
                raise RunError(f"cannot write {url}: is a folder, not a {_NAMES[options.format]} file name")
            return
        entries = [e for e in fs.ls(inner, detail=False) if e.rstrip("/") != inner.rstrip("/")] \
            if fs.isdir(inner) else []
        if not entries:
            return
        if not fs.exists(f"{inner.rstrip('/')}/{OUTPUT_MARK}"):
            raise RunError(f"{url} holds files that cleaner did not write: give another OUT, or empty it")
        if not options.overwrite:
            raise RunError(f"{url} holds the output of an earlier run: give --overwrite to replace it, or another OUT")
        fs.rm(inner, recursive=True)
    except paths.NoFilesystem as e:
        raise RunError(str(e)) from None


def _staging(work: Path, url: str, fmt: str) -> str:
    """Where a URL OUT is built before it is uploaded: a file or folder in the work folder, named
    as OUT is (its suffix says the compression of the parts)."""
    if fmt == "txt":
        return str(work / "upload-tree")
    (work / "upload").mkdir(exist_ok=True)
    return str(work / "upload" / url.rstrip("/").rsplit("/", 1)[-1])


def _upload(local: str, url: str, fmt: str) -> None:
    """The finished output to its URL: a file in one put (an object store shows it whole, once the
    upload completes), a txt tree file by file (each file whole; the tree grows while it uploads)."""
    fs, inner = paths.filesystem(url)
    if fmt == "txt":
        fs.put(local.rstrip("/") + "/", inner.rstrip("/"), recursive=True)
    else:
        fs.put_file(local, inner)


def _claim(folder: Path, options: RunOptions) -> None:
    """A txt tree OUT must be new, empty, or the output of an earlier run (cleaner's mark): files
    of two runs must not mix. That output is emptied with --overwrite, or written on with --resume
    (the interrupted run's own); anything else in the folder is no file of cleaner's to replace."""
    marked, first = earlier_output(folder)
    if first is None or (marked and options.resume):
        return
    if not marked:
        raise RunError(f"{folder} holds files that cleaner did not write ({first}): give another OUT, or empty it")
    if not options.overwrite:
        raise RunError(f"{folder} holds the output of an earlier run ({first}): give --overwrite to replace it, "
                       f"or another OUT")
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def _spool_stdin(work: Path, source):
    """stdin kept as a file in the work folder, so that it can be cut into shards like any file."""
    path = work / "stdin"
    with open(path, "wb") as f:
        shutil.copyfileobj(sys.stdin.buffer, f)
    return dataclasses.replace(source, file=str(path))


def _admit(writer: TxtTreeWriter, shards: list[Shard], read_options: ReadOptions) -> dict[int, list]:
    """Ids a txt tree cannot take (`../x`, the same file twice), found before any cleaning: the
    earlier document keeps a name, whatever shard finishes first. (shard → [(item, reason)])."""
    refused: dict[int, list] = {}
    for shard in shards:
        for k, item in enumerate(read_shard(shard, read_options)):
            if isinstance(item, Record):
                reason = writer.admit(item.id, item.source)
                if reason:
                    refused.setdefault(shard.index, []).append((k, reason))
    return refused


def _plan_record(options: RunOptions, pipeline: Pipeline, sources, shards: list[Shard], refused) -> dict:
    """What a resumed run must share with the interrupted one: cleaner's version, the pipeline's
    config (its hash), output, options, input files."""
    files = []
    for s in sources:
        try:
            files.append([s.path, *paths.stamp(s.file or s.path)])
        except OSError:
            files.append([s.path, None, None])
    kept = {k: v for k, v in dataclasses.asdict(options).items() if k not in ("jobs", "executor", "scheduler",
                                                                             "resume", "overwrite")}
    return {"cleaner": __version__, "config": pipeline.config_hash(),
            "options": {**kept, "report": bool(options.report)}, "files": files,
            "shards": [s.to_json() for s in shards], "refused": {str(k): v for k, v in refused.items()}}


def _resume(work: Path, record: dict, count: int) -> dict[int, dict]:
    """The markers of the shards an interrupted run finished, if it was the same run."""
    try:
        before = json.loads((work / "plan.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise RunError(f"cannot resume: {work / 'plan.json'} is unreadable ({e}); run without --resume") from None
    record = json.loads(json.dumps(record))  # as it reads back: tuples become lists
    again = "run without --resume to start again"
    if before.get("cleaner") != __version__:
        raise RunError(f"cannot resume: the interrupted run's shards were cleaned by cleaner {before.get('cleaner')}, "
                       f"this is {__version__}; {again}")
    if before.get("config") != record["config"]:
        raise RunError(f"cannot resume: the interrupted run's shards were cleaned under another pipeline config "
                       f"(sha256 {str(before.get('config'))[:12]}, now {record['config'][:12]}); {again}")
    for key, what in (("options", "the options"), ("files", "the input files"), ("shards", "the input"),
                      ("refused", "the output folder")):
        if before.get(key) != record[key]:
            raise RunError(f"cannot resume: {what} changed since the interrupted run; {again}")
    return {i: d for i in range(count) if (d := read_done(work, i)) is not None}


def _write_json(path: Path, obj) -> None:
    f = AtomicFile(path)
    f.write(json.dumps(obj).encode())
    f.commit(durable=True)


def _join(job: Job, shards: list[Shard], done: dict, summary: Summary, report: str | None,
          on_reject: Callable[[Reject], None] | None, started: float) -> None:
    """The shards' parts, in shard order, into the final files."""
    folders = [shard_folder(job.work, s.index) for s in shards]
    if job.output == STDOUT:
        _concatenate(folders, job, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif job.format == "jsonl":
        with AtomicFile(job.output) as out:  # parts are already compressed as OUT's name says
            _concatenate(folders, job, out)
    elif job.format == "parquet":
        from ..io.parquet_out import join_parts
        join_parts([out_part(folder, job) for folder in folders], job.output, job.schema)
    if on_reject:
        for folder in folders:
            with open(folder / "rejects.jsonl", "rb") as f:
                for line in f:
                    on_reject(Reject(**json.loads(line)))
    summary.seconds = time.perf_counter() - started
    if report:
        with ReportWriter(report, summary) as writer:
            for folder, shard in zip(folders, shards):
                marker = done[shard.index]
                writer.add_shard(folder / "edits.jsonl", folder / "rejects.jsonl", folder / "entries.jsonl",
                                 marker["documents"], marker["rules"])


def _concatenate(folders: list[Path], job: Job, out) -> None:
    for folder in folders:
        with open(out_part(folder, job), "rb") as part:
            shutil.copyfileobj(part, out, 1 << 20)
