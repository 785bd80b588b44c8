"""Executors: where the shards of a run are cleaned. Each runs `clean_shard` on every task and
yields the shards' completion markers as they finish, in any order: the output's order comes
from the shard numbers, not from here. Adding Ray or Spark is one more class like these.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import signal
import uuid
from collections import Counter, deque
from contextlib import ExitStack, suppress
from multiprocessing import connection
from typing import Callable, Iterator, Sequence

from .progress import Progress
from .shard import Job, Task, clean_shard, reject_shard, worker_pipeline

EXECUTORS = ("local", "dask")


class ExecutorUnavailable(RuntimeError):
    """An executor whose package is not installed."""


class WorkersFailing(RuntimeError):
    """Worker processes that die before they are given any work: the run cannot go on."""


class LocalExecutor:
    """`jobs` worker processes on this machine; in this process when there is one job or one shard.

    Each worker holds one shard at a time, handed to it over its own pipe, so
    when a worker dies (killed by the kernel for memory, a crash in a C
    extension) the run knows which shard it was cleaning. That shard is
    reported and cleaned again, once, in a new worker; a shard whose second
    attempt dies too is not cleaned, and its documents go to the rejects with
    the reason (`reject_shard`). A shard always starts from scratch, so running
    it again is safe. In-process runs (one job) have no such net: the process
    that dies is the run, and `--resume` goes on from its finished shards.
    """

    name = "local"
    ATTEMPTS = 2

    def __init__(self, jobs: int, warn: Callable[[str], None] | None = None):
        self.jobs = jobs
        self.warn = warn or (lambda message: None)
        self.failures: list[dict] = []  # one per worker death: shard, attempt, how the worker ended

    def run(self, job: Job, tasks: Sequence[Task], progress: Progress) -> Iterator[dict]:
        if self.jobs == 1 or len(tasks) <= 1:
            for task in tasks:
                yield clean_shard(job, task, progress.advance)
            return
        context = multiprocessing.get_context()
        frozen = context.get_start_method() == "fork" and preload(job.config)
        pending = deque(tasks)
        attempts: Counter = Counter()
        workers: list[_Worker] = []
        size = min(self.jobs, len(tasks))
        idle_deaths = 0
        try:
            while pending or any(w.task for w in workers):
                while pending and len(workers) < size:
                    workers.append(_Worker(context, job.config))
                if frozen:              # the workers have their copy: this process collects as before
                    gc.unfreeze()
                    frozen = False
                for worker in workers:
                    if worker.ready and worker.task is None and pending:
                        worker.give(job, pending.popleft())
                ready = set(connection.wait([w.conn for w in workers] + [w.process.sentinel for w in workers]))
                for worker in [w for w in workers if w.conn in ready or w.process.sentinel in ready]:
                    for message in worker.messages():
                        if message[0] == "ready":
                            worker.ready = True
                        elif message[0] == "tick":
                            progress.advance(*message[1:])
                        elif message[0] == "done":
                            worker.task = None
                            yield message[1]
                        else:
                            raise message[1]
                    if worker.process.is_alive():
                        continue
                    worker.process.join()
                    workers.remove(worker)
                    if worker.task is not None:
                        yield from self._died(job, worker, attempts, pending)
                    else:
                        idle_deaths += 1
                        if idle_deaths > self.ATTEMPTS * size:
                            raise WorkersFailing(f"worker processes keep dying before they get any work "
                                               f"(the last: {_ending(worker.process.exitcode)})")
        finally:
            if frozen:
                gc.unfreeze()
            for worker in workers:
                worker.stop()

    def _died(self, job: Job, worker: "_Worker", attempts: Counter, pending: deque) -> Iterator[dict]:
        task, index = worker.task, worker.task.shard.index
        attempts[index] += 1
        how = _ending(worker.process.exitcode)
        again = attempts[index] < self.ATTEMPTS
        self.failures.append({"shard": index, "attempt": attempts[index], "worker": how,
                              "then": "cleaned again" if again else "documents rejected"})
        where = _where(task)
        if again:
            self.warn(f"a worker process died ({how}) while cleaning shard {index} ({where}); cleaning it again")
            pending.appendleft(task)
            return
        self.warn(f"a worker process died again ({how}) while cleaning shard {index} ({where}); "
                  f"its documents go to the rejects")
        yield reject_shard(job, task, f"a worker process died twice while cleaning this document's shard "
                                      f"({how}); clean it again with a smaller --shard-mb to find the one at fault")


# Loads what an English news document makes the default stages load: the word lists of the
# spacing and spelling stages, the language markers, the date tables.
_WARM_UP = ("Date: 14 October 2022\nThe ministers met today in Brussels.They said the meeting was "
            "about the defence of the alliance, and that it would go on in 2023.\n")


def preload(config: dict | None) -> bool:
    """Build the pipeline and load its word lists in this process before workers are forked from it.

    Forked workers then start with them loaded (no second of loading each) and share their memory
    pages with this process and each other, which also leaves more of the CPU cache to each. The
    objects are frozen out of the garbage collector, whose passes would write to them and make each
    worker copy the pages it shares. True when it froze them."""
    try:
        worker_pipeline(config).clean(_WARM_UP)
    except Exception:
        return False    # each worker builds the pipeline itself and reports what goes wrong
    gc.freeze()         # undone once the workers are forked: the calling process keeps its own GC
    return True


class _Worker:
    """A worker process and the parent's end of its pipe; `task` is the shard it holds, if any."""

    def __init__(self, context, config):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.ready = False  # its pipeline is built: it can take a shard
        self.task: Task | None = None

    def give(self, job: Job, task: Task) -> None:
        self.task = task
        self.conn.send((job, task))

    def messages(self) -> Iterator[tuple]:
        """What the worker has sent so far; nothing more once it has died."""
        try:
            while self.conn.poll():
                yield self.conn.recv()
        except (EOFError, OSError):
            return

    def stop(self) -> None:
        if self.process.is_alive() and self.task is None:
            with suppress(OSError):
                self.conn.send(None)
            self.process.join(5)
        if self.process.is_alive():  # busy, interrupted: its shard is left unmarked for --resume
            self.process.terminate()
            self.process.join()
        self.conn.close()


def _serve(conn, config) -> None:
    """A worker's life: shards from the pipe, cleaned one at a time, until None or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no trace per worker
    try:
        worker_pipeline(config)
    except Exception as e:
        conn.send(("error", _picklable(e)))
        return
    conn.send(("ready",))
    while True:
        try:
            given = conn.recv()
        except EOFError:
            return
        if given is None:
            return
        job, task = given
        try:
            done = clean_shard(job, task, lambda docs, nbytes: conn.send(("tick", docs, nbytes)))
        except Exception as e:  # the output failing (disk full): the parent stops the run with it
            conn.send(("error", _picklable(e)))
            continue
        conn.send(("done", done))


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _where(task: Task) -> str:
    return ", ".join(dict.fromkeys(p.source.path for p in task.shard.pieces))


def _ending(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class DaskExecutor:
    """A Dask distributed cluster: the one at `scheduler`, or a LocalCluster of `jobs` processes.

    Each shard is one task. Workers read the input and write their shard's
    results into the work folder themselves, so on a real cluster INPUT and
    OUT must be on a file system every worker sees. Progress moves a shard at
    a time. A task whose worker dies is run again by Dask (a shard always
    starts from scratch, so that is safe), up to the scheduler's
    `distributed.scheduler.allowed-failures` deaths: 1 on the LocalCluster a
    run starts, so a shard is tried twice as with local processes. After
    that Dask gives up on the task (KilledWorker), and the shard's documents go
    to the rejects with the reason. Dask blames every task a dying worker
    held, so that LocalCluster gives a worker one task at a time. A cluster at
    `--scheduler` keeps its own settings (Dask's defaults: 3 deaths, and a
    worker may hold a queued task that a neighbour's crash then blames).
    """

    name = "dask"

    def __init__(self, scheduler: str | None, jobs: int, processes: bool = True,
                 warn: Callable[[str], None] | None = None):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ExecutorUnavailable("--executor dask needs Dask's distributed scheduler: "
                                      "pip install 'cleaner[dask]'") from None
        self.scheduler = scheduler
        self.jobs = jobs
        self.processes = processes
        self.warn = warn or (lambda message: None)
        self.failures: list[dict] = []

    def run(self, job: Job, tasks: Sequence[Task], progress: Progress) -> Iterator[dict]:
        import dask
        from distributed import Client, KilledWorker, LocalCluster, as_completed

        if not tasks:
            return
        run_id = uuid.uuid4().hex[:8]
        with ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))
            else:
                # One task per worker thread (no queue on the workers), so that a worker that dies
                # takes down only the shard it was cleaning; one death per task: tried twice.
                stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": 1,
                                                     "distributed.scheduler.worker-saturation": 1.0}))
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=self.processes,
                    dashboard_address=":0", silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster))
            futures = {client.submit(clean_shard, job, task, key=f"cleaner-shard-{task.shard.index}-{run_id}",
                                     pure=False): task for task in tasks}
            for future in as_completed(futures):
                try:
                    done = future.result()
                except KilledWorker:
                    task = futures[future]
                    self.failures.append({"shard": task.shard.index, "worker": "killed worker (Dask)",
                                          "then": "documents rejected"})
                    self.warn(f"Dask gave up on shard {task.shard.index} ({_where(task)}): the workers cleaning "
                              f"it died; its documents go to the rejects")
                    done = reject_shard(job, task, "the Dask workers cleaning this document's shard died; clean "
                                                   "it again with a smaller --shard-mb to find the one at fault")
                progress.advance(done["summary"]["out"] + done["summary"]["rejected"], done["size"])
                yield done


def make_executor(name: str, jobs: int, scheduler: str | None = None, warn: Callable[[str], None] | None = None):
    if name == "dask":
        return DaskExecutor(scheduler, jobs, warn=warn)
    return LocalExecutor(jobs, warn)
