"""Progress of a run on stderr: a bar on a terminal (tqdm), a plain line now and then otherwise.

Both say documents, MB of input, documents/s, MB/s and the time left. The MB
are the input's bytes (decompressed where the run knows them); the time left
is estimated from the bytes still to clean, so it is there from the start.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_SECONDS = 10.0


class Progress:
    """Told of the work as it gets done; shows nothing. The base of the two that show it."""

    def start(self, total_bytes: int, done_bytes: int = 0, done_docs: int = 0) -> None:
        """Set the size of the run, and what an interrupted run already did."""

    def advance(self, docs: int, nbytes: int) -> None:
        pass

    def close(self) -> None:
        pass


class LogProgress(Progress):
    """A line every `every` seconds, for logs and pipes, where a bar would be noise; a last one at
    the end of a run that printed any."""

    def __init__(self, stream: TextIO | None = None, every: float = LOG_SECONDS):
        self.stream = stream or sys.stderr
        self.every = every
        self.total = self.bytes = self.docs = self.printed = 0
        self._base_bytes = self._base_docs = 0
        self._started = self._last = time.monotonic()

    def start(self, total_bytes: int, done_bytes: int = 0, done_docs: int = 0) -> None:
        self.total, self.bytes, self.docs = total_bytes, done_bytes, done_docs
        self._base_bytes, self._base_docs = done_bytes, done_docs
        self._started = self._last = time.monotonic()

    def advance(self, docs: int, nbytes: int) -> None:
        self.docs += docs
        self.bytes += nbytes
        if time.monotonic() - self._last >= self.every:
            self._print(self.line())

    def line(self) -> str:
        seconds = max(time.monotonic() - self._started, 1e-9)
        docs_rate = (self.docs - self._base_docs) / seconds
        rate = (self.bytes - self._base_bytes) / seconds
        share = f" ({100 * self.bytes / self.total:.0f}%)" if self.total else ""
        left = (self.total - self.bytes) / rate if rate > 0 and self.total else None
        eta = _duration(left) if left is not None else "?"
        return (f"cleaner: {self.docs} documents, {self.bytes / 1e6:.1f}/{self.total / 1e6:.1f} MB{share}, "
                f"{docs_rate:.0f} docs/s, {rate / 1e6:.2f} MB/s, ETA {eta}")

    def close(self) -> None:
        if self.printed:  # a run short enough to print no line ends with its summary alone
            self._print(self.line())

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)
        self.printed += 1
        self._last = time.monotonic()


class BarProgress(Progress):
    """tqdm's bar in MB with its rate and ETA, and the documents and documents/s beside it."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.bar = None
        self.docs = 0
        self._base_docs = 0
        self._started = time.monotonic()
        self._shown = 0.0

    def start(self, total_bytes: int, done_bytes: int = 0, done_docs: int = 0) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
        self.bar = tqdm(total=total_bytes, initial=done_bytes, unit="B", unit_scale=True, unit_divisor=1000,
                        file=self.stream, dynamic_ncols=True, smoothing=0.1, desc="cleaning")
        self.docs = self._base_docs = done_docs
        self._started = time.monotonic()

    def advance(self, docs: int, nbytes: int) -> None:
        self.docs += docs
        if self.bar is not None:
            if time.monotonic() - self._shown >= 0.2:
                self._postfix()
            self.bar.update(nbytes)

    def close(self) -> None:
        if self.bar is not None:
            self._postfix()
            self.bar.close()

    def _postfix(self) -> None:
        self._shown = time.monotonic()
        rate = (self.docs - self._base_docs) / max(self._shown - self._started, 1e-9)
        self.bar.set_postfix_str(f"{self.docs} docs, {rate:.0f} docs/s", refresh=False)


def for_stream(stream: TextIO, quiet: bool) -> Progress:
    """What to show on `stream`: nothing when quiet, a bar on a terminal, log lines otherwise."""
    if quiet:
        return Progress()
    return BarProgress(stream) if stream.isatty() else LogProgress(stream)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02}:{seconds % 60:02}"
