"""Executors: where the shards of a run are cleaned. Each runs `clean_shard` on every task and
yields the shards' completion markers as they finish, in any order: the output's order comes
from the shard numbers, not from here. Adding Ray or Spark is one more class like these.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue as queues
import signal
import uuid
from contextlib import ExitStack
from typing import Iterator, Sequence

from .progress import Progress
from .shard import Job, Task, clean_shard, worker_pipeline

EXECUTORS = ("local", "dask")


class ExecutorUnavailable(RuntimeError):
    """An executor whose package is not installed."""


class LocalExecutor:
    """`jobs` worker processes on this machine; in this process when there is one job or one shard."""

    name = "local"

    def __init__(self, jobs: int):
        self.jobs = jobs

    def run(self, job: Job, tasks: Sequence[Task], progress: Progress) -> Iterator[dict]:
        if self.jobs == 1 or len(tasks) <= 1:
            for task in tasks:
                yield clean_shard(job, task, progress.advance)
            return
        context = multiprocessing.get_context()
        ticks = context.Queue()
        with context.Pool(min(self.jobs, len(tasks)), _start_worker, (job.config, ticks)) as pool:
            results = pool.imap_unordered(_run_task, [(job, task) for task in tasks])
            for _ in tasks:
                while True:
                    try:
                        done = results.next(timeout=0.2)
                        break
                    except multiprocessing.TimeoutError:
                        _drain(ticks, progress)
                _drain(ticks, progress)
                yield done
        _drain(ticks, progress)


_ticks = None


def _start_worker(config, ticks) -> None:
    global _ticks
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no trace per worker
    _ticks = ticks
    worker_pipeline(config)


def _run_task(args) -> dict:
    job, task = args
    return clean_shard(job, task, lambda docs, nbytes: _ticks.put((docs, nbytes)))


def _drain(ticks, progress: Progress) -> None:
    while True:
        try:
            docs, nbytes = ticks.get_nowait()
        except queues.Empty:
            return
        progress.advance(docs, nbytes)


class DaskExecutor:
    """A Dask distributed cluster: the one at `scheduler`, or a LocalCluster of `jobs` processes.

    Each shard is one task. Workers read the input and write their shard's
    results into the work folder themselves, so on a real cluster INPUT and
    OUT must be on a file system every worker sees. Progress moves a shard at
    a time. A task whose worker dies is run again by Dask; a shard always
    starts from scratch, so that is safe.
    """

    name = "dask"

    def __init__(self, scheduler: str | None, jobs: int, processes: bool = True):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ExecutorUnavailable("--executor dask needs Dask's distributed scheduler: "
                                      "pip install 'cleaner[dask]'") from None
        self.scheduler = scheduler
        self.jobs = jobs
        self.processes = processes

    def run(self, job: Job, tasks: Sequence[Task], progress: Progress) -> Iterator[dict]:
        from distributed import Client, LocalCluster, as_completed

        if not tasks:
            return
        run_id = uuid.uuid4().hex[:8]
        with ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=self.processes,
                    dashboard_address=":0", silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster))
            futures = [client.submit(clean_shard, job, task, key=f"cleaner-shard-{task.shard.index}-{run_id}",
                                     pure=False) for task in tasks]
            for future in as_completed(futures):
                done = future.result()
                progress.advance(done["summary"]["out"] + done["summary"]["rejected"], done["size"])
                yield done


def make_executor(name: str, jobs: int, scheduler: str | None = None):
    if name == "dask":
        return DaskExecutor(scheduler, jobs)
    return LocalExecutor(jobs)
