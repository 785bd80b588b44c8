"""The review server: loopback only, decisions only for its report, on disk before the answer."""
import http.client
import json
import socket
import threading

import pytest

from cleaner.cli import main
from cleaner.report import review as review_module
from cleaner.report.decisions import DecisionError, load

from .conftest import records, report_id


@pytest.fixture
def server(run):
    _, _, rep = run
    httpd, review = review_module.make_server(rep)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd, review, rep
    httpd.shutdown()
    httpd.server_close()


def request(httpd, method, path, body=None, headers=None, raw=None):
    port = httpd.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    conn.request(method, path, body=data, headers=headers or {})
    response = conn.getresponse()
    content = response.read()
    conn.close()
    return response.status, response.headers, content


def post(httpd, review, body, raw=None, **headers):
    base = {"Content-Type": "application/json", "X-Cleaner-Token": review.key,
            "Origin": f"http://127.0.0.1:{httpd.server_address[1]}"}
    base.update({k.replace("_", "-"): v for k, v in headers.items()})
    base = {k: v for k, v in base.items() if v is not None}
    return request(httpd, "POST", f"/{review.key}/api/decisions", body, base, raw)


def first_fix(rep):
    for n, r in enumerate(records(rep)):
        for i, e in enumerate(r["edits"]):
            if e["kind"] == "fix":
                return n, r["id"], i


def test_binds_loopback_only(server):
    httpd, _, _ = server
    assert httpd.server_address[0] == "127.0.0.1"
    assert httpd.socket.family == socket.AF_INET


def test_page_and_data_only_under_the_secret_path(server):
    httpd, review, rep = server
    status, headers, page = request(httpd, "GET", f"/{review.key}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'<meta name="cleaner-review" content="{review.key}">'.encode() in page
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    data = review.data.data.name
    assert request(httpd, "GET", f"/{review.key}/{data}/index.js")[0] == 200
    for path in ("/", "/report.html", f"/{data}/index.js", f"/{review.key}/summary.json",
                 f"/{review.key}/{data}/../summary.json", f"/{review.key}/{data}/%2e%2e/edits.jsonl",
                 f"/{review.key}/decisions.jsonl", f"/{review.key[:-1]}/"):
        assert request(httpd, "GET", path)[0] == 404, path
    assert (rep / "report.html").read_bytes().count(b'content=""') == 1  # the file on disk is unchanged


def test_a_decision_is_on_disk_before_the_answer_and_survives_a_restart(server):
    httpd, review, rep = server
    n, id, i = first_fix(rep)
    body = {"report": report_id(rep), "scope": "edit", "doc": n, "id": id, "edit": i, "decision": "reject"}
    status, _, content = post(httpd, review, body)
    assert status == 200, content
    answer = json.loads(content)
    assert answer["ok"] and answer["decision"]["decision"] == "reject"
    assert [d.decision for d in load(rep, report_id(rep)).decisions] == ["reject"]
    status, _, content = post(httpd, review, {"report": report_id(rep), "scope": "rule",
                                              "rule": "encoding.mojibake", "decision": "reject"})
    assert status == 200, content
    again = review_module.Review(rep)  # a restarted server shows what was decided
    assert [(d["scope"], d["decision"]) for d in again.decisions] == [("edit", "reject"), ("rule", "reject")]
    status, _, content = request(httpd, "GET", f"/{review.key}/api/decisions", headers={"X-Cleaner-Token": review.key})
    assert status == 200 and len(json.loads(content)["decisions"]) == 2


def test_an_undo_names_an_earlier_decision_once(server):
    httpd, review, rep = server
    rid = report_id(rep)
    assert post(httpd, review, {"report": rid, "scope": "undo", "line": 0})[0] == 400  # nothing to undo
    assert post(httpd, review, {"report": rid, "scope": "rule", "rule": "encoding.mojibake",
                                "decision": "reject"})[0] == 200
    status, _, content = post(httpd, review, {"report": rid, "scope": "undo", "line": 0})
    assert status == 200 and json.loads(content)["decision"]["line"] == 0
    status, _, content = post(httpd, review, {"report": rid, "scope": "undo", "line": 0})
    assert status == 400 and b"undone already" in content
    assert post(httpd, review, {"report": rid, "scope": "undo", "line": 1})[0] == 400   # an undo itself
    assert [(d.scope, d.line) for d in load(rep, rid).decisions] == [("rule", None), ("undo", 0)]
    assert len(review_module.Review(rep).decisions) == 2


@pytest.mark.parametrize("change, status, reason", [
    ({"X-Cleaner-Token": None}, 403, "X-Cleaner-Token"),
    ({"X-Cleaner-Token": "guess"}, 403, "X-Cleaner-Token"),
    ({"Origin": "http://evil.example"}, 403, "cross-origin"),
    ({"Origin": "null"}, 403, "cross-origin"),
    ({"Sec-Fetch-Site": "cross-site"}, 403, "cross-site"),
    ({"Host": "evil.example:8000"}, 421, "wrong Host"),
    ({"Content-Type": "text/plain"}, 415, "send JSON"),
])
def test_refused_requests_write_nothing(server, change, status, reason):
    httpd, review, rep = server
    body = {"report": report_id(rep), "scope": "rule", "rule": "encoding.mojibake", "decision": "reject"}
    headers = {k.replace("-", "_"): v for k, v in change.items()}
    got, _, content = post(httpd, review, body, **headers)
    assert got == status and reason in json.loads(content)["error"]
    assert not (rep / "decisions.jsonl").exists() or load(rep, report_id(rep)).decisions == []


def test_decisions_must_name_this_report_and_what_it_holds(server):
    httpd, review, rep = server
    n, id, i = first_fix(rep)
    rid = report_id(rep)
    flag_doc = next((n, r) for n, r in enumerate(records(rep)) if any(e["kind"] == "flag" for e in r["edits"]))
    flag_edit = next(i for i, e in enumerate(flag_doc[1]["edits"]) if e["kind"] == "flag")
    bad = [
        {"report": "0" * 16, "scope": "rule", "rule": "encoding.mojibake", "decision": "reject"},
        {"report": rid, "scope": "rule", "rule": "no.such", "decision": "reject"},
        {"report": rid, "scope": "doc", "doc": 10_000, "id": id, "decision": "reject"},
        {"report": rid, "scope": "doc", "doc": n, "id": "another id", "decision": "reject"},
        {"report": rid, "scope": "edit", "doc": n, "id": id, "edit": 10_000, "decision": "reject"},
        {"report": rid, "scope": "edit", "doc": flag_doc[0], "id": flag_doc[1]["id"], "edit": flag_edit,
         "decision": "reject"},
        {"report": rid, "scope": "edit", "doc": n, "id": id, "edit": i, "decision": "delete"},
    ]
    for body in bad:
        status, _, content = post(httpd, review, body)
        assert status == 400, body
    status, _, _ = post(httpd, review, None, raw=b"{not json")
    assert status == 400
    status, _, _ = post(httpd, review, None, raw=b"x" * (70 * 1024))
    assert status == 413
    assert not (rep / "decisions.jsonl").exists()
    assert request(httpd, "PUT", f"/{review.key}/api/decisions")[0] == 405


def test_review_refuses_to_start_on_a_bad_report_or_decisions(run, tmp_path, capsys):
    _, _, rep = run
    assert main(["review", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"cleaner: error: {tmp_path / 'nope'}: no such report folder\n"
    (rep / "decisions.jsonl").write_text(json.dumps({"report": report_id(rep), "scope": "doc", "doc": 10_000,
                                                     "id": "x", "decision": "reject"}) + "\n")
    assert main(["review", str(rep)]) == 2
    err = capsys.readouterr().err
    assert "decision 1: no document 10000" in err and err.count("\n") == 1
    (rep / "decisions.jsonl").write_text("garbage\n")
    with pytest.raises(DecisionError):
        review_module.Review(rep)


def test_port_in_use_is_one_line(run, capsys):
    _, _, rep = run
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert main(["review", str(rep), "--port", str(s.getsockname()[1])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: cannot serve on 127.0.0.1:") and err.count("\n") == 1


def post_rule(httpd, review, body, **headers):
    base = {"Content-Type": "application/json", "X-Cleaner-Token": review.key}
    base.update({k.replace("_", "-"): v for k, v in headers.items()})
    return request(httpd, "POST", f"/{review.key}/api/rules", body, {k: v for k, v in base.items() if v is not None})


def edit_of(rep, rule):
    for n, r in enumerate(records(rep)):
        for i, e in enumerate(r["edits"]):
            if e["rule"] == rule:
                return {"report": report_id(rep), "doc": n, "id": r["id"], "edit": i}


@pytest.fixture
def teaching(run, tmp_path, monkeypatch):
    """A server whose rules and exceptions go to rules/local.toml under a working folder of its own."""
    monkeypatch.chdir(tmp_path)
    _, _, rep = run
    httpd, review = review_module.make_server(rep)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd, review, rep, tmp_path / "rules" / "local.toml"
    httpd.shutdown()
    httpd.server_close()


def test_an_exception_is_written_from_an_edit(teaching):
    httpd, review, rep, pack = teaching
    status, _, body = post_rule(httpd, review, {**edit_of(rep, "spacing.glued-words"), "action": "keep",
                                                "reason": "a brand of the client"})
    assert status == 200, body
    entry = json.loads(body)["entry"]
    assert entry["ref"].startswith("local/keep-") and entry["reason"] == "a brand of the client"
    assert 'rule = "spacing.glued-words"' in pack.read_text(encoding="utf-8")
    assert main(["rules", "test", "--packs", str(pack)]) == 0


@pytest.mark.parametrize("change,status,message", [
    ({"action": "zap"}, 400, 'action must be "keep"'),
    ({"action": "keep", "edit": 999}, 400, "has no edit 999"),
    ({"action": "keep", "report": "0" * 16}, 400, "not the report being reviewed"),
    ({"action": "keep", "extra": 1}, 400, "unknown field 'extra'"),
    ({"action": "rule", "replacement": 5}, 400, "replacement must be text"),
])
def test_a_bad_rule_request_is_refused_with_its_reason(teaching, change, status, message):
    httpd, review, rep, pack = teaching
    got, _, body = post_rule(httpd, review, {**edit_of(rep, "spacing.glued-words"), **change})
    assert (got, message in json.loads(body)["error"]) == (status, True), body
    assert not pack.exists()


def test_a_rule_that_could_never_see_its_text_is_refused(teaching):
    httpd, review, rep, pack = teaching
    status, _, body = post_rule(httpd, review, {**edit_of(rep, "encoding.mojibake"), "action": "rule"})
    assert status == 400
    assert "the encoding stage makes this fix before the rules stage runs" in json.loads(body)["error"]
    assert not pack.exists()


def test_writing_a_rule_needs_the_token(teaching):
    httpd, review, rep, pack = teaching
    status, _, _ = post_rule(httpd, review, {**edit_of(rep, "spacing.glued-words"), "action": "keep"},
                             X_Cleaner_Token="wrong")
    assert status == 403 and not pack.exists()
