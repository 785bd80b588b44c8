"""Readers: inputs (files, folders, stdin) → a stream of Records, and Rejects that say why not.

Nothing a dump holds stops a run: a file that cannot be read, is binary, is
not UTF-8, is empty or too big, or a JSONL line that is not a usable record,
becomes a Reject with a one-line reason, and reading goes on. A txt file with
a UTF-16/32 byte-order mark, or in a legacy encoding read without doubt, is
read and says so in its metadata (cleaner/io/encodings.py). Documents are
read one at a time, so memory stays flat however big the dump.

Formats, by name (after any `.gz`/`.zst`/`.bz2`): `.txt` is one document whose id is
its path relative to the folder given (`sub/a.txt`, compression suffix
dropped); `.jsonl` (or `.ndjson`) is one document per line, with the text in
`text_field`, the id in `id_field` (else `<file>:<line>`) and every other
field kept as metadata; `.parquet` is one document per row, read as JSONL is
(parquet.py). Folders are read recursively in sorted order, skipping hidden
files and folders; files of other types are skipped and listed. A file named
explicitly is read as text unless it is `.jsonl`, `.ndjson` or `.parquet`.
`-` is stdin, read as `stdin_format`. A quoted glob is expanded here, its
matches read as a folder's files are; a URL (paths.py) is a file, a folder or
a glob on its fsspec filesystem, read through the same readers.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, ContextManager, Iterable, Iterator

from . import compression, paths
from .encodings import NotText, bom_encoding, decode
from .records import Record, Reject, given_id

JSONL_SUFFIXES = (".jsonl", ".ndjson")  # newline-delimited JSON goes by both names
_SNIFF = 8192  # bytes of a JSONL file looked at for NULs, as git does to call a file binary
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNREADABLE = (*compression.CORRUPT, OSError)
_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


PARQUET_NEEDS_PYARROW = "reading or writing Parquet needs pyarrow: pip install 'cleaner[parquet]'"


class InputError(ValueError):
    """An input that does not exist, or inputs that hold no documents at all."""


@dataclass(frozen=True)
class ReadOptions:
    text_field: str = "text"
    id_field: str = "id"
    max_doc_mb: float = 64
    stdin_format: str = "txt"

    @property
    def max_bytes(self) -> int:
        return int(self.max_doc_mb * 2**20)


@dataclass(frozen=True)
class Source:
    """One input file: its path (`-` for stdin), its name relative to the input given, its format.

    `file` is what to open when it is not `path`: an absolute path for a worker with another
    working folder, or the copy of stdin a run keeps. `path` is what messages and rejects show.
    """

    path: str
    name: str
    format: str
    file: str = ""


class _Rejected(Exception):
    def __init__(self, reason: str, id: str | None = None):
        super().__init__(reason)
        self.id = id


def discover(inputs: Iterable[str], stdin_format: str = "txt", skipped: list[str] | None = None) -> list[Source]:
    """Every input file, in order, before any is read: a missing input is an error up front.

    `skipped`, if given, gets the path of every file a folder holds that is of no type cleaner reads
    (`.pdf`, `.md`, ...), so that a run can say what it left out rather than drop it silently.
    """
    sources: list[Source] = []
    others = skipped if skipped is not None else []
    for given in inputs:
        given = paths.local(given)
        path = Path(given)
        if given == "-":
            sources.append(Source("-", "stdin", stdin_format))
        elif paths.is_url(given):
            sources.extend(_remote(given, others))
        elif path.is_dir():
            sources.extend(_walk(path, others))
        elif path.exists() or path.is_symlink():  # a broken symlink is read, and rejected, like any file
            sources.append(Source(given, path.name, _format(path.name) or "txt"))
        elif paths.has_glob(given):
            sources.extend(_glob(given, others))
        else:
            raise InputError(f"{given}: no such file or folder")
    if not sources:
        kinds = ", ".join(f"{n} {k}" for k, n in kinds_of(others).items())
        kinds = f" (skipped: {kinds})" if kinds else ""
        raise InputError(f"no input found: the folders hold no .txt, .jsonl, .ndjson or .parquet files{kinds}")
    return sources


def kinds_of(paths: Iterable[str]) -> dict[str, int]:
    """How many files of each kind, by suffix: `{".csv.gz": 1, ".pdf": 3, "(no suffix)": 1}`."""
    def kind(path: str) -> str:
        name = os.path.basename(path)
        return (Path(compression.without_suffix(name)).suffix + compression.suffix(name)) or "(no suffix)"
    return dict(sorted(Counter(map(kind, paths)).items()))


def _format(name: str) -> str | None:
    if name.endswith(".parquet"):  # compressed inside, column by column: never .gz or .zst
        return "parquet"
    base = compression.without_suffix(name)
    return "jsonl" if base.endswith(JSONL_SUFFIXES) else "txt" if base.endswith(".txt") else None


def _glob(pattern: str, others: list[str]) -> list[Source]:
    """The files a quoted glob matches (`**` for any depth), and those of the folders it matches,
    named from the folder before its first wildcard; files of other types are skipped, as in a
    folder, and so are hidden ones (`glob` itself passes them over)."""
    base = paths.glob_base(pattern)
    found = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        name = os.path.relpath(match, base or ".").replace(os.sep, "/")
        if os.path.isdir(match):
            found.extend(replace(s, name=f"{name}/{s.name}") for s in _walk(Path(match), others))
        elif _format(os.path.basename(match)):
            found.append(Source(match, name, _format(os.path.basename(match))))
        else:
            others.append(match)
    if not found and not others:
        raise InputError(f"{pattern}: no file matches")
    return found


def _remote(url: str, others: list[str]) -> list[Source]:
    """The files a URL names: one file, every file under a folder (recursively, sorted), or what a
    glob matches, named and filtered as local ones are (hidden names passed over)."""
    try:
        fs, inner = paths.filesystem(url)
        if paths.has_glob(inner):
            base = paths.glob_base(inner)
            files = [f for m in sorted(fs.glob(inner)) for f in (sorted(fs.find(m)) if fs.isdir(m) else [m])]
            if not files:
                raise InputError(f"{url}: no file matches")
        elif fs.isdir(inner):
            base, files = inner, sorted(fs.find(inner))
        elif fs.exists(inner):
            return [Source(url, os.path.basename(inner.rstrip("/")), _format(inner) or "txt")]
        else:
            raise InputError(f"{url}: no such file or folder")
    except paths.NoFilesystem as e:
        raise InputError(str(e)) from None
    except OSError as e:
        raise InputError(f"{url}: {e.strerror or e}") from None
    found = []
    for file in files:
        name = file[len(base.rstrip("/")):].lstrip("/") if base else file
        if any(part.startswith(".") for part in name.split("/")):
            continue
        if _format(name):
            found.append(Source(paths.url_of(fs, file), name, _format(name)))
        else:
            others.append(paths.url_of(fs, file))
    return found


def _walk(root: Path, others: list[str]) -> list[Source]:
    def fail(error: OSError):
        raise InputError(f"cannot list {error.filename}: {error.strerror}")

    found, unread = [], []
    for folder, dirs, files in os.walk(root, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            fmt = _format(name)
            path = os.path.join(folder, name)
            if fmt:
                found.append(Source(path, Path(path).relative_to(root).as_posix(), fmt))
            else:
                unread.append(path)
    others.extend(sorted(unread))
    return sorted(found, key=lambda s: s.name)


def read(sources: Iterable[Source], options: ReadOptions = ReadOptions()) -> Iterator[Record | Reject]:
    """Records and Rejects, lazily, in input order."""
    for source in sources:
        if source.format == "jsonl":
            yield from read_jsonl_lines(source, options)
        elif source.format == "parquet":
            yield from read_parquet(source, options)
        else:
            yield from read_txt(source, options)


def read_parquet(source: Source, options: ReadOptions, start: int = 0, end: int | None = None,
                 row: int = 0) -> Iterator[Record | Reject]:
    """The records of row groups [start, end) of a Parquet file (parquet.py), or, without pyarrow,
    a reject that says how to get it."""
    try:
        from .parquet import read_rows  # pyarrow loads only for a Parquet input
    except ImportError:
        yield Reject(source.name, source.path, PARQUET_NEEDS_PYARROW)
        return
    yield from read_rows(source, options, start, end, row)


def _open(source: Source) -> ContextManager[BinaryIO]:
    if source.file:
        return compression.open_read(source.file)
    return nullcontext(sys.stdin.buffer) if source.path == "-" else compression.open_read(source.path)


def read_txt(source: Source, options: ReadOptions) -> Iterator[Record | Reject]:
    """The one document of a txt file, or why there is none."""
    id = compression.without_suffix(source.name)
    data = b""
    try:
        with _open(source) as f:
            data = f.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise _Rejected(_too_big(options))
        nul = -1 if bom_encoding(data) else data.find(b"\0")  # UTF-16 and UTF-32 are full of NULs
        if nul >= 0:
            raise _Rejected(f"binary file (NUL byte at offset {nul})")
        decoded = _decode(data, at_file_start=True, guess=True)
        if "\0" in decoded.text:
            raise _Rejected(f"binary file (NUL character at offset {decoded.text.index(chr(0))} "
                            f"of its {decoded.encoding} text)")
        _check_text(decoded.text)
    except _Rejected as e:
        # standard input is gone once read: its document is kept with the reject (a file has its path)
        kept = source.path == "-" and len(data) <= options.max_bytes
        yield Reject(id, source.path, str(e), data.decode("utf-8", "surrogateescape") if kept else None)
    except _UNREADABLE as e:
        yield Reject(id, source.path, _unreadable(source, e))
    else:
        yield Record(id, decoded.text, decoded.metadata(), source.path)


def read_jsonl_lines(source: Source, options: ReadOptions, start: int = 0, end: int | None = None,
                     line: int = 0) -> Iterator[Record | Reject]:
    """The records of the lines of a JSONL file from byte `start` (a line start, after `line`
    lines) up to byte `end` of its (decompressed) content: one shard of a big file."""
    offset = start
    try:
        with _open(source) as f:
            head = f.peek(_SNIFF)[:_SNIFF] if start == 0 else b""
            if bom_encoding(head):
                raise _Rejected(f"a JSONL file in {bom_encoding(head).upper()}: JSON lines are read as UTF-8; "
                                f"convert it first (iconv -f {bom_encoding(head).upper()} -t UTF-8)")
            if b"\0" in head:
                raise _Rejected("binary file (NUL bytes in the first 8 KiB)")
            _skip(f, start, plain=not compression.suffix(source.file or source.path))
            for raw in iter(lambda: f.readline(options.max_bytes + 1), b""):
                if end is not None and offset >= end:
                    break
                line += 1
                start, offset = offset, offset + len(raw)
                where = f"{source.path}:{line}"
                if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                    offset += _skip_line(f)
                    yield Reject(f"{source.name}:{line}", where, f"line {line}: {_too_big(options)}")
                elif raw.strip():
                    try:
                        yield _jsonl_record(raw, start, line, source, options)
                    except _Rejected as e:
                        yield Reject(e.id or f"{source.name}:{line}", where, f"line {line}: {e}", _line_as_read(raw))
    except _Rejected as e:
        yield Reject(source.name, source.path, str(e))
    except _UNREADABLE as e:
        yield Reject(source.name, source.path, _unreadable(source, e) + (f" (after line {line})" if line else ""))


def _jsonl_record(raw: bytes, offset: int, line: int, source: Source, options: ReadOptions) -> Record:
    decoded = _decode(raw, at_file_start=offset == 0, offset=offset)
    try:
        fields = json.loads(decoded.text)
    except json.JSONDecodeError as e:
        where = f"column {e.colno}" if e.lineno == 1 else "at the end of the line"  # the line's own newline
        raise _Rejected(f"not valid JSON ({e.msg}, {where})") from None
    if not isinstance(fields, dict):
        raise _Rejected(f"a JSON {_JSON_TYPES[type(fields)]}, not an object")
    given = dict(fields)
    named = given_id(fields.get(options.id_field))
    id = named or f"{source.name}:{line}"
    doc = fields.pop(options.text_field, None)
    if not isinstance(doc, str):
        raise _Rejected(f"no string field {options.text_field!r}", id)
    if _SURROGATE.search(doc):
        raise _Rejected("the text holds an unpaired UTF-16 surrogate escape, which is not valid Unicode", id)
    _check_text(doc, id)
    if named is not None:
        del fields[options.id_field]
    fields.update(decoded.metadata())
    return Record(id, doc, fields, f"{source.path}:{line}", fields=given)


def _line_as_read(raw: bytes) -> str:
    """A JSONL line as it came, without its line break; bytes that are not UTF-8 as lone surrogates."""
    return raw.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", "surrogateescape")


def _decode(data: bytes, at_file_start: bool, offset: int = 0, guess: bool = False):
    try:
        return decode(data, at_file_start, offset, guess)
    except NotText as e:
        raise _Rejected(str(e)) from None


def _check_text(text: str, id: str | None = None) -> None:
    if not text:
        raise _Rejected("empty document", id)
    if text.isspace():
        raise _Rejected("document is only whitespace", id)


def _too_big(options: ReadOptions) -> str:
    return f"document is bigger than the --max-doc-mb limit of {options.max_doc_mb:g} MiB"


def _unreadable(source: Source, error: Exception) -> str:
    # Before OSError: a BadGzipFile is one, and bz2 says "Invalid data stream" with an OSError of no errno.
    corrupt = isinstance(error, compression.CORRUPT)
    if corrupt or (getattr(error, "errno", 0) is None and compression.suffix(source.path)):
        return f"corrupt or truncated {compression.suffix(source.path).lstrip('.')} file: {error}"
    return f"cannot read: {error.strerror}"


def _skip(f: BinaryIO, n: int, plain: bool) -> None:
    """Move `n` bytes into a stream: a seek in a plain file, reading on in a compressed one."""
    if n and plain and f.seekable():
        f.seek(n)
        return
    while n:
        chunk = f.read(min(n, 1 << 20))
        if not chunk:
            raise EOFError(f"the file ends before byte {n} (changed since the run began?)")
        n -= len(chunk)


def _skip_line(f: BinaryIO) -> int:
    """Read past the rest of an over-long line; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = f.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped

