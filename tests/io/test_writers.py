"""Writers: ids never escape the output folder; files appear whole or not at all."""
import json
import os
import stat

import pytest

from cleaner import Result
from cleaner.io.atomic import AtomicFile
from cleaner.io.writers import JsonlWriter, TxtTreeWriter, default_format, json_line


@pytest.mark.parametrize("id, reason", [
    ("../../etc/passwd", "would be written outside the output folder"),
    ("a/../../b", "would be written outside the output folder"),
    ("/etc/passwd", "would be written outside the output folder"),
    (".", "would be written outside the output folder"),
    ("", "cannot be a file name"),
    ("a\0b", "cannot be a file name"),
    ("a\ud800b", "cannot be a file name (it holds a lone surrogate)"),
    ("..\\..\\windows\\win.ini", "would be written outside the output folder on Windows"),
    ("a\\..\\..\\b", "would be written outside the output folder on Windows"),
    ("C:\\Windows\\x", "would be written outside the output folder on Windows"),
    ("\\\\server\\share", "would be written outside the output folder on Windows"),
    ("x" * 256, "has a part longer than 255 bytes"),
    ("x" * 252, "has a part longer than 255 bytes"),               # x…x.txt: 256 bytes
    ("a/" + "\u00e9" * 128, "has a part longer than 255 bytes"),   # 256 bytes in UTF-8
    ("/".join(["x" * 200] * 21), "is too long to be a path"),
    ("sub/.doc.txt.abcd1234.tmp", "looks like a temporary file of cleaner's"),
])
def test_ids_that_leave_the_folder_are_refused(tmp_path, id, reason):
    writer = TxtTreeWriter(tmp_path / "out")
    assert reason in writer.admit(id)


@pytest.mark.parametrize("id", ["x" * 251, "x" * 251 + ".txt", "a\\b", "a..b/c", "caf\u00e9", "\udce9t\u00e9.txt",
                                "a:b", "-"])
def test_odd_but_safe_ids_are_written_where_they_say(tmp_path, id):
    """At OUT/<id>, with .txt added to an id without it, so that OUT can be read again as input."""
    writer = TxtTreeWriter(tmp_path / "out")
    assert writer.admit(id) is None
    writer.write(Result("text", [], {}, "", id))
    [written] = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != ".cleaner-output"]
    assert written.relative_to(tmp_path / "out").as_posix() == id.removesuffix(".txt") + ".txt"
    assert written.read_text() == "text"


def test_two_ids_for_one_file_never_overwrite_and_the_reason_names_the_first(tmp_path):
    writer = TxtTreeWriter(tmp_path / "out")
    assert writer.admit("a/b", "in/x.jsonl:1") is None
    assert writer.admit("a//./b", "in/x.jsonl:2") == ("id 'a//./b' names the same output file as an earlier "
                                                      "document (in/x.jsonl:1)")
    assert writer.admit("a/b.txt", "in/x.jsonl:3") == ("id 'a/b.txt' names the same output file as an earlier "
                                                       "document (in/x.jsonl:1)")
    assert writer.admit("a/b/c", "in/x.jsonl:4") is None   # a/b/c.txt beside a/b.txt


def test_an_id_is_one_file_once(tmp_path):
    writer = TxtTreeWriter(tmp_path / "out")
    assert writer.admit("a/b.txt") is None
    assert writer.admit("./a//b.txt") == "id './a//b.txt' names the same output file as an earlier document"
    assert "same output file" in writer.admit("a/b")        # a/b.txt too
    assert writer.admit("a") is None                        # a.txt, beside the folder a/
    assert "same output file" in writer.admit("a.txt")
    assert writer.admit("c.txt/d") is None                  # c.txt/d.txt: c.txt is a folder now
    assert "same output file" in writer.admit("c.txt")      # a folder already
    assert writer.admit("a/../a/x") is not None


def test_symlinks_do_not_lead_out(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/link").symlink_to(tmp_path / "elsewhere")
    writer = TxtTreeWriter(tmp_path / "out")
    assert "through a symlink" in writer.admit("link/x")


def test_txt_files_are_written_whole_with_usual_permissions(tmp_path):
    writer = TxtTreeWriter(tmp_path / "out")
    assert writer.admit("deep/er/doc.txt") is None
    writer.write(Result("caf\u00e9\r\n", [], {}, "", "deep/er/doc.txt"))
    path = tmp_path / "out/deep/er/doc.txt"
    assert path.read_bytes() == "caf\u00e9\r\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert os.listdir(path.parent) == ["doc.txt"]


def test_an_aborted_jsonl_leaves_the_earlier_file(tmp_path):
    path = tmp_path / "o.jsonl"
    path.write_text("earlier run\n")
    with pytest.raises(RuntimeError), JsonlWriter(path) as writer:
        writer.write(Result("new", [], {}, "", "x"))
        raise RuntimeError("killed")
    assert path.read_text() == "earlier run\n" and os.listdir(tmp_path) == ["o.jsonl"]
    with JsonlWriter(path) as writer:
        writer.write(Result("new", [], {"k": 1}, "", "x"))
    assert json.loads(path.read_text()) == {"id": "x", "text": "new", "metadata": {"k": 1}}


def test_atomic_file_commits_or_leaves_nothing(tmp_path):
    f = AtomicFile(tmp_path / "a")
    f.write(b"half")
    [temporary] = os.listdir(tmp_path)
    assert temporary.startswith(".a.") and temporary.endswith(".tmp")
    f.abort()
    assert os.listdir(tmp_path) == []


def test_json_lines_carry_undecodable_file_names(tmp_path):
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # how Python names a Latin-1 file
    line = json_line({"id": name})
    assert json.loads(line.decode("utf-8")) == {"id": name}


@pytest.mark.parametrize("output, fmt", [
    ("out", "txt"), ("out/", "txt"), ("clean.jsonl", "jsonl"), ("c.jsonl.gz", "jsonl"),
    ("c.jsonl.zst", "jsonl"), ("c.txt.gz", "txt"), ("jsonl", "txt")])
def test_default_format_follows_the_output_name(output, fmt):
    assert default_format(output) == fmt


def test_open_writer_refuses_a_format_it_does_not_write(tmp_path):
    """It handed back a JSONL writer for "parquet", which then wrote JSON lines into a .parquet file."""
    from cleaner.io import open_writer
    with pytest.raises(ValueError, match="not 'parquet'"):
        open_writer("parquet", str(tmp_path / "out.parquet"))
    assert not (tmp_path / "out.parquet").exists()
