"""The Dask executor writes what the local one writes; bags and dataframe columns clean like clean()."""
import builtins
import json

import pytest

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

import cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402

from .conftest import TEMPLATES, report_files, tree, wire  # noqa: E402

SMALL_SHARDS = ["--shard-mb", "0.004"]


@pytest.fixture(scope="module")
def scheduler():
    """A cluster of threads in this process: the executor's code path, without worker start-up time."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("out_name", ["out.jsonl.bz2", "out"])
def test_dask_writes_what_local_processes_write(dump, tmp_path, scheduler, out_name):
    results = []
    for executor in (["--jobs", "2"], ["--executor", "dask", "--scheduler", scheduler]):
        folder = tmp_path / executor[1]
        out, rep = folder / out_name, folder / "rep"
        assert main(["clean", str(dump), "-o", str(out), "--report", str(rep), "-q", *SMALL_SHARDS, *executor]) == 1
        results.append((out.read_bytes() if out.is_file() else tree(out), report_files(rep)))
    assert results[0] == results[1]


def test_dask_writes_the_parquet_local_processes_write(tmp_path, scheduler):
    pytest.importorskip("pyarrow")
    wire(tmp_path / "in/wire.parquet", 200, row_group_size=20)
    outs = []
    for executor in (["--jobs", "2"], ["--executor", "dask", "--scheduler", scheduler]):
        out = tmp_path / executor[1] / "clean.parquet"
        assert main(["clean", str(tmp_path / "in"), "-o", str(out), "--text-field", "body", "--edits-column", "-q",
                     "--shard-mb", "0.0001", *executor]) == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_dask_on_a_local_cluster_of_processes(dump, tmp_path):
    """No --scheduler: a LocalCluster of --jobs processes is started and stopped by the run."""
    out, local = tmp_path / "dask.jsonl", tmp_path / "local.jsonl"
    assert main(["clean", str(dump / "txt"), "-o", str(out), "--executor", "dask", "--jobs", "1", "-q"]) == 0
    assert main(["clean", str(dump / "txt"), "-o", str(local), "-q"]) == 0
    assert out.read_bytes() == local.read_bytes()


def test_without_dask_the_error_says_how_to_install_it(dump, tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    assert main(["clean", str(dump), "-o", str(tmp_path / "o.jsonl"), "--executor", "dask"]) == 2
    assert capsys.readouterr().err == ("cleaner: error: --executor dask needs Dask's distributed scheduler: "
                                       "pip install 'cleaner[dask]'\n")
    assert not (tmp_path / "o.jsonl").exists()


def test_scheduler_needs_the_dask_executor(dump, tmp_path, capsys):
    assert main(["clean", str(dump), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://x:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err


TEXTS = [t.format(i=i) for i, t in enumerate(TEMPLATES * 3)]


def test_clean_bag_gives_what_clean_gives(scheduler):
    import dask.bag as db

    from cleaner.dask import clean_bag

    with distributed.Client(scheduler):
        results = clean_bag(db.from_sequence(TEXTS, npartitions=3)).compute()
    assert results == [cleaner.clean(t) for t in TEXTS]


def test_clean_column_cleans_a_dataframe_column_and_keeps_the_rest(scheduler, tmp_path):
    import dask.dataframe as dd
    import pandas as pd

    from cleaner.dask import clean_column

    frame = pd.DataFrame({"id": range(len(TEXTS) + 1), "text": [*TEXTS, None]})
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nstages = ["whitespace"]\n')
    with distributed.Client(scheduler):
        out = clean_column(dd.from_pandas(frame, npartitions=4), "text", config, edits_column="edits").compute()
    whitespace = cleaner.Pipeline.from_config(config)
    assert list(out["id"]) == list(frame["id"])
    assert list(out["text"][:-1]) == [whitespace.clean(t).text for t in TEXTS]
    assert pd.isna(out["text"].iloc[-1]) and pd.isna(out["edits"].iloc[-1])
    assert json.loads(out["edits"].iloc[0]) == [e.to_dict() for e in whitespace.clean(TEXTS[0]).edits]


def test_clean_column_takes_a_pandas_dataframe_and_leaves_it_as_it_was():
    import pandas as pd

    from cleaner.dask import clean_column

    frame = pd.DataFrame({"doc": ["a", "b", "c"], "text": [TEXTS[0], None, TEXTS[1]]}, index=[10, 20, 30])
    before = frame.copy()
    out = clean_column(frame, "text", {"stage": {"spelling": {"fix": True}}}, edits_column="edits")
    assert isinstance(out, pd.DataFrame) and list(out.index) == [10, 20, 30]
    fixing = cleaner.Pipeline.from_dict({"stage": {"spelling": {"fix": True}}})
    assert list(out["text"].iloc[[0, 2]]) == [fixing.clean(TEXTS[0]).text, fixing.clean(TEXTS[1]).text]
    assert json.loads(out["edits"].iloc[2]) == [e.to_dict() for e in fixing.clean(TEXTS[1]).edits]
    assert pd.isna(out["text"].iloc[1]) and pd.isna(out["edits"].iloc[1])
    pd.testing.assert_frame_equal(frame, before)  # a new frame: the caller's is untouched
