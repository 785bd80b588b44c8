"""What a reader yields: a document to clean, or a reject that says why there is none."""
from __future__ import annotations

import json
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

    def as_read(self) -> str:
        """The document as its input held it, for a reject that keeps it: a JSONL record's or a
        Parquet row's fields as one JSON object, a text document's text."""
        return self.text if self.fields is None else json.dumps(self.fields, ensure_ascii=False)


def given_id(value) -> str | None:
    """The id a record's id field gives it: a non-empty string or a whole number (not a bool), as
    text; None where the field gives none (the reader then names the record by its place)."""
    has_id = isinstance(value, (str, int)) and not isinstance(value, bool) and value != ""
    return str(value) if has_id else None


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that is not cleaned, with a one-line `reason` a user can act on, and the input itself
    where the reader held it (`record`: a JSONL line as it came, a document's text, a record's
    fields as JSON), so that a stream's rejects are not lost with the stream. None for what its
    `source` names whole (a file that cannot be read) and for a document over --max-doc-mb.
    A line that is not UTF-8 keeps its bytes as lone surrogates (`surrogateescape`)."""

    id: str
    source: str
    reason: str
    record: str | None = None

    def to_dict(self) -> dict:
        """The reject as a rejects.jsonl line holds it (no `record` key where none was kept)."""
        out = {"id": self.id, "source": self.source, "reason": self.reason}
        if self.record is not None:
            out["record"] = self.record
        return out
