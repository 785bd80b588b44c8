"""Batch runs: the same bytes for any number of jobs, after a kill and --resume, and atomic files."""
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner
import cleaner.run as run_module
from cleaner.cli import main

from .conftest import dump_records, report_files, tree, write_jsonl

SMALL_SHARDS = ["--shard-mb", "0.004"]  # about 4 kB a shard: the dumps here make dozens


def clean(*args) -> int:
    return main(["clean", *map(str, args), "-q"])


@pytest.mark.parametrize("out_name", ["out.jsonl.gz", "out"])
def test_jobs_2_writes_the_bytes_jobs_1_writes(dump, tmp_path, out_name):
    results = []
    for jobs in ("1", "2"):
        out, rep = tmp_path / jobs / out_name, tmp_path / jobs / "rep"
        assert clean(dump, "-o", out, "--report", rep, "--jobs", jobs, *SMALL_SHARDS) == 1
        results.append((out.read_bytes() if out.is_file() else tree(out), report_files(rep)))
        assert sorted(os.listdir(tmp_path / jobs)) == sorted([out_name, "rep"])  # no work folder left
    assert results[0] == results[1]
    summary = json.loads(results[0][1]["summary.json"])
    assert summary["documents"] == {"in": 431, "out": 426, "rejected": 5, "changed": 320}


def test_shards_change_compressed_bytes_only_not_content(dump, tmp_path):
    """Shard size is part of a run's identity for compressed output (a stream per shard), not its content."""
    texts = []
    for shard_mb in ("0.004", "64"):
        out = tmp_path / f"{shard_mb}.jsonl.gz"
        assert clean(dump, "-o", out, "--shard-mb", shard_mb) == 1
        texts.append(gzip.decompress(out.read_bytes()))
    assert texts[0] == texts[1]


def _kill_midway(args, work: Path, sig, min_done=3) -> subprocess.CompletedProcess:
    """Start `cleaner clean ARGS`, wait until `min_done` shards are marked done, send `sig`."""
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", *map(str, args)],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(work.glob("shard-*/done.json"))) < min_done:
        assert process.poll() is None, "the run finished before it could be interrupted: give it more work"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, sig)  # the whole group: a SIGKILL reaches the workers too
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, "", err)


@pytest.mark.parametrize("jobs, sig", [("1", signal.SIGKILL), ("2", signal.SIGKILL), ("2", signal.SIGINT)])
def test_a_run_killed_midway_and_resumed_writes_what_an_uninterrupted_run_writes(tmp_path, jobs, sig):
    src = write_jsonl(tmp_path / "in/big.jsonl", dump_records(1500))
    whole_out, whole_rep = tmp_path / "whole.jsonl.zst", tmp_path / "whole-rep"
    assert clean(src, "-o", whole_out, "--report", whole_rep, *SMALL_SHARDS) == 1

    out, rep = tmp_path / "cut.jsonl.zst", tmp_path / "cut-rep"
    args = [src, "-o", out, "--report", rep, "--jobs", jobs, *SMALL_SHARDS]
    killed = _kill_midway(args, tmp_path / ".cut.jsonl.zst.cleaner-run", sig)
    if sig == signal.SIGINT:
        assert killed.returncode == 130
        assert "run the same command with --resume" in killed.stderr and "Traceback" not in killed.stderr
    else:
        assert killed.returncode == -signal.SIGKILL
    assert not out.exists() and not (rep / "summary.json").exists()  # nothing final before the end

    assert clean(*args, "--resume") == 1
    assert out.read_bytes() == whole_out.read_bytes()
    assert report_files(rep) == report_files(whole_rep)
    summary = json.loads((rep / "summary.json").read_text())
    assert summary["resumed"]["done_before"] >= 3
    assert summary["resumed"]["done_before"] < summary["resumed"]["shards"]
    assert summary["documents"]["in"] == 1501 == summary["documents"]["out"] + summary["documents"]["rejected"]
    assert sorted(os.listdir(tmp_path)) == sorted(["in", "whole.jsonl.zst", "whole-rep", "cut.jsonl.zst", "cut-rep"])


def test_a_txt_tree_resumes_too(dump, tmp_path):
    whole = tmp_path / "whole"
    assert clean(dump, "-o", whole, *SMALL_SHARDS) == 1
    out = tmp_path / "out"
    killed = _kill_midway([dump, "-o", out, "--jobs", "1", *SMALL_SHARDS], tmp_path / ".out.cleaner-run",
                          signal.SIGKILL, min_done=2)
    assert killed.returncode == -signal.SIGKILL
    (out / "txt/.t05.txt.k1ll3d_x.tmp").write_text("what a kill mid-write leaves")
    assert clean(dump, "-o", out, "--resume", *SMALL_SHARDS) == 1
    assert tree(out) == tree(whole)


def test_resume_refuses_a_run_that_is_not_the_same(dump, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    work = tmp_path / ".out.jsonl.cleaner-run"
    work.mkdir()
    (work / "plan.json").write_text('{"cleaner": "0.0.1"}')
    assert main(["clean", str(dump), "-o", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert err == (f"cleaner: error: cannot resume: the interrupted run's shards were cleaned by cleaner 0.0.1, "
                   f"this is {cleaner.__version__}; run without --resume to start again\n")
    assert clean(dump, "-o", out) == 1  # without --resume, the old work folder is dropped
    assert not work.exists()


def _interrupted_before_the_join(monkeypatch, *args) -> Path:
    """Run `clean ARGS` until every shard is done, then stop as Ctrl-C would: the work folder stays."""
    def interrupt(*_):
        raise KeyboardInterrupt
    with monkeypatch.context() as patch:
        patch.setattr(run_module, "_join", interrupt)
        assert clean(*args) == 130
    return args[2].parent / f".{args[2].name}.cleaner-run"


def test_resume_refuses_shards_another_version_cleaned(dump, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as patch:
        patch.setattr(run_module, "__version__", "0.1.0")
        work = _interrupted_before_the_join(monkeypatch, dump, "-o", out, *SMALL_SHARDS)
    assert len(list(work.glob("shard-*/done.json"))) > 1
    capsys.readouterr()
    assert main(["clean", str(dump), "-o", str(out), "--resume", *SMALL_SHARDS]) == 2
    assert capsys.readouterr().err == (
        f"cleaner: error: cannot resume: the interrupted run's shards were cleaned by cleaner 0.1.0, this is "
        f"{cleaner.__version__}; run without --resume to start again\n")
    assert not out.exists()


def test_resume_refuses_shards_another_config_cleaned(dump, tmp_path, monkeypatch, capsys):
    """The same --config FILE, edited: only the config's hash tells (max_rounds is no stage option)."""
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nstages = ["encoding", "whitespace"]\nmax_rounds = 3\n')
    out = tmp_path / "out.jsonl"
    before = cleaner.Pipeline.from_config(config).config_hash()
    _interrupted_before_the_join(monkeypatch, dump, "-o", out, "--config", config, *SMALL_SHARDS)
    config.write_text('[pipeline]\nstages = ["encoding", "whitespace"]\nmax_rounds = 2\n')
    now = cleaner.Pipeline.from_config(config).config_hash()
    capsys.readouterr()
    assert main(["clean", str(dump), "-o", str(out), "--config", str(config), "--resume", *SMALL_SHARDS]) == 2
    assert capsys.readouterr().err == (
        f"cleaner: error: cannot resume: the interrupted run's shards were cleaned under another pipeline config "
        f"(sha256 {before[:12]}, now {now[:12]}); run without --resume to start again\n")
    config.write_text('[pipeline]\nstages = ["encoding", "whitespace"]\nmax_rounds = 3\n')  # as it was: it goes on
    assert clean(dump, "-o", out, "--config", config, "--resume", *SMALL_SHARDS) == 1
    assert clean(dump, "-o", tmp_path / "whole.jsonl", "--config", config, *SMALL_SHARDS) == 1
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()


def test_resume_of_nothing_is_a_whole_run(dump, tmp_path):
    assert clean(dump, "-o", tmp_path / "a.jsonl", "--resume") == 1
    assert clean(dump, "-o", tmp_path / "b.jsonl") == 1
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_resume_from_stdin_is_refused(tmp_path, capsys):
    assert main(["clean", "-", "-o", str(tmp_path / "o.jsonl"), "--resume"]) == 2
    assert "--resume cannot go on reading stdin" in capsys.readouterr().err


def test_big_stdin_is_cut_into_shards(tmp_path, monkeypatch):
    import io
    data = b"".join(json.dumps(r).encode() + b"\n" for r in dump_records(100))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert clean("-", "--stdin-format", "jsonl", "-o", tmp_path / "o.jsonl", *SMALL_SHARDS) == 1
    src = write_jsonl(tmp_path / "same.jsonl", dump_records(100))
    src.write_bytes(data)
    assert clean(src, "-o", tmp_path / "p.jsonl") == 1
    ids = [json.loads(line)["id"] for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert ids == [json.loads(line)["id"] for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert (tmp_path / "o.jsonl").read_bytes() == (tmp_path / "p.jsonl").read_bytes()


def test_a_process_builds_each_pipeline_once():
    from cleaner.run.shard import worker_pipeline
    config = {"pipeline": {"stages": ["whitespace"]}}
    assert worker_pipeline(None) is worker_pipeline(None)
    assert worker_pipeline(config) is worker_pipeline(json.loads(json.dumps(config)))
    assert worker_pipeline(config) is not worker_pipeline(None)


def test_workers_are_forked_from_a_loaded_pipeline_and_the_caller_keeps_its_gc(dump, tmp_path):
    # the parent loads the pipeline and freezes its objects for the fork, then unfreezes: a library
    # caller's process collects garbage as it did before the run
    import gc
    from cleaner.run import shard
    shard._pipelines.clear()
    assert clean(dump, "-o", tmp_path / "out.jsonl", "--jobs", "2", *SMALL_SHARDS) == 1   # the dump holds rejects
    assert shard._pipelines                      # built here, in the parent, before the fork
    assert gc.get_freeze_count() == 0


def test_resume_takes_the_found_config_and_the_settings_into_account(dump, tmp_path, monkeypatch, capsys):
    """A cleaner.toml found in the working folder and --set make the config whose hash --resume checks."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleaner.toml").write_text('[pipeline]\nstages = ["encoding", "whitespace"]\n')
    out = tmp_path / "out.jsonl"
    setting = ["--set", "stage.whitespace.max_blank_lines=2"]
    _interrupted_before_the_join(monkeypatch, dump, "-o", out, *setting, *SMALL_SHARDS)
    capsys.readouterr()
    assert main(["clean", str(dump), "-o", str(out), "--resume", "-q", *SMALL_SHARDS]) == 2
    assert "cannot resume: the interrupted run's shards were cleaned under another pipeline config" in \
        capsys.readouterr().err
    assert clean(dump, "-o", out, "--resume", *setting, *SMALL_SHARDS) == 1
    expected = cleaner.Pipeline.from_dict(
        {"pipeline": {"stages": ["encoding", "whitespace"]}, "stage": {"whitespace": {"max_blank_lines": 2}}})
    assert clean(dump, "-o", tmp_path / "whole.jsonl", "--report", tmp_path / "rep", *setting, *SMALL_SHARDS) == 1
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    summary = json.loads((tmp_path / "rep" / "summary.json").read_text())
    assert summary["config_sha256"] == expected.config_hash()
