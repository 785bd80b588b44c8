"""Cleaning a text column of a Hugging Face dataset (`datasets.Dataset`, or each split of a `DatasetDict`).

    from datasets import Dataset
    from cleaner.hf import clean_dataset

    ds = Dataset.from_dict({"id": ["a", "b"], "text": ["caf\u00c3\u00a9  au lait\r\n", "Fish &amp; chips"]})
    cleaned = clean_dataset(ds, column="text", num_proc=2, edits=True)

Built on `Dataset.map` (batched), so it is what datasets users know: the rows keep their order and
every other column, `num_proc` processes share the work, and a dataset read from disk gets its
result cached. The config is read here, in the calling process; each process builds the
pipeline once and keeps it, with the word lists its stages load. The same dataset, config and
cleaner version give the same rows, and the same fingerprint: the fingerprint that names the
cached result includes cleaner's version and the pipeline's config hash, so a cache made by
another cleaner or another config is never taken for this one. Needs
`pip install 'cleaner[hf]'`.
"""
from __future__ import annotations

from pathlib import Path

from . import __version__
from .run.shard import clean_values, client_config, worker_pipeline

__all__ = ["clean_dataset"]

BATCH_SIZE = 256  # rows per call: large enough to amortise the call, small enough to report progress


def clean_dataset(ds, column: str = "text", config: str | Path | dict | None = None, num_proc: int | None = None,
                  edits: bool = False, edits_column: str = "edits", batch_size: int = BATCH_SIZE):
    """`ds` with the texts of `column` cleaned (values that are not strings, None, stay); with
    `edits`, a column `edits_column` of each row's edits as a JSON list (`Edit.to_dict`), None for a
    row without a text. `config`: a config file, a dict merged onto the built-in default, or None
    for the default. Works on a `Dataset` or a `DatasetDict` (each split), and on a streaming
    `IterableDataset` (`load_dataset(…, streaming=True)`), which is cleaned lazily, row batches as
    they are read, in the process that reads them (no `num_proc`)."""
    from datasets import IterableDataset, IterableDatasetDict

    streaming = isinstance(ds, (IterableDataset, IterableDatasetDict))
    if streaming and num_proc is not None:
        raise ValueError("a streaming dataset is cleaned as it is read, in this process: num_proc is for a Dataset")
    names = ds.column_names
    for split_names in names.values() if isinstance(names, dict) else [names]:
        if split_names is None:  # a stream whose columns are known only once it is read
            continue
        if column not in split_names:
            raise ValueError(f"no column {column!r} (the columns: {', '.join(split_names)})")
        if edits and edits_column in split_names:
            raise ValueError(f"the dataset has a column {edits_column!r} already: give another edits_column")
    loaded = client_config(config)
    kwargs = {"column": column, "config": loaded, "edits_column": edits_column if edits else None,
              "version": __version__, "pipeline": worker_pipeline(loaded).config_hash()}
    if streaming:
        return ds.map(_clean_batch, batched=True, batch_size=batch_size, fn_kwargs=kwargs)
    return ds.map(_clean_batch, batched=True, batch_size=batch_size, num_proc=num_proc, fn_kwargs=kwargs,
                  desc=f"cleaning {column}")


def _clean_batch(batch: dict, column: str, config: dict | None, edits_column: str | None, version: str,
                 pipeline: str) -> dict:
    """One batch of rows, cleaned. `version` and `pipeline` (the config hash) are unused here: they
    are arguments so that datasets' fingerprint of this transform, hashed from its arguments,
    changes with what cleans."""
    results = clean_values(config, batch[column])
    out = {column: [r.text if r else value for r, value in zip(results, batch[column])]}
    if edits_column:
        out[edits_column] = [r.edits_json() if r else None for r in results]
    return out
