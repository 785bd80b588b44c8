"""Scale: one core side by side with ftfy and clean-text, --jobs 1 against --jobs 2, memory on 1 GB.

    python benchmarks/scale.py [--bench DIR] [--mb 50] [--rss-gb 1] [--parts single,jobs,rss,rss-parquet]
                               [--new-words SHARE] [--workdir DIR] [--keep]

The corpus is every distinct text of the development sets (benchmarks/new_text.py, 5.45 MB),
repeated with distinct ids until it holds at least --mb MB of UTF-8 text, written as JSONL to
the work folder (a temporary one by default). Past the first copy the text repeats, so caches
are warm: these are figures of scale (workers, memory, throughput at size), labelled "repeated";
the headline of speed on text never seen is speed.py's.

single  The same documents through cleaner.clean (the default pipeline), ftfy.fix_text
        (ftfy's defaults) and clean-text's clean() (pip install clean-text; case,
        punctuation, line breaks and non-ASCII kept), in this process, CPU time. The
        corpus goes by in blocks of one repetition each, and every tool cleans every
        block, in turn, so that other load on the machine falls on all of them alike.
        Each tool first cleans one short text (loading word lists and dateparser's
        tables), then one block untimed: "first pass" is that block's rate, the dev
        documents once, with the per-process caches (spacing's per token, dates)
        still empty; the timed blocks come after it.
jobs    `cleaner clean CORPUS -o OUT.jsonl -q` with --jobs 1 and with --jobs 2, best of
        --repeat wall times each, and the CPU time of all their processes.
rss     A generated ~--rss-gb GB JSONL.gz (the corpus repeated; distinct ids), cleaned
        by `cleaner clean --jobs 2 --report` into a JSONL.gz; peak RSS of each process
        (parent and workers) and of their sum, and the sum of their PSS (pages shared
        between them counted once), sampled every 0.5 s with psutil, and the
        largest RSS of any one process from the kernel (getrusage of children).
        Needs ~0.5 GB of disk per GB (the input is compressed, so is the output).
rss-parquet  The same records as one Parquet file with row groups of about 64 MB of text
        (and an int column), cleaned by `cleaner clean --jobs 2 --report` into a Parquet
        file; memory measured as for rss. Needs pyarrow (the `parquet` extra) and
        ~1 GB of disk per GB. Not in the default --parts.

--new-words SHARE (rss, rss-parquet): in every copy of a record, that share of its words
        (0.08: one in twelve) is replaced by a word no one wrote (seeded letters, a new one
        each time), so that every copy brings new vocabulary as a real dump does and the
        per-process caches of the stages fill to their bounds; without it the copies repeat
        and memory is measured with the caches holding the corpus's words only.
"""
from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ftfy

WARM_UP = "Date: 14 de octubre de 2022\nThe caf\u00c3\u00a9 opened  today.It was theplan, \u201cwe said\u201d.\n"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_text import distinct_documents  # noqa: E402
from whitespace import default_bench  # noqa: E402


def build_corpus(bench: Path, mb: float, path: Path) -> tuple[list[str], int]:
    texts = distinct_documents(bench)
    block = sum(len(t.encode()) for t in texts)
    repeats = -(-int(mb * 1e6) // block)
    with path.open("w", encoding="utf-8") as f:
        for r in range(repeats):
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"r{r}-d{i}", "text": text}, ensure_ascii=False) + "\n")
    return texts, repeats


def clean_text_fn():
    try:
        import cleantext
    except ImportError:
        return None
    import logging
    logging.getLogger().setLevel(logging.ERROR)

    def clean_text(text):
        return cleantext.clean(text, fix_unicode=True, to_ascii=False, lower=False, normalize_whitespace=True,
                               keep_two_line_breaks=True, no_punct=False)
    return clean_text


def single_core(texts: list[str], repeats: int) -> None:
    import cleaner

    tools = [("cleaner.clean (default pipeline)", cleaner.clean), ("ftfy.fix_text (ftfy defaults)", ftfy.fix_text)]
    clean_text = clean_text_fn()
    if clean_text:
        tools.append(("clean-text clean() (keeps case, punctuation)", clean_text))
    else:
        print("(clean-text not installed: pip install clean-text)")
    size = sum(len(t.encode()) for t in texts)
    first = {}
    for name, fn in tools:  # the untimed warm-up block is also the "first pass": caches still empty
        fn(WARM_UP)         # word lists and tables load here, not in the first pass
        gc.collect()
        t0 = time.process_time()
        for t in texts:
            fn(t)
        first[name] = time.process_time() - t0
    spent = {name: 0.0 for name, _ in tools}
    for r in range(repeats):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for name, fn in order:
            gc.collect()
            t0 = time.process_time()
            for t in texts:
                fn(t)
            spent[name] += time.process_time() - t0
    total = size * repeats
    print(f"\nsingle core, CPU time: {repeats} blocks of {len(texts)} documents, {total / 1e6:.1f} MB")
    print(f"{'tool':48} {'MB/s':>6} {'s':>8} {'vs ftfy':>8}   first pass MB/s")
    ftfy_rate = total / spent["ftfy.fix_text (ftfy defaults)"]
    for name, _ in tools:
        rate = total / spent[name]
        print(f"{name:48} {rate / 1e6:6.2f} {spent[name]:8.1f} {rate / ftfy_rate:8.2f}   {size / first[name] / 1e6:.2f}")


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", *map(str, args)]


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all processes, all cores)."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the command's processes, and CPU seconds that other
    processes on the machine took meanwhile (the load the measurement ran under)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_seconds()
    t0 = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, max(busy_seconds() - busy - cpu, 0.0)


def jobs(corpus: Path, work: Path, repeat: int) -> None:
    size = corpus.stat().st_size
    print(f"\ncleaner clean {corpus.name} ({size / 1e6:.1f} MB of JSONL) -o out.jsonl -q; best of {repeat}, wall time")
    best = {}
    for _ in range(repeat):
        for n in (1, 2):
            wall, cpu, others = timed(cli(corpus, "-o", work / f"out{n}.jsonl", "--jobs", n, "-q"))
            print(f"  --jobs {n}: {wall:6.1f} s, CPU {cpu:6.1f} s; other processes {others:5.1f} CPU s", flush=True)
            if n not in best or wall < best[n][0]:
                best[n] = (wall, cpu, others)
    for n, (wall, cpu, others) in best.items():
        print(f"--jobs {n}  {wall:7.1f} s  {size / wall / 1e6:5.2f} MB/s  CPU {cpu:7.1f} s  "
              f"(other processes meanwhile: {others:.1f} CPU s)")
    print(f"speed-up of --jobs 2: {best[1][0] / best[2][0]:.2f}x")
    same = (work / "out1.jsonl").read_bytes() == (work / "out2.jsonl").read_bytes()
    print(f"outputs identical: {same}")


_WORD = re.compile(r"[A-Za-z]+")
_LETTERS = "etaoinshrdlucmfwyp"        # the common ones: pseudo-words a word list might almost know


def with_new_words(text: str, share: float, rng: random.Random) -> str:
    """`text` with `share` of its ASCII words replaced by made-up ones of 4 to 9 letters (capitalised
    where the word was): words no cache of the pipeline has seen."""
    def made_up(m):
        if rng.random() >= share:
            return m.group(0)
        word = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 9)))
        return word.capitalize() if m.group(0)[0].isupper() else word
    return _WORD.sub(made_up, text)


def _said(new_words: float) -> str:
    return f", {new_words:.0%} of each copy's words new" if new_words else ""


def copies(corpus: Path, gb: float, new_words: float = 0.0):
    """The corpus's records, repeated with distinct ids until they hold `gb` GB of JSON: (copy, record, bytes).
    With `new_words`, each copy's words are partly new (`with_new_words`, seeded: the same file each run)."""
    lines = corpus.read_bytes().splitlines(keepends=True)
    size = copy = 0
    rng = random.Random(20261207)
    while size < gb * 1e9:
        for line in lines:
            record = json.loads(line)
            record["id"] = f"c{copy}-{record['id']}"
            if new_words:
                record["text"] = with_new_words(record["text"], new_words, rng)
            data = json.dumps(record, ensure_ascii=False).encode() + b"\n"
            size += len(data)
            yield copy, record, data
        copy += 1


def rss(corpus: Path, work: Path, gb: float, new_words: float = 0.0) -> None:
    big = work / "big.jsonl.gz"
    size = 0
    with gzip.open(big, "wb", compresslevel=1) as f:
        for _, _, data in copies(corpus, gb, new_words):
            f.write(data)
            size += len(data)
    print(f"\n{big.name}: {size / 1e9:.2f} GB of JSONL ({big.stat().st_size / 1e9:.2f} GB gzipped){_said(new_words)}")
    peak_rss(cli(big, "-o", work / "big-out.jsonl.gz", "--report", work / "big-report", "--jobs", 2, "-q"),
             work, size)


def rss_parquet(corpus: Path, work: Path, gb: float, group_mb: float = 64, new_words: float = 0.0) -> None:
    """As rss, on the same records as one Parquet file in row groups of about `group_mb` MB of text,
    with an int column beside id and text, cleaned into a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    big = work / "big.parquet"
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("copy", pa.int32())])
    size = held = 0
    rows: list[tuple] = []
    with pq.ParquetWriter(big, schema) as writer:
        def flush():
            writer.write_table(pa.Table.from_pylist([dict(zip(schema.names, r)) for r in rows], schema),
                               row_group_size=max(len(rows), 1))
        for copy, record, data in copies(corpus, gb, new_words):
            rows.append((record["id"], record["text"], copy))
            size += len(data)
            held += len(record["text"].encode())
            if held >= group_mb * 1e6:
                flush()
                rows, held = [], 0
        if rows:
            flush()
    groups = pq.ParquetFile(big).metadata.num_row_groups
    print(f"\n{big.name}: the same {size / 1e9:.2f} GB of JSONL as Parquet, {big.stat().st_size / 1e9:.2f} GB, "
          f"{groups} row groups of about {group_mb:g} MB of text{_said(new_words)}")
    peak_rss(cli(big, "-o", work / "big-out.parquet", "--report", work / "big-report-parquet", "--jobs", 2, "-q"),
             work, size)


def peak_rss(command: list[str], work: Path, size: int) -> None:
    """Run `command` (a `cleaner clean --jobs 2`) and print the peak memory of its processes."""
    import psutil

    # the kernel's peak RSS of this run alone: a wrapper process waits for it and reports the
    # largest RSS among its descendants (this process's own count holds the earlier parts' runs)
    kernel_file = work / "kernel-maxrss"
    wrapper = [sys.executable, "-c", "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
               "sys.exit(code)", str(kernel_file)]
    t0 = time.perf_counter()
    process = subprocess.Popen(wrapper + command)
    peaks = {"sum": 0, "pss": 0, "parent": 0, "worker": 0}
    samples = []

    def watch():
        wrapper = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                main = wrapper.children()[0]          # `cleaner clean`; its children are the workers
                procs = [main, *main.children(recursive=True)]
                full = {p.pid: p.memory_full_info() for p in procs}
            except (psutil.Error, IndexError):
                continue
            rss_now = {pid: m.rss for pid, m in full.items()}
            peaks["sum"] = max(peaks["sum"], sum(rss_now.values()))
            peaks["pss"] = max(peaks["pss"], sum(m.pss for m in full.values()))
            peaks["parent"] = max(peaks["parent"], rss_now.get(main.pid, 0))
            peaks["worker"] = max([peaks["worker"], *(v for k, v in rss_now.items() if k != main.pid)])
            samples.append((time.perf_counter() - t0, sum(rss_now.values())))
            time.sleep(0.5)

    watcher = threading.Thread(target=watch)
    watcher.start()
    process.wait()
    watcher.join()
    wall = time.perf_counter() - t0
    kernel = int(kernel_file.read_text())
    print(f"cleaner clean --jobs 2 --report: {wall:.0f} s, {size / wall / 1e6:.2f} MB/s, exit {process.returncode}")
    print(f"peak RSS: parent {peaks['parent'] / 2**20:.0f} MiB, largest worker {peaks['worker'] / 2**20:.0f} MiB, "
          f"all processes together {peaks['sum'] / 2**20:.0f} MiB "
          f"(PSS, shared pages counted once: {peaks['pss'] / 2**20:.0f} MiB)")
    print(f"largest RSS of one process of the run (kernel): {kernel / 2**10:.0f} MiB")
    for share in (0.1, 0.5, 0.9):
        at = samples[min(int(share * len(samples)), len(samples) - 1)] if samples else (0, 0)
        print(f"  at {at[0]:6.0f} s ({share:.0%} of the run): {at[1] / 2**20:.0f} MiB in all")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=default_bench(), help="the shared benchmark folder")
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--rss-gb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--parts", default="single,jobs,rss")
    ap.add_argument("--new-words", type=float, default=0.0, metavar="SHARE",
                    help="rss parts: this share of each copy's words made up anew (0.08: caches fill as on a real dump)")
    ap.add_argument("--group-mb", type=float, default=64, help="rss-parquet: MB of text per row group")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cleaner-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Python {platform.python_version()}, ftfy {ftfy.__version__}, {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f} at the start; work folder {work}")
    try:
        corpus = work / "corpus.jsonl"
        texts, repeats = build_corpus(args.bench, args.mb, corpus)
        print(f"corpus: {len(texts)} distinct documents x {repeats} = {corpus.stat().st_size / 1e6:.1f} MB of JSONL"
              + (" (repeated: every copy after the first is text the process has seen)" if repeats > 1 else ""))
        if "single" in parts:
            single_core(texts, repeats)
        if "jobs" in parts:
            jobs(corpus, work, args.repeat)
        if "rss" in parts:
            rss(corpus, work, args.rss_gb, args.new_words)
        if "rss-parquet" in parts:
            rss_parquet(corpus, work, args.rss_gb, args.group_mb, args.new_words)
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
