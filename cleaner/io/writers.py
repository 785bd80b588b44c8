"""Writers of cleaned documents: a folder of text files named by id, or one JSONL file.

Which one: `--format`, or else the output's name: `*.jsonl` or `*.ndjson`, maybe `.gz`, `.bz2` or
`.zst` compressed, are JSONL files, `*.parquet` a Parquet file (written by a run: parquet_out.py),
anything else is a folder (or, for a run whose every input is Parquet, a Parquet file: cleaner.run).
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from ..result import Result
from . import compression
from .atomic import _TEMPORARY, AtomicFile, Committable, make_folder, write_target
from .readers import JSONL_SUFFIXES

FORMATS = ("txt", "jsonl", "parquet")
STDOUT = "-"  # the OUT that names standard output
# In a txt tree: says that cleaner wrote the folder, which a later run then empties with --overwrite.
# Hidden, so that reading the folder as input passes it over.
OUTPUT_MARK = ".cleaner-output"


def json_line(obj) -> bytes:
    """One JSONL line in UTF-8. Unpaired surrogates (file names that are not UTF-8) become
    `\\udcxx` escapes, which JSON reads back as the same string. JSON has no NaN or infinity:
    such a number (a Parquet float column's missing value) is written as null, as pandas' to_json
    does, never as the `NaN` that strict readers refuse."""
    try:
        line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError:
        line = json.dumps(_finite(obj), ensure_ascii=False, allow_nan=False)
    return (line + "\n").encode("utf-8", "backslashreplace")


def _finite(value):
    """`value` with every NaN or infinite float, at any depth, made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _same(a, b) -> bool:
    """Equal, NaN counting as equal to NaN (a float column's missing value is no change)."""
    return a == b or (a != a and b != b)


def output_record(result: Result, fields: dict | None, id_field: str = "id", text_field: str = "text") -> dict:
    """The JSONL record of a cleaned document: the input record's `fields` as they came, in their
    order, with the cleaned text under the input's name for it (`text_field`) and the id under
    `id_field` (a record without a usable id gets the one cleaner gave it, FILE:LINE, first);
    then `metadata`, holding only what cleaner added or changed (a txt document's BOM, the
    language, a header's date and title). An input `metadata` object takes cleaner's keys."""
    fields = fields or {}
    if id_field in fields and str(fields[id_field]) == result.id:  # as it came: a number stays a number
        record = dict(fields)
    else:
        record = {id_field: result.id, **{k: v for k, v in fields.items() if k != id_field}}
    record[text_field] = result.text
    others = {k: v for k, v in fields.items() if k not in (id_field, text_field)}
    added = {k: v for k, v in result.metadata.items()
             if k != "metadata" and (k not in others or not _same(others[k], v))}  # the input's own metadata is a field
    record["metadata"] = {**record["metadata"], **added} if isinstance(record.get("metadata"), dict) else added
    return record


def metadata_conflict(fields: dict | None) -> str | None:
    """Why a record cannot be written to JSONL: its own `metadata` field is there but no object,
    so it cannot take what cleaner adds (None if it can)."""
    value = (fields or {}).get("metadata")
    if value is None or isinstance(value, dict):
        return None
    kind = {str: "a string", list: "an array", bool: "a boolean"}.get(type(value), "a number")
    return (f"its field 'metadata' is {kind}, not an object: a JSONL output writes what cleaner adds "
            f"there (rename the field, or write txt or Parquet)")


def txt_name(id: str) -> str:
    """The file of document `id` in a txt tree: `<id>`, with `.txt` added when the id does not end
    in it (a JSONL record's `w-1`), so that the tree can be read again as input."""
    return id if id.endswith(".txt") else f"{id}.txt"


def default_format(output: str) -> str:
    if output.endswith(".parquet"):
        return "parquet"
    return "jsonl" if compression.without_suffix(output).endswith(JSONL_SUFFIXES) else "txt"


def open_writer(fmt: str, output: str, id_field: str = "id", text_field: str = "text") -> "TxtTreeWriter | JsonlWriter":
    """The writer for `fmt` ("txt" or "jsonl"); raises OSError now if `output` cannot be written.
    Parquet is written in parts, one per shard, and joined (cleaner.io.parquet_out), not here."""
    if fmt == "txt":
        return TxtTreeWriter(output)
    if fmt == "jsonl":
        return JsonlWriter(output, id_field, text_field)
    raise ValueError(f"open_writer writes txt trees and JSONL, not {fmt!r}")


class TxtTreeWriter(Committable):
    """OUT/<id> for each document, each file written atomically.

    Ids come from the input (file paths, or any string in a JSONL record), and
    the file of a document is OUT/<id>, `a//b` and `a/./b` read as `a/b`. So
    before a document is cleaned `admit` refuses an id that would land outside
    OUT (`../x`, `/etc/x`, Windows' `..\\x` and `C:\\x`, a symlink out), is no
    file name (empty, a NUL, not encodable, a part over 255 bytes, the name of
    a temporary file), names what no write may replace (a FIFO, a device, a
    dangling link: `write_target`), or names a file or folder an earlier
    document already took: the earlier one keeps it, nothing is overwritten.
    A JSONL output (`-o OUT.jsonl`) takes any id.
    """

    def __init__(self, folder: str | Path):
        self.folder = make_folder(folder)
        with tempfile.TemporaryFile(dir=self.folder):  # not writable? say so now, not at the first document
            pass
        mark = self.folder / OUTPUT_MARK
        if not mark.exists():
            mark.write_text("This folder is the output of cleaner; `cleaner clean --overwrite` may empty it.\n",
                            encoding="utf-8")
        self._root = self.folder.resolve()
        self._files: dict[str, str] = {}  # file → the source of the document that took it
        self._dirs: set[str] = set()

    def admit(self, id: str, source: str = "") -> str | None:
        """None if the document `id` can be written (and it is then reserved), else why not."""
        refused = _unsafe(id) or _unsafe(txt_name(id))
        if refused:
            return f"id {id!r} {refused}"
        path = PurePosixPath(txt_name(id))
        rel = path.as_posix()
        parents = {p.as_posix() for p in path.parents} - {"."}
        clash = [p for p in (rel, *sorted(parents)) if p in self._files]
        if clash or rel in self._dirs:
            earlier = f" ({self._files[clash[0]]})" if clash and self._files[clash[0]] else ""
            return f"id {id!r} names the same output file as an earlier document{earlier}"
        if not (self.folder / rel).resolve().is_relative_to(self._root):
            return f"id {id!r} would be written outside the output folder (through a symlink)"
        try:
            write_target(self.folder / rel)
        except OSError as e:  # a FIFO, a device, a dangling link where the file would go: not ours to replace
            return f"id {id!r} cannot be written to {self.folder / rel}: {e.strerror}"
        self._files[rel] = source
        self._dirs |= parents
        return None

    def write(self, result: Result, fields: dict | None = None) -> None:
        target = self.folder / PurePosixPath(txt_name(result.id))
        target.parent.mkdir(parents=True, exist_ok=True)
        with AtomicFile(target) as f:
            f.write(result.text.encode("utf-8"))

    def commit(self) -> None:
        """Every file is already in place."""

    def abort(self) -> None:
        """Files written so far are whole and stay."""


_WINDOWS_ABSOLUTE = re.compile(r"[A-Za-z]:[\\/]|[\\/]")
NAME_BYTES = 255  # the longest file name ext4, XFS, btrfs, APFS and NTFS take


def earlier_output(folder: str | Path) -> tuple[bool, str | None]:
    """What a folder already holds: (cleaner marked it as its output, the first entry in it), or
    (False, None) when it is missing or empty."""
    try:
        entries = sorted(e for e in os.listdir(folder) if e != OUTPUT_MARK)
        marked = os.path.isfile(os.path.join(folder, OUTPUT_MARK))
    except (FileNotFoundError, NotADirectoryError):
        return False, None
    return marked, os.path.join(folder, entries[0]) if entries else None


def _unsafe(id: str) -> str | None:
    """Why `id` cannot be a path under the output folder, or None."""
    if not id or "\0" in id:
        return "cannot be a file name"
    try:
        encoded = os.fsencode(id)
    except UnicodeEncodeError:
        return "cannot be a file name (it holds a lone surrogate)"
    path = PurePosixPath(id)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return "would be written outside the output folder"
    if _WINDOWS_ABSOLUTE.match(id) or ".." in re.split(r"[\\/]", id):
        return "would be written outside the output folder on Windows"
    if any(len(os.fsencode(part)) > NAME_BYTES for part in path.parts):
        return f"has a part longer than {NAME_BYTES} bytes, more than a file name may hold"
    if len(encoded) > 4000:
        return "is too long to be a path"
    if _TEMPORARY.fullmatch(path.name):
        return "looks like a temporary file of cleaner's, which --resume removes"
    return None


class JsonlWriter(Committable):
    """One line per document, in input order (`output_record`); `.gz`/`.zst` by name.

    The file appears when the run finishes; a failed run leaves an earlier file as it was.
    """

    def __init__(self, path: str | Path, id_field: str = "id", text_field: str = "text"):
        self.id_field, self.text_field = id_field, text_field
        path = Path(path)
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder, not a JSONL file name", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = AtomicFile(path, compress=True)

    def admit(self, id: str, source: str = "") -> str | None:
        return None

    def write(self, result: Result, fields: dict | None = None) -> None:
        """`fields`: the input record's own (Record.fields), written back under their names."""
        self._file.write(json_line(output_record(result, fields, self.id_field, self.text_field)))

    def commit(self) -> None:
        self._file.commit()

    def abort(self) -> None:
        self._file.abort()
