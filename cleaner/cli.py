"""The `cleaner` command: `clean` a dump, `review` and `apply` its report, list the `stages`, `diff`, `rules`,
`config show`.

Exit status of `cleaner clean`:
  0  every document was cleaned and written;
  1  the run finished, but some documents were rejected (reasons in REPORT/rejects.jsonl,
     or on stderr without --report);
  2  usage error, invalid config, no input, output not writable, --executor dask without
     Dask installed, a --resume that does not fit the interrupted run (all checked before any
     work), or the output failing mid-run (disk full, a closed standard output);
130  interrupted (Ctrl-C): the finished shards are kept for --resume.
`stages`, `diff` and `config show` exit 0, or 2 on an error; every command but `review` exits 130 on Ctrl-C.
`review` serves until Ctrl-C (then exits 0), or exits 2 if it cannot start (no report, bad
decisions.jsonl, port taken). `apply` exits 0, or 2 with nothing half-written to a JSONL OUT.
`rules test` exits 1 when an example fails; `rules suggest` 1 when some input could not be read
(`--accept` exits 2 when the rule cannot be written);
`rules` commands exit 2 on an invalid rule pack or bad input.
Errors are one line, `cleaner: error: …`; bad input or config never shows a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import suppress

from . import __version__
from . import config as _config
from .config import describe
from .edits import FIX
from .io import FORMATS, InputError, ReadOptions, Reject, discover, read
from .io.encodings import flag_guess
from .io.readers import kinds_of
from .io.writers import STDOUT
from .pipeline import Pipeline, StageError
from .registry import BUILTIN, UnknownStage, available, stage_class
from .report.apply import apply_decisions
from .report.data import ReportError
from .report.summary import counted
from .report.decisions import DecisionError
from .report.review import serve
from .resources import MissingData
from .rules import PackError, builtin_packs, check_examples, load_packs, suggest
from .rules.examples import check_keeps
from .rules.teach import USER_PACK, TeachError, accept, add
from .run import RunError, RunOptions, default_jobs, progress, resolve_config, run
from .run.executors import EXECUTORS

STREAMED_FORMATS = ("txt", "jsonl")  # what stdin holds: Parquet needs a file that seeks


MMAP_THRESHOLD = 128 << 10     # glibc's own starting value, kept


def _map_big_blocks_apart() -> None:
    """Have glibc's malloc give every block of 128 KiB or more a mapping of its own, unmapped when
    freed. By default glibc raises that threshold to the size of each such block freed (up to 32
    MiB); after that, Arrow's batch buffers and long texts come from the heap, among small objects
    that outlive them, and the heap cannot shrink: a Parquet run in one process peaked at 232 MB,
    216 MB with the threshold kept (benchmarks/README.md, "The spelling vocabulary as a trie").
    Setting it also stops the raising. The worker processes, forked, inherit it; a library caller
    chooses their own; `MALLOC_MMAP_THRESHOLD_` in the environment wins; another C library:
    nothing is done."""
    if sys.platform != "linux" or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    import ctypes

    with suppress(OSError, AttributeError):     # AttributeError: a C library without mallopt (musl)
        ctypes.CDLL(None).mallopt(-3, MMAP_THRESHOLD)      # -3: M_MMAP_THRESHOLD


def main(argv: list[str] | None = None) -> int:
    # Arrow's own default allocator, mimalloc, keeps much of what Arrow frees: cleaning 22 MB of
    # Parquet into Parquet in one process peaked 16 MiB higher with it for the shard, and the join
    # of the parts 20 to 30 MiB more, though Arrow never held more than 34 MiB at once. pyarrow reads
    # the variable when it first allocates, so it is set before anything imports pyarrow; the
    # worker processes inherit it. A library caller chooses their own (benchmarks/README.md).
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    _map_big_blocks_apart()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage or the help
        return e.code
    try:
        return args.command(args)
    except MissingData as e:  # a broken install: name the file, no traceback
        return _error(_os_error(e))
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `cleaner stages | head`: the reader has what it wanted
        _stop_writing_stdout()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description=__doc__.split("\n\n")[0].replace("\n", " "),
                                     epilog="Exit status of clean: 0 all cleaned, 1 some documents "
                                            "rejected, 2 usage or fatal error.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="clean files, folders or stdin into OUT",
                                description="Clean INPUT files and folders into OUT, with a report.")
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a file, a folder (read recursively), a quoted glob ('dumps/*.jsonl'), a URL "
                            "(file://, s3://, gs://, hf://, memory:// … through fsspec) or - for stdin; .txt, "
                            ".jsonl or .ndjson, maybe .gz/.zst/.bz2, or .parquet")
    clean.add_argument("-o", "--output", metavar="OUT",
                       help="a folder of text files, a JSONL file if named *.jsonl[.gz|.zst|.bz2], a Parquet "
                            "file if named *.parquet or if every INPUT is Parquet, or - for standard output "
                            "(the default when INPUT is -); a local path or a URL")
    clean.add_argument("--report", metavar="DIR",
                       help="write the report here: report.html, edits.jsonl, rejects.jsonl, summary.json")
    _config_arguments(clean)
    clean.add_argument("--jobs", type=_at_least_one, default=default_jobs(), metavar="N",
                       help=f"worker processes (default: all cores, here {default_jobs()}); "
                            "output is the same for any N")
    clean.add_argument("--format", choices=FORMATS, help="output format (default: by OUT's name)")
    clean.add_argument("--text-field", default="text", metavar="F",
                       help="JSONL field or Parquet column of the text (default text)")
    clean.add_argument("--id-field", default="id", metavar="F",
                       help="JSONL field or Parquet column of the id (default id; else FILE:LINE or FILE:ROW)")
    clean.add_argument("--max-doc-mb", type=_positive, default=64, metavar="N",
                       help="reject documents bigger than N MiB (default 64)")
    clean.add_argument("--edits-column", action="store_true",
                       help="a Parquet OUT gets an 'edits' column: each row's edits as a JSON list")
    clean.add_argument("--stdin-format", choices=STREAMED_FORMATS, default="txt",
                       help="what - reads: one text document (default) or JSONL")
    clean.add_argument("--overwrite", action="store_true",
                       help="a txt-tree OUT that holds an earlier run's output is emptied first (without it, "
                            "such an OUT is refused, so that two runs' files never mix)")
    clean.add_argument("--resume", action="store_true",
                       help="go on with an interrupted run of the same command: skip its finished shards")
    clean.add_argument("--executor", choices=EXECUTORS, default="local",
                       help="where to clean: local processes (default) or a Dask cluster")
    clean.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --executor dask: the scheduler (default: a local cluster of --jobs processes)")
    clean.add_argument("--shard-mb", type=_positive, default=1, metavar="N",
                       help="input per shard, the unit of work and of --resume (default 1 MiB)")
    clean.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress)")
    clean.set_defaults(command=_clean)

    review = commands.add_parser("review", help="serve a report on 127.0.0.1 to accept or reject its edits",
                                 description="Serve REPORT_DIR's report.html on 127.0.0.1 with accept/reject "
                                             "controls; decisions go to REPORT_DIR/decisions.jsonl.")
    review.add_argument("report", metavar="REPORT_DIR", help="the --report folder of a cleaner clean run")
    review.add_argument("--port", type=_port, default=0, metavar="N", help="port (default: a free one)")
    review.add_argument("--pack", metavar="PATH", help="the rule pack that rules and exceptions written while "
                                                       "reviewing go to (default rules/local.toml)")
    review.set_defaults(command=_review)

    apply = commands.add_parser("apply", help="write the run's output again, with rejected edits undone",
                                description="Rewrite the cleaned output of the run that made REPORT_DIR into "
                                            "OUT, undoing every fix that decisions.jsonl rejects.")
    apply.add_argument("report", metavar="REPORT_DIR", help="the --report folder of a cleaner clean run")
    apply.add_argument("-o", "--output", required=True, metavar="OUT",
                       help="a folder of text files, a JSONL file if named *.jsonl[.gz|.zst|.bz2], or for a "
                            "run that wrote Parquet a Parquet file (*.parquet)")
    apply.add_argument("--format", choices=FORMATS, help="output format (default: by OUT's name)")
    apply.add_argument("--cleaned", metavar="PATH",
                       help="the run's output, if it moved (default: where the report says it went)")
    apply.add_argument("--report", dest="applied_report", metavar="DIR",
                       help="write a report of the applied output here (records the decisions used)")
    apply.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    apply.set_defaults(command=_apply)

    stages = commands.add_parser("stages", help="list the stages a config can use, with their options")
    stages.set_defaults(command=_stages)

    diff = commands.add_parser("diff", help="show what cleaning changes in one file, and why")
    diff.add_argument("file", metavar="FILE")
    _config_arguments(diff)
    diff.set_defaults(command=_diff)

    config = commands.add_parser("config", help="show the effective pipeline config and where each value came from")
    config_actions = config.add_subparsers(title="actions", required=True, metavar="ACTION")
    show = config_actions.add_parser("show", help="print the effective config (TOML), each value with its origin",
                                     description="Print the config that `cleaner clean` would use here, with the "
                                                 "same options: the built-in default, the config file, --set, "
                                                 "--only and --disable, each value followed by where it came from.")
    _config_arguments(show)
    show.set_defaults(command=_config_show)

    rules = commands.add_parser("rules", help="list, test and find rule packs (rules/*.toml)",
                                description="Rule packs: reviewed find-and-replace rules kept as data.")
    actions = rules.add_subparsers(title="actions", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list every pack and its rules")
    listing.set_defaults(command=_rules_list)
    test = actions.add_parser("test", help="check every example of every rule; exit 1 on a failure")
    test.set_defaults(command=_rules_test)
    scan = actions.add_parser("suggest", help="list candidate artifacts in a dump (changes nothing)",
                              description="All-caps phrases of several words inside lower-case "
                                          "sentences, most frequent first: candidates for new rules.")
    scan.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders, as for clean")
    scan.add_argument("--top", type=_at_least_one, default=30, metavar="N",
                      help="show the N most frequent candidates (default 30)")
    scan.add_argument("--contexts", type=_at_least_one, default=3, metavar="N",
                      help="example contexts shown per candidate (default 3)")
    scan.add_argument("--text-field", default="text", metavar="F", help="JSONL field of the text (default text)")
    scan.add_argument("--accept", metavar="PHRASE", help="write a rule for this candidate into --pack, its "
                                                         "contexts as examples; needs --as")
    scan.add_argument("--as", dest="replacement", metavar="TEXT", help="what --accept's phrase becomes")
    scan.add_argument("--reason", default="", help="the accepted rule's reason (default: says it was reviewed)")
    scan.add_argument("--pack", metavar="PATH", default=str(USER_PACK),
                      help="where --accept writes (default rules/local.toml)")
    scan.set_defaults(command=_rules_suggest)
    for action in (listing, test, scan):
        action.add_argument("--packs", action="append", metavar="PATH",
                            help="a pack file or folder, may be repeated (default: the packs cleaner ships)")
    return parser


def _config_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("pipeline config", "The built-in default, changed by a config file, then "
                                      "by --set, then by --only and --disable.")
    group.add_argument("--config", metavar="FILE",
                       help="a config file (TOML, or a pyproject.toml's [tool.cleaner]) merged onto the built-in "
                            "default; default: .cleaner.toml, cleaner.toml or a pyproject.toml with [tool.cleaner] "
                            "in the working folder or the nearest folder above it")
    group.add_argument("--isolated", action="store_true",
                       help="find no config file: the built-in default (with --set, --only, --disable)")
    group.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                       help="set one option, as TOML: stage.spelling.fix=true, pipeline.max_rounds=3, "
                            "stage.language.backend='\"langdetect\"' (may be repeated)")
    group.add_argument("--only", type=_names, default=(), metavar="STAGE,...",
                       help="run only these stages of the pipeline, in its order")
    group.add_argument("--disable", type=_names, action="extend", default=[], metavar="STAGE,...",
                       help="leave these stages out of the pipeline (may be repeated)")


def _names(value: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise argparse.ArgumentTypeError("give stage names, e.g. whitespace,encoding")
    return names


def _config_file(args: argparse.Namespace) -> str | None:
    """--config FILE, or else (unless --isolated) the config file found from the working folder."""
    if args.config or args.isolated:
        return args.config
    found = _config.discover()
    return str(found) if found else None


def _resolve(args: argparse.Namespace, announce: bool = False):
    """The effective config of the command's config options; with `announce`, a config file that
    was found, not given, is named on stderr."""
    file = _config_file(args)
    if announce and file and not args.config:
        print(f"cleaner: config {file} (found from the working folder; --isolated ignores it)", file=sys.stderr)
    return resolve_config(file, tuple(args.settings), tuple(args.only), tuple(args.disable))


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
_port = _number(int, lambda n: 0 <= n <= 65535, "a port number (0 to 65535)")


def _error(message: object) -> int:
    print(f"cleaner: error: {message}", file=sys.stderr)
    return 2


def _os_error(e: OSError) -> str:
    return f"{e.filename}: {e.strerror}" if e.filename else str(e)


def _clean(args: argparse.Namespace) -> int:
    if args.scheduler and args.executor != "dask":
        return _error("--scheduler needs --executor dask")
    output = args.output or (STDOUT if args.inputs == ["-"] else None)
    if output is None:
        return _error("clean needs -o OUT: a folder, a *.jsonl or *.parquet file, or - for standard output")
    try:
        _resolve(args, announce=not args.quiet)
    except RunError as e:
        return _error(e)
    options = RunOptions(tuple(args.inputs), output, args.report, _config_file(args), args.jobs, args.format,
                         args.text_field, args.id_field, args.max_doc_mb, args.stdin_format, args.resume,
                         args.executor, args.scheduler, args.shard_mb, args.edits_column,
                         tuple(args.settings), tuple(args.only), tuple(args.disable), args.overwrite)
    quiet_rejects = args.quiet or args.report  # with a report, the reasons are in rejects.jsonl
    try:
        summary = run(options, None if quiet_rejects else _print_reject, progress.for_stream(sys.stderr, args.quiet),
                      _warn, None if args.quiet else _print_skipped)
    except RunError as e:
        return _error(e)
    except BrokenPipeError:  # `cleaner clean - | head`: whoever read standard output stopped reading
        _stop_writing_stdout()
        return _error("standard output was closed before the whole output was written")
    except OSError as e:
        return _error(_os_error(e))
    except KeyboardInterrupt:
        print("cleaner: interrupted" if output == STDOUT else
              "cleaner: interrupted; finished shards are kept: run the same command with --resume to go on",
              file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"cleaner: {summary.line()}", file=sys.stderr)
        for stage, missed in summary.languages_not_read().items():
            print(f"cleaner: the {stage} stage has no word list for {counted(sum(missed.values()), 'document')} "
                  f"in {', '.join(f'{language} ({n})' for language, n in missed.items())}", file=sys.stderr)
    return 1 if summary.rejected else 0


def _stop_writing_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush of it at exit does not fail
    on the closed pipe too and print a traceback."""
    with suppress(OSError, ValueError):  # not a real file (a test's capture): nothing will flush into a pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _review(args: argparse.Namespace) -> int:
    try:
        serve(args.report, args.port, announce=lambda line: print(line, flush=True), pack=args.pack)
    except (ReportError, DecisionError) as e:
        return _error(e)
    except OSError as e:
        return _error(f"cannot serve on 127.0.0.1:{args.port}: {e.strerror}")
    except KeyboardInterrupt:
        print("cleaner: review stopped", file=sys.stderr)
    return 0


def _apply(args: argparse.Namespace) -> int:
    try:
        applied = apply_decisions(args.report, args.output, args.format, args.cleaned, args.applied_report)
    except (ReportError, DecisionError) as e:
        return _error(e)
    except OSError as e:
        return _error(_os_error(e))
    if applied.torn:
        print("cleaner: the last line of decisions.jsonl was cut short (a crash while writing) "
              "and is ignored", file=sys.stderr)
    if not args.quiet:
        print(f"cleaner: {applied.line(args.output)}", file=sys.stderr)
    return 0


def _warn(message: str) -> None:
    """Printed even with -q: a worker that died is news however quiet the run."""
    print(f"cleaner: warning: {message}", file=sys.stderr, flush=True)


def _print_reject(reject: Reject) -> None:
    print(f"cleaner: rejected {reject.source}: {reject.reason}", file=sys.stderr)


SKIPPED_NAMED = 10  # files of other types named one a line; the rest are counted by suffix


def _print_skipped(paths: list[str]) -> None:
    for path in paths[:SKIPPED_NAMED]:
        print(f"cleaner: skipped {path}: not a file type cleaner reads", file=sys.stderr)
    rest = paths[SKIPPED_NAMED:]
    if rest:
        kinds = ", ".join(f"{n} {k}" for k, n in kinds_of(rest).items())
        print(f"cleaner: skipped {counted(len(rest), 'more file')} of other types ({kinds})", file=sys.stderr)


def _stages(args: argparse.Namespace) -> int:
    """Every stage with its options' defaults, as TOML a config can take a table of."""
    for name, ref in sorted(available().items()):
        origin = "" if name in BUILTIN else f"  (plugin {ref})"
        try:
            cls = stage_class(name)
        except UnknownStage as e:
            print(f"# {name}{origin}: cannot load: {e}\n")
            continue
        summary = (cls.__doc__ or "").strip().partition("\n")[0]
        print(f"# {name}{origin}: {summary}\n[stage.{_config.toml_key(name)}]")
        for option, default, type_ in describe(cls):
            print(_config.option_line(option, default, type_))
        try:
            stage = cls()
            models, languages = stage.models(), stage.languages()
        except (TypeError, ValueError):   # a plugin whose options have no defaults: nothing to show
            models, languages = {}, None
        if languages is not None:
            print(f"# reads the words of: {', '.join(languages)}")
        for model, what in models.items():
            print(f"# model {model}: {json.dumps(what)}")
        print()
    return 0


def _config_show(args: argparse.Namespace) -> int:
    try:
        resolved = _resolve(args)
    except RunError as e:
        return _error(e)
    pipeline = Pipeline.from_dict(resolved.config)
    sys.stdout.write(_config.show(resolved, list(pipeline.stages), pipeline.config_hash()))
    for note in pipeline.notes():
        _warn(note)
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        pipeline = Pipeline.from_dict(_resolve(args).config)
        sources = discover([args.file])
    except (RunError, InputError) as e:
        return _error(e)
    for note in pipeline.notes():
        _warn(note)
    status = 0
    for item in read(sources, ReadOptions()):
        if isinstance(item, Reject):
            status = _error(f"{item.source}: {item.reason}")
            continue
        try:
            result = flag_guess(pipeline.clean(item.text, id=item.id, metadata=item.metadata))
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


def _packs(args: argparse.Namespace):
    return load_packs(args.packs or [builtin_packs(), *([USER_PACK] if USER_PACK.is_file() else [])])


def _rules_list(args: argparse.Namespace) -> int:
    try:
        packs = _packs(args)
    except PackError as e:
        return _error(e)
    for pack in packs:
        print(f"{pack.id}  [{', '.join(pack.languages)}]  {pack.path}")
        print(f"    {pack.description}")
        for rule in pack.rules:
            print(f"    rules.{rule.ref}  ({len(rule.examples)} examples, confidence {rule.confidence})")
        for keep in pack.keeps:
            print(f"    keep {keep.ref}: {keep.rule} in {keep.token!r}  ({len(keep.examples)} examples)")
    return 0


def _rules_test(args: argparse.Namespace) -> int:
    try:
        packs = _packs(args)
    except PackError as e:
        return _error(e)
    count, failures = check_examples(packs)
    kept, keep_failures = check_keeps(packs)
    count, failures = count + kept, failures + keep_failures
    for failure in failures:
        print(f"FAIL {failure}")
    rules = sum(len(p.rules) for p in packs)
    keeps = sum(len(p.keeps) for p in packs)
    what = counted(rules, "rule") + (f" and {counted(keeps, 'exception')}" if keeps else "")
    verdict = f"{len(failures)} failed" if failures else "all pass"
    print(f"cleaner: rules test: {counted(count, 'example')} of {what} in {counted(len(packs), 'pack')}: {verdict}",
          file=sys.stderr)
    return 1 if failures else 0


def _rules_suggest(args: argparse.Namespace) -> int:
    try:
        rules = [r for p in _packs(args) for r in p.rules]
        sources = discover(args.inputs)
    except (PackError, InputError) as e:
        return _error(e)
    unreadable, documents = [], 0

    def texts():
        nonlocal documents
        for item in read(sources, ReadOptions(text_field=args.text_field)):
            if isinstance(item, Reject):
                unreadable.append(item)
                _print_reject(item)
            else:
                documents += 1
                yield item.id, item.text

    if args.accept and args.replacement is None:
        return _error("--accept needs --as: what the phrase becomes")
    candidates = suggest(texts(), rules, args.contexts)
    if args.accept:
        try:
            entry = add(args.pack, accept(candidates, args.accept, args.replacement, args.reason))
        except TeachError as e:
            return _error(e)
        print(f"cleaner: rules suggest: wrote rules.{entry['ref']} to {entry['path']} "
              f"({len(entry['examples'])} examples); cleaner rules test checks it", file=sys.stderr)
        return 1 if unreadable else 0
    for n, c in enumerate(candidates[:args.top], 1):
        fixed = "".join(f"; {k} of {c.count} fixed by rules.{ref}" for ref, k in c.fixed_by.items())
        print(f"{n:3}. {c.phrase}  ×{c.count} in {len(c.documents)} documents{fixed}")
        for doc_id, context in c.contexts:
            print(f"       {doc_id}: {context}")
    print(f"cleaner: rules suggest: {counted(len(candidates), 'candidate')} in {counted(documents, 'document')}"
          + (f" (showing {args.top})" if len(candidates) > args.top else ""), file=sys.stderr)
    return 1 if unreadable else 0
