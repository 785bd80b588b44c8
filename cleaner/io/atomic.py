"""Files that appear whole or not at all: written under a hidden temporary name, then renamed.

A rename replaces whatever has the name, so before anything is written `write_target` says
where a write may land: a symbolic link is followed to the regular file or folder it points at
(the write replaces that, and the link stays a link); a link to nothing, a device, a FIFO or a
socket is refused. As root, a rename over /dev/null or /dev/stdout would replace the system's
node with a plain file.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

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


def write_target(path: str | Path) -> Path:
    """Where writing `path` lands: `path` itself, or the regular file or folder a symbolic link
    there points at. OSError if the link points at nothing, or if what is there (through any link)
    is not a regular file or folder."""
    path = Path(path)
    link = f"is a symbolic link to {os.readlink(path)}, which " if path.is_symlink() else ""
    try:
        mode = os.stat(path).st_mode  # through every link, /proc's too (/dev/stdout → the pipe or terminal)
    except (FileNotFoundError, NotADirectoryError):
        if link:  # writing would create a file wherever the link says: `cp` will not either
            raise FileNotFoundError(errno.ENOENT, link + "does not exist", str(path)) from None
        return path
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OSError(errno.EEXIST, f"{link}is {_kind(mode)}, not a regular file or folder: cleaner writes only "
                                    "those", str(path))
    return Path(os.path.realpath(path)) if link else path


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def make_folder(path: str | Path) -> Path:
    """The folder `path` (or the one a link there points at), made if missing; OSError as for write_target."""
    folder = write_target(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
    one, never half of one, even if cleaner is killed mid-write. A link at
    `path` is followed (`write_target`). With `compress`, a `.gz` or `.zst`
    name compresses what is written.
    """

    def __init__(self, path: str | Path, compress: bool = False):
        self.path = write_target(path)
        fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{_head(self.path.name)}.", suffix=".tmp")
        self._raw = os.fdopen(fd, "wb")
        self._stream = compression.writer(self._raw, self.path.name) if compress else self._raw

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    @property
    def file(self) -> BinaryIO:
        """The open file, for a writer that needs a real one (pyarrow's ParquetWriter asks where it is)."""
        return self._stream

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
