"""Shards: a run's input cut into pieces that workers read and clean on their own, in a fixed order.

A shard is a run of whole txt files (about `shard_bytes` of them, at most
`MAX_FILES`), a byte range of one JSONL file that starts and ends at line
starts, or a run of whole row groups of one Parquet file (about `shard_bytes`
of them on disk; a bigger row group is a shard of its own). Where the cuts fall depends only on the input and `shard_bytes`, never
on how many workers there are, so every executor, and a resumed run, reads
the same shards and writes the same output.

A big plain JSONL file is cut by one read through it that counts lines (the
ids `FILE:LINE` and the reasons of rejects need line numbers); a worker then
seeks to its range. A compressed stream cannot seek: its worker decompresses
from the start and drops what comes before its range. Decompressing runs a
hundred times faster than cleaning, but so that this stays a small cost a
compressed file gets at most `MAX_COMPRESSED_SHARDS` shards. A file that looks
binary, or cannot be read through, is one shard, read whole: the reader then
rejects it exactly as it would without shards. So is a Parquet file whose
footer cannot be read, or that has no text column.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from . import compression, paths
from .readers import _SNIFF, _UNREADABLE, ReadOptions, Source, read_jsonl_lines, read_parquet, read_txt
from .records import Record, Reject

SHARD_BYTES = 1 << 20
MAX_FILES = 1000               # txt files in one shard at most
MAX_COMPRESSED_SHARDS = 16     # shards of one compressed file at most
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Piece:
    """Bytes [start, end) of a source's content (end None: to its end), after `line` lines; of a
    Parquet file, row groups [start, end), after `line` rows."""

    source: Source
    start: int = 0
    end: int | None = None
    line: int = 0


@dataclass(frozen=True)
class Shard:
    index: int
    pieces: tuple[Piece, ...]
    size: int  # bytes of input, for progress (a compressed txt file counts its compressed size)

    def to_json(self) -> dict:
        return {"index": self.index, "size": self.size,
                "pieces": [[p.source.path, p.source.name, p.source.format, p.start, p.end, p.line]
                           for p in self.pieces]}


def plan(sources: Iterable[Source], shard_bytes: int = SHARD_BYTES, text_field: str = "text") -> list[Shard]:
    """The shards of `sources`, in input order. Sources get an absolute `file` to open. A Parquet
    file without a `text_field` column is one shard, which its reader rejects whole."""
    shards: list[Shard] = []
    txt: list[Piece] = []
    txt_size = 0

    def add(pieces, size):
        shards.append(Shard(len(shards), tuple(pieces), size))

    for source in sources:
        if not source.file and source.path != "-" and not paths.is_url(source.path):
            source = replace(source, file=os.path.abspath(source.path))
        size = _size(source)
        if source.format == "txt":
            txt.append(Piece(source))
            txt_size += size
            if txt_size >= shard_bytes or len(txt) >= MAX_FILES:
                add(txt, txt_size)
                txt, txt_size = [], 0
            continue
        if txt:
            add(txt, txt_size)
            txt, txt_size = [], 0
        if source.format == "parquet":
            for piece, piece_size in _row_group_runs(source, shard_bytes, text_field):
                add([piece], piece_size)
            continue
        compressed = bool(compression.suffix(source.file or source.path))
        if not compressed and size <= shard_bytes:
            add([Piece(source)], size)
            continue
        for piece, piece_size in _cut(source, shard_bytes, compressed):
            add([piece], piece_size)
    if txt:
        add(txt, txt_size)
    return shards


def read_shard(shard: Shard, options: ReadOptions = ReadOptions()) -> Iterator[Record | Reject]:
    """The records and rejects of a shard, in order: what `read` gives for the same bytes."""
    for piece in shard.pieces:
        if piece.source.format == "jsonl":
            yield from read_jsonl_lines(piece.source, options, piece.start, piece.end, piece.line)
        elif piece.source.format == "parquet":
            yield from read_parquet(piece.source, options, piece.start, piece.end, piece.line)
        else:
            yield from read_txt(piece.source, options)


def _size(source: Source) -> int:
    try:
        return paths.size(source.file or source.path)
    except OSError:
        return 0


def _cut(source: Source, shard_bytes: int, compressed: bool) -> list[tuple[Piece, int]]:
    """Pieces of about `shard_bytes` that start at line starts; the whole file if it cannot be cut."""
    try:
        cuts, total = _line_starts(source, shard_bytes)
    except (*_UNREADABLE, _Binary):
        return [(Piece(source), _size(source))]
    if compressed and len(cuts) > MAX_COMPRESSED_SHARDS:
        step = -(-len(cuts) // MAX_COMPRESSED_SHARDS)
        cuts = cuts[::step]
    ends = [start for start, _ in cuts[1:]] + [None]
    return [(Piece(source, start, end, line), (end if end is not None else total) - start)
            for (start, line), end in zip(cuts, ends)]


def _row_group_runs(source: Source, shard_bytes: int, text_field: str) -> list[tuple[Piece, int]]:
    """Runs of whole row groups of about `shard_bytes` on disk; the whole file if it has no
    readable footer or no text column (the reader then says why), or no row group."""
    whole = [(Piece(source), _size(source))]
    from .parquet import UNREADABLE, footer, text_problem  # pyarrow loads only for a Parquet input
    try:
        columns, groups = footer(source.file or source.path)
    except UNREADABLE:
        return whole
    if text_problem(columns, text_field) or not groups:
        return whole
    runs: list[tuple[Piece, int]] = []
    start = rows = run_rows = size = 0
    for group, (group_rows, group_bytes) in enumerate(groups):
        if group > start and size + group_bytes > shard_bytes:
            runs.append((Piece(source, start, group, run_rows), size))
            start, run_rows, size = group, rows, 0
        size += group_bytes
        rows += group_rows
    runs.append((Piece(source, start, len(groups), run_rows), size))
    return runs


class _Binary(Exception):
    pass


def _line_starts(source: Source, shard_bytes: int) -> tuple[list[tuple[int, int]], int]:
    """(offset, lines before it) of the first line start at or after every `shard_bytes`, and the size."""
    cuts = [(0, 0)]
    pos = lines = 0
    target = shard_bytes
    with compression.open_read(source.file or source.path) as f:
        if b"\0" in f.peek(_SNIFF)[:_SNIFF]:
            raise _Binary
        for block in iter(lambda: f.read(_BLOCK), b""):
            while True:
                nl = block.find(b"\n", max(target - 1 - pos, 0))
                if nl < 0:
                    break
                start = pos + nl + 1
                cuts.append((start, lines + block.count(b"\n", 0, nl + 1)))
                target = start + shard_bytes
            lines += block.count(b"\n")
            pos += len(block)
    if len(cuts) > 1 and cuts[-1][0] >= pos:  # a cut at the very end would make an empty shard
        cuts.pop()
    return cuts, pos
