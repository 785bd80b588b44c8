"""Compression chosen by file name: `.gz` (gzip), `.zst` (zstandard) and `.bz2` (bzip2), read and
written as streams. Streams written one after another (as a run's shards write them) read as one."""
from __future__ import annotations

import bz2
import gzip
import io
import zlib
from typing import BinaryIO

import zstandard

from . import paths

SUFFIXES = (".gz", ".zst", ".bz2")
# What a damaged or truncated compressed stream raises while it is read.
CORRUPT = (EOFError, zlib.error, gzip.BadGzipFile, zstandard.ZstdError)  # bz2 raises OSError or EOFError


def suffix(name: str) -> str:
    """".gz", ".zst", ".bz2" or "" for an uncompressed name."""
    return next((s for s in SUFFIXES if name.endswith(s)), "")


def without_suffix(name: str) -> str:
    """The name of the content: `a.jsonl.gz` holds `a.jsonl`."""
    return name[: -len(suffix(name))] if suffix(name) else name


def open_read(path: str) -> BinaryIO:
    """A buffered binary stream of the decompressed content of `path`, a local path or a URL."""
    kind = suffix(path)
    if paths.is_url(path):
        return _open_url(path, kind)
    if kind == ".gz":
        return gzip.open(path, "rb")
    if kind == ".bz2":
        return bz2.open(path, "rb")
    raw = open(path, "rb")
    if kind == ".zst":
        return io.BufferedReader(_ZstdReader(raw))
    return raw


def _open_url(url: str, kind: str) -> BinaryIO:
    """What open_read gives for a local file, of fsspec's file for `url`: buffered (peek), and
    closing the remote file when it is closed."""
    raw = paths.open_binary(url)
    if kind == ".zst":
        return io.BufferedReader(_ZstdReader(raw))
    if kind == ".gz":
        return _Closing(gzip.GzipFile(fileobj=raw, mode="rb"), raw)
    if kind == ".bz2":
        return _Closing(bz2.BZ2File(raw, "rb"), raw)
    return _Closing(raw, raw)


class _Closing(io.BufferedReader):
    """A buffered reader of `stream` that closes `owned` (the remote file) with it."""

    def __init__(self, stream, owned):
        super().__init__(stream)
        self._owned = owned

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._owned.close()


def writer(raw: BinaryIO, name: str) -> BinaryIO:
    """A stream that compresses into `raw` as `name` says; closing it finishes the stream, not `raw`."""
    kind = suffix(name)
    if kind == ".gz":  # mtime=0 and no file name: the same content gives the same bytes
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
    if kind == ".zst":
        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    if kind == ".bz2":
        return _Bz2Writer(raw)
    return raw


class _Bz2Writer(io.RawIOBase):
    """bz2.BZ2File closes the file it writes into; this finishes the stream and leaves `raw` open."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._compressor = bz2.BZ2Compressor()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._raw.write(self._compressor.compress(data))
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._raw.write(self._compressor.flush())
        super().close()


class _ZstdReader(io.RawIOBase):
    """Decompresses a (multi-frame) .zst stream and raises EOFError if it ends inside a frame.

    zstandard's own reader returns whatever a truncated file decodes to without
    complaint, which would pass half a document off as a whole one.
    """

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._frame = None
        self._pending = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._pos == len(self._pending):
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._frame is not None and not self._frame.eof:
                    raise EOFError("zstd stream ended inside a frame")
                return 0
            out = []
            while chunk:
                if self._frame is None or self._frame.eof:
                    self._frame = self._dctx.decompressobj()
                out.append(self._frame.decompress(chunk))
                chunk = self._frame.unused_data if self._frame.eof else b""
            self._pending, self._pos = b"".join(out), 0
        n = min(len(buffer), len(self._pending) - self._pos)
        buffer[:n] = self._pending[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()
