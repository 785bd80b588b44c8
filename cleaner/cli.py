"""The `cleaner` command: `clean` a dump, list the `stages`, show the `diff` of one file.

Exit status of `cleaner clean`:
  0  every document was cleaned and written;
  1  the run finished, but some documents were rejected (reasons in REPORT/rejects.jsonl,
     or on stderr without --report);
  2  usage error, invalid config, no input, output not writable (all checked before any
     work), or the output failing mid-run (disk full).
`stages` and `diff` exit 0, or 2 on an error; every command exits 130 on Ctrl-C.
Errors are one line, `cleaner: error: …`; bad input or config never shows a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys

from .config import describe
from .edits import FIX
from .io import FORMATS, InputError, ReadOptions, Reject, discover, read
from .pipeline import StageError
from .registry import BUILTIN, UnknownStage, available, stage_class
from .run import RunError, RunOptions, load_pipeline, run


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage or the help
        return e.code
    try:
        return args.command(args)
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description=__doc__.split("\n")[0],
                                     epilog="Exit status of clean: 0 all cleaned, 1 some documents "
                                            "rejected, 2 usage or fatal error.")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="clean files, folders or stdin into OUT",
                                description="Clean INPUT files and folders into OUT, with a report.")
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a file, a folder (read recursively) or - for stdin; .txt or .jsonl, maybe .gz/.zst")
    clean.add_argument("-o", "--output", required=True, metavar="OUT",
                       help="a folder of text files, or a JSONL file if named *.jsonl[.gz|.zst]")
    clean.add_argument("--report", metavar="DIR", help="write edits.jsonl, rejects.jsonl and summary.json here")
    clean.add_argument("--config", metavar="FILE", help="pipeline config (TOML); default: the built-in pipeline")
    clean.add_argument("--jobs", type=_at_least_one, default=1, metavar="N",
                       help="worker processes (default 1); output is the same for any N")
    clean.add_argument("--format", choices=FORMATS, help="output format (default: by OUT's name)")
    clean.add_argument("--text-field", default="text", metavar="F", help="JSONL field of the text (default text)")
    clean.add_argument("--id-field", default="id", metavar="F",
                       help="JSONL field of the id (default id; else FILE:LINE)")
    clean.add_argument("--max-doc-mb", type=_positive, default=64, metavar="N",
                       help="reject documents bigger than N MiB (default 64)")
    clean.add_argument("--stdin-format", choices=FORMATS, default="txt",
                       help="what - reads: one text document (default) or JSONL")
    clean.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    clean.set_defaults(command=_clean)

    stages = commands.add_parser("stages", help="list the stages a config can use, with their options")
    stages.set_defaults(command=_stages)

    diff = commands.add_parser("diff", help="show what cleaning changes in one file, and why")
    diff.add_argument("file", metavar="FILE")
    diff.add_argument("--config", metavar="FILE", help="pipeline config (TOML); default: the built-in pipeline")
    diff.set_defaults(command=_diff)
    return parser


def _number(convert, ok, what):
    """An argparse type: `convert` the value and check it with `ok`, or say it must be `what`."""
    def parse(value: str):
        try:
            n = convert(value)
        except ValueError:
            n = None
        if n is None or not ok(n):
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}")
        return n
    return parse


_at_least_one = _number(int, lambda n: n >= 1, "a whole number of 1 or more")
_positive = _number(float, lambda n: n > 0, "a number above 0")


def _error(message: object) -> int:
    print(f"cleaner: error: {message}", file=sys.stderr)
    return 2


def _os_error(e: OSError) -> str:
    return f"{e.filename}: {e.strerror}" if e.filename else str(e)


def _clean(args: argparse.Namespace) -> int:
    options = RunOptions(tuple(args.inputs), args.output, args.report, args.config, args.jobs, args.format,
                         args.text_field, args.id_field, args.max_doc_mb, args.stdin_format)
    quiet_rejects = args.quiet or args.report  # with a report, the reasons are in rejects.jsonl
    try:
        summary = run(options, None if quiet_rejects else _print_reject)
    except RunError as e:
        return _error(e)
    except OSError as e:
        return _error(_os_error(e))
    if not args.quiet:
        print(f"cleaner: {summary.line()}", file=sys.stderr)
    return 1 if summary.rejected else 0


def _print_reject(reject: Reject) -> None:
    print(f"cleaner: rejected {reject.source}: {reject.reason}", file=sys.stderr)


def _stages(args: argparse.Namespace) -> int:
    for name, ref in sorted(available().items()):
        origin = "" if name in BUILTIN else f"  (plugin {ref})"
        try:
            cls = stage_class(name)
        except UnknownStage as e:
            print(f"{name}{origin}: cannot load: {e}")
            continue
        summary = (cls.__doc__ or "").strip().partition("\n")[0]
        print(f"{name}{origin}: {summary}")
        for option, default, type_ in describe(cls):
            print(f"    {option} = {json.dumps(default, default=repr)}  # {type_}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        pipeline = load_pipeline(args.config)
        sources = discover([args.file])
    except (RunError, InputError) as e:
        return _error(e)
    status = 0
    for item in read(sources, ReadOptions()):
        if isinstance(item, Reject):
            status = _error(f"{item.source}: {item.reason}")
            continue
        try:
            result = pipeline.clean(item.text, id=item.id, metadata=item.metadata)
        except StageError as e:
            status = _error(e)
            continue
        sys.stdout.write(result.diff())
        print(_edit_table(result.edits) if result.edits else f"{item.id}: no edits, the text is clean")
    return status


def _edit_table(edits) -> str:
    """rule, span, before → after, reason: one edit a line, for a reader."""
    rows = [("rule", "span", "before → after", "reason")]
    for e in edits:
        change = f"{_short(e.before)} → {_short(e.after)}" + ("" if e.kind == FIX else " (flag)")
        rows.append((e.rule, f"{e.start}-{e.end}", change, e.reason))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[3]
                     for row in rows)


def _short(text: str, limit: int = 30) -> str:
    """repr, so that invisible characters show (`'\\xa0'`, `'\\r\\n'`), cut to `limit`."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
