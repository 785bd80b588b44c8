"""`cleaner review`: serve a report on 127.0.0.1 and record the reviewer's decisions.

Everything lives under one secret path, `http://127.0.0.1:PORT/<key>/`: the
page (report.html with the key in its `cleaner-review` meta tag, which turns
on the decision controls), the report's data files, and the API:

    GET  <key>/api/decisions     {"report", "decisions": [every decision line, in order]}
    POST <key>/api/decisions     one decision (decisions.py); answered with the line as stored
    POST <key>/api/rules         a rule or an exception written from one edit into the user's
                                 pack (cleaner/rules/teach.py); answered with the entry as written

Who may decide: a request must name this server as its Host (127.0.0.1 or
localhost with its port: a page on another site that rebinds its DNS name to
127.0.0.1 is refused), carry the key in `X-Cleaner-Token`, come from no other
origin (`Origin`, `Sec-Fetch-Site`), send JSON, and name this report's id and
a document, edit or rule the report holds. A decision is on disk (appended,
fsync'ed) before the answer goes out, so a crash of the server or the browser
loses nothing that was confirmed.
"""
from __future__ import annotations

import hmac
import json
import re
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..edits import FIX
from ..rules.teach import USER_PACK, TeachError, add, keep_entry, rule_entry
from .data import ReportData, ReportError
from .decisions import DecisionError, DecisionLog, DocEdits, check_all, check_undo, load, parse, validate
from .html import REVIEW_META

MAX_BODY = 64 * 1024
_DATA_FILE = re.compile(r"(index|edits|chunk-\d{5}|queue-\d{5})\.js")
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Review:
    """The state of one review: the report, its decisions so far and the secret key."""

    def __init__(self, folder: str | Path, pack: str | Path | None = None):
        self.data = ReportData(folder)
        self.pack = Path(pack) if pack else USER_PACK
        self.key = secrets.token_urlsafe(24)
        self._lock = threading.Lock()
        self.log = DecisionLog(self.data.folder, self.data.id)  # repairs a torn last line first
        loaded = load(self.data.folder, self.data.id)
        self.docs = {n: DocEdits(id, edits) for n, id, _, edits in self.data.records() if edits}
        self.rules = self.data.fix_rules()
        for number, d in enumerate(loaded.decisions, 1):
            try:
                if d.scope != "undo":
                    validate(d, self.docs, self.rules)
            except DecisionError as e:
                raise DecisionError(f"{self.log.path}: decision {number}: {e}") from None
        try:
            check_all(loaded.decisions)
        except DecisionError as e:
            raise DecisionError(f"{self.log.path}: {e}") from None
        self._parsed = list(loaded.decisions)
        self.decisions = [d.to_dict(self.data.id) for d in loaded.decisions]
        try:
            page = (self.data.folder / "report.html").read_text(encoding="utf-8")
        except OSError as e:
            raise ReportError(f"{self.data.folder / 'report.html'}: cannot read: {e.strerror}") from None
        if REVIEW_META not in page:
            raise ReportError(f"{self.data.folder / 'report.html'}: not a page cleaner wrote")
        self.page = page.replace(REVIEW_META, f'<meta name="cleaner-review" content="{self.key}">', 1).encode()
        self.csp = _page_csp(page) + "; frame-ancestors 'none'"

    def decide(self, fields: object) -> dict:
        decision = parse(fields, self.data.id)
        if decision.scope != "undo":
            validate(decision, self.docs, self.rules)
        with self._lock:  # the list keeps the file's order, whichever request thread gets here first
            check_undo(decision, self._parsed)
            line = self.log.append(decision)
            self.decisions.append(line)
            self._parsed.append(decision)
        return line


    def teach(self, fields: object) -> dict:
        """Write a rule or an exception from one edit into the user's pack (TeachError: why not)."""
        if not isinstance(fields, dict):
            raise TeachError("send a JSON object")
        unknown = set(fields) - {"report", "doc", "id", "edit", "action", "replacement", "reason"}
        if unknown:
            raise TeachError(f"unknown field {sorted(unknown)[0]!r}")
        if fields.get("report") != self.data.id:
            raise TeachError("this is not the report being reviewed (reload the page)")
        action, n, i = fields.get("action"), fields.get("doc"), fields.get("edit")
        if action not in ("keep", "rule"):
            raise TeachError('action must be "keep" (an exception) or "rule" (always fix)')
        for name in ("replacement", "reason"):
            if not isinstance(fields.get(name, ""), str) or len(fields.get(name, "")) > 1000:
                raise TeachError(f"{name} must be text of at most 1,000 characters")
        doc = self.docs.get(n) if isinstance(n, int) and not isinstance(n, bool) else None
        if doc is None or fields.get("id") != doc.id:
            raise TeachError("no such document with edits in this report")
        if not (isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(doc.edits)):
            raise TeachError(f"document {n} has no edit {i!r}")
        edit = doc.edits[i]
        try:
            original, metadata = self.data.stored(n)
        except ReportError as e:
            raise TeachError(str(e)) from None
        note = f"report {self.data.id}, document {n} ({doc.id}), edit {i}"
        reason = fields.get("reason", "")
        if action == "keep":
            entry = keep_entry(original, edit, reason, note)
        else:
            if edit.kind == FIX and edit.stage in self._before_rules():
                raise TeachError(f"the {edit.stage} stage makes this fix before the rules stage runs, so a "
                                 "rule would never see this text: accept the fix, or keep the token")
            entry = rule_entry(original, edit, fields.get("replacement") or None, reason,
                               metadata.get("language"), note=note)
        return add(self.pack, entry)

    def _before_rules(self) -> set[str]:
        names = [s.get("stage") for s in self.data.summary.get("pipeline", []) if isinstance(s, dict)]
        return set(names[:names.index("rules")]) if "rules" in names else set(names)


def _page_csp(page: str) -> str:
    m = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    return m.group(1) if m else "default-src 'none'"


def make_server(folder: str | Path, port: int = 0, pack: str | Path | None = None
                ) -> tuple[ThreadingHTTPServer, Review]:
    """A server bound to 127.0.0.1:`port` (0: a free one), not yet serving; rules and exceptions
    go to `pack` (default rules/local.toml)."""
    review = Review(folder, pack)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(review))
    server.daemon_threads = True
    return server, review


def url(server: ThreadingHTTPServer, review: Review) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/{review.key}/"


def serve(folder: str | Path, port: int = 0, announce=print, pack: str | Path | None = None) -> None:
    """Serve until interrupted; `announce` gets the one line with the URL."""
    server, review = make_server(folder, port, pack)
    try:
        announce(f"cleaner: reviewing {review.data.folder} at {url(server, review)} "
                 f"(decisions go to {review.log.path}, rules and exceptions to {review.pack}; Ctrl-C stops)")
        server.serve_forever()
    finally:
        server.server_close()


def _handler(review: Review):
    class Handler(BaseHTTPRequestHandler):
        server_version = "cleaner-review"
        sys_version = ""

        def log_message(self, format, *args):  # one line per refusal is enough; see `_refuse`
            pass

        def do_GET(self):
            path = self._inside()
            if path is None:
                return
            if path in ("", "report.html"):
                self._send(200, review.page, "text/html; charset=utf-8", {"Content-Security-Policy": review.csp})
            elif path == "api/decisions":
                if self._token_ok():
                    self._json(200, {"report": review.data.id, "decisions": review.decisions})
            else:
                folder, _, name = path.partition("/")
                if folder == review.data.data.name and _DATA_FILE.fullmatch(name):
                    try:
                        body = (review.data.data / name).read_bytes()
                    except OSError:
                        return self._refuse(404, "no such file")
                    self._send(200, body, "text/javascript; charset=utf-8")
                else:
                    self._refuse(404, "not found")

        def do_POST(self):
            path = self._inside()
            if path is None:
                return
            if path not in ("api/decisions", "api/rules"):
                return self._refuse(404, "not found")
            if not self._same_origin() or not self._token_ok():
                return
            if self.headers.get_content_type() != "application/json":
                return self._refuse(415, "send JSON")
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                return self._refuse(411, "Content-Length required")
            if not 0 < length <= MAX_BODY:
                return self._refuse(413, "body too large or empty")
            try:
                fields = json.loads(self.rfile.read(length))
                if path == "api/rules":
                    return self._json(200, {"ok": True, "entry": review.teach(fields)})
                line = review.decide(fields)
            except (DecisionError, TeachError) as e:
                return self._refuse(400, str(e))
            except ValueError:
                return self._refuse(400, "not valid JSON")
            except OSError as e:
                return self._refuse(500, f"cannot write the decision: {e.strerror}")
            self._json(200, {"ok": True, "decision": line})

        def do_PUT(self):
            self._refuse(405, "method not allowed")

        do_DELETE = do_PATCH = do_OPTIONS = do_PUT

        def _inside(self) -> str | None:
            """The path under the secret prefix, or None after refusing a wrong host or prefix."""
            port = self.server.server_address[1]
            if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
                self._refuse(421, "wrong Host: this server answers only to 127.0.0.1")
                return None
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            prefix = f"/{review.key}/"
            if not path.startswith(prefix):
                if path == f"/{review.key}":
                    self._send(301, b"", "text/plain", {"Location": prefix})
                else:
                    self._refuse(404, "not found")
                return None
            return path[len(prefix):]

        def _same_origin(self) -> bool:
            port = self.server.server_address[1]
            origin = self.headers.get("Origin")
            if origin is not None and origin not in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
                self._refuse(403, "cross-origin request refused")
                return False
            if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
                self._refuse(403, "cross-site request refused")
                return False
            return True

        def _token_ok(self) -> bool:
            given = self.headers.get("X-Cleaner-Token", "")
            if hmac.compare_digest(given.encode(), review.key.encode()):
                return True
            self._refuse(403, "missing or wrong X-Cleaner-Token")
            return False

        def _refuse(self, status: int, reason: str) -> None:
            print(f"cleaner: review: refused a {self.command} request: {reason}", file=sys.stderr)
            self._json(status, {"ok": False, "error": reason})

        def _json(self, status: int, obj) -> None:
            self._send(status, json.dumps(obj, ensure_ascii=True).encode(), "application/json")

        def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
            self.send_response(HTTPStatus(status))
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in {**_SECURITY_HEADERS, **(headers or {})}.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler
