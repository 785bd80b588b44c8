"""`cleaner clean … -o -` and `cleaner clean -`: the output on standard output, and only the output."""
import io
import json
import os
import subprocess
import sys
import tempfile

import pytest

from cleaner.cli import main

from .test_cli import CLEANED, clean, dump  # noqa: F401  (dump is a fixture)


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """The temporary folder a run to standard output works in, watched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


def test_jsonl_records_on_stdout_are_the_bytes_of_a_jsonl_file(dump, tmp_path, capsys, temporary):
    assert clean(dump, "-o", tmp_path / "out.jsonl") == 0
    capsys.readouterr()
    assert clean(dump, "-o", "-") == 0
    out, err = capsys.readouterr()
    assert out.encode() == (tmp_path / "out.jsonl").read_bytes()
    assert {r["id"]: r["text"] for r in map(json.loads, out.splitlines())} == CLEANED
    assert err.startswith("cleaner: 6 documents in, 6 out, 0 rejected;") and err.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == ["in", "out.jsonl", "tmp"]  # no file named "-", no work folder
    assert os.listdir(temporary) == []


def test_one_txt_document_goes_to_stdout_as_its_text(tmp_path, capsys, temporary):
    (tmp_path / "a.txt").write_bytes(b"one  two\r\n")
    assert clean(tmp_path / "a.txt", "-o", "-", "-q") == 0
    assert capsys.readouterr() == ("one two\n", "")
    assert clean(tmp_path / "a.txt", "-o", "-", "--format", "jsonl", "-q") == 0
    assert json.loads(capsys.readouterr().out) == {"id": "a.txt", "text": "one two\n", "metadata": {}}
    assert os.listdir(temporary) == []


def test_stdin_without_o_is_a_filter(monkeypatch, capsys, tmp_path):
    stdin(monkeypatch, "caf\u00c3\u00a9  au lait\r\n".encode())
    assert main(["clean", "-", "--report", str(tmp_path / "rep")]) == 0
    out, err = capsys.readouterr()
    assert out == "caf\u00e9 au lait\n"
    assert err.startswith("cleaner: 1 document in, 1 out")
    summary = json.loads((tmp_path / "rep/summary.json").read_text())
    assert summary["output"] == {"path": "-", "format": "txt"}
    stdin(monkeypatch, b'{"id": "s", "text": "a  b"}\n{"id": "t", "text": "c"}\n')
    assert main(["clean", "-", "--stdin-format", "jsonl", "-q"]) == 0
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == ["a b", "c"]


def test_a_rejected_document_leaves_stdout_empty(monkeypatch, capsys):
    stdin(monkeypatch, b"   \n")
    assert main(["clean", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cleaner: rejected -: document is only whitespace\n")


def test_the_rejects_of_standard_input_keep_their_records(monkeypatch, capsys, tmp_path):
    """A stream is gone once read: what cleaner could not clean of it is kept in rejects.jsonl as it
    came, bytes that are not UTF-8 too, and stays off the report page."""
    lines = [b'{"id": "s", "text": "The council  met on Tuesday."}',
             b'{"id": "t", "body": "The text went into another field."}',
             b'{"id": "u", "text": "cut short',
             b'{"id": "v", "text": "caf\xe9 au lait, written in Latin-1"}']
    stdin(monkeypatch, b"\r\n".join(lines) + b"\r\n")
    rep = tmp_path / "rep"
    assert main(["clean", "-", "--stdin-format", "jsonl", "--report", str(rep), "-q"]) == 1
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["s"]
    rejects = [json.loads(line) for line in (rep / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["record"].encode("utf-8", "surrogateescape") for r in rejects] == lines[1:]
    summary = json.loads((rep / "summary.json").read_text())
    assert summary["documents"]["in"] == 4 and summary["documents"]["rejected"] == 3
    page = (rep / "report.html").read_text(encoding="utf-8")
    assert "another field" not in page and "cut short" not in page
    binary = b"GIF89a\x01\x00\x00\xff text after a NUL"
    stdin(monkeypatch, binary)
    assert main(["clean", "-", "--report", str(rep), "--overwrite", "-q"]) == 1
    reject = json.loads((rep / "rejects.jsonl").read_text(encoding="utf-8"))
    assert reject["reason"].startswith("binary file") and reject["record"].encode("utf-8", "surrogateescape") == binary


@pytest.mark.parametrize("args, message", [
    (["a.txt"], "clean needs -o OUT: a folder, a *.jsonl or *.parquet file, or - for standard output"),
    (["a.txt", "b.txt", "-o", "-", "--format", "txt"],
     "-o - --format txt writes the text of one txt document (a .txt file or stdin): for more, use --format jsonl"),
    (["w.jsonl", "-o", "-", "--format", "txt"], "for more, use --format jsonl"),
    (["a.txt", "-o", "-", "--resume"], "--resume cannot go on writing standard output (-o -)"),
])
def test_what_stdout_cannot_take_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("text  here\n")
    (tmp_path / "w.jsonl").write_text('{"text": "x"}\n')
    assert main(["clean", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("cleaner: error: ") and message in err and err.count("\n") == 1, err


def test_apply_says_where_to_find_an_output_that_went_to_stdout(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("one  two\n")
    assert clean(tmp_path / "a.txt", "-o", "-", "--report", tmp_path / "rep", "-q") == 0
    capsys.readouterr()
    assert main(["apply", str(tmp_path / "rep"), "-o", str(tmp_path / "applied")]) == 2
    assert "the run wrote its output to standard output: give where it was kept with --cleaned" in \
        capsys.readouterr().err


def test_apply_refuses_stdout_rather_than_making_a_folder_named_dash(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("one  two\n")
    assert clean(tmp_path / "a.txt", "-o", tmp_path / "out", "--report", tmp_path / "rep", "-q") == 0
    monkeypatch.chdir(tmp_path)
    assert main(["apply", str(tmp_path / "rep"), "-o", "-"]) == 2
    assert "-o - (standard output) is for clean" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


def test_a_reader_that_stops_early_gets_one_line_and_no_traceback(tmp_path):
    """`cleaner clean big.jsonl -o - | head`: the pipe closes long before the output is written."""
    records = "".join(json.dumps({"id": str(i), "text": "word  " * 20}) + "\n" for i in range(20000))
    (tmp_path / "big.jsonl").write_text(records)
    (tmp_path / "ws.toml").write_text('[pipeline]\nstages = ["whitespace"]\n')
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(tmp_path / "big.jsonl"), "-o", "-",
                                "--config", str(tmp_path / "ws.toml"), "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ,
                                                                                    "TMPDIR": str(tmp_path)})
    assert process.stdout.read(100).startswith(b'{"id": "0", "text": "word word')
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2
    assert err == "cleaner: error: standard output was closed before the whole output was written\n"
    assert sorted(os.listdir(tmp_path)) == ["big.jsonl", "ws.toml"]  # the temporary work folder is gone
