"""How does a build grow with the site? Build synthetic sites of each SIZE (the shape of issue 13: briefs of about
450 words, 600 actors, 40 countries) with our plugin and Pagefind, and measure each build while it runs.

    python benchmarks/scale_bench.py SIZE [SIZE ...] [--keep DIR] [--json] [--no-browser] [--serve-edits N] [--serve-only]
    python benchmarks/scale_bench.py 10000 20000 50000 100000

For each size: the build's wall time, the CPU time of all its processes, the time per brief and the ratio of the
time to the first size's; the peak memory of each process of the build (MkDocs, its forks, Pagefind), sampled from
/proc every 0.15 s (benchmarks/proc_memory.py), and of all of them together (the peak of the sum of their PSS at one
sample; the RSS sum, which counts pages shared after fork more than once, for reference); the output's size and
file count; and what a reader downloads for a first search with one filter, gzipped (benchmarks/reader_bench.py's
Chromium measurement; --no-browser skips it); with --serve-edits N, at the largest size, the median time from
saving a body edit to `mkdocs serve` serving it, over N edits (serve_bench.py's body edit; --serve-only: that
alone, on a site written for it, without the build and its figures). A Markdown table with one
row per size comes last (--json: a JSON list instead). Sites are written to a scratch folder (memory-backed /dev/shm where it exists) and removed after
each size, unless --keep DIR keeps each in DIR/SIZE.

Targets (issue 13): all processes together at most 6 GB at 100,000 briefs; the 100,000 build at most 10.5 times the
10,000 build measured in the same run; the first search with one filter at most 300 KB gzipped; a body edit served
within 2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from proc_memory import TreeMemory, describe, megabytes, run_sampled
from synth import SCALE_SHAPE, build_env, scratch_dir, write_config, write_site

REPO = Path(__file__).resolve().parent.parent
MEMORY_TARGET = 6 * 2**30  # bytes, all processes together at 100,000 briefs
TIME_TARGET = 10.5  # the 100,000 build against the 10,000 build
QUERY_TARGET_KB = 300
SERVE_EDIT_TARGET = 2.0  # seconds from saving a body edit to serve serving it, at the largest size


@dataclass(frozen=True)
class Result:
    briefs: int
    wall: float  # seconds
    cpu: float  # seconds, every process of the build
    ms_per_brief: float
    ratio: float  # wall time against the first size's
    output_bytes: int
    output_files: int
    memory: TreeMemory
    first_query_kb: float | None  # gzipped; None: not measured
    serve_edit: float | None = None  # seconds, the median body edit under `mkdocs serve`; None: not measured


def write_scale_site(root: Path, briefs: int) -> None:
    write_site(root, briefs, **SCALE_SHAPE)
    write_config(root, REPO / "templates", plugin=True, search=True)


def folder_totals(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``."""
    size = files = 0
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    size += entry.stat(follow_symlinks=False).st_size
                    files += 1
    return size, files


def first_query_kb(site: Path, query: str, country: str) -> float | None:
    """KB (gzipped) a reader's first search fetches: ``query`` typed, then ``country`` ticked."""
    from reader_bench import GzipHandler, first_search, measure_built_site

    label = "served with gzip"
    with contextlib.redirect_stdout(sys.stderr):  # its progress lines; stdout is for the table or the JSON
        results = measure_built_site(site, [query], country, {label: GzipHandler})
    row = first_search(results[label], query, country)
    return None if row is None else row.search_kb


def serve_body_edits(root: Path, edits: int) -> list[float]:
    """Seconds from saving a body edit to `mkdocs serve` serving it, ``edits`` times (serve_bench.py's edit)."""
    os.environ.setdefault("BENCH_TIMEOUT", "3600")  # serve's first build of 100,000 briefs takes many minutes
    from serve_bench import Edits, fetch, free_port, stop_serve, wait_until

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root,
                              env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        with contextlib.redirect_stdout(sys.stderr):
            wait_until(lambda: fetch(base)[0] == 200, "serve's first build")
        kinds = Edits(root / "briefs", base)
        seconds = []
        for _ in range(edits):
            change, served = kinds.body()
            time.sleep(1.0)  # apart from the last rebuild, as saves by hand are
            saved = time.perf_counter()
            change()
            wait_until(served, "the body edit to be served")
            seconds.append(time.perf_counter() - saved)
        return seconds
    finally:
        print(f"  mkdocs serve shut down in {stop_serve(server):.1f} s", file=sys.stderr, flush=True)


def serve_only(briefs: int, edits: int) -> None:
    """Serve's body edits on a site of ``briefs`` briefs, without the build measured first (``--serve-only``)."""
    with tempfile.TemporaryDirectory(dir=scratch_dir(), prefix=f"scale-{briefs}-") as tmp:
        write_scale_site(Path(tmp), briefs)
        seconds = serve_body_edits(Path(tmp), edits)
    median = statistics.median(seconds)
    print(f"mkdocs serve at {briefs:,} briefs, body edit to served: median {median:.2f} s, slowest {max(seconds):.2f} s "
          f"({len(seconds)} edits: {', '.join(f'{s:.2f}' for s in seconds)})")  # fmt: skip
    print(f"serve body edit at {briefs:,}: {median:.2f} s (target <= {SERVE_EDIT_TARGET} s) "
          f"[{'ok' if median <= SERVE_EDIT_TARGET else 'OVER'}]")  # fmt: skip


def measure(root: Path, briefs: int, first_wall: float | None, args: argparse.Namespace) -> Result:
    log = sys.stderr
    started = time.perf_counter()
    write_scale_site(root, briefs)
    print(f"{briefs} briefs: written in {time.perf_counter() - started:.0f} s; building ...", file=log, flush=True)
    site = root / "site"
    # PYTHONPATH passed on, made absolute: the build runs the generator this benchmark was run with.
    run = run_sampled([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root,
                      env=build_env())  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"the {briefs}-brief build failed:\n{run.stderr[-3000:]}")
    output_bytes, output_files = folder_totals(site)
    kb = None if args.no_browser else first_query_kb(site, args.query, args.country)
    result = Result(briefs, run.wall, run.cpu, run.wall / briefs * 1000, run.wall / (first_wall or run.wall),
                    output_bytes, output_files, run.memory, kb)  # fmt: skip
    print(f"  built in {run.wall:.1f} s ({result.ms_per_brief:.2f} ms a brief, {result.ratio:.2f} x the first size), "
          f"CPU {run.cpu:.1f} s", file=log)  # fmt: skip
    for line in describe(run.memory):
        print(f"  {line}", file=log)
    print(f"  output: {megabytes(output_bytes)} in {output_files:,} files", file=log)
    if not args.no_browser:
        shown = "no result" if kb is None else f"{kb:.1f} KB"
        print(f"  first search with one filter: {shown} gzipped ('{args.query}' + {args.country})", file=log)
    print(file=log, flush=True)  # the build's figures, before serve's: they stay if serve fails
    if args.serve_edits and briefs == max(args.sizes):
        edits = serve_body_edits(root, args.serve_edits)
        result = replace(result, serve_edit=statistics.median(edits))
        print(f"  mkdocs serve, body edit to served: median {statistics.median(edits):.2f} s, slowest "
              f"{max(edits):.2f} s ({len(edits)} edits)\n", file=log, flush=True)  # fmt: skip
    return result


def table(results: list[Result]) -> list[str]:
    lines = ["| briefs | build s | ms/brief | x first | CPU s | peak, all together (PSS) | RSS sum | peak RSS per process "
             "| output MB | files | first query KB (gzip) | serve body edit s |",
             "|---:|---:|---:|---:|---:|---:|---:|:---|---:|---:|---:|---:|"]  # fmt: skip
    for r in results:
        each = ", ".join(f"{p.label} {megabytes(p.peak_rss)}" for p in r.memory.processes)
        kb = "" if r.first_query_kb is None else f"{r.first_query_kb:.1f}"
        edit = "" if r.serve_edit is None else f"{r.serve_edit:.2f}"
        lines.append(f"| {r.briefs:,} | {r.wall:.1f} | {r.ms_per_brief:.2f} | {r.ratio:.2f} | {r.cpu:.1f} "
                     f"| {megabytes(r.memory.peak_pss_sum)} | {megabytes(r.memory.peak_rss_sum)} | {each} "
                     f"| {r.output_bytes / 2**20:,.0f} | {r.output_files:,} | {kb} | {edit} |")  # fmt: skip
    return lines


def verdicts(results: list[Result]) -> list[str]:
    """The issue's targets, for the sizes this run measured."""
    by_size = {r.briefs: r for r in results}
    lines = []
    if 100_000 in by_size:
        peak = by_size[100_000].memory.peak_pss_sum
        lines.append(f"memory at 100,000: {megabytes(peak)} (target <= {megabytes(MEMORY_TARGET)}) "
                     f"[{'ok' if peak <= MEMORY_TARGET else 'OVER'}]")  # fmt: skip
    if 10_000 in by_size and 100_000 in by_size:
        times = by_size[100_000].wall / by_size[10_000].wall
        lines.append(f"time 100,000 / 10,000: {times:.2f} (target <= {TIME_TARGET}) "
                     f"[{'ok' if times <= TIME_TARGET else 'OVER'}]")  # fmt: skip
    for r in results:
        if r.serve_edit is not None:
            lines.append(f"serve body edit at {r.briefs:,}: {r.serve_edit:.2f} s (target <= {SERVE_EDIT_TARGET} s) "
                         f"[{'ok' if r.serve_edit <= SERVE_EDIT_TARGET else 'OVER'}]")  # fmt: skip
        if r.first_query_kb is not None:
            lines.append(f"first query at {r.briefs:,}: {r.first_query_kb:.1f} KB (target <= {QUERY_TARGET_KB} KB) "
                         f"[{'ok' if r.first_query_kb <= QUERY_TARGET_KB else 'OVER'}]")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, metavar="SIZE", help="numbers of briefs, e.g. 10000 20000")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each site in DIR/SIZE (replaced if there)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    parser.add_argument("--no-browser", action="store_true", help="skip the first search's byte count (Chromium)")
    parser.add_argument("--query", default="minister", help="the first search's words (default: a common word)")
    parser.add_argument("--country", default="Germany", help="the first search's one filter (a country's name)")
    parser.add_argument("--serve-edits", type=int, default=0, metavar="N",
                        help="at the largest size, start mkdocs serve and time N body edits (default: none)")  # fmt: skip
    parser.add_argument("--serve-only", action="store_true",
                        help="with --serve-edits: no build and no table, only serve's body edits at the largest size")  # fmt: skip
    args = parser.parse_args()
    if args.serve_only:
        serve_only(max(args.sizes), args.serve_edits or 3)
        return
    if not args.no_browser:
        from reader_bench import CHROMIUM  # Debian's Chromium, as the browser tests drive it

        if not CHROMIUM.is_file():
            raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium, or pass --no-browser")

    results: list[Result] = []
    for size in args.sizes:
        first_wall = results[0].wall if results else None
        if args.keep:
            root = args.keep / str(size)
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            results.append(measure(root, size, first_wall, args))
            continue
        # One size at a time in the scratch folder, removed before the next: on /dev/shm a site is memory too.
        with tempfile.TemporaryDirectory(dir=scratch_dir(), prefix=f"scale-{size}-") as tmp:
            results.append(measure(Path(tmp), size, first_wall, args))

    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
        return
    print("\n".join(table(results)))
    if lines := verdicts(results):
        print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
