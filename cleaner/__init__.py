r"""cleaner: repair and normalise raw text dumps, explaining every change.

    >>> import cleaner
    >>> r = cleaner.clean("caf\u00c3\u00a9  au lait\r\n")
    >>> r.text
    'café au lait\n'
    >>> [e.rule for e in r.edits]
    ['encoding.mojibake', 'whitespace.space-run', 'whitespace.line-endings']
"""
from .document import Document
from .edits import Edit
from .pipeline import Pipeline, StageError, clean
from .result import Result
from .stages.base import Stage

__all__ = ["clean", "Pipeline", "Result", "Edit", "Stage", "Document", "StageError"]
# The one place the version is written: pyproject.toml reads it from here (a wheel's metadata
# too), summary.json records it, and --resume refuses shards another version cleaned.
__version__ = "0.2.0"
