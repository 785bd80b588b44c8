"""Files that appear whole or not at all: written under a hidden temporary name, then renamed."""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import suppress
from pathlib import Path

from . import compression


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files only the owner can read; finished files get the usual permissions.
_MODE = 0o666 & ~_umask()


# The temporary name of AtomicFile: "." + name + "." + mkstemp's 8 random characters + ".tmp".
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def _head(name: str, limit: int = 240) -> str:
    """`name` cut to `limit` bytes, so that a temporary name (14 bytes more) is a valid file name
    whenever `name` is (255 bytes)."""
    name = name[:limit]
    while len(os.fsencode(name)) > limit:
        name = name[:-1]
    return name


def fsync_folder(folder: str | Path) -> None:
    """Make a rename or a new file in `folder` durable: fsync the folder itself (POSIX)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftovers(folder: str | Path) -> None:
    """Delete the temporary files that writers killed mid-write (SIGKILL, power cut) left in a tree."""
    for parent, _, files in os.walk(folder):
        for name in files:
            if _TEMPORARY.fullmatch(name):
                with suppress(FileNotFoundError):
                    os.unlink(os.path.join(parent, name))


class Committable:
    """`with` commits on success and aborts when the block raises."""

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


class AtomicFile(Committable):
    """A binary file written beside `path` and moved over it by `commit`.

    The temporary file sits in the same folder, so `os.replace` is a rename
    within one file system: whoever reads `path` sees the old file or the new
    one, never half of one, even if cleaner is killed mid-write. With
    `compress`, a `.gz` or `.zst` name compresses what is written.
    """

    def __init__(self, path: str | Path, compress: bool = False):
        self.path = Path(path)
        fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{_head(self.path.name)}.", suffix=".tmp")
        self._raw = os.fdopen(fd, "wb")
        self._stream = compression.writer(self._raw, self.path.name) if compress else self._raw

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self, durable: bool = False) -> None:
        """Move the file in place; `durable`: on disk first (fsync), so that a power cut after the
        rename cannot leave an empty file behind a completion marker."""
        if self._stream is not self._raw:
            self._stream.close()  # finishes the compressed stream; the file stays open
        if durable:
            self._raw.flush()
            os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._tmp, _MODE)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self._raw.close()
        with suppress(ValueError, OSError):  # a compressor cannot finish into a closed file: nothing to keep
            self._stream.close()
        with suppress(FileNotFoundError):
            os.unlink(self._tmp)
