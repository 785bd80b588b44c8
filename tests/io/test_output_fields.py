"""Output fields keep their names: a JSONL output writes a record back as it came, the id and the
cleaned text under the input's names, other fields at the top level; `metadata` holds only what
cleaner added or changed. A txt tree's files end in .txt, so an output can be cleaned again."""
import json
from pathlib import Path

import cleaner
from cleaner.cli import main
from cleaner.io.writers import output_record

HEADED = ("date 2022-10-12 Ministers meet in Brussels\nDefence ministers of the alliance met on Wednesday in "
          "Brussels to discuss  support for Ukraine and the stocks of ammunition that members hold.\n")
PLAIN = "The harbour festival opens on Friday with music,  food stalls and a parade along the quay.\r\n"
RECORDS = [
    {"doc_id": 17, "body": HEADED, "language": "en", "title": "Old title", "tags": ["defence", "eu"],
     "source": {"feed": "wire", "page": 3}},
    {"body": PLAIN, "words": 15, "metadata": {"ingested": "2024-05-01"}},
]


def write_jsonl(path: Path, records) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def clean(*args) -> int:
    return main(["clean", *map(str, args), "-q"])


def test_records_keep_their_field_names_order_and_types(tmp_path):
    src = write_jsonl(tmp_path / "in" / "wire.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    assert clean(src, "-o", out, "--text-field", "body", "--id-field", "doc_id") == 0
    first, second = read_jsonl(out)

    headed = cleaner.clean(HEADED, metadata={k: v for k, v in RECORDS[0].items() if k not in ("doc_id", "body")})
    assert list(first) == ["doc_id", "body", "language", "title", "tags", "source", "metadata"]
    assert first["doc_id"] == 17                      # a number stays a number
    assert first["body"] == headed.text.replace("  ", " ") == headed.text
    assert first["title"] == "Old title"              # the input's field, as it came
    assert (first["tags"], first["source"]) == (RECORDS[0]["tags"], RECORDS[0]["source"])
    # what cleaner found: the header's title (another than the input's), the date; not the language
    # the input gave, which cleaner did not change
    assert first["metadata"]["title"] == "Ministers meet in Brussels"
    assert first["metadata"]["date"] == "2022-10-12"
    assert "language" not in first["metadata"] and "tags" not in first["metadata"]

    # no id: the one cleaner gave it comes first; an input `metadata` object takes cleaner's keys
    assert list(second) == ["doc_id", "body", "words", "metadata"]
    assert second["doc_id"] == "wire.jsonl:2"
    assert second["body"] == cleaner.clean(PLAIN).text
    assert second["metadata"]["ingested"] == "2024-05-01" and second["metadata"]["language"] == "en"


def test_a_jsonl_output_can_be_cleaned_again_as_it_is(tmp_path):
    src = write_jsonl(tmp_path / "in" / "wire.jsonl", RECORDS)
    fields = ["--text-field", "body", "--id-field", "doc_id"]
    assert clean(src, "-o", tmp_path / "once.jsonl", *fields) == 0
    assert clean(tmp_path / "once.jsonl", "-o", tmp_path / "twice.jsonl", *fields) == 0
    once, twice = read_jsonl(tmp_path / "once.jsonl"), read_jsonl(tmp_path / "twice.jsonl")
    assert [r["body"] for r in twice] == [r["body"] for r in once]   # cleaning is idempotent
    assert [r["doc_id"] for r in twice] == [17, "wire.jsonl:2"]


def test_a_txt_tree_of_records_is_read_again_whole(tmp_path):
    src = write_jsonl(tmp_path / "in" / "wire.jsonl", [{"id": "w-1", "text": PLAIN}, {"id": "w-2.txt", "text": HEADED}])
    assert clean(src, "-o", tmp_path / "tree") == 0
    assert sorted(p.name for p in (tmp_path / "tree").iterdir()) == [".cleaner-output", "w-1.txt", "w-2.txt"]
    assert clean(tmp_path / "tree", "-o", tmp_path / "again.jsonl", "--report", tmp_path / "rep") == 0
    summary = json.loads((tmp_path / "rep" / "summary.json").read_text())
    assert summary["documents"]["in"] == 2 and "skipped" not in summary


def test_a_metadata_field_that_is_no_object_is_rejected_from_jsonl_alone(tmp_path):
    records = [{"id": "a", "text": PLAIN, "metadata": "from the crawler"}, {"id": "b", "text": PLAIN}]
    src = write_jsonl(tmp_path / "in" / "x.jsonl", records)
    assert clean(src, "-o", tmp_path / "out.jsonl", "--report", tmp_path / "rep") == 1
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["b"]
    (reject,) = read_jsonl(tmp_path / "rep" / "rejects.jsonl")
    assert reject["reason"] == ("its field 'metadata' is a string, not an object: a JSONL output writes what "
                                "cleaner adds there (rename the field, or write txt or Parquet)")
    assert clean(src, "-o", tmp_path / "tree") == 0   # a txt tree has no fields to mix up


def test_apply_writes_the_records_as_the_run_did(tmp_path):
    src = write_jsonl(tmp_path / "in" / "wire.jsonl", RECORDS)
    out, rep = tmp_path / "out.jsonl", tmp_path / "rep"
    assert clean(src, "-o", out, "--report", rep, "--text-field", "body", "--id-field", "doc_id") == 0
    assert main(["apply", str(rep), "-o", str(tmp_path / "applied.jsonl"), "-q"]) == 0
    assert (tmp_path / "applied.jsonl").read_bytes() == out.read_bytes()


def test_output_record_of_a_txt_document():
    r = cleaner.Result("text\n", [], {"bom": True, "language": "en"}, "\ufefftext\n", "a/b.txt")
    assert output_record(r, None) == {"id": "a/b.txt", "text": "text\n", "metadata": {"bom": True, "language": "en"}}
    assert output_record(r, None, "key", "body") == {"key": "a/b.txt", "body": "text\n",
                                                     "metadata": {"bom": True, "language": "en"}}


def test_a_missing_float_is_written_as_null_and_is_no_change(tmp_path):
    """A Parquet float column's NaN: JSON has none, so the JSONL output holds null (strict readers
    refuse `NaN`), and an unchanged NaN is not reported under metadata as if cleaner changed it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["a", "b"], "text": ["Hello world.", "Second doc."],
                            "score": [1.5, float("nan")]}), tmp_path / "in.parquet")
    assert main(["clean", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0

    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    records = [json.loads(line, parse_constant=refuse)
               for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["score"] for r in records] == [1.5, None]
    assert [r["metadata"] for r in records] == [{}, {}]
