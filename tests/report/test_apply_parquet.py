"""`cleaner apply` on a run that wrote Parquet: decisions honoured in the text, every other column kept."""
import datetime
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cleaner import Edit
from cleaner.cli import main
from cleaner.edits import FIX, replay, undo
from cleaner.report.data import groups

from .conftest import records
from .test_apply import decide

SAMPLE = Path(__file__).resolve().parents[2] / "data/sample"


@pytest.fixture
def parquet_run(tmp_path):
    """(run output, report folder) of `cleaner clean` on the sample's texts as Parquet rows, with
    columns of other types beside them and the edits as a column."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (SAMPLE / "wire.jsonl").read_text(encoding="utf-8").splitlines()]
    n = len(texts)
    table = pa.table({
        "doc": [f"d{i}" for i in range(n)],
        "body": texts,
        "words": [len(t.split()) for t in texts],
        "seen": [datetime.datetime(2022, 10, 12, i % 24) for i in range(n)],
        "tags": [["news", str(i)] if i % 3 else None for i in range(n)],
    })
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=3)
    out, rep = tmp_path / "out.parquet", tmp_path / "rep"
    assert main(["clean", str(tmp_path / "in.parquet"), "-o", str(out), "--report", str(rep), "--text-field", "body",
                 "--id-field", "doc", "--edits-column", "--shard-mb", "0.004", "-q"]) == 0
    return out, rep


def test_a_parquet_run_is_applied_into_parquet_with_its_columns(parquet_run, tmp_path):
    out, rep = parquet_run
    docs = records(rep)
    n, doc = next((n, r) for n, r in enumerate(docs) if sum(e["kind"] == FIX for e in r["edits"]) >= 2)
    edits = [Edit.from_dict(e) for e in doc["edits"]]
    first = next(i for i, e in enumerate(edits) if e.kind == FIX)
    decide(rep, {"scope": "edit", "doc": n, "id": doc["id"], "edit": first, "decision": "reject"})
    applied = tmp_path / "applied.parquet"
    assert main(["apply", str(rep), "-o", str(applied), "-q"]) == 0

    before, after = pq.read_table(out), pq.read_table(applied)
    assert after.schema.equals(before.schema, check_metadata=True)
    rows = {r["doc"]: r for r in after.to_pylist()}
    assert len(rows) == before.num_rows == len(docs)
    for row in before.to_pylist():
        if row["doc"] != doc["id"]:
            assert rows[row["doc"]] == row          # untouched rows come out as the run wrote them
    group_of = groups(edits)
    rejected = {i for i, g in enumerate(group_of) if i == first or g >= 0 and g == group_of[first]}
    stays = [e for i, e in enumerate(edits) if i not in rejected]
    run_row = next(r for r in before.to_pylist() if r["doc"] == doc["id"])
    original = undo(run_row["body"], [e for e in edits if e.kind == FIX])
    got = rows[doc["id"]]
    assert got["body"] == replay(original, stays) != run_row["body"]
    assert got["changed"] == (got["body"] != original)
    assert [Edit.from_dict(e) for e in json.loads(got["edits"])] == stays
    assert {k: v for k, v in got.items() if k not in ("body", "changed", "edits")} == \
           {k: v for k, v in run_row.items() if k not in ("body", "changed", "edits")}

    # deterministic, and over the run's own output too: applying again gives the same bytes
    first_bytes = applied.read_bytes()
    assert main(["apply", str(rep), "-o", str(applied), "-q"]) == 0
    assert applied.read_bytes() == first_bytes
    assert main(["apply", str(rep), "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == first_bytes


def test_a_parquet_run_is_not_applied_into_text_nor_from_a_changed_output(parquet_run, tmp_path, capsys):
    out, rep = parquet_run
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied.jsonl")]) == 2
    assert "applied into Parquet" in capsys.readouterr().err
    assert not (tmp_path / "applied.jsonl").exists()

    table = pq.read_table(out)
    bodies = table.column("body").to_pylist()
    edited = next(i for i, r in enumerate(records(rep)) if r["edits"])
    bodies[edited] = bodies[edited] + " Edited by hand."
    changed = table.set_column(table.schema.get_field_index("body"), "body", pa.array(bodies))
    pq.write_table(changed, out)
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied.parquet")]) == 2
    assert f"the text of 'd{edited}' is not what the report recorded" in capsys.readouterr().err
    assert not (tmp_path / "applied.parquet").exists()
