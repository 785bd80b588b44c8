"""Compressed streams: written and read back by name; damage is an error, never a short read."""
import pytest
import zstandard

from cleaner.io import compression
from cleaner.io.atomic import AtomicFile

DATA = b"".join(b"line %d\n" % i for i in range(50_000))


@pytest.mark.parametrize("name", ["a.txt", "a.txt.gz", "a.jsonl.zst", "a.jsonl.bz2"])
def test_round_trip(tmp_path, name):
    with AtomicFile(tmp_path / name, compress=True) as f:
        f.write(DATA)
    assert ((tmp_path / name).read_bytes() == DATA) == (name == "a.txt")
    with compression.open_read(str(tmp_path / name)) as f:
        assert f.readline() == b"line 0\n" and f.read() == DATA[len(b"line 0\n"):]


def test_zstd_frames_written_one_after_another_read_as_one_stream(tmp_path):
    c = zstandard.ZstdCompressor()
    (tmp_path / "a.zst").write_bytes(c.compress(b"first\n") + c.compress(b"second\n"))
    with compression.open_read(str(tmp_path / "a.zst")) as f:
        assert f.read() == b"first\nsecond\n"


@pytest.mark.parametrize("name", ["a.gz", "a.zst", "a.bz2"])
def test_streams_written_one_after_another_read_as_one(tmp_path, name):
    """What a run's shards write, each into its own part, is joined into one file by concatenation."""
    parts = []
    for part in (DATA[:1000], b"", DATA[1000:]):
        with AtomicFile(tmp_path / f"part{len(parts)}{name[1:]}", compress=True) as f:
            f.write(part)
        parts.append((tmp_path / f"part{len(parts)}{name[1:]}").read_bytes())
    (tmp_path / name).write_bytes(b"".join(parts))
    with compression.open_read(str(tmp_path / name)) as f:
        assert f.read() == DATA


def test_truncated_zstd_raises_instead_of_returning_less(tmp_path):
    whole = zstandard.ZstdCompressor().compress(DATA)
    (tmp_path / "cut.zst").write_bytes(whole[: len(whole) // 2])
    with compression.open_read(str(tmp_path / "cut.zst")) as f, pytest.raises(EOFError, match="inside a frame"):
        f.read()


@pytest.mark.parametrize("suffix", [".gz", ".zst", ".bz2"])
def test_same_content_gives_same_bytes(tmp_path, suffix):
    for name in ("a", "b"):
        with AtomicFile(tmp_path / (name + suffix), compress=True) as f:
            f.write(DATA)
    assert (tmp_path / ("a" + suffix)).read_bytes() == (tmp_path / ("b" + suffix)).read_bytes()
