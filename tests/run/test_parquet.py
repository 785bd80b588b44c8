"""Parquet runs: a big file shared by workers a row group at a time, the same bytes for any --jobs."""
import json

import pyarrow as pa
import pyarrow.parquet as pq

import cleaner
from cleaner.cli import main

from .conftest import dump_records

SMALL_SHARDS = ["--shard-mb", "0.004"]


def clean(*args) -> int:
    return main(["clean", *map(str, args), "-q"])


def wire(path, rows: int, row_group_size: int = 40):
    """`rows` news records of the run dump (some only whitespace) as Parquet, with typed columns."""
    records = dump_records(rows)
    table = pa.table({"doc_id": [r["id"] for r in records], "body": [r["text"] for r in records],
                      "words": pa.array([len(r["text"].split()) for r in records], pa.int32())})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=row_group_size)
    return records


def test_parquet_rows_clean_into_jsonl_on_any_number_of_jobs(tmp_path):
    records = wire(tmp_path / "in/wire.parquet", 200)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert clean(tmp_path / "in", "-o", out, "--text-field", "body", "--id-field", "doc_id",
                     "--jobs", jobs, *SMALL_SHARDS) == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    lines = [json.loads(line) for line in outs[0].splitlines()]
    kept = [r for r in records if r["text"].strip()]
    assert [(d["id"], d["text"]) for d in lines] == [(r["id"], cleaner.clean(r["text"]).text) for r in kept]
    assert lines[0]["metadata"] == {"words": len(kept[0]["text"].split())}
