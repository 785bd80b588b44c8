"""The report of a run: what was changed, what was rejected and why, and the totals."""
from .summary import Summary
from .writer import ReportWriter

__all__ = ["Summary", "ReportWriter"]
