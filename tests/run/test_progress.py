"""Progress: log lines when stderr is not a terminal, a tqdm bar on one, nothing with --quiet."""
import io
import re

from cleaner.cli import main
from cleaner.run import RunOptions, run
from cleaner.run.progress import BarProgress, LogProgress, Progress, for_stream


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_log_lines_say_documents_megabytes_rates_and_time_left(dump, tmp_path):
    stream = io.StringIO()
    run(RunOptions((str(dump),), str(tmp_path / "o.jsonl"), shard_mb=0.004), progress=LogProgress(stream, every=0))
    lines = stream.getvalue().splitlines()
    assert len(lines) > 5
    pattern = (r"cleaner: \d+ documents, [\d.]+/[\d.]+ MB \(\d+%\), \d+ docs/s, [\d.]+ MB/s, "
               r"ETA (\d+:\d\d:\d\d|\?)")
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    assert lines[-1].startswith("cleaner: 431 documents, ") and "(100%)" in lines[-1]


def test_a_short_run_prints_no_progress_line_and_ends_with_its_summary(dump, tmp_path, capsys):
    assert main(["clean", str(dump), "-o", str(tmp_path / "o.jsonl"), "--report", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(r"cleaner: 431 documents in, 426 out, 5 rejected; .*\n", err), err


def test_quiet_prints_nothing(dump, tmp_path, capsys):
    assert main(["clean", str(dump), "-o", str(tmp_path / "o.jsonl"), "-q"]) == 1
    assert capsys.readouterr() == ("", "")


def test_a_terminal_gets_a_bar(dump, tmp_path):
    stream = Terminal()
    progress = for_stream(stream, quiet=False)
    assert isinstance(progress, BarProgress)
    run(RunOptions((str(dump),), str(tmp_path / "o.jsonl"), shard_mb=0.004), progress=progress)
    shown = stream.getvalue()
    assert "cleaning: 100%" in shown and "B/s" in shown and "431 docs" in shown and "docs/s" in shown


def test_what_is_shown_where():
    assert type(for_stream(io.StringIO(), quiet=False)) is LogProgress
    assert type(for_stream(Terminal(), quiet=True)) is Progress
