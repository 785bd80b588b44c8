"""Parquet output: the input's rows with their text cleaned, every other column as it came.

Data teams keep columns beside the text (ids, dates, scores, lists) with types
that JSON would lose, so a Parquet output copies them from the input rows
(`Record.row`) with their types rather than from the metadata, and adds a
`changed` column (did cleaning change the text) and, when asked, an `edits`
column (the row's edits as a JSON list, as `cleaner.dask.clean_column` writes
them). Rejected rows are left out, as a JSONL output leaves them out: they are
in rejects.jsonl. The inputs of one Parquet output have one schema.

Each shard writes its rows to a part in its folder (`ParquetPart`), holding
at most `ROW_GROUP_BYTES` of cleaned rows before it writes them as a row
group; the run then copies the parts' row groups, in shard order, into OUT
(`join_parts`), one row group at a time. A part depends on its shard alone,
so OUT is the same bytes for any number of workers.
"""
from __future__ import annotations

import array
import itertools
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..result import Result
from .atomic import AtomicFile, Committable
from .parquet import READ_BUFFER, UNREADABLE, footer, text_problem
from .readers import Source

CHANGED = "changed"
EDITS = "edits"
# Cleaned rows held (Arrow bytes) before they are written as a row group. A worker holds them, then
# the join decodes one such row group at a time: 22 MB in one process, 16 MiB cost the shard 17 MiB
# and the join 26 MiB more than 4 MiB did (about 1,600 documents of 2.4 kB a row group, many more
# than the 1,000 rows of a Hugging Face datasets row group).
ROW_GROUP_BYTES = 4 << 20
PIECE_CHARS = 1 << 20       # cleaned text held as Python strings before it is made an Arrow column


def output_schema(sources: Iterable[Source], text_field: str, edits: bool) -> pa.Schema:
    """The columns of a Parquet OUT: those of the inputs, then `changed` (and `edits`). ValueError
    if an input is not Parquet, the inputs' columns differ, or already hold a column cleaner adds.
    Inputs that cannot be read, or have no text column, take no part: their readers reject them."""
    found: dict[pa.Schema, str] = {}  # the columns (without their metadata) → the first file that has them
    first = None                      # the columns of the first usable input, with its metadata
    for source in sources:
        if source.format != "parquet":
            raise ValueError(f"a Parquet OUT is made of Parquet inputs, and {source.path} is not one: "
                             "name OUT *.jsonl for a mix")
        try:
            columns, _ = footer(source.file or source.path)
        except UNREADABLE:
            continue
        if not text_problem(columns, text_field):
            found.setdefault(columns.remove_metadata(), source.path)
            first = columns if first is None else first
    if first is None:
        raise ValueError(f"no input is a readable Parquet file with a string column {text_field!r} "
                         "to take the output's columns from")
    if len(found) > 1:
        a, b = list(found.values())[:2]
        raise ValueError(f"the Parquet inputs have different columns ({a} and {b}): one Parquet OUT "
                         "takes inputs of one schema")
    added = [pa.field(CHANGED, pa.bool_(), nullable=False)]
    if edits:
        added.append(pa.field(EDITS, pa.string(), nullable=False))
    for field in added:
        if field.name in first.names:
            raise ValueError(f"the input already has a column {field.name!r}, which a Parquet output adds")
    for field in added:
        first = first.append(field)
    return first


class ParquetPart(Committable):
    """A shard's cleaned rows, as a Parquet file of the output's columns, written atomically.

    It holds the cleaned rows of one input batch at most (and of no more than `PIECE_CHARS` of
    text) as Python values, and `ROW_GROUP_BYTES` of them at most as Arrow columns: its memory does
    not grow with the shard, nor with the input's batches."""

    def __init__(self, path: str | Path, schema: pa.Schema, text_field: str):
        self._file = AtomicFile(path)
        self._writer = pq.ParquetWriter(self._file.file, schema)
        self._schema = schema
        # the columns a row's result fills: the text, and the ones cleaner adds, which come last
        # (an input's own `edits` column, when no edits column is asked for, is copied as it came)
        added = schema.names[schema.get_field_index(CHANGED):]
        self._values: dict[str, list] = {name: [] for name in (text_field, *added)}
        self._tables: list[pa.Table] = []
        self._held = 0
        self._batch = None
        self._rows: list[int] = []
        self._chars = 0

    def add(self, row: tuple, result: Result) -> None:
        """The input row (record batch, index) `result` cleaned, to be written with the rows of its batch."""
        batch, index = row
        if batch is not self._batch or self._chars >= PIECE_CHARS:
            self._take()
            self._batch = batch
        self._rows.append(index)
        for name, values in self._values.items():
            values.append(result.changed if name == CHANGED else result.edits_json() if name == EDITS
                          else result.text)
        self._chars += len(result.text)

    def _take(self) -> None:
        """The rows held, with their new columns, into the next row group."""
        if self._rows:
            rows = _array(pa.int64(), self._rows)
            columns = [_array(field.type, self._values[field.name]) if field.name in self._values
                       else self._batch.column(field.name).take(rows) for field in self._schema]
            table = pa.Table.from_arrays(columns, schema=self._schema)
            self._tables.append(table)
            self._held += table.nbytes
        self._batch, self._rows, self._chars = None, [], 0
        for values in self._values.values():
            values.clear()
        if self._held >= ROW_GROUP_BYTES:
            self._write()

    def _write(self) -> None:
        if self._tables:
            table = pa.concat_tables(self._tables)
            self._writer.write_table(table, row_group_size=table.num_rows)
        self._tables, self._held = [], 0

    def commit(self, durable: bool = False) -> None:
        self._take()
        self._write()
        self._writer.close()
        self._file.commit(durable)

    def abort(self) -> None:
        self._writer.close()
        self._file.abort()


def join_parts(parts: Iterable[Path], output: str | Path, schema: pa.Schema) -> None:
    """The parts' row groups, in order, into one Parquet file at `output`, atomically; a row group
    at a time, so joining takes no more memory than the biggest row group."""
    with AtomicFile(output) as out:
        writer = pq.ParquetWriter(out.file, schema)
        for part in parts:
            with pq.ParquetFile(part, buffer_size=READ_BUFFER, pre_buffer=False) as f:
                for group in range(f.num_row_groups):
                    table = f.read_row_group(group, use_threads=False)
                    writer.write_table(table, row_group_size=max(table.num_rows, 1))
        writer.close()


def _array(kind: pa.DataType, values: list) -> pa.Array:
    """`values`, none of them None, as an Arrow array of `kind` (int64, bool, a string type), built
    from its buffers: `pa.array` would first import pandas to ask whether the list is a pandas
    object, and pandas costs each worker process about 48 MiB that it never uses."""
    if pa.types.is_boolean(kind):
        bits = bytearray((len(values) + 7) // 8)
        for i, value in enumerate(values):
            if value:
                bits[i >> 3] |= 1 << (i & 7)
        buffers = [None, pa.py_buffer(bits)]
    elif pa.types.is_int64(kind):
        buffers = [None, pa.py_buffer(array.array("q", values))]
    else:
        data = [value.encode("utf-8") for value in values]
        offsets = array.array("q" if pa.types.is_large_string(kind) else "i",
                              itertools.accumulate(map(len, data), initial=0))
        buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))]
    return pa.Array.from_buffers(kind, len(values), buffers)
