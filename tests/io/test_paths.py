"""Inputs and outputs as URLs (fsspec: memory:// here, s3:// gs:// hf:// alike) and file://, and
quoted globs: the same bytes as local paths give."""
import gzip
import io
import json
import multiprocessing
import uuid
from pathlib import Path

import pytest

from cleaner.cli import main

fsspec = pytest.importorskip("fsspec")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

RECORDS = [{"doc_id": f"w-{i}", "body": f"Crowds  at the caf\u00c3\u00a9 on the quay, day {i}.\r\n", "desk": "local"}
           for i in range(40)]


def files() -> dict[str, bytes]:
    """A small dump: JSONL (plain and gzip), txt, Parquet, and files cleaner skips or never sees."""
    table = pa.table({"doc_id": ["p-1", "p-2"], "body": ["One  two\u00a0three.", "Fish &amp; chips\n\n\n\nfor two."]})
    parquet = io.BytesIO()
    pq.write_table(table, parquet)
    return {
        "wire/a.jsonl": "".join(json.dumps(r) + "\n" for r in RECORDS).encode(),
        "wire/b.jsonl.gz": gzip.compress(b'{"doc_id": "g-1", "body": "Packed  text.\\n"}\n'),
        "letters/a.txt": "The letter  arrived\u00a0late.\r\n".encode(),
        "rows/p.parquet": parquet.getvalue(),
        "scan.pdf": b"%PDF-1.4",
        ".hidden/x.txt": b"never read",
    }


@pytest.fixture
def memory():
    """A fresh root in fsspec's in-memory filesystem (one per process: forked workers see it too)."""
    fs = fsspec.filesystem("memory")
    root = f"/t-{uuid.uuid4().hex[:8]}"
    yield fs, root
    if fs.exists(root):
        fs.rm(root, recursive=True)


def put(fs, root: str, contents: dict[str, bytes]) -> None:
    for name, data in contents.items():
        fs.pipe(f"{root}/{name}", data)


def write(root: Path, contents: dict[str, bytes]) -> Path:
    for name, data in contents.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def clean(*args, jobs: int = 1) -> int:
    """One job: memory:// lives in one process, which workers started by fork share but spawned ones do not."""
    return main(["clean", *map(str, args), "--text-field", "body", "--id-field", "doc_id", "--shard-mb", "0.001",
                 "--jobs", str(jobs), "-q"])


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_a_memory_folder_reads_as_a_local_one(memory, tmp_path):
    fs, root = memory
    put(fs, root, files())
    local = write(tmp_path / "in", files())
    assert clean(f"memory://{root}", "-o", tmp_path / "m.jsonl", "--report", tmp_path / "rep") == 0
    assert clean(local, "-o", tmp_path / "l.jsonl") == 0
    assert (tmp_path / "m.jsonl").read_bytes() == (tmp_path / "l.jsonl").read_bytes()
    got = records((tmp_path / "m.jsonl").read_bytes())
    assert [r["doc_id"] for r in got] == ["letters/a.txt", "p-1", "p-2", *[f"w-{i}" for i in range(40)], "g-1"]
    summary = json.loads((tmp_path / "rep" / "summary.json").read_text())
    assert summary["skipped"] == {".pdf": 1} and summary["documents"]["in"] == 44


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers see memory:// only when forked")
def test_workers_read_their_shards_of_a_url_themselves(memory, tmp_path):
    fs, root = memory
    put(fs, root, files())
    assert clean(f"memory://{root}", "-o", tmp_path / "two.jsonl", jobs=2) == 0
    assert clean(f"memory://{root}", "-o", tmp_path / "one.jsonl") == 0
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.parquet", "tree"])
def test_a_memory_output_holds_what_a_local_one_holds(memory, tmp_path, name):
    fs, root = memory
    local = write(tmp_path / "in", {k: v for k, v in files().items() if k.startswith("rows/")}
                  if name.endswith(".parquet") else files())
    assert clean(local, "-o", f"memory://{root}/{name}") == 0
    assert clean(local, "-o", tmp_path / name) == 0
    if name == "tree":
        mine = {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                for p in (tmp_path / name).rglob("*") if p.is_file()}
        theirs = {f[len(f"{root}/{name}/"):]: fs.cat(f) for f in fs.find(f"{root}/{name}")}
        assert theirs == mine and "wire/a.jsonl:1.txt" not in theirs and "w-0.txt" in theirs
    else:
        assert fs.cat(f"{root}/{name}") == (tmp_path / name).read_bytes()
    assert not list(Path(tmp_path).glob(".*cleaner-run"))


def test_a_memory_tree_of_an_earlier_run_is_refused_or_replaced(memory, tmp_path, capsys):
    fs, root = memory
    local = write(tmp_path / "in", {"a.txt": b"One  two.\n", "b.txt": b"Three  four.\n"})
    assert clean(local, "-o", f"memory://{root}/tree") == 0
    (local / "b.txt").unlink()
    assert clean(local, "-o", f"memory://{root}/tree") == 2
    assert capsys.readouterr().err == (f"cleaner: error: memory://{root}/tree holds the output of an earlier run: "
                                       f"give --overwrite to replace it, or another OUT\n")
    assert clean(local, "-o", f"memory://{root}/tree", "--overwrite") == 0
    assert sorted(fs.find(f"{root}/tree")) == [f"{root}/tree/.cleaner-output", f"{root}/tree/a.txt"]
    fs.pipe(f"{root}/theirs/notes.md", b"# mine")
    assert clean(local, "-o", f"memory://{root}/theirs", "--overwrite") == 2
    assert "holds files that cleaner did not write" in capsys.readouterr().err
    assert fs.cat(f"{root}/theirs/notes.md") == b"# mine"


def test_file_urls_are_local_paths(tmp_path):
    local = write(tmp_path / "in", files())
    assert clean(f"file://{local}", "-o", f"file://{tmp_path / 'u.jsonl'}") == 0
    assert clean(local, "-o", tmp_path / "l.jsonl") == 0
    assert (tmp_path / "u.jsonl").read_bytes() == (tmp_path / "l.jsonl").read_bytes()
    # a local OUT: --resume works as for any path
    assert clean(f"file://{local}", "-o", f"file://{tmp_path / 'u.jsonl'}", "--resume") == 0


def test_quoted_globs(tmp_path, monkeypatch, capsys):
    write(tmp_path / "dumps", {"2024-01/a.jsonl": b'{"doc_id": "a", "body": "x  y"}\n',
                               "2024-02/a.jsonl": b'{"doc_id": "b", "body": "z  w"}\n',
                               "2024-02/a.txt": b"A  text.\n", "2023-12/a.jsonl": b'{"doc_id": "c", "body": "old"}\n'})
    monkeypatch.chdir(tmp_path)
    assert clean("dumps/2024-*/*.jsonl", "-o", "o.jsonl") == 0
    assert [r["doc_id"] for r in records(Path("o.jsonl").read_bytes())] == ["a", "b"]
    assert clean("dumps/2024-*", "-o", "tree") == 0   # folders a glob matches are read whole
    assert sorted(p.relative_to("tree").as_posix() for p in Path("tree").rglob("*.txt")) == [
        "2024-02/a.txt", "a.txt", "b.txt"]
    assert clean("dumps/**/*.jsonl", "-o", "all.jsonl") == 0
    assert len(records(Path("all.jsonl").read_bytes())) == 3
    capsys.readouterr()
    assert clean("dumps/*/*.csv", "-o", "none.jsonl") == 2
    assert capsys.readouterr().err == "cleaner: error: dumps/*/*.csv: no file matches\n"


def test_a_glob_in_a_url(memory, tmp_path):
    fs, root = memory
    put(fs, root, files())
    assert clean(f"memory://{root}/wire/*.jsonl*", "-o", tmp_path / "o.jsonl") == 0
    assert [r["doc_id"] for r in records((tmp_path / "o.jsonl").read_bytes())] == [
        *[f"w-{i}" for i in range(40)], "g-1"]


@pytest.mark.parametrize("args, message", [
    (["nope://bucket/x.jsonl", "-o", "o.jsonl"], "nope://bucket/x.jsonl: Protocol not known: nope"),
    (["in", "-o", "nope://bucket/o.jsonl"], "nope://bucket/o.jsonl: Protocol not known: nope"),
    (["memory://t-missing/x.jsonl", "-o", "o.jsonl"], "memory://t-missing/x.jsonl: no such file or folder"),
    (["in", "-o", "memory://t-resume/o.jsonl", "--resume"],
     "--resume cannot go on writing memory://t-resume/o.jsonl: a URL OUT is built in a temporary folder"),
])
def test_url_problems_stop_before_any_work(tmp_path, monkeypatch, capsys, args, message):
    write(tmp_path / "in", {"a.txt": b"x  y\n"})
    monkeypatch.chdir(tmp_path)
    assert clean(*args) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: ") and message in err and err.count("\n") == 1, err
