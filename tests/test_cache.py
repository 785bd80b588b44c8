"""cleaner.cache: kept whole under a name, read back; no folder means nothing kept, never an error."""
from cleaner import cache


def test_kept_content_is_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    assert cache.read("x.bin") is None
    assert cache.writable() and cache.keep("x.bin", b"\x00\x01")
    assert cache.read("x.bin") == b"\x00\x01"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["x.bin"]     # no temporary file left


def test_an_empty_setting_keeps_nothing(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert cache.folder() is None and not cache.writable()
    assert cache.keep("x.bin", b"1") is False and cache.read("x.bin") is None


def test_a_folder_that_cannot_be_made_is_no_cache(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert not cache.writable() and cache.keep("x.bin", b"1") is False and cache.read("x.bin") is None


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEANER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "cleaner"


def test_digests_differ_when_any_part_does():
    assert cache.digest(b"a", b"bc") != cache.digest(b"ab", b"c") != cache.digest(b"a", b"bd")
