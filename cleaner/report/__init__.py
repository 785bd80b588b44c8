"""The report of a run: what was changed, what was rejected and why, and the totals; the page a
reviewer reads (html.py, data.py), the decisions they make (decisions.py, review.py) and the
output rewritten with them (apply.py)."""
from .summary import Summary
from .writer import ReportWriter

__all__ = ["Summary", "ReportWriter"]
