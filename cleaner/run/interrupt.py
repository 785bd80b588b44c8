"""Ctrl-C, never lost.

Python turns SIGINT into a KeyboardInterrupt raised wherever the main thread is when the signal
arrives. Where that is a finaliser (an object's `__del__`, a weakref callback, which the garbage
collector runs at any moment), the exception is printed as "Exception ignored in …" and dropped,
and a run interrupted there went on to its end. So while a run cleans, the handler also records
the signal, and the run asks at every step (`Interrupts.check`).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .progress import Progress


class Interrupts:
    """Whether Ctrl-C came; `check()` raises KeyboardInterrupt once it has."""

    def __init__(self):
        self.seen = False

    def _handle(self, signum, frame) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt


@contextmanager
def watched() -> Iterator[Interrupts]:
    """Record Ctrl-C while the block runs. Left alone where Python's own handler is not in place
    (a caller that ignores SIGINT or handles it, a thread other than the main one)."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield interrupts
        return
    signal.signal(signal.SIGINT, interrupts._handle)
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class Checked(Progress):
    """`progress`, asking `interrupts` at each step of the work it is told of."""

    def __init__(self, progress: Progress, interrupts: Interrupts):
        self.progress, self.interrupts = progress, interrupts

    def start(self, total_bytes: int, done_bytes: int = 0, done_docs: int = 0) -> None:
        self.progress.start(total_bytes, done_bytes, done_docs)

    def advance(self, docs: int, nbytes: int) -> None:
        self.interrupts.check()
        self.progress.advance(docs, nbytes)

    def close(self) -> None:
        self.progress.close()
