"""The data cleaner ships (rule packs, word lists), found inside the installed package.

People read and edit it in the project's top-level `rules/` and `data/`. `cleaner/bundled/`
holds links to those two folders: an editable install reads them in place, and a wheel carries
copies of the files (setuptools copies what a link points at; pyproject.toml's package-data says
which files, the sample dump not among them). Code finds data only through `bundled()`, so a
missing file is an error that names it when a stage is built, never a stage that quietly
finds no word list and does nothing.
"""
from __future__ import annotations

import importlib.resources
import importlib.util
from pathlib import Path


class MissingData(FileNotFoundError):
    """A file or folder the package should carry is not there: a broken install or checkout."""

    def __init__(self, path: Path):
        super().__init__(2, "a data file cleaner ships is missing (reinstall cleaner)", str(path))


def root() -> Path:
    """Where the bundled data lies (a folder inside the installed package)."""
    return Path(str(importlib.resources.files(__package__) / "bundled"))   # this package, under any name


def bundled(*parts: str) -> Path:
    """The bundled file or folder `parts` (`bundled("data", "spacing", "en.toml")`); MissingData if absent."""
    path = root().joinpath(*parts)
    if not path.exists():
        raise MissingData(path)
    return path


def installed(package: str) -> Path | None:
    """The folder of another installed package (wordfreq, pyspellchecker, dateparser, langcodes),
    found without importing it: their imports cost a process tens of milliseconds, and what is read
    from their files (a table, a list) is kept, named by those files (cleaner.cache.source). None
    where the package is not a folder of files."""
    spec = importlib.util.find_spec(package)
    return None if spec is None or spec.origin is None else Path(spec.origin).parent
