"""Shards: reading a dump shard by shard gives exactly what reading it whole gives."""
import bz2
import gzip
import json
from pathlib import Path

import zstandard
from hypothesis import given, settings, strategies as st

from cleaner.io import ReadOptions, discover, read
from cleaner.io.shards import MAX_COMPRESSED_SHARDS, plan, read_shard

COMPRESS = {"": bytes, ".gz": lambda d: gzip.compress(d, mtime=0), ".bz2": bz2.compress,
            ".zst": zstandard.ZstdCompressor().compress}


def jsonl(texts) -> bytes:
    return b"".join(json.dumps({"text": t}).encode() + b"\n" if t is not None else b"not json\n"
                    for t in texts)


def sharded(sources, shard_bytes, options=ReadOptions()):
    shards = plan(sources, shard_bytes)
    assert [s.index for s in shards] == list(range(len(shards)))
    return shards, [item for s in shards for item in read_shard(s, options)]




@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=40),
       suffix=st.sampled_from(sorted(COMPRESS)), shard_bytes=st.integers(1, 300),
       blank=st.booleans())
@settings(max_examples=60, deadline=None)
def test_shards_of_a_jsonl_file_read_as_the_whole_file(tmp_path_factory, texts, suffix, shard_bytes, blank):
    folder = tmp_path_factory.mktemp("in")
    data = jsonl(texts) + (b"\n\n" if blank else b"")
    (folder / f"a.jsonl{suffix}").write_bytes(COMPRESS[suffix](data))
    sources = discover([str(folder)])
    shards, items = sharded(sources, shard_bytes)
    assert items == list(read(sources))
    if not suffix:
        assert sum(s.size for s in shards) == len(data)
        assert all(s.size <= shard_bytes + max(map(len, data.splitlines(True)), default=0) for s in shards)


def test_txt_files_group_into_shards_by_size_and_keep_their_order(tmp_path):
    for i in range(10):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * 40)
    (tmp_path / "m.jsonl").write_bytes(jsonl(["a", "b"]))
    (tmp_path / "n.txt").write_bytes(b"after")
    sources = discover([str(tmp_path)])
    shards, items = sharded(sources, 100)
    assert [[p.source.name for p in s.pieces] for s in shards] == [
        ["0.txt", "1.txt", "2.txt"], ["3.txt", "4.txt", "5.txt"], ["6.txt", "7.txt", "8.txt"],
        ["9.txt"], ["m.jsonl"], ["n.txt"]]
    assert items == list(read(sources))


def test_a_compressed_file_gets_a_bounded_number_of_shards(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl([f"document {i}" for i in range(2000)])))
    shards, items = sharded(discover([str(tmp_path)]), 100)
    assert 1 < len(shards) <= MAX_COMPRESSED_SHARDS
    assert [item.id for item in items] == [f"a.jsonl.gz:{i}" for i in range(1, 2001)]


def test_binary_and_corrupt_files_are_one_shard_rejected_as_without_shards(tmp_path):
    (tmp_path / "bin.jsonl").write_bytes(jsonl(["ok"] * 50) + b"\0" * 10)
    whole = gzip.compress(jsonl([f"document {i}" for i in range(500)]))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    sources = discover([str(tmp_path)])
    shards, items = sharded(sources, 50)
    assert len(shards) == 2
    assert items == list(read(sources))
    assert "binary file" in items[0].reason and "corrupt or truncated gz" in items[-1].reason


def test_shards_read_from_any_working_folder(tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_bytes(jsonl(["one", "two"]))
    monkeypatch.chdir(tmp_path)
    [shard] = plan(discover(["a.jsonl"]))
    monkeypatch.chdir(Path("/"))
    assert [r.source for r in read_shard(shard)] == ["a.jsonl:1", "a.jsonl:2"]
