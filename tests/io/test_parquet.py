"""Parquet input: rows as records, row groups as shards, read a row group at a time."""
import datetime
import decimal
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cleaner.io import ReadOptions, Record, Reject, discover, read
from cleaner.io.shards import plan, read_shard

TEXTS = ["The caf\u00c3\u00a9 opened  today.", "Fish &amp; chips for two.", "The council voted.The vote was close.",
         "A \u201cclean\u201d letter."]


def news(rows: int) -> pa.Table:
    return pa.table({"id": [f"n-{i}" for i in range(rows)],
                     "text": [f"{TEXTS[i % len(TEXTS)]} Item {i}." for i in range(rows)],
                     "words": pa.array([i * 7 for i in range(rows)], pa.int32())})


def test_rows_are_records_with_ids_and_metadata_as_json_holds_it(tmp_path):
    table = pa.table({
        "doc_id": ["a", None, "c", "d"],
        "body": ["One  two.", "Three.", None, "   "],
        "when": pa.array([datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.timezone.utc)] * 4,
                         pa.timestamp("us", tz="UTC")),
        "day": pa.array([datetime.date(2024, 3, 5)] * 4),
        "raw": [b"\x00\xff"] * 4, "price": pa.array([decimal.Decimal("1.50")] * 4, pa.decimal128(5, 2)),
        "tags": [["x"], [], None, ["y", "z"]], "nothing": pa.nulls(4)})
    pq.write_table(table, tmp_path / "w.parquet")
    items = list(read(discover([str(tmp_path)]), ReadOptions(text_field="body", id_field="doc_id")))
    path = tmp_path / "w.parquet"
    meta = {"when": "2024-03-05T09:30:00+00:00", "day": "2024-03-05", "raw": "AP8=", "price": "1.50",
            "nothing": None}
    assert items == [
        Record("a", "One  two.", {**meta, "tags": ["x"]}, f"{path}:1"),
        Record("w.parquet:2", "Three.", {"doc_id": None, **meta, "tags": []}, f"{path}:2"),
        Reject("c", f"{path}:3", "row 3: the column 'body' is null", json.dumps(
            {"doc_id": "c", "body": None, **dict(list(meta.items())[:-1]), "tags": None, "nothing": None})),
        Reject("d", f"{path}:4", "row 4: document is only whitespace", json.dumps(
            {"doc_id": "d", "body": "   ", **dict(list(meta.items())[:-1]), "tags": ["y", "z"], "nothing": None}))]
    # a rejected row keeps its fields (rejects.jsonl's `record`): input = output + rejects, whatever the format


def test_a_row_over_max_doc_mb_is_rejected_without_its_text(tmp_path):
    pq.write_table(pa.table({"id": ["big", "small"], "text": ["x" * 3_000_000, "Fine text."]}), tmp_path / "b.parquet")
    items = list(read(discover([str(tmp_path)]), ReadOptions(max_doc_mb=1)))
    assert items[0] == Reject("big", f"{tmp_path / 'b.parquet'}:1",
                              "row 1: document is bigger than the --max-doc-mb limit of 1 MiB")
    assert items[0].record is None and items[1].text == "Fine text."


def test_a_file_without_the_text_column_is_one_reject(tmp_path):
    pq.write_table(news(30), tmp_path / "n.parquet", row_group_size=10)
    pq.write_table(pa.table({"text": [1, 2]}), tmp_path / "ints.parquet")
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 but not really")
    sources = discover([str(tmp_path)])
    items = [i for s in plan(sources, 1, "body") for i in read_shard(s, ReadOptions(text_field="body"))]
    assert [(i.id, i.reason) for i in items] == [
        ("ints.parquet", "no column 'body' (the columns: text); see --text-field"),
        ("junk.parquet", "cannot read as Parquet: Parquet magic bytes not found in footer. Either the file is "
                         "corrupted or this is not a parquet file."),
        ("n.parquet", "no column 'body' (the columns: id, text, words); see --text-field")]
    assert [i.reason for i in read(sources[:1])] == ["the column 'text' holds int64, not strings"]


@pytest.mark.parametrize("shard_bytes", [1, 400, 1 << 20])
def test_shards_are_runs_of_row_groups_and_read_as_the_whole_file(tmp_path, shard_bytes):
    pq.write_table(news(95), tmp_path / "n.parquet", row_group_size=10)
    sources = discover([str(tmp_path)])
    shards = plan(sources, shard_bytes)
    pieces = [(s.pieces[0].start, s.pieces[0].end, s.pieces[0].line) for s in shards]
    assert pieces[0][0] == 0 and pieces[-1][1] == 10
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # whole row groups, each in one shard
    assert [line for _, _, line in pieces] == [start * 10 for start, _, _ in pieces]
    if shard_bytes == 1:
        assert len(shards) == 10  # a row group bigger than a shard is a shard of its own
    if shard_bytes == 1 << 20:
        assert len(shards) == 1
    items = [item for s in shards for item in read_shard(s)]
    assert items == list(read(sources))
    assert [r.id for r in items] == [f"n-{i}" for i in range(95)]
    assert sum(s.size for s in shards) < (tmp_path / "n.parquet").stat().st_size


def test_a_file_is_read_a_row_group_at_a_time(tmp_path):
    """Damage the last row group after the first record is read: a reader that had read the whole
    file would not notice; one that reads a row group when it gets there rejects that row group,
    after the rows before it."""
    path = tmp_path / "n.parquet"
    pq.write_table(news(30), path, row_group_size=10, compression="snappy")
    last = pq.ParquetFile(path).metadata.row_group(2)
    start = min(last.column(c).data_page_offset for c in range(last.num_columns))
    end = max(last.column(c).data_page_offset + last.column(c).total_compressed_size for c in range(last.num_columns))
    records = read(discover([str(path)]))
    assert next(records).id == "n-0"
    with open(path, "r+b") as f:
        f.seek(start)
        f.write(b"\xff" * (end - start))
    *rest, reject = records
    assert [r.id for r in rest] == [f"n-{i}" for i in range(1, 20)]
    assert reject.id == "n.parquet" and reject.reason.startswith("cannot read as Parquet: ")
    assert reject.reason.endswith("(after row 20)")


def test_a_big_row_group_is_read_page_by_page(tmp_path):
    """pyarrow, unbuffered, reads a whole column chunk before the first row: 24 MB here, where a
    batch of rows is 1 MB."""
    rows = 24000
    texts = [f"Report {i}: " + " ".join(f"w{(i * 7919 + k) % 100003}" for k in range(150)) for i in range(rows)]
    path = tmp_path / "one-group.parquet"
    pq.write_table(pa.table({"text": texts}), path, row_group_size=rows, compression="none", use_dictionary=False)
    assert pq.ParquetFile(path).metadata.row_group(0).total_byte_size > 20 << 20
    before = pa.total_allocated_bytes()
    records = read(discover([str(path)]))
    assert next(records).text == texts[0]
    assert pa.total_allocated_bytes() - before < 6 << 20
    assert sum(1 for _ in records) == rows - 1


def test_a_row_group_of_long_texts_is_read_fewer_rows_at_a_time(tmp_path):
    """A batch holds about BATCH_BYTES of the row group, however long its rows: 1,024 rows of
    these texts would be 20 MB, held as Python strings too."""
    rows = 1200
    texts = [f"Report {i}: " + "word " * 4000 for i in range(rows)]
    pq.write_table(news(rows).set_column(1, "text", pa.array(texts)), tmp_path / "long.parquet", row_group_size=rows)
    sizes, last = [], None
    for record in read(discover([str(tmp_path / "long.parquet")])):
        if record.row[0] is not last:
            last = record.row[0]
            sizes.append(last.num_rows)
    assert sum(sizes) == rows
    assert 40 <= max(sizes) <= 60    # 1 MiB of rows of 20 kB
