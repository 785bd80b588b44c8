"""cleaner.hf.clean_dataset on small in-memory Hugging Face datasets."""
import json
import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here reads from a hub
datasets = pytest.importorskip("datasets")

import cleaner  # noqa: E402
import cleaner.run.shard as shard  # noqa: E402
from cleaner.hf import clean_dataset  # noqa: E402

TEXTS = [
    "date 2022-10-12 Ministers meet in Brussels\nDefence ministers of the alliance met on Wednesday in "
    "Brussels to discuss support for Ukraine.\n",
    "The caf\u00c3\u00a9 on the quay reopened  today after the storm.\r\n",
    None,
    "Fish &amp; chips\n\n\n\nfor two, said the   sign.",
    "The goverment said on Tuesday that the new rail line would open next year, after a long delay.\n",
    "A \u201cclean\u201d letter.\n",
] * 3


def dataset():
    return datasets.Dataset.from_dict({"doc": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS,
                                       "n": list(range(len(TEXTS)))})


def test_the_column_is_cleaned_as_clean_cleans_and_the_rest_kept():
    out = clean_dataset(dataset(), column="text", num_proc=2, edits=True)
    assert out.column_names == ["doc", "text", "n", "edits"]
    assert out["doc"] == [f"d{i}" for i in range(len(TEXTS))] and out["n"] == list(range(len(TEXTS)))
    expected = [cleaner.clean(t) if t is not None else None for t in TEXTS]
    assert out["text"] == [r.text if r else None for r in expected]
    assert out["text"][0].startswith("Date: 2022-10-12\nMinisters meet in Brussels\n\n")
    assert [json.loads(e) if e else None for e in out["edits"]] == \
        [[e.to_dict() for e in r.edits] if r else None for r in expected]


def test_any_number_of_processes_gives_the_same_rows_and_fingerprint():
    one = clean_dataset(dataset(), num_proc=None, batch_size=4)
    two = clean_dataset(dataset(), num_proc=2, batch_size=4)
    assert one["text"] == two["text"]
    assert one._fingerprint == clean_dataset(dataset(), batch_size=4)._fingerprint
    fixing = clean_dataset(dataset(), config={"stage": {"spelling": {"fix": True}}}, batch_size=4)
    assert fixing._fingerprint != one._fingerprint                   # another config: another cached result
    assert fixing["text"][4].startswith("The government said")
    assert one["text"][4].startswith("The goverment said")          # the default only flags it


def test_the_pipeline_is_built_once_per_process(monkeypatch):
    built = []
    real = shard.Pipeline.from_dict
    monkeypatch.setattr(shard, "_pipelines", {})
    monkeypatch.setattr(shard.Pipeline, "from_dict", lambda config: built.append(1) or real(config))
    clean_dataset(dataset(), config={"pipeline": {"stages": ["whitespace"]}}, batch_size=2)  # 9 batches
    assert len(built) == 1


def test_a_dataset_dict_is_cleaned_split_by_split():
    splits = datasets.DatasetDict({"train": dataset(), "test": dataset().select(range(3))})
    out = clean_dataset(splits, config={"pipeline": {"stages": ["whitespace"]}})
    assert out["test"]["text"][1] == "The caf\u00c3\u00a9 on the quay reopened today after the storm.\n"
    assert len(out["train"]) == len(TEXTS)


def test_wrong_columns_are_named():
    with pytest.raises(ValueError, match=r"no column 'body' \(the columns: doc, text, n\)"):
        clean_dataset(dataset(), column="body")
    with pytest.raises(ValueError, match="has a column 'n' already"):
        clean_dataset(dataset(), edits=True, edits_column="n")


def test_a_streaming_dataset_is_cleaned_as_it_is_read():
    stream = dataset().to_iterable_dataset(num_shards=3)
    out = clean_dataset(stream, config={"pipeline": {"stages": ["encoding", "whitespace"]}}, edits=True)
    assert isinstance(out, datasets.IterableDataset)
    rows = list(out)
    simple = cleaner.Pipeline(["encoding", "whitespace"])
    assert [r["text"] for r in rows] == [simple.clean(t).text if t is not None else None for t in TEXTS]
    assert rows[1]["edits"] == simple.clean(TEXTS[1]).edits_json()
    with pytest.raises(ValueError, match="num_proc is for a Dataset"):
        clean_dataset(stream, num_proc=2)
