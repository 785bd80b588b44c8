"""What a reader yields: a document to clean, or a reject that says why there is none."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Record:
    """One input document. `source` says where it came from (path, or path:line for JSONL and
    path:row for Parquet). `row`: a Parquet row, as (record batch, index), whose columns a Parquet
    output copies with their types; metadata holds them only as JSON can. `fields`: a JSONL
    record's or a Parquet row's own fields, as JSON holds them, in their order, the id and the
    text too, which a JSONL output writes back under their names (None for a txt document)."""

    id: str
    text: str
    metadata: dict = field(default_factory=dict)
    source: str = ""
    row: tuple | None = field(default=None, compare=False, repr=False)
    fields: dict | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that is not cleaned, with a one-line `reason` a user can act on."""

    id: str
    source: str
    reason: str
