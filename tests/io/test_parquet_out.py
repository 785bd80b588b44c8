"""Parquet output: a shard's part, written in pieces and row groups, and joined."""
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import cleaner
from cleaner.io import Record, discover, read
from cleaner.io import parquet_out
from cleaner.io.parquet_out import ParquetPart, join_parts, output_schema

TEXTS = ["The caf\u00c3\u00a9 opened  today.", "Fish &amp; chips for two.", "The council voted.The vote was close.",
         "A \u201cclean\u201d letter."]


def write_part(source, path, edits: bool) -> list:
    """The records of `source` cleaned into a part at `path`, then the part joined twice over; the results."""
    sources = discover([str(source)])
    schema = output_schema(sources, "text", edits)
    part = ParquetPart(path, schema, "text")
    results = []
    for record in read(sources):
        assert isinstance(record, Record)
        results.append(cleaner.clean(record.text))
        part.add(record.row, results[-1])
    part.commit()
    join_parts([path, path], path.with_name("joined.parquet"), schema)
    return results


def test_a_part_writes_its_rows_in_order_whatever_pieces_and_row_groups_it_holds(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet_out, "PIECE_CHARS", 100)        # a few rows of a batch at a time
    monkeypatch.setattr(parquet_out, "ROW_GROUP_BYTES", 1500)   # a few pieces a row group
    rows = 60
    table = pa.table({"text": pa.array([f"{TEXTS[i % len(TEXTS)]} Item {i}." for i in range(rows)], pa.large_string()),
                      "n": pa.array(range(rows), pa.int16())})
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=25)
    results = write_part(tmp_path / "in.parquet", tmp_path / "part.parquet", edits=True)

    part = pq.ParquetFile(tmp_path / "part.parquet")
    assert part.metadata.num_row_groups > 3
    written = part.read()
    assert written.schema.field("text").type == pa.large_string()
    assert written.column("n").equals(table.column("n"))
    assert written.column("text").to_pylist() == [r.text for r in results]
    assert written.column("changed").to_pylist() == [r.changed for r in results]
    assert any(r.changed for r in results) and not all(r.changed for r in results)
    assert [json.loads(e) for e in written.column("edits").to_pylist()] == [json.loads(r.edits_json()) for r in results]
    joined = pq.ParquetFile(tmp_path / "joined.parquet")
    assert joined.metadata.num_row_groups == 2 * part.metadata.num_row_groups
    assert joined.read().equals(pa.concat_tables([written, written]))


def test_an_input_column_named_edits_is_kept_when_no_edits_column_is_asked_for(tmp_path):
    table = pa.table({"text": TEXTS, "edits": pa.array([7, 8, 9, 10], pa.int64())})
    pq.write_table(table, tmp_path / "in.parquet")
    results = write_part(tmp_path / "in.parquet", tmp_path / "part.parquet", edits=False)
    written = pq.read_table(tmp_path / "part.parquet")
    assert written.column_names == ["text", "edits", "changed"]
    assert written.column("edits").equals(table.column("edits"))
    assert written.column("text").to_pylist() == [r.text for r in results]


def test_writing_a_part_does_not_import_pandas(tmp_path):
    """pa.array imports pandas (to ask whether a list is a pandas object): a worker writing a part
    would load it for nothing. In a fresh process, as this one may have loaded it already."""
    pq.write_table(pa.table({"text": TEXTS}), tmp_path / "in.parquet")
    code = ("import pathlib, sys; import cleaner; from cleaner.io import discover, read; "
            "from cleaner.io.parquet_out import ParquetPart, output_schema; "
            f"sources = discover([{str(tmp_path / 'in.parquet')!r}]); "
            f"part = ParquetPart({str(tmp_path / 'p.parquet')!r}, output_schema(sources, 'text', True), 'text'); "
            "[part.add(r.row, cleaner.clean(r.text)) for r in read(sources)]; part.commit(); "
            "print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
