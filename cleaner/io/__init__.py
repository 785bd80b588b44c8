"""Reading raw dumps into records and writing cleaned documents.

Readers stream one document at a time and turn anything unreadable into a
`Reject` with a reason, so a bad file never stops a run; writers replace files
atomically, so a crash never leaves half a file behind.
"""
from .readers import InputError, ReadOptions, Source, discover, read
from .records import Record, Reject
from .writers import FORMATS, default_format, open_writer

__all__ = ["Record", "Reject", "ReadOptions", "Source", "InputError", "discover", "read",
           "FORMATS", "default_format", "open_writer"]
