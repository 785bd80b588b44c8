"""report.html: one self-contained page (inline CSS and JavaScript, no network) that opens from `file://`.

The page holds the run's summary inline and loads the document data from
`data-<report id>/` with `<script src>` (see data.py), the index after the
summary is on screen and a chunk when a document is opened. Its code builds
every element that shows document text with `textContent`, never with
`innerHTML`. A Content-Security-Policy allows exactly the page's own inline
script and style (by hash) and scripts from the report's own folder: an
injected `<script>`, an `onerror` attribute or a `javascript:` link would not
run even if one got into the DOM. `cleaner review` serves the same page and
fills in the `cleaner-review` meta tag, which turns on the decision controls.
"""
from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

from .data import js_payload

REVIEW_META = '<meta name="cleaner-review" content="">'


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp(script: str, style: str) -> str:
    """The page's policy: its own inline code by hash, scripts from its folder, fetch to its server."""
    return ("default-src 'none'; "
            f"script-src 'self' {_sha256(script)}; style-src {_sha256(style)}; "
            "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'")


def build_page(summary: dict, counts: dict[str, list[int]], stages: dict[str, str], rejects: list[dict]) -> bytes:
    """The page of a report: `summary` as in summary.json, per rule [fixes, flags, documents with
    fixes, documents with flags]."""
    rules = sorted(([rule, stages[rule], *c] for rule, c in counts.items()),
                   key=lambda r: (-(r[2] + r[3]), r[0]))
    payload = {"summary": summary, "rules": rules, "rejects": rejects}
    script, style = _asset("report.js"), _asset("report.css")
    page = _asset("report.html")
    for key, value in (("{{CSP}}", csp(script, style)), ("{{STYLE}}", style), ("{{SCRIPT}}", script),
                       ("{{PAYLOAD}}", js_payload(payload))):
        page = page.replace(key, value, 1)
    return page.encode("utf-8")
