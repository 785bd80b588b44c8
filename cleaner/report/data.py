"""The report's document data: each changed document's original text and edits, in chunk files.

report.html must open from `file://`, where a browser refuses `fetch`, and a
run of tens of thousands of documents must not become one giant page. So the
data lives beside the page in `data-<report id>/` as JavaScript files that a
`<script src>` tag loads, each calling one function the page defines:

    index.js          cleanerReport.index({...}): the rules, the chunk files, one short row per document
    edits.js          cleanerReport.edits({...}): a few numbers per edit, for the queue and the progress counts
    chunk-00000.js    cleanerReport.chunk(0, [...]): the documents of one chunk, texts and edits

Only documents with at least one edit are stored: a document without edits is
its own output. Documents keep their number `n`, the line of `edits.jsonl`
(and the record of a JSONL output) they have, which is how decisions name
them: ids need not be unique in a JSONL dump. The same files are read back by
`ReportData`, for `cleaner review` and `cleaner apply`.

Everything in the data comes from the documents and is untrusted. The payload
is JSON with every `<`, `>` and `&` written as a `\\u` escape, so no text can
close a script element or open a comment, in a file or inline in the page.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..edits import FIX, Edit
from .hunks import Heads

CHUNK_DOCS = 200            # documents per chunk at most …
CHUNK_CHARS = 400_000       # … and about this many characters of text, so one chunk loads in milliseconds
HAYSTACK_CHARS = 400        # text of a document's edits kept in the index for the list's search
_PREFIX = "cleanerReport."
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class ReportError(ValueError):
    """A report folder that is missing, incomplete or not cleaner's."""


def js_payload(obj) -> str:
    """JSON that is also safe inside a <script> element: ASCII only, no `<`, `>` or `&`."""
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).translate(_ESCAPES)


def js_call(function: str, *args) -> bytes:
    return f"{_PREFIX}{function}({','.join(js_payload(a) for a in args)});\n".encode("ascii")


def read_js_call(path: Path, function: str) -> list:
    """The arguments of a data file written by `js_call`."""
    text = path.read_text(encoding="ascii")
    head = f"{_PREFIX}{function}("
    if not (text.startswith(head) and text.endswith(");\n")):
        raise ReportError(f"{path}: not a cleaner report data file")
    return json.loads(f"[{text[len(head):-3]}]")


def groups(edits: Sequence[Edit]) -> list[int]:
    """Each edit's group: the index of the first fix of its run of touching fixes; -1 for a flag.

    Fixes that touch (one ends where the next starts, as a header rewrite and
    the line ending after it, or a repaired quote and the space the spacing
    stage then put after it) are accepted or rejected together: the later
    stage saw the earlier one's output right beside it. Overlapping fixes
    never reach here, `compose` has made them one edit with `parts`.
    """
    out, first, end = [], -1, -1
    for i, e in enumerate(edits):
        if e.kind != FIX:
            out.append(-1)
            continue
        if first < 0 or e.start > end:
            first = i
        end = e.end
        out.append(first)
    return out


def part_stages(edit: Edit) -> dict[str, str]:
    """rule → stage of every step of an edit."""
    return {p.rule: p.stage for p in (edit.parts or (edit,))}


class RuleTable:
    """Rules numbered in the order they first appear, each with the stage it belongs to."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self.stages: dict[str, str] = {}

    def number(self, rule: str, stage: str) -> int:
        r = self.numbers.get(rule)
        if r is None:
            r = self.numbers[rule] = len(self.names)
            self.names.append(rule)
            self.stages[rule] = stage
        return r

    def pairs(self) -> list[list[str]]:
        return [[rule, self.stages[rule]] for rule in self.names]


def document_entry(table: RuleTable, id: str, original: str, edits: Sequence[Edit], metadata: dict) -> list | None:
    """What the report keeps of a document with edits, but its text, rules numbered by `table`:

        [id, metadata, edit rows, fixes, flags, [[key, count], …], haystack, characters of the text]

    with key = 2 × rule + (1 for a flag), in the order keys first appear. A worker
    makes these for its shard with a table of its own, and encodes the text
    (`js_payload`, the bulk of a chunk) itself; `DataWriter.add_entries` renumbers
    the rules. None for a document without edits.
    """
    if not edits:
        return None
    keys: dict[int, int] = {}
    stored = []
    for edit, group in zip(edits, groups(edits)):
        flag = edit.kind != FIX
        indexes = []
        for rule, stage in part_stages(edit).items():
            r = table.number(rule, stage)
            indexes.append(r)
            key = 2 * r + flag
            keys[key] = keys.get(key, 0) + 1
        stored.append(_edit_row(edit, indexes, group))
    fixes = sum(e.kind == FIX for e in edits)
    return [id, metadata, stored, fixes, len(edits) - fixes, [[k, c] for k, c in keys.items()],
            _haystack(metadata, edits), len(original)]


def entry_line(n: int, original: str, entry: list) -> bytes:
    """One line of a shard's entries file: n, the text's payload, the entry (tab-separated: JSON
    escapes every tab inside its strings)."""
    rest = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace")
    return b"%d\t%s\t%s\n" % (n, js_payload(original).encode("ascii"), rest)


class DataWriter:
    """Writes the chunk files of a run while it goes, and its index at the end.

    Files go to a hidden temporary folder that `finish` renames to
    `data-<report id>`, so a report.html never points at half a folder. The
    index's rows wait in a temporary file, so memory does not grow with the run.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self._tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".data-", suffix=".tmp"))
        self._hash = hashlib.sha256()
        self._table = RuleTable()
        self.stages = self._table.stages
        self.counts: dict[str, list[int]] = {}  # rule → [fixes, flags, documents with fixes, with flags]
        self._rows = tempfile.TemporaryFile(dir=self._tmp)
        self._edits = tempfile.TemporaryFile(dir=self._tmp)
        self._combos: dict[tuple[int, ...], int] = {}
        self._first_row = True
        self._chunk: list[str] = []  # the documents' payloads
        self._chunk_chars = 0
        self._chunks: list[str] = []
        self._heads = Heads()

    def add(self, n: int, id: str, original: str, edits: Sequence[Edit], metadata: dict) -> None:
        entry = document_entry(self._table, id, original, edits, metadata)
        if entry:
            self._store(n, js_payload(original), entry)

    def add_entries(self, offset: int, lines: Iterable[bytes], rules: list[list[str]]) -> None:
        """Entries a worker made (`entry_line`s, n counted from `offset`, rules numbered as in its
        `rules` pairs), renumbered into this report's rules."""
        numbers = [self._table.number(rule, stage) for rule, stage in rules]
        for line in lines:
            n, original, rest = line.rstrip(b"\n").split(b"\t", 2)
            entry = json.loads(rest)
            for row in entry[2]:
                row[3] = [numbers[r] for r in row[3]]
            entry[5] = [[2 * numbers[k >> 1] + (k & 1), c] for k, c in entry[5]]
            self._store(offset + int(n), original.decode("ascii"), entry)

    def _store(self, n: int, original: str, entry: list) -> None:
        """Add a document; `original` is its text's payload, already encoded (js_payload)."""
        id, metadata, stored, fixes, flags, keys, haystack, chars = entry
        self._heads.add(n, id, stored, lambda: json.loads(original))
        names = self._table.names
        for key, count in keys:
            c = self.counts.setdefault(names[key >> 1], [0, 0, 0, 0])
            c[key & 1] += count
            c[2 + (key & 1)] += 1
        self._edits.write(b"".join(b"%d,%d,%d,%d,%d," % (n, i, 2 * self._combo(row[3]) + row[4],
                                                         round(row[5] * 1000), row[7])
                                   for i, row in enumerate(stored)))
        row = [n, id, len(self._chunks), fixes, flags, [x for key, count in sorted(keys) for x in (key, count)],
               haystack]
        self._rows.write(("" if self._first_row else ",").encode() + js_payload(row).encode("ascii"))
        self._first_row = False
        # js_payload([n, id, original, metadata, stored]), from its parts: a list's JSON is its
        # items' JSON joined by commas, and the escapes act character by character
        self._chunk.append(f"[{n},{js_payload(id)},{original},{js_payload(metadata)},{js_payload(stored)}]")
        self._chunk_chars += chars
        if len(self._chunk) >= CHUNK_DOCS or self._chunk_chars >= CHUNK_CHARS:
            self._flush()

    def _combo(self, rules: list[int]) -> int:
        """The number of a set of rules (an edit's, several for a merged one) in the edits file."""
        return self._combos.setdefault(tuple(rules), len(self._combos))

    def _flush(self) -> None:
        if self._chunk:
            name = f"chunk-{len(self._chunks):05}.js"
            # js_call("chunk", number, documents), with the documents' payloads made already
            data = f"{_PREFIX}chunk({len(self._chunks)},[{','.join(self._chunk)}]);\n".encode("ascii")
            self._hash.update(data)
            (self._tmp / name).write_bytes(data)
            self._chunks.append(name)
            self._chunk, self._chunk_chars = [], 0

    def finish(self, edits_digest: bytes) -> tuple[str, str]:
        """Write the index and move the folder in place; (report id, folder name)."""
        self._flush()
        rules = self._table.pairs()
        self._hash.update(edits_digest)
        self._hash.update(json.dumps(rules).encode())
        report_id = self._hash.hexdigest()[:16]
        # js_call("index", {"report", "rules", "chunks", "docs"}), with the rows streamed from their file
        head = (f'{_PREFIX}index({{"report":{js_payload(report_id)},"rules":{js_payload(rules)},'
                f'"chunks":{js_payload(self._chunks)},"docs":[')
        with open(self._tmp / "index.js", "wb") as index:
            index.write(head.encode("ascii"))
            self._rows.seek(0)
            shutil.copyfileobj(self._rows, index)
            index.write(b"]});\n")
        self._rows.close()
        # js_call("edits", {"combos", "edits"}): five numbers an edit, streamed likewise
        with open(self._tmp / "edits.js", "wb") as f:
            f.write(f'{_PREFIX}edits({{"combos":{js_payload([list(c) for c in self._combos])},"edits":['
                    .encode("ascii"))
            self._edits.seek(0)
            shutil.copyfileobj(self._edits, f)
            f.seek(f.tell() - 1 if self._combos else f.tell())  # the last number's comma
            f.truncate()
            f.write(b"]});\n")
        self._edits.close()
        for rule, hunks in self._heads.by_rule().items():
            (self._tmp / f"queue-{rule:05}.js").write_bytes(js_call("hunks", rule, hunks))
        os.chmod(self._tmp, 0o777 & ~_umask())
        name = f"data-{report_id}"
        target = self.folder / name
        if target.is_dir():  # the same run again: same id, same content
            shutil.rmtree(self._tmp)
        else:
            os.replace(self._tmp, target)
        return report_id, name

    def abort(self) -> None:
        self._rows.close()
        self._edits.close()
        shutil.rmtree(self._tmp, ignore_errors=True)


def remove_stale_data(folder: Path, keep: str) -> None:
    """Drop the data folders of earlier runs once the new report.html is in place."""
    for path in folder.glob("data-*"):
        if path.is_dir() and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _edit_row(edit: Edit, rules: list[int], group: int) -> list:
    """[start, end, after, rule indexes, kind (0 fix, 1 flag), confidence, reason, group, parts]."""
    parts = [[p.rule, p.before, p.after, p.reason] for p in edit.parts]
    return [edit.start, edit.end, edit.after, rules, int(edit.kind != FIX), round(edit.confidence, 4),
            edit.reason, group, parts]


def _haystack(metadata: dict, edits: Sequence[Edit]) -> str:
    """What the list's search looks in besides the id: the title and the edited text."""
    bits = [str(metadata.get("title") or "")]
    for e in edits:
        bits.append(f"{e.before[:40]}\u2192{e.after[:40]}")
    return "\n".join(bits)[:HAYSTACK_CHARS]


@dataclass(frozen=True)
class StoredDocument:
    """One document of a report: number, id, metadata, edits, and its original text when stored."""

    n: int
    id: str
    metadata: dict
    edits: list[Edit]
    original: str | None  # None: a document without edits, whose output is its input

    @property
    def fixes(self) -> list[Edit]:
        return [e for e in self.edits if e.kind == FIX]


class ReportData:
    """A report folder, read back: summary.json, edits.jsonl and the chunk files."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise ReportError(f"{folder}: no such report folder")
        try:
            self.summary = json.loads((self.folder / "summary.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReportError(f"{folder}: no summary.json: not a report folder, or its run did not finish") from None
        except (OSError, ValueError) as e:
            raise ReportError(f"{self.folder / 'summary.json'}: unreadable ({e})") from None
        report = self.summary.get("report") if isinstance(self.summary, dict) else None
        if not isinstance(report, dict) or "id" not in report or "data" not in report:
            raise ReportError(f"{folder}: the report has no document data (written by an older cleaner?): "
                              "run cleaner clean again")
        self.id: str = report["id"]
        self.data = self.folder / report["data"]
        try:
            [self.index] = read_js_call(self.data / "index.js", "index")
        except (OSError, ValueError) as e:
            raise ReportError(f"{self.data / 'index.js'}: unreadable ({e})") from None
        if self.index.get("report") != self.id:
            raise ReportError(f"{self.data}: its data belong to another report")
        self.rules: list[str] = [r for r, _ in self.index["rules"]]
        self._chunk_of = {row[0]: row[2] for row in self.index["docs"]}

    @property
    def output(self) -> dict:
        return self.summary.get("output") or {}

    def chunk(self, k: int) -> dict[int, list]:
        """Documents of chunk k by number: [n, id, original, metadata, edit rows]."""
        try:
            number, docs = read_js_call(self.data / self.index["chunks"][k], "chunk")
        except (OSError, ValueError, IndexError) as e:
            raise ReportError(f"{self.data}: chunk {k} unreadable ({e})") from None
        return {d[0]: d for d in docs}

    def stored(self, n: int) -> tuple[str, dict]:
        """The original text and metadata of document `n`, one with edits (ReportError if none)."""
        k = self._chunk_of.get(n)
        if k is None:
            raise ReportError(f"{self.data}: document {n} has no stored text")
        row = self.chunk(k)[n]
        return row[2], row[3]

    def fix_rules(self) -> set[str]:
        """Rules with at least one fix in the report: what a rule decision can name."""
        return {self.rules[key >> 1] for row in self.index["docs"] for key in row[5][::2] if not key & 1}

    def records(self) -> Iterator[tuple[int, str, dict, list[Edit]]]:
        """(number, id, metadata, edits) of every document the run wrote, from edits.jsonl."""
        path = self.folder / "edits.jsonl"
        n = 0
        try:
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f):
                    record = json.loads(line)
                    yield n, record["id"], record["metadata"], [Edit.from_dict(e) for e in record["edits"]]
        except FileNotFoundError:
            raise ReportError(f"{path}: missing") from None
        except (KeyError, TypeError, ValueError) as e:
            raise ReportError(f"{path}: line {n + 1} is not a report record ({e})") from None

    def documents(self) -> Iterator[StoredDocument]:
        """Every document the run wrote, in output order, with its original text when it has edits."""
        loaded_k, loaded = None, {}
        for n, id, metadata, edits in self.records():
            original = None
            if edits:
                k = self._chunk_of.get(n)
                if k is None:
                    raise ReportError(f"{self.data}: document {n} has edits but no stored text")
                if k != loaded_k:
                    loaded_k, loaded = k, self.chunk(k)
                original = loaded[n][2]
            yield StoredDocument(n, id, metadata, edits, original)
