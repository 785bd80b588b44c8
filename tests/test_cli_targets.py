"""Where `clean`, its report and `apply` write: a symbolic link is followed to the regular file or
folder it points at and stays a link; a dangling link, a FIFO, a device or a socket is refused
with one line and exit 2, and nothing is written. (A FIFO stands in for /dev/stdout, a link to
/proc/self/fd/1: the real one is never written to here.)

FIFO cases run `cleaner` in a subprocess with a timeout: a regression that opened the FIFO
would block there, and fail, instead of hanging the suite."""
import json
import os
import stat
import subprocess
import sys

import pytest

from cleaner.cli import main

TEXT = b"one  two\r\n"


@pytest.fixture
def src(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_bytes(TEXT)
    (tmp_path / "in/b.txt").write_bytes(b"three\n")
    return tmp_path / "in"


def cleaner(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def one_line_error(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("cleaner: error: ") and message in done.stderr and done.stderr.count("\n") == 1, \
        done.stderr


def is_fifo(path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def records(path) -> dict:
    return {r["id"]: r["text"] for r in map(json.loads, path.read_text().splitlines())}


def test_a_link_to_a_file_is_followed_and_stays_a_link(src, tmp_path):
    (tmp_path / "runs").mkdir()
    target = tmp_path / "runs/today.jsonl"
    target.write_text("yesterday's output\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to("runs/today.jsonl")
    assert main(["clean", str(src), "-o", str(link), "-q"]) == 0
    assert link.is_symlink() and os.readlink(link) == "runs/today.jsonl"
    assert records(target) == {"a.txt": "one two\n", "b.txt": "three\n"}
    assert sorted(os.listdir(tmp_path / "runs")) == ["today.jsonl"]  # the temporary file was renamed there


def test_a_link_to_a_folder_is_followed_and_stays_a_link(src, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "out").symlink_to("real")
    (tmp_path / "rep-real").mkdir()
    (tmp_path / "rep").symlink_to("rep-real")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "rep"), "-q"]) == 0
    assert (tmp_path / "out").is_symlink() and (tmp_path / "rep").is_symlink()
    assert (tmp_path / "real/a.txt").read_text() == "one two\n"
    assert json.loads((tmp_path / "rep-real/summary.json").read_text())["documents"]["out"] == 2


def test_a_dangling_link_is_refused(src, tmp_path):
    (tmp_path / "out.jsonl").symlink_to("nowhere/out.jsonl")
    done = cleaner("clean", src, "-o", "out.jsonl", cwd=tmp_path)
    one_line_error(done, "out.jsonl: is a symbolic link to nowhere/out.jsonl, which does not exist")
    assert os.readlink(tmp_path / "out.jsonl") == "nowhere/out.jsonl"
    assert sorted(os.listdir(tmp_path)) == ["in", "out.jsonl"]


@pytest.mark.parametrize("out", ["out.jsonl", "out"])
def test_a_fifo_is_refused(src, tmp_path, out):
    os.mkfifo(tmp_path / out)
    done = cleaner("clean", src, "-o", out, cwd=tmp_path)
    one_line_error(done, f"cannot write {tmp_path / out}: is a FIFO, not a regular file or folder")
    assert is_fifo(tmp_path / out)
    assert sorted(os.listdir(tmp_path)) == ["in", out]


def test_a_link_to_a_fifo_like_dev_stdout_is_refused_and_neither_is_replaced(src, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "stdout").symlink_to(tmp_path / "pipe")  # as /dev/stdout → /proc/self/fd/1 → a pipe
    done = cleaner("clean", src, "-o", "stdout", "--format", "jsonl", cwd=tmp_path)
    one_line_error(done, f"stdout: is a symbolic link to {tmp_path / 'pipe'}, which is a FIFO, not a regular file")
    assert (tmp_path / "stdout").is_symlink() and is_fifo(tmp_path / "pipe")
    assert sorted(os.listdir(tmp_path)) == ["in", "pipe", "stdout"]


@pytest.mark.parametrize("name", ["summary.json", "edits.jsonl", "report.html"])
def test_a_fifo_among_the_report_files_is_refused_before_any_work(src, tmp_path, name):
    (tmp_path / "rep").mkdir()
    os.mkfifo(tmp_path / "rep" / name)
    done = cleaner("clean", src, "-o", "out.jsonl", "--report", "rep", cwd=tmp_path)
    one_line_error(done, f"cannot write rep/{name}: is a FIFO")
    assert not (tmp_path / "out.jsonl").exists()
    assert os.listdir(tmp_path / "rep") == [name] and is_fifo(tmp_path / "rep" / name)


def test_stdout_is_dash_even_beside_a_file_named_dash(src, tmp_path):
    (tmp_path / "-").write_text("not the output\n")
    done = cleaner("clean", src / "a.txt", "-o", "-", "-q", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "one two\n", "")
    assert (tmp_path / "-").read_text() == "not the output\n"


def test_apply_follows_a_link_and_refuses_a_fifo(src, tmp_path):
    assert main(["clean", str(src), "-o", str(tmp_path / "out.jsonl"), "--report", str(tmp_path / "rep"), "-q"]) == 0
    (tmp_path / "applied-target.jsonl").write_text("old\n")
    (tmp_path / "applied.jsonl").symlink_to("applied-target.jsonl")
    assert main(["apply", str(tmp_path / "rep"), "-o", str(tmp_path / "applied.jsonl"), "-q"]) == 0
    assert (tmp_path / "applied.jsonl").is_symlink()
    assert (tmp_path / "applied-target.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()
    os.mkfifo(tmp_path / "fifo.jsonl")
    done = cleaner("apply", "rep", "-o", "fifo.jsonl", cwd=tmp_path)
    one_line_error(done, "fifo.jsonl: is a FIFO, not a regular file or folder")
    assert is_fifo(tmp_path / "fifo.jsonl")


def test_a_fifo_where_a_txt_document_would_go_rejects_that_document_only(src, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/.cleaner-output").write_text("")  # an earlier run's output, which --resume writes on
    os.mkfifo(tmp_path / "out/a.txt")
    done = cleaner("clean", src, "-o", "out", "--report", "rep", "-q", "--resume", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    [reject] = [json.loads(line) for line in (tmp_path / "rep/rejects.jsonl").read_text().splitlines()]
    assert reject["reason"] == (f"id 'a.txt' cannot be written to {tmp_path / 'out/a.txt'}: is a FIFO, "
                                "not a regular file or folder: cleaner writes only those")
    assert is_fifo(tmp_path / "out/a.txt") and (tmp_path / "out/b.txt").read_text() == "three\n"
