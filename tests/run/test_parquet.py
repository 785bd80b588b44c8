"""Parquet runs: a big file shared by workers a row group at a time, the same bytes for any --jobs."""
import datetime
import json
import os
import signal
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cleaner
from cleaner import Edit
from cleaner.cli import main
from cleaner.edits import replay
from cleaner.io import discover
from cleaner.io.shards import plan

from .conftest import dump_records, report_files, wire
from .test_run import _kill_midway

SMALL_SHARDS = ["--shard-mb", "0.004"]


def clean(*args) -> int:
    return main(["clean", *map(str, args), "-q"])


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
    assert [(d["doc_id"], d["body"]) for d in lines] == [(r["id"], cleaner.clean(r["text"]).text) for r in kept]
    # the row's columns as they came, under their names, in their order; metadata: what cleaner adds
    assert list(lines[0]) == ["doc_id", "body", "words", "metadata"]
    assert lines[0]["words"] == len(kept[0]["text"].split())
    assert lines[0]["metadata"] == {k: v for k, v in cleaner.clean(kept[0]["text"]).metadata.items()}


def typed(rows: int) -> pa.Table:
    """News texts beside columns of every kind a data team keeps, two rows that are rejected."""
    records = dump_records(rows)
    texts = [r["text"] for r in records]
    texts[3] = None
    madrid = datetime.timezone(datetime.timedelta(hours=2))
    return pa.table({
        "id": [r["id"] for r in records],
        "text": texts,
        "words": pa.array([i * 3 for i in range(rows)], pa.int16()),
        "score": [i / 7 for i in range(rows)],
        "front_page": [i % 3 == 0 for i in range(rows)],
        "tags": [["council", "harbour"][: i % 3] or None for i in range(rows)],
        "published": pa.array([datetime.datetime(2022, 10, 12, 9, 30, i % 60, 123456, tzinfo=madrid)
                               for i in range(rows)], pa.timestamp("ns", tz="+02:00")),
        "byline": pa.nulls(rows),
        "place": pa.array([{"city": "Brussels", "lat": 50.85}] * rows),
    })


def test_parquet_round_trip_keeps_every_other_column_and_its_type(tmp_path):
    table = typed(30)
    pq.write_table(table, tmp_path / "news.parquet", row_group_size=8)
    out, rep = tmp_path / "clean.parquet", tmp_path / "rep"
    assert clean(tmp_path / "news.parquet", "-o", out, "--report", rep, "--edits-column", *SMALL_SHARDS) == 1

    cleaned = pq.read_table(out)
    assert cleaned.schema.remove_metadata() == (table.schema.append(pa.field("changed", pa.bool_(), False))
                                                .append(pa.field("edits", pa.string(), False)))
    texts = table.column("text").to_pylist()
    kept = [i for i, t in enumerate(texts) if t is not None and t.strip()]
    assert len(kept) == 30 - 2  # row 4 is null, row 14 only whitespace
    others = [n for n in table.column_names if n != "text"]
    assert cleaned.select(others).equals(table.take(kept).select(others))
    results = [cleaner.clean(texts[i]) for i in kept]
    assert cleaned.column("text").to_pylist() == [r.text for r in results]
    assert cleaned.column("changed").to_pylist() == [r.changed for r in results]
    assert any(cleaned.column("changed").to_pylist()) and not all(cleaned.column("changed").to_pylist())
    for row, result in zip(cleaned.column("edits").to_pylist(), results):
        edits = [Edit.from_dict(e) for e in json.loads(row)]
        assert edits == result.edits
        assert replay(result.original, [e for e in edits if e.kind == "fix"]) == result.text

    summary = json.loads((rep / "summary.json").read_text())
    assert summary["documents"] == {"in": 30, "out": 28, "rejected": 2, "changed": sum(r.changed for r in results)}
    assert summary["output"]["format"] == "parquet"
    rejects = [json.loads(line) for line in (rep / "rejects.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reason"]) for r in rejects] == [("d3", "row 4: the column 'text' is null"),
                                                         ("d13", "row 14: document is only whitespace")]

    assert clean(tmp_path / "news.parquet", "-o", tmp_path / "plain.parquet") == 1
    assert pq.read_schema(tmp_path / "plain.parquet").names == [*table.column_names, "changed"]
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied.jsonl")]) == 2  # apply has no Parquet yet


def test_a_multi_row_group_file_on_2_jobs_gives_the_bytes_of_1_job(tmp_path):
    wire(tmp_path / "in/wire.parquet", 400, row_group_size=25)
    one_group_a_shard = ["--shard-mb", "0.0001"]  # 104 bytes: less than any row group
    assert len(plan(discover([str(tmp_path / "in")]), 104, "body")) == 16
    results = []
    for jobs in ("1", "2"):
        out, rep = tmp_path / jobs / "clean.parquet", tmp_path / jobs / "rep"
        assert clean(tmp_path / "in", "-o", out, "--report", rep, "--text-field", "body", "--id-field", "doc_id",
                     "--jobs", jobs, "--edits-column", *one_group_a_shard) == 1
        results.append((out.read_bytes(), report_files(rep)))
        assert sorted(os.listdir(tmp_path / jobs)) == ["clean.parquet", "rep"]  # no work folder left
    assert results[0] == results[1]
    assert pq.ParquetFile(tmp_path / "1/clean.parquet").metadata.num_rows == 400 - 4  # 4 rows only whitespace


def test_a_parquet_run_killed_midway_and_resumed_writes_what_an_uninterrupted_run_writes(tmp_path):
    wire(tmp_path / "in/wire.parquet", 1500, row_group_size=20)
    fields = ["--text-field", "body", "--id-field", "doc_id", *SMALL_SHARDS]
    assert clean(tmp_path / "in", "-o", tmp_path / "whole.parquet", *fields) == 1
    out = tmp_path / "cut.parquet"
    killed = _kill_midway([tmp_path / "in", "-o", out, "--jobs", "2", *fields], tmp_path / ".cut.parquet.cleaner-run",
                          signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL and not out.exists()
    assert clean(tmp_path / "in", "-o", out, "--jobs", "2", "--resume", *fields) == 1
    assert out.read_bytes() == (tmp_path / "whole.parquet").read_bytes()


@pytest.mark.parametrize("setup, args, message", [
    (lambda d: (d / "a.jsonl").write_text('{"text": "x"}\n'), ["-o", "o.parquet"],
     "a Parquet OUT is made of Parquet inputs, and {d}/a.jsonl is not one: name OUT *.jsonl for a mix"),
    (lambda d: pq.write_table(pa.table({"text": ["x"], "n": [1]}), d / "b.parquet"), ["-o", "o.parquet"],
     "the Parquet inputs have different columns ({d}/a.parquet and {d}/b.parquet): one Parquet OUT takes "
     "inputs of one schema"),
    (lambda d: None, ["-o", "o.parquet", "--text-field", "body"],
     "no input is a readable Parquet file with a string column 'body' to take the output's columns from"),
    (lambda d: pq.write_table(pa.table({"text": ["x"], "changed": [True]}), d / "a.parquet"), ["-o", "o.parquet"],
     "the input already has a column 'changed', which a Parquet output adds"),
    (lambda d: None, ["-o", "o.jsonl", "--edits-column"],
     "--edits-column adds a column to a Parquet OUT (-o OUT.parquet); the report's edits.jsonl has the edits "
     "of any run"),
    (lambda d: None, ["-o", "-", "--format", "parquet"],
     "-o - writes text or JSONL: a Parquet output needs a file, -o OUT.parquet"),
])
def test_a_parquet_out_that_cannot_be_made_stops_before_any_work(tmp_path, monkeypatch, capsys, setup, args, message):
    src = tmp_path / "in"
    src.mkdir()
    pq.write_table(pa.table({"text": ["One  two."]}), src / "a.parquet")
    setup(src)
    monkeypatch.chdir(tmp_path)
    assert main(["clean", "in", *args]) == 2
    assert capsys.readouterr().err == f"cleaner: error: {message.format(d='in')}\n"
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_parquet_in_parquet_out_unless_out_or_format_says_otherwise(tmp_path, capsys):
    wire(tmp_path / "in/wire.parquet", 20, row_group_size=5)
    fields = ["--text-field", "body", "--id-field", "doc_id"]
    assert clean(tmp_path / "in", "-o", tmp_path / "cleaned", *fields) == 1
    assert pq.read_table(tmp_path / "cleaned").column_names == ["doc_id", "body", "words", "changed"]
    assert clean(tmp_path / "in", "-o", tmp_path / "rows", "--format", "txt", *fields) == 1
    assert sorted(os.listdir(tmp_path / "rows"))[1:3] == ["d0.txt", "d1.txt"]   # a txt file per row (after .cleaner-output)
    assert clean(tmp_path / "in", "-o", tmp_path / "rows.jsonl", *fields) == 1
    (tmp_path / "in/note.txt").write_text("A  note.")
    assert clean(tmp_path / "in", "-o", tmp_path / "mixed", *fields) == 1
    assert sorted(os.listdir(tmp_path / "mixed"))[-1] == "note.txt"   # not all Parquet: a txt tree
    capsys.readouterr()
    (tmp_path / "folder").mkdir()
    assert clean(tmp_path / "in/wire.parquet", "-o", tmp_path / "folder", *fields) == 2
    assert capsys.readouterr().err == f"cleaner: error: cannot write {tmp_path / 'folder'}: is a folder, not a " \
                                      "Parquet file name\n"


def test_without_pyarrow_a_parquet_run_stops_before_any_work(tmp_path, monkeypatch, capsys):
    wire(tmp_path / "in/wire.parquet", 5)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # what `import pyarrow.parquet` finds uninstalled
    assert clean(tmp_path / "in", "-o", tmp_path / "out.jsonl") == 2
    assert capsys.readouterr().err == ("cleaner: error: reading or writing Parquet needs pyarrow: "
                                      "pip install 'cleaner[parquet]'\n")
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_a_pandas_frame_comes_back_with_its_index_and_dtypes(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": ["The caf\u00c3\u00a9  opened today.", "   ", "A \u201cclean\u201d letter."],
                          "desk": pd.Categorical(["local", "wire", "local"]), "words": [4, 0, 3]},
                         index=pd.Index([10, 20, 30], name="row"))
    frame.to_parquet(tmp_path / "frame.parquet")
    assert clean(tmp_path / "frame.parquet", "-o", tmp_path / "clean.parquet") == 1
    back = pd.read_parquet(tmp_path / "clean.parquet")
    assert back.index.tolist() == [10, 30] and back.index.name == "row"
    assert back["text"].tolist() == ["The caf\u00e9 opened today.", "A \u201cclean\u201d letter."]
    assert back["desk"].dtype == "category" and back["words"].tolist() == [4, 3]
    assert back["changed"].tolist() == [True, False]
