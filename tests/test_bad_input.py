"""The bad-input matrix of README "What cleaner promises", end to end through `cleaner clean`.

Each case runs beside a good document and checks: the exit status, the one-line message or
the rejects entry, that the good document was cleaned, and that documents in = out + rejected.
(More rejects, one per reason, are in tests/test_cli.py::REJECTS; the paths of ids in
tests/io/test_writers.py.)
"""
import gzip
import json
import os
import zlib
from pathlib import Path

import pytest

import cleaner
from cleaner.cli import main
from cleaner.edits import Edit, undo

GOOD = b"fine  text\r\n"
SPANISH = ("El Gobierno aprob\u00f3 ayer la reforma de las pensiones. \u00abEs una decisi\u00f3n hist\u00f3rica\u00bb, "
           "afirm\u00f3 el ministro de Econom\u00eda, que a\u00f1adi\u00f3 que la medida entrar\u00e1 en vigor el "
           "pr\u00f3ximo a\u00f1o.  Los sindicatos criticaron la rapidez del tr\u00e1mite.\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x1f\x15\xc4\x89"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00\x3e\x00"


def run(tmp_path: Path, files: dict, *options, good: bool = True, out: str = "out") -> tuple[int, dict]:
    """Clean a folder of `files` (and good.txt) with a report; (exit status, what came out)."""
    src = tmp_path / "in"
    for name, data in {**files, **({"good.txt": GOOD} if good else {})}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    rep = tmp_path / "rep"
    status = main(["clean", str(src), "-o", str(tmp_path / out), "--report", str(rep), "-q", *map(str, options)])
    summary = json.loads((rep / "summary.json").read_text())
    documents = summary["documents"]
    assert documents["in"] == documents["out"] + documents["rejected"]
    got = {"rejects": [json.loads(line) for line in (rep / "rejects.jsonl").read_text().splitlines()],
           "edits": {r["id"]: r for r in map(json.loads, (rep / "edits.jsonl").read_text().splitlines())},
           "documents": documents, "src": src, "out": tmp_path / out}
    if good and "--config" not in options:
        if out.endswith(".jsonl"):
            records = {r["id"]: r for r in map(json.loads, (tmp_path / out).read_text().splitlines())}
            assert records["good.txt"]["text"] == "fine text\n"
        else:
            assert (tmp_path / out / "good.txt").read_text() == "fine text\n"
    return status, got


def reasons(got: dict) -> list[tuple[str, str]]:
    return [(r["id"], r["reason"]) for r in got["rejects"]]


@pytest.mark.parametrize("name, data, reason", [
    ("image.txt", PNG, "binary file (NUL byte at offset 8)"),
    ("program.txt", ELF, "binary file (NUL byte at offset 7)"),
    ("image.jsonl", PNG, "binary file (NUL bytes in the first 8 KiB)"),
    ("empty.txt", b"", "empty document"),
    ("short-cp1252.txt", "Costs 5 \u20ac in Bogot\u00e1.".encode("cp1252"), "not valid UTF-8 (byte 0x80 at offset 8)"),
    ("mixed.txt", "d\u00e9j\u00e0 vu, ".encode() + "d\u00e9j\u00e0 vu".encode("latin-1"),
     "not valid UTF-8 (byte 0xe9 at offset 12)"),
    ("russian-or-mac.txt", "\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
     "\u043e\u0434\u043e\u0431\u0440\u0438\u043b\u043e \u0440\u0435\u0444\u043e\u0440\u043c\u0443.\n".encode("cp1251"),
     "not valid UTF-8 (byte 0xcf at offset 0)"),
    ("bad-utf16.txt", b"\xff\xfeh\x00\x00\xd8", "not valid UTF-16-LE after its byte-order mark (bytes at offset 4)"),
    ("wide.jsonl", "\ufeff{\"text\": \"x\"}\n".encode("utf-16-le"),
     "a JSONL file in UTF-16-LE: JSON lines are read as UTF-8; convert it first (iconv -f UTF-16-LE -t UTF-8)"),
])
def test_what_is_not_text_is_rejected_with_the_byte_and_the_rest_is_cleaned(tmp_path, name, data, reason):
    status, got = run(tmp_path, {name: data})
    assert status == 1
    assert reasons(got) == [(name, reason)]
    assert got["rejects"][0]["source"] == str(got["src"] / name)
    assert got["documents"] == {"in": 2, "out": 1, "rejected": 1, "changed": 1}


ALIKE = "Windows-1252, Latin-1 and Latin-9 read every byte of it alike"


@pytest.mark.parametrize("text, encoding, at, why", [
    (SPANISH, "cp1252", 17, ALIKE),
    ("Caf\u00e9  in Bogot\u00e1 reopened.", "cp1252", 3, ALIKE),   # however short
    (SPANISH.replace("\u00ab", "\u201c").replace("\u00bb", "\u201d"), "cp1252", 17, "charset-normalizer's guess"),
])
def test_a_legacy_encoding_read_without_doubt_is_read_flagged_and_recoverable(tmp_path, text, encoding, at, why):
    data = text.encode(encoding)
    status, got = run(tmp_path, {"es.txt": data})
    assert status == 0
    assert (got["out"] / "es.txt").read_text(encoding="utf-8") == cleaner.clean(text).text
    record = got["edits"]["es.txt"]
    assert record["metadata"]["encoding"] == "cp1252" and record["metadata"]["encoding_guessed"] is True
    [flag] = [e for e in record["edits"] if e["rule"] == "input.encoding-guessed"]
    assert (flag["kind"], flag["start"], flag["before"], flag["stage"]) == ("flag", at, text[at], "input")
    assert flag["reason"] == (f"the file is not UTF-8: it was read as cp1252, {why} (byte 0x{data[at]:02x} at offset "
                              f"{at} is read as '{text[at]}'); the original file is this text before fixes, "
                              "encoded as cp1252")
    fixes = [Edit.from_dict(e) for e in record["edits"] if e["kind"] == "fix"]
    assert fixes  # the doubled space
    cleaned = (got["out"] / "es.txt").read_text(encoding="utf-8")
    assert undo(cleaned, fixes).encode(record["metadata"]["encoding"]) == data  # nothing is lost
    summary = json.loads((tmp_path / "rep/summary.json").read_text())
    assert summary["edits"]["by_rule"]["input.encoding-guessed"] == 1


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-8", b"\xef\xbb\xbf")])
def test_byte_order_marks_say_how_to_read_a_file(tmp_path, encoding, bom):
    text = "Caf\u00e9  \u201cHeute\u201d \U0001F600\r\n"
    status, got = run(tmp_path, {"bom.txt": bom + text.encode(encoding)})
    assert status == 0
    assert (got["out"] / "bom.txt").read_bytes() == cleaner.clean(text).text.encode("utf-8")
    record = got["edits"]["bom.txt"]
    assert record["metadata"] == ({"bom": True} if encoding == "utf-8" else {"bom": True, "encoding": encoding})
    fixes = [Edit.from_dict(e) for e in record["edits"] if e["kind"] == "fix"]
    assert bom + undo((got["out"] / "bom.txt").read_text(), fixes).encode(encoding) == bom + text.encode(encoding)


def test_jsonl_malformed_lines_missing_and_non_string_text_are_rejected_by_line(tmp_path):
    lines = [b'{"id": "a", "text": "one  ok"}', b'{"id": "b", "text": ', b'{"id": "c"}', b'{"id": "d", "text": 5}',
             b'{"id": "e", "text": null}', b"[1, 2]", b'{"id": "f", "text": "two  ok"}']
    status, got = run(tmp_path, {"w.jsonl": b"\n".join(lines) + b"\n"}, out="out.jsonl")
    assert status == 1
    assert reasons(got) == [
        ("w.jsonl:2", "line 2: not valid JSON (Expecting value, at the end of the line)"),
        ("c", "line 3: no string field 'text'"),
        ("d", "line 4: no string field 'text'"),
        ("e", "line 5: no string field 'text'"),
        ("w.jsonl:6", "line 6: a JSON array, not an object")]
    assert [r["source"] for r in got["rejects"]] == [f"{got['src'] / 'w.jsonl'}:{n}" for n in (2, 3, 4, 5, 6)]
    assert list(got["edits"]) == ["good.txt", "a", "f"]
    assert got["documents"]["in"] == 8


def test_duplicate_ids_both_go_to_a_jsonl_output_in_order(tmp_path):
    records = [{"id": "x", "text": "first  one"}, {"id": "x", "text": "second  one"}]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    status, got = run(tmp_path, {"w.jsonl": data}, out="out.jsonl")
    assert status == 0
    written = [json.loads(line) for line in got["out"].read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in written] == [("good.txt", "fine text\n"), ("x", "first one"),
                                                       ("x", "second one")]


def test_duplicate_ids_in_a_txt_tree_keep_the_first_and_reject_the_second(tmp_path):
    records = [{"id": "x", "text": "first  one"}, {"id": "x", "text": "second  one"}]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    status, got = run(tmp_path, {"w.jsonl": data})
    assert status == 1
    assert reasons(got) == [("x", f"id 'x' names the same output file as an earlier document "
                                  f"({got['src'] / 'w.jsonl'}:1)")]
    assert (got["out"] / "x.txt").read_text() == "first one"


def _gzip_members(member: bytes, count: int) -> bytes:
    """`count` copies of one compressed member: gzip reads them as one long stream, whatever `count`."""
    return member * count


def test_a_truncated_gz_keeps_the_records_before_the_cut(tmp_path):
    whole = gzip.compress(b"".join(b'{"id": "r%d", "text": "record  %d"}\n' % (i, i) for i in range(3000)), mtime=0)
    status, got = run(tmp_path, {"cut.jsonl.gz": whole[: len(whole) // 2]}, out="out.jsonl")
    assert status == 1
    [(id, reason)] = reasons(got)
    kept = len(got["edits"]) - 1  # and good.txt
    assert kept > 100 and list(got["edits"])[:-1] == [f"r{i}" for i in range(kept)]
    assert (id, reason) == ("cut.jsonl.gz", "corrupt or truncated gz file: Compressed file ended before the "
                                            f"end-of-stream marker was reached (after line {kept})")


def test_a_gzip_bomb_is_read_no_further_than_the_document_limit(tmp_path, monkeypatch):
    """1 GiB of 'a' in about 1 MB on disk: rejected once --max-doc-mb is read, not decompressed whole."""
    from cleaner.io import compression
    member = gzip.compress(b"a" * 2**20, mtime=0)
    read = []
    real_open = compression.open_read

    class Counting:
        def __init__(self, f):
            self.f = f

        def read(self, n=-1):
            data = self.f.read(n)
            read.append(len(data))
            return data

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(compression, "open_read", lambda path: Counting(real_open(path)))
    status, got = run(tmp_path, {"bomb.txt.gz": _gzip_members(member, 1024)}, "--max-doc-mb", "2", "--jobs", "1",
                      out="out.jsonl")
    assert len(member) * 1024 < 2**21  # small on disk
    assert status == 1
    assert reasons(got) == [("bomb.txt", "document is bigger than the --max-doc-mb limit of 2 MiB")]
    assert read == [2 * 2**20 + 1, len(GOOD)]  # the bomb is read to one byte past the limit, no further


def test_a_jsonl_line_bomb_is_rejected_by_line_and_the_lines_after_it_are_read(tmp_path):
    line = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = line.compress(b'{"id": "before", "text": "a  b"}\n{"id": "bomb", "text": "')
    for _ in range(64):  # 64 MiB of 'a' on one line, 64 kB on disk
        data += line.compress(b"a" * 2**20)
    data += line.compress(b'"}\n{"id": "after", "text": "c  d"}\n') + line.flush()
    status, got = run(tmp_path, {"bomb.jsonl.gz": data}, "--max-doc-mb", "1", out="out.jsonl")
    assert status == 1
    assert reasons(got) == [("bomb.jsonl.gz:2", "line 2: document is bigger than the --max-doc-mb limit of 1 MiB")]
    assert list(got["edits"]) == ["before", "after", "good.txt"]


def test_a_50_mb_document_goes_through_whole(tmp_path):
    """The size of one document alone, through reading, the size limit and writing: a pipeline of no
    stage, so that the test stays quick (the default pipeline's time and memory on 50 MB are in
    benchmarks/README.md, "Bad input")."""
    config = tmp_path / "none.toml"
    config.write_text("[pipeline]\nstages = []\n")
    paragraph = "A paragraph of a very long document, caf\u00e9.\n\n".encode()
    data = paragraph * (50 * 2**20 // len(paragraph) + 1)
    status, got = run(tmp_path, {"big.txt": data}, "--config", config)
    assert status == 0
    assert (got["out"] / "big.txt").read_bytes() == data
    assert (got["out"] / "good.txt").read_bytes() == GOOD  # no stage: written as read
    assert got["documents"] == {"in": 2, "out": 2, "rejected": 0, "changed": 0}


def test_a_10_mb_line_without_a_space_goes_through_the_default_pipeline(tmp_path):
    data = b"abcdefghijklmnopqrstuvwxyz" * (10 * 2**20 // 26)
    status, got = run(tmp_path, {"line.txt": data})
    assert status == 0
    assert (got["out"] / "line.txt").read_bytes() == data


def test_a_symlink_loop_in_a_folder_neither_hangs_nor_stops_the_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "loop").symlink_to(src)                 # a folder that holds itself: not followed
    (src / "self.txt").symlink_to(src / "self.txt")  # a file link to itself
    status, got = run(tmp_path, {})
    assert status == 1
    assert reasons(got) == [("self.txt", "cannot read: Too many levels of symbolic links")]
    assert got["documents"] == {"in": 2, "out": 1, "rejected": 1, "changed": 1}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway (tests/test_cli.py simulates it)")
def test_a_file_without_read_permission_is_rejected(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "locked.txt").write_text("secret")
    (src / "locked.txt").chmod(0)
    status, got = run(tmp_path, {})
    assert status == 1
    assert reasons(got) == [("locked.txt", "cannot read: Permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway (simulated below)")
def test_an_output_folder_without_write_permission_fails_early(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text("text")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    assert main(["clean", str(tmp_path / "in"), "-o", str(tmp_path / "locked/out")]) == 2
    assert capsys.readouterr().err == f"cleaner: error: cannot write {tmp_path / 'locked/out'}: Permission denied\n"


@pytest.mark.parametrize("out", ["out", "out.jsonl"])
def test_an_output_that_cannot_be_written_fails_before_reading_anything(tmp_path, monkeypatch, capsys, out):
    import tempfile

    from cleaner.io import readers
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text("text")
    (tmp_path / "ro").mkdir()
    real_mkstemp, real_temporary = tempfile.mkstemp, tempfile.TemporaryFile

    def refuse(real):
        def probe(*args, dir=None, **kwargs):
            if str(dir).startswith(str(tmp_path / "ro")):
                raise PermissionError(13, "Permission denied", str(dir))
            return real(*args, dir=dir, **kwargs)
        return probe

    monkeypatch.setattr(tempfile, "mkstemp", refuse(real_mkstemp))
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse(real_temporary))
    monkeypatch.setattr(readers, "read_txt", lambda *a: pytest.fail("read input before checking the output"))
    assert main(["clean", str(tmp_path / "in"), "-o", str(tmp_path / "ro" / out)]) == 2
    where = tmp_path / "ro" / out if out == "out" else tmp_path / "ro"
    assert capsys.readouterr().err == f"cleaner: error: cannot write {where}: Permission denied\n"
    assert not list((tmp_path / "ro").glob(".*cleaner-run"))
