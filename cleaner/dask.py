"""Cleaning Dask collections: a bag of texts, or a text column of a Dask or pandas dataframe.

    import dask.bag as db
    from cleaner.dask import clean_bag, clean_column

    results = clean_bag(db.from_sequence(texts))          # a bag of cleaner.Result
    ddf = clean_column(ddf, "text", edits_column="edits")  # the column cleaned, its edits beside it
    df = clean_column(df, "text")                          # a pandas DataFrame: cleaned here, at once

Each partition is cleaned with the pipeline of `config` (a TOML file, a
config dict merged onto the default, or None for the built-in default). The
config is read here, on the client, so workers need no copy of the file; each
worker process builds the pipeline once and keeps it, with the word lists its
stages load. Dask collections need `pip install 'cleaner[dask]'`; a pandas
DataFrame needs only pandas. For files and folders, `cleaner clean --executor
dask` runs the same on a cluster with shards, resume and report.
"""
from __future__ import annotations

from pathlib import Path

from .run.shard import clean_values, client_config, worker_pipeline

__all__ = ["clean_bag", "clean_column"]


def clean_bag(bag, config: str | Path | dict | None = None):
    """A bag of `cleaner.Result`, one for each text of `bag`, in the same order."""
    return bag.map_partitions(_clean_texts, client_config(config))


def clean_column(df, column: str, config: str | Path | dict | None = None, edits_column: str | None = None):
    """`df` with the texts of `column` cleaned; with `edits_column`, a column of each row's edits
    as a JSON list (`Edit.to_dict`). Values that are not strings (None, NaN) stay as they are.
    A Dask dataframe is cleaned lazily, partition by partition; a pandas one here and now."""
    if not hasattr(df, "map_partitions"):  # a pandas DataFrame: one partition, cleaned in this process
        return _clean_frame(df, column, client_config(config), edits_column)
    meta = df._meta.copy()
    if edits_column:
        meta[edits_column] = meta[column].astype(object)
    return df.map_partitions(_clean_frame, column, client_config(config), edits_column, meta=meta)


def _clean_texts(texts, config):
    pipeline = worker_pipeline(config)
    return [pipeline.clean(text) for text in texts]


def _clean_frame(frame, column, config, edits_column):
    results = clean_values(config, frame[column])
    frame = frame.copy()
    frame[column] = [r.text if r else value for r, value in zip(results, frame[column])]
    if edits_column:
        frame[edits_column] = [r.edits_json() if r else None for r in results]
    return frame
