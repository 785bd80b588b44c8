"""The queue files (cleaner/report/hunks.py): each rule's least and most confident edits, with
what a hunk shows of their text. That the page draws them as it draws a hunk from its chunk is
tested in a browser (test_browser_review.py)."""
from cleaner.report import ReportWriter, Summary
from cleaner.report.data import ReportData, read_js_call
from cleaner.report.hunks import HEAD, pieces

from . import synthetic


def test_pieces_cut_the_line_and_take_the_nearest_lines_with_words():
    text = "first line\n\n  \nbefore " + "x" * 200 + " EDIT " + "y" * 200 + "\n\nlast line here\n"
    s = text.index("EDIT")
    p = pieces(text, s, s + 4)
    assert p[0:2] == ["first line", 0]                   # blank lines between are skipped
    assert p[2] == text[s - 160:s] and p[3] == 1          # the line cut 160 characters either side
    assert p[4] == text[s + 4:s + 164] and p[5] == 1
    assert p[6:8] == ["last line here", 0]
    assert pieces("\nab", 0, 1) == ["", 0, "", 0, "ab", 0, "", 0]   # the edit takes the line break: one line
    long = "w" * 300 + "\nEDIT\n" + "z" * 300
    p = pieces(long, 301, 305)
    assert (p[0], p[1], p[6], p[7]) == ("w" * 120, 1, "z" * 120, 1)


def test_each_rule_keeps_its_least_and_most_confident_fixes_and_flags(tmp_path):
    summary = Summary()
    with ReportWriter(tmp_path / "rep", summary) as report:
        for result in synthetic.results(300, 12):
            report.add(result)
            summary.add(result)
    data = ReportData(tmp_path / "rep")
    rows = [(round(round(e.confidence, 4) * 1000), n, i, e) for d in data.documents() for i, e in enumerate(d.edits)
            for n in [d.n]]
    for r, rule in enumerate(data.rules):
        [number, kept] = read_js_call(data.data / f"queue-{r:05}.js", "hunks")
        assert number == r
        got = {(h[0], h[1]) for h in kept}
        for kind in ("fix", "flag"):
            mine = sorted(x for x in rows if x[3].rule == rule and x[3].kind == kind)
            lowest = [(n, i) for _, n, i, _ in mine[:HEAD]]
            highest = [(n, i) for _, n, i, _ in sorted(mine, key=lambda x: (-x[0], x[1], x[2]))[:HEAD]]
            assert set(lowest) | set(highest) <= got
            assert len(got) <= 4 * HEAD
        for n, i, id, before, row, p in kept:
            doc = next(d for d in data.documents() if d.n == n)
            assert (id, before, row[0]) == (doc.id, doc.original[row[0]:row[1]], doc.edits[i].start)
            assert p == pieces(doc.original, row[0], row[1])
