"""Where inputs and outputs are: local paths, or URLs that fsspec opens.

`file://` names a local path and is read and written as one (atomic renames and all). Any other
`PROTOCOL://` (`memory://`, `s3://`, `gs://`, `hf://`, `https://` …) goes through fsspec and the
package of its protocol (s3fs, gcsfs, huggingface_hub …), imported only when a URL names it:
fsspec is the optional extra `fsspec`, and a missing package is a one-line error that names it.
Globs (`dumps/*.jsonl`, `s3://bucket/2024-*/**/*.jsonl.gz`) are expanded here, for paths the
shell left alone because they were quoted, or that name files no shell sees.
"""
from __future__ import annotations

import os
import re
from typing import BinaryIO

_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_MAGIC = re.compile(r"[*?[]")
FSSPEC_NEEDED = "needs fsspec: pip install 'cleaner[fsspec]'"


class NoFilesystem(ValueError):
    """A URL whose protocol cannot be opened here (fsspec or the protocol's package missing)."""


def is_url(path: str) -> bool:
    """A URL that fsspec opens; `file://` is a local path (see `local`)."""
    m = _URL.match(str(path))
    return bool(m) and m.group(1).lower() != "file"


def local(path: str) -> str:
    """`file:///data/x` → `/data/x`; anything else as it is."""
    return path[len("file://"):] if str(path).lower().startswith("file://") else path


def has_glob(path: str) -> bool:
    return bool(_MAGIC.search(path))


def glob_base(pattern: str) -> str:
    """The folder a glob's matches are named from: its parts before the first wildcard."""
    parts = pattern.split("/")
    first = next(i for i, part in enumerate(parts) if has_glob(part))
    return "/".join(parts[:first])


def filesystem(url: str):
    """(fsspec filesystem, path within it) of a URL; NoFilesystem if it cannot be opened here."""
    try:
        import fsspec
    except ImportError:
        raise NoFilesystem(f"{url}: reading or writing a URL {FSSPEC_NEEDED}") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as e:  # fsspec's own words: "Install s3fs to access S3"
        raise NoFilesystem(f"{url}: {e}") from None
    except ValueError as e:   # "Protocol not known: nope"
        raise NoFilesystem(f"{url}: {e}") from None


def url_of(fs, path: str) -> str:
    """The URL of `path` on `fs`, as fsspec writes it (`memory:///in/a.jsonl`)."""
    return fs.unstrip_protocol(path)


def open_binary(path: str) -> BinaryIO:
    """A file to read: open() for a local path, fsspec's seekable file for a URL."""
    if not is_url(path):
        return open(path, "rb")
    fs, inner = filesystem(path)
    return fs.open(inner, "rb")


def size(path: str) -> int:
    if not is_url(path):
        return os.stat(path).st_size
    fs, inner = filesystem(path)
    return fs.size(inner)


def stamp(path: str) -> list:
    """[size, what changes when the file does]: the mtime of a local file; of a URL, its ETag or
    modification time when the filesystem gives one (else None). OSError if it is missing."""
    if not is_url(path):
        st = os.stat(path)
        return [st.st_size, st.st_mtime_ns]
    fs, inner = filesystem(path)
    info = fs.info(inner)
    changed = next((info[k] for k in ("ETag", "etag", "mtime", "LastModified", "last_modified", "created")
                    if info.get(k) is not None), None)
    return [info.get("size"), str(changed) if changed is not None else None]


def arrow(path: str) -> dict:
    """How pyarrow opens `path`: `pq.ParquetFile(**arrow(path))` (fsspec's filesystem for a URL)."""
    if not is_url(path):
        return {"source": path}
    fs, inner = filesystem(path)
    return {"source": inner, "filesystem": fs}


def upload(local_path: str, url: str) -> None:
    """Copy a finished local file to `url`. An object store (S3, GCS, Azure, the Hugging Face Hub)
    shows the object only once the upload is complete, as a rename would; other filesystems (FTP,
    SFTP, SMB, WebDAV) may show it growing while it is written."""
    fs, inner = filesystem(url)
    fs.put_file(local_path, inner)
