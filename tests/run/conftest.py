"""A dump big enough to cut into many shards, with defects, clean documents and bad records."""
import json
from pathlib import Path

import pytest

TEMPLATES = [
    "Doc {i}: the caf\u00c3\u00a9 opened  today.\r\nIt was theplan all along.\n",
    "date 2022-10-12 Council vote {i}\nThe council voted on the harbour budget.The vote was close.\n",
    "A \u201cclean\u201d letter, number {i}.\n",
    "Fish &amp; chips for {i}\u00a0people, said\u201cthe owner\u201d.\n",
]


def dump_records(n: int) -> list[dict]:
    records = []
    for i in range(n):
        if i % 97 == 13:
            records.append({"id": f"d{i}", "text": "   "})  # rejected: only whitespace
        else:
            records.append({"id": f"d{i}", "text": TEMPLATES[i % len(TEMPLATES)].format(i=i) * (1 + i % 5)})
    return records


def write_jsonl(path: Path, records) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in records) + b"not json\n")
    return path


@pytest.fixture
def dump(tmp_path) -> Path:
    """A folder: one JSONL file of 400 records and a bad line, and a few txt files."""
    root = tmp_path / "in"
    write_jsonl(root / "wire.jsonl", dump_records(400))
    for i in range(30):
        (root / "txt" / f"t{i:02}.txt").parent.mkdir(parents=True, exist_ok=True)
        (root / "txt" / f"t{i:02}.txt").write_text(TEMPLATES[i % len(TEMPLATES)].format(i=i), encoding="utf-8")
    return root


def wire(path: Path, rows: int, row_group_size: int = 40) -> list[dict]:
    """`rows` news records of the run dump (some only whitespace) as Parquet, with typed columns."""
    import pyarrow as pa  # the Parquet tests' own dependency (the `test` extra has it)
    import pyarrow.parquet as pq

    records = dump_records(rows)
    table = pa.table({"doc_id": [r["id"] for r in records], "body": [r["text"] for r in records],
                      "words": pa.array([len(r["text"].split()) for r in records], pa.int32())})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=row_group_size)
    return records


def report_files(rep: Path) -> dict[str, bytes]:
    """Every file of a report folder, summary.json without what differs between runs (time, options, where OUT is),
    and report.html only as a page that carries that summary."""
    files = {p.relative_to(rep).as_posix(): p.read_bytes() for p in sorted(rep.rglob("*")) if p.is_file()}
    assert b"cleanerReport" in files.pop("report.html")
    summary = json.loads(files.pop("summary.json"))
    for key in ("seconds", "stage_time", "options", "resumed", "output"):
        summary.pop(key, None)
    files["summary.json"] = json.dumps(summary, sort_keys=True).encode()
    return files


def tree(folder: Path) -> dict[str, bytes]:
    """The documents of a txt tree (not cleaner's mark, .cleaner-output)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".cleaner-output"}
