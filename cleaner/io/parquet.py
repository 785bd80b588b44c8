"""Parquet input, read a row group at a time: a file's row groups are its units of work.

A Parquet file keeps its rows in row groups, each readable on its own through
the offsets in the file's footer. So a shard of a Parquet file is a run of
whole row groups (shards.py), a worker reads only its own, and two workers
share a big file. A reader holds one batch of rows (`BATCH_BYTES`), never the
whole file, nor even a whole row group, which it reads page by page (`READ_BUFFER`).
Each row is a document: its text in the `text_field` column, its id in
`id_field` (else `FILE:ROW`, rows counted from 1 as JSONL counts lines), and
every other column as metadata, in the form JSON holds (a report and a JSONL
output write it): a timestamp or date as ISO 8601 text, bytes as base64,
decimals as text. The row itself, with its columns' types, travels with the
record (`Record.row`), for a Parquet output that copies it (parquet_out.py).

pyarrow is an optional dependency (`pip install 'cleaner[parquet]'`); only
reading or writing Parquet imports this module, so it costs nothing otherwise.
"""
from __future__ import annotations

import base64
import datetime
import decimal
import json
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from . import paths
from .readers import _UNREADABLE, ReadOptions, Source, _check_text, _Rejected, _too_big
from .records import Record, Reject, given_id

BATCH_BYTES = 1 << 20  # about this much of a row group (uncompressed, as its footer counts) decoded at a time,
BATCH_ROWS = 1024      # and no more rows than this (each row is some Python objects)
# Read a column chunk through a buffer of this size, page by page: unbuffered, pyarrow reads a
# whole column chunk into memory (a 480 MB row group: 570 MiB peak RSS, against 108 MiB buffered).
READ_BUFFER = 1 << 20
UNREADABLE = (*_UNREADABLE, pa.ArrowException)


def footer(path: str) -> tuple[pa.Schema, list[tuple[int, int]]]:
    """The columns of the Parquet file at `path`, and (rows, bytes on disk) of each of its row
    groups: what its footer says, read without a row."""
    with pq.ParquetFile(**paths.arrow(path)) as f:
        meta = f.metadata
        groups = [(group.num_rows, sum(group.column(c).total_compressed_size for c in range(group.num_columns)))
                  for group in map(meta.row_group, range(meta.num_row_groups))]
        return f.schema_arrow, groups


def text_problem(columns: pa.Schema, text_field: str) -> str | None:
    """Why a file with these columns has no texts to clean, or None."""
    if text_field not in columns.names:
        return f"no column {text_field!r} (the columns: {', '.join(columns.names)}); see --text-field"
    kind = columns.field(text_field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return f"the column {text_field!r} holds {kind}, not strings"
    return None


def read_rows(source: Source, options: ReadOptions, start: int = 0, end: int | None = None,
              row: int = 0) -> Iterator[Record | Reject]:
    """The records of row groups [start, end) of a Parquet file (end None: to the last), which
    come after `row` rows; a file that cannot be read, or has no text column, is one reject."""
    try:
        with pq.ParquetFile(**paths.arrow(source.file or source.path), buffer_size=READ_BUFFER,
                            pre_buffer=False) as f:
            problem = text_problem(f.schema_arrow, options.text_field)
            if problem:
                raise _Rejected(problem)
            for batch in row_batches(f, start, end):
                yield from _records(batch, source, options, row)
                row += batch.num_rows
    except _Rejected as e:
        yield Reject(source.name, source.path, str(e))
    except UNREADABLE as e:
        after = f" (after row {row})" if row else ""
        yield Reject(source.name, source.path, f"cannot read as Parquet: {_message(e)}{after}")


def row_batches(f: pq.ParquetFile, start: int = 0, end: int | None = None) -> Iterator[pa.RecordBatch]:
    """The rows of row groups [start, end) of an open Parquet file, in order, a batch of about
    `BATCH_BYTES` at a time (`batch_rows`)."""
    for group in range(start, f.num_row_groups if end is None else end):
        yield from f.iter_batches(batch_rows(f.metadata.row_group(group)), row_groups=[group], use_threads=False)


def batch_rows(group: pq.RowGroupMetaData) -> int:
    """How many rows of a row group make a batch of about `BATCH_BYTES` (`BATCH_ROWS` at most): rows
    of long texts are read fewer at a time, so that a batch, and its texts as Python strings, stay small."""
    return max(1, min(BATCH_ROWS, group.num_rows * BATCH_BYTES // max(group.total_byte_size, 1)))


def _records(batch: pa.RecordBatch, source: Source, options: ReadOptions, row: int) -> Iterator[Record | Reject]:
    columns = {name: batch.column(name).to_pylist() for name in batch.schema.names}
    texts = columns.pop(options.text_field)
    ids = columns.get(options.id_field, [None] * batch.num_rows)
    for i, text in enumerate(texts):
        n = row + i + 1
        named = given_id(ids[i])
        id = named or f"{source.name}:{n}"
        too_big = text is not None and len(text) * 4 > options.max_bytes and len(text.encode()) > options.max_bytes
        try:
            if text is None:
                raise _Rejected(f"the column {options.text_field!r} is null")
            if too_big:
                raise _Rejected(_too_big(options))
            _check_text(text)
        except _Rejected as e:      # the row is kept as JSON holds it, but for a text over --max-doc-mb
            row_as_read = None if too_big else json.dumps(
                {name: text if name == options.text_field else _plain(columns[name][i])
                 for name in batch.schema.names}, ensure_ascii=False)
            yield Reject(id, f"{source.path}:{n}", f"row {n}: {e}", row_as_read)
            continue
        metadata = {name: _plain(values[i]) for name, values in columns.items()
                    if not (named is not None and name == options.id_field)}
        fields = {name: text if name == options.text_field else metadata.get(name, ids[i])
                  for name in batch.schema.names}
        yield Record(id, text, metadata, f"{source.path}:{n}", (batch, i), fields)


def _plain(value):
    """`value` as JSON can hold it: what JSON has no type for becomes text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime.timedelta, decimal.Decimal)):
        return str(value)
    return value


def _message(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error).strip().splitlines()[0]
