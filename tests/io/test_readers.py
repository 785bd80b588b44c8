"""Readers: which files are inputs, the ids and metadata of records, streaming, reject reasons."""
import gzip
import json
from pathlib import Path

import pytest

from cleaner.io import InputError, ReadOptions, Record, Reject, discover, read
from cleaner.io.readers import kinds_of


def write(root: Path, files: dict) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_folders_are_walked_sorted_skipping_hidden_and_other_files(tmp_path):
    root = write(tmp_path / "dump", {
        "b.txt": b"b", "a/z.jsonl.gz": b"", "a/y.txt.zst": b"", "a/.hidden.txt": b"h", "w.ndjson": b"",
        ".git/x.txt": b"x", "notes.md": b"m", "data.csv.gz": b"c", "a/b/c.TXT": b"upper case is not .txt",
        "README": b"r", "a/scan.pdf": b"%PDF"})
    skipped = []
    assert [(s.name, s.format) for s in discover([str(root)], skipped=skipped)] == [
        ("a/y.txt.zst", "txt"), ("a/z.jsonl.gz", "jsonl"), ("b.txt", "txt"), ("w.ndjson", "jsonl")]
    assert skipped == [str(root / n) for n in ("README", "a/b/c.TXT", "a/scan.pdf", "data.csv.gz", "notes.md")]
    assert kinds_of(skipped) == {"(no suffix)": 1, ".TXT": 1, ".csv.gz": 1, ".md": 1, ".pdf": 1}


def test_named_files_keep_their_order_and_unknown_types_read_as_text(tmp_path):
    root = write(tmp_path, {"notes.md": b"m", "x.jsonl": b"", "sub/a.txt": b"a"})
    sources = discover([str(root / "notes.md"), "-", str(root / "sub"), str(root / "x.jsonl")], "jsonl")
    assert [(s.path, s.name, s.format) for s in sources] == [
        (str(root / "notes.md"), "notes.md", "txt"), ("-", "stdin", "jsonl"),
        (str(root / "sub/a.txt"), "a.txt", "txt"), (str(root / "x.jsonl"), "x.jsonl", "jsonl")]


def test_missing_input_and_no_input_are_errors(tmp_path):
    with pytest.raises(InputError, match="nope: no such file or folder"):
        discover([str(tmp_path / "nope")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no input found"):
        discover([str(tmp_path / "empty")])
    write(tmp_path / "empty", {"a.pdf": b"", "b.pdf": b"", "c.html": b""})
    with pytest.raises(InputError, match=r"no \.txt, \.jsonl, \.ndjson or \.parquet files \(skipped: 1 \.html, 2 \.pdf\)"):
        discover([str(tmp_path / "empty")])


def test_txt_ids_drop_the_compression_suffix_and_a_bom_is_recorded(tmp_path):
    root = write(tmp_path, {"sub/a.txt.gz": gzip.compress("\ufeffcaf\u00e9\n".encode()), "b.txt": b"plain"})
    assert list(read(discover([str(root)]))) == [
        Record("b.txt", "plain", {}, str(root / "b.txt")),
        Record("sub/a.txt", "caf\u00e9\n", {"bom": True}, str(root / "sub/a.txt.gz"))]


def test_jsonl_ids_fields_and_metadata(tmp_path):
    lines = [{"id": "n-1", "text": "one", "date": "2024-01-02", "tags": ["a"]},
             {"text": "no id"}, {"id": 7, "text": "int id"}, {"id": True, "text": "bool is no id"},
             {"id": None, "text": "null is no id"}]
    data = b"\xef\xbb\xbf" + b"\n\n".join(json.dumps(r).encode() for r in lines) + b"\n  \n"
    path = write(tmp_path, {"w.jsonl": data}) / "w.jsonl"
    records = list(read(discover([str(path)])))
    assert [(r.id, r.text, r.metadata, r.source) for r in records] == [
        ("n-1", "one", {"date": "2024-01-02", "tags": ["a"], "bom": True}, f"{path}:1"),
        ("w.jsonl:3", "no id", {}, f"{path}:3"),  # blank lines are skipped, but counted
        ("7", "int id", {}, f"{path}:5"),
        ("w.jsonl:7", "bool is no id", {"id": True}, f"{path}:7"),
        ("w.jsonl:9", "null is no id", {"id": None}, f"{path}:9")]


def test_ndjson_is_jsonl(tmp_path):
    root = write(tmp_path, {"w.ndjson.gz": gzip.compress(b'{"id": "a", "text": "one"}\n{"text": "two"}\n')})
    assert [(r.id, r.text) for r in read(discover([str(root / "w.ndjson.gz")]))] == [
        ("a", "one"), ("w.ndjson.gz:2", "two")]


def test_jsonl_text_and_id_fields_are_configurable(tmp_path):
    path = write(tmp_path, {"w.jsonl": b'{"key": "k", "body": "b", "text": "t"}\n'}) / "w.jsonl"
    [record] = read(discover([str(path)]), ReadOptions(text_field="body", id_field="key"))
    assert (record.id, record.text, record.metadata) == ("k", "b", {"text": "t"})


def test_reading_is_lazy(tmp_path):
    root = write(tmp_path, {"a.txt": b"first", "b.txt": b"second"})
    records = read(discover([str(root)]))
    assert next(records).text == "first"
    (root / "b.txt").unlink()  # a reader that had read ahead would still yield "second"
    [reject] = records
    assert reject == Reject("b.txt", str(root / "b.txt"), "cannot read: No such file or directory")


def test_size_limit_is_exact(tmp_path):
    options = ReadOptions(max_doc_mb=100 / 2**20)  # 100 bytes
    root = write(tmp_path, {"a.txt": b"x" * 100, "b.txt": b"x" * 101,
                            "c.jsonl": b'{"text": "' + b"y" * 86 + b'"}\n'   # 100 bytes and the newline
                                       + b'{"text": "' + b"z" * 200 + b'"}\n{"text": "after"}'})
    results = list(read(discover([str(root)]), options))
    assert [(r.id, getattr(r, "reason", None)) for r in results] == [
        ("a.txt", None), ("b.txt", "document is bigger than the --max-doc-mb limit of 9.53674e-05 MiB"),
        ("c.jsonl:1", None),
        ("c.jsonl:2", "line 2: document is bigger than the --max-doc-mb limit of 9.53674e-05 MiB"),
        ("c.jsonl:3", None)]


def test_an_error_in_the_middle_of_a_compressed_jsonl_keeps_what_came_before(tmp_path):
    whole = gzip.compress(b"".join(b'{"text": "record %d"}\n' % i for i in range(2000)), mtime=0)
    path = write(tmp_path, {"cut.jsonl.gz": whole[: len(whole) * 3 // 4]}) / "cut.jsonl.gz"
    *records, reject = read(discover([str(path)]))
    assert len(records) > 100 and records[-1].text == f"record {len(records) - 1}"
    assert reject.id == "cut.jsonl.gz"
    assert reject.reason == (f"corrupt or truncated gz file: Compressed file ended before the end-of-stream "
                             f"marker was reached (after line {len(records)})")
