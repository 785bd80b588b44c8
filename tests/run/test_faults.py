"""A worker process that dies: reported, its shard cleaned again once, and then its documents rejected.

The deaths are real: a plugin stage calls os._exit in the worker on a document that asks for it
("DIE-ONCE" dies the first time only, a file remembering it; "DIE-ALWAYS" every time).
"""
import json
import os
from pathlib import Path

import pytest

from cleaner.cli import main

from .conftest import tree

PLUGIN = '''
import os
from pathlib import Path
from cleaner import Stage

class Dying(Stage):
    """Kills its process on a document that says DIE-ONCE (the first time) or DIE-ALWAYS."""
    name = "dying"

    def find(self, doc):
        if "DIE-ONCE" in doc.text:
            tomb = Path(os.environ["CLEANER_TEST_TOMBS"]) / doc.id.replace("/", "_")
            if not tomb.exists():
                tomb.write_text("died here once")
                os._exit(3)
        if "DIE-ALWAYS" in doc.text:
            os._exit(3)
        return []
'''


@pytest.fixture
def dying(tmp_path, monkeypatch):
    """A config whose pipeline holds the dying stage; the tombs' folder."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins/dying_stage_for_tests.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / "plugins"))  # worker processes are forked: they see it too
    tombs = tmp_path / "tombs"
    tombs.mkdir()
    monkeypatch.setenv("CLEANER_TEST_TOMBS", str(tombs))
    config = tmp_path / "dying.toml"
    config.write_text('[pipeline]\nstages = ["whitespace", "dying_stage_for_tests:Dying"]\n')
    return config, tombs


def dump(root: Path, word: str) -> Path:
    """20 txt files of about 3 kB, one shard each with --shard-mb 0.002; t07.txt holds `word`."""
    root.mkdir(parents=True)
    for i in range(20):
        body = f"Document {i}  is  fine.\n" * 130
        (root / f"t{i:02}.txt").write_text(body + (word if i == 7 else ""))
    return root


def clean(*args) -> int:
    return main(["clean", *map(str, args), "--shard-mb", "0.002", "-q"])


def test_a_worker_that_dies_once_is_reported_and_its_shard_cleaned_again(tmp_path, dying, capsys):
    config, tombs = dying
    src = dump(tmp_path / "in", "DIE-ONCE\n")
    out, rep = tmp_path / "out", tmp_path / "rep"
    assert clean(src, "-o", out, "--report", rep, "--config", config, "--jobs", "2") == 0
    err = capsys.readouterr().err
    assert err == (f"cleaner: warning: a worker process died (exit status 3) while cleaning shard 7 "
                   f"({src / 't07.txt'}); cleaning it again\n")
    assert (tombs / "t07.txt").exists()  # it did die
    summary = json.loads((rep / "summary.json").read_text())
    assert summary["documents"] == {"in": 20, "out": 20, "rejected": 0, "changed": 20}
    assert summary["worker_failures"] == [
        {"shard": 7, "attempt": 1, "worker": "exit status 3", "then": "cleaned again"}]

    again = tmp_path / "again"  # the tomb is there now: nothing dies, and the output is the same
    assert clean(src, "-o", again, "--config", config, "--jobs", "2") == 0
    assert tree(out) == tree(again) and len(tree(out)) == 20


def test_a_shard_whose_worker_dies_twice_goes_to_the_rejects(tmp_path, dying, capsys):
    config, _ = dying
    src = dump(tmp_path / "in", "DIE-ALWAYS\n")
    out, rep = tmp_path / "out.jsonl", tmp_path / "rep"
    assert clean(src, "-o", out, "--report", rep, "--config", config, "--jobs", "2") == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"cleaner: warning: a worker process died (exit status 3) while cleaning shard 7 ({src / 't07.txt'}); "
        f"cleaning it again",
        f"cleaner: warning: a worker process died again (exit status 3) while cleaning shard 7 "
        f"({src / 't07.txt'}); its documents go to the rejects"]
    rejects = [json.loads(line) for line in (rep / "rejects.jsonl").read_text().splitlines()]
    assert rejects == [{"id": "t07.txt", "source": str(src / "t07.txt"),
                        "reason": "a worker process died twice while cleaning this document's shard (exit status "
                                  "3); clean it again with a smaller --shard-mb to find the one at fault",
                        "record": (src / "t07.txt").read_text(encoding="utf-8")}]    # the document, kept
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == [f"t{i:02}.txt" for i in range(20) if i != 7]  # every other document is cleaned
    summary = json.loads((rep / "summary.json").read_text())
    assert summary["documents"] == {"in": 20, "out": 19, "rejected": 1, "changed": 19}
    assert [f["then"] for f in summary["worker_failures"]] == ["cleaned again", "documents rejected"]
    assert sorted(os.listdir(tmp_path)) == ["dying.toml", "in", "out.jsonl", "plugins", "rep", "tombs"]


def test_a_worker_error_stops_the_run_with_its_message(tmp_path, dying, monkeypatch, capsys):
    """An exception in a worker (here the output failing) is not a death: it ends the run, exit 2."""
    from cleaner.run import shard
    config, _ = dying
    src = dump(tmp_path / "in", "")
    real_write = shard._write

    def full(job, files, result, record):
        if result.id == "t05.txt":
            raise OSError(28, "No space left on device", "out/t05.txt")
        real_write(job, files, result, record)

    monkeypatch.setattr(shard, "_write", full)  # forked workers get the patched function
    assert clean(src, "-o", tmp_path / "out", "--config", config, "--jobs", "2") == 2
    assert capsys.readouterr().err == "cleaner: error: out/t05.txt: No space left on device\n"


def test_dask_gives_up_on_a_shard_whose_workers_die_and_its_documents_are_rejected(tmp_path, dying, monkeypatch,
                                                                                  capsys):
    pytest.importorskip("distributed")
    config, _ = dying
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path / "plugins"), os.environ.get("PYTHONPATH", "")]))
    src = dump(tmp_path / "in", "DIE-ALWAYS\n")
    out, rep = tmp_path / "out.jsonl", tmp_path / "rep"
    assert clean(src, "-o", out, "--report", rep, "--config", config, "--executor", "dask", "--jobs", "2") == 1
    assert (f"cleaner: warning: Dask gave up on shard 7 ({src / 't07.txt'}): the workers cleaning it died; "
            f"its documents go to the rejects\n") in capsys.readouterr().err
    rejects = [json.loads(line) for line in (rep / "rejects.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reason"].split(";")[0]) for r in rejects] == [
        ("t07.txt", "the Dask workers cleaning this document's shard died")]
    assert len(out.read_text().splitlines()) == 19
    summary = json.loads((rep / "summary.json").read_text())
    assert summary["documents"] == {"in": 20, "out": 19, "rejected": 1, "changed": 19}


def test_workers_that_die_before_any_work_stop_the_run_clearly(tmp_path, monkeypatch, capsys):
    from cleaner.run import executors

    def die(config):
        os._exit(7)

    monkeypatch.setattr(executors, "preload", lambda config: False)   # the parent loads nothing
    monkeypatch.setattr(executors, "worker_pipeline", die)           # forked workers die as they start
    src = dump(tmp_path / "in", "")
    assert clean(src, "-o", tmp_path / "out.jsonl", "--jobs", "2") == 2
    assert capsys.readouterr().err == ("cleaner: error: worker processes keep dying before they get any work "
                                       "(the last: exit status 7); finished shards are kept for --resume\n")
