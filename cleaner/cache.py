"""Cache: what cleaner builds from the data it ships, kept between processes.

Why: a structure that takes seconds to build from a language's word list (the spelling stage's
table of deleted letters) takes milliseconds to read back. It is built on first use and kept in the
user's cache folder, so only the first process on a machine pays for it; that is what building
it at install time would give, without a build step.

Where: `$CLEANER_CACHE_DIR`, else `$XDG_CACHE_HOME/cleaner`, else `~/.cache/cleaner`; an empty
`CLEANER_CACHE_DIR` keeps nothing. A name carries a digest of what its content was built from
(`digest`), so a new word list never meets an old structure. A folder that cannot be written
means no cache, never an error: callers then do without, with the same results.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path


def folder() -> Path | None:
    """The cache folder, or None when caching is switched off."""
    chosen = os.environ.get("CLEANER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleaner"


def digest(*parts: bytes) -> str:
    """A short name for what a cached structure was built from."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:24]


def source(resource) -> bytes:
    """What names a structure built from a file a package ships, for `digest`: the file's name, size
    and modification time, found without reading it (hashing symspellpy's 6 MB of lists cost every
    process ~10 ms of its start); its content where it is no plain file (a zipped package)."""
    with suppress(OSError, TypeError):
        stat = os.stat(resource)
        return f"{resource.name} {stat.st_size} {stat.st_mtime_ns}".encode()
    return resource.read_bytes()


def read(name: str) -> bytes | None:
    """The content kept under `name`, or None."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def keep(name: str, data: bytes) -> bool:
    """Keep `data` under `name` (whole or not at all); False when there is no writable folder."""
    where = folder()
    if where is None:
        return False
    # imported when something is kept: cleaner.io is not small
    from .io.atomic import AtomicFile

    with suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        with AtomicFile(where / name) as out:
            out.write(data)
        return True
    return False


def writable() -> bool:
    """Can anything be kept? (A process that cannot keep a structure need not build it.)"""
    where = folder()
    if where is None:
        return False
    with suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        return os.access(where, os.W_OK | os.X_OK)
    return False
