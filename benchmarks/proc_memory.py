"""The memory of a process tree, sampled from /proc while it runs (Linux only; no psutil).

A build is several processes: MkDocs' own, the children it forks (the background job, the render worker), and
Pagefind's indexer. Each sample walks the tree from its root and reads, for every process, its RSS (`VmRSS` in
/proc/PID/status) and its PSS (`Pss:` in /proc/PID/smaps_rollup).

RSS counts a page shared after fork in every process that maps it, so RSS summed over a build and its forks
counts the loaded site two or three times. PSS divides each shared page among the processes sharing it: the sum
of PSS over the tree at one sample is what the tree holds together, and its peak over the samples is the figure
to compare with a machine's memory. The peak RSS of a process also takes the kernel's own high-water mark
(`VmHWM`, reset at fork), so a spike between two samples still counts there.

Measuring must not grow with what it measures. Reading smaps_rollup walks the process's page tables, holding
its memory map's lock: about 45 ms per 2.6 GB process here, so a 100,000-brief build (7 GB of RSS over its
processes) cost the sampler over 40% of a core at a fixed 0.15 s, on a two-core machine whose build uses both,
and the largest builds' time per brief rose with it. So the cheap figures (status) are read
every ``interval``, and PSS as often as a budget allows: the sampler waits at least ``1 / PSS_BUDGET`` times
the CPU its last PSS reading took (at most 5% of one core). `TreeMemory` says what the sampler cost and the longest
gap between two PSS readings, so a report shows its own resolution.

    run = run_sampled([sys.executable, "-m", "mkdocs", "build"], cwd=site)
    print(run.memory.peak_pss_sum, [(p.label, p.peak_rss) for p in run.memory.processes])
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.15  # seconds between samples: a build's phases last seconds; reading status costs microseconds
PSS_BUDGET = 0.05  # the share of one core the PSS readings may take (see the module's docstring)


@dataclass(frozen=True)
class ProcessPeak:
    label: str  # "mkdocs (main)", "python (fork)", "pagefind_extended", ...; "#2" when a label repeats
    pid: int
    peak_rss: int  # bytes
    peak_pss: int  # bytes


@dataclass(frozen=True)
class TreeMemory:
    processes: tuple[ProcessPeak, ...]  # in the order they were first seen
    peak_pss_sum: int  # bytes: the largest sum of PSS over the tree at one sample
    peak_rss_sum: int  # bytes: the same for RSS (counts shared pages more than once; for reference)
    samples: int  # readings of the tree's RSS
    pss_samples: int  # readings of its PSS (as often as `PSS_BUDGET` allows)
    longest_pss_gap: float  # seconds: the longest wait between two PSS readings
    sampler_cpu: float  # seconds of CPU the sampler's thread took (the readings' kernel time included)


@dataclass(frozen=True)
class SampledRun:
    returncode: int
    stdout: str
    stderr: str
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and every descendant it waited for
    memory: TreeMemory


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:  # the process ended between the listing and the read
        return None


def _kb_field(text: str | None, name: str) -> int | None:
    """The value of a `Name:   123 kB` line, in bytes."""
    if text is None:
        return None
    for line in text.splitlines():
        if line.startswith(name):
            return int(line.split()[1]) * 1024
    return None


def _ppid(pid: int) -> int | None:
    stat = _read(PROC / str(pid) / "stat")
    if stat is None:
        return None
    # The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def children_map() -> dict[int, list[int]]:
    """Every process's children, from the parent pid in each /proc/PID/stat.

    /proc/PID/task/TID/children would be quicker but exists only with CONFIG_PROC_CHILDREN, which some
    kernels (this project's machines among them) leave out; a scan of a few hundred stat files takes a few ms."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if entry.name.isdigit():
            ppid = _ppid(int(entry.name))
            if ppid is not None:
                children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(root: int) -> list[int]:
    """``root`` and its descendants still running, parents before children."""
    children = children_map()
    order, pending = [], [root]
    while pending:
        pid = pending.pop(0)
        order.append(pid)
        pending.extend(sorted(children.get(pid, ())))
    return order


def _argv(pid: int) -> list[str] | None:
    raw = _read(PROC / str(pid) / "cmdline")
    return None if raw is None else [part for part in raw.split("\0") if part]


def _program(argv: list[str]) -> str:
    """`mkdocs` for `python -m mkdocs ...`, else the program's file name."""
    name = Path(argv[0]).name if argv else "?"
    if name.startswith("python") and "-m" in argv[:-1]:
        return argv[argv.index("-m") + 1]
    return name


@dataclass
class _Seen:
    argv: list[str]
    label: str
    peak_rss: int = 0
    peak_pss: int = 0


@dataclass
class TreeSampler:
    """Samples the tree under ``root`` every ``interval`` seconds in a thread, between `start` and `stop`."""

    root: int
    interval: float = INTERVAL
    _seen: dict[int, _Seen] = field(default_factory=dict)
    _labels: set[str] = field(default_factory=set)
    _peak_pss_sum: int = 0
    _peak_rss_sum: int = 0
    _samples: int = 0
    _pss_samples: int = 0
    _next_pss: float = 0.0  # time.monotonic() from which the next PSS reading is within budget
    _last_pss: float | None = None
    _longest_pss_gap: float = 0.0
    _cpu: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _label(self, pid: int, argv: list[str]) -> str:
        if pid == self.root:
            label = f"{_program(argv)} (main)"
        else:
            parent = self._seen.get(_ppid(pid) or -1)
            # A fork runs its parent's command line until it execs something else.
            forked = parent is not None and parent.argv == argv
            label = f"{Path(argv[0]).name if argv else '?'} (fork)" if forked else _program(argv)
        unique, number = label, 2
        while unique in self._labels:
            unique, number = f"{label} #{number}", number + 1
        self._labels.add(unique)
        return unique

    def sample(self, *, pss: bool = True) -> None:
        """One sample of every process in the tree now: RSS always, PSS with ``pss``."""
        started = time.monotonic()
        rss_sum = pss_sum = 0
        # CPU seconds spent reading smaps_rollup, what the budget is about: CPU, not wall time, which on a
        # loaded machine also counts the time this thread waited for a core.
        reading = 0.0
        for pid in tree(self.root):
            argv = _argv(pid)
            status = _read(PROC / str(pid) / "status")
            rss = _kb_field(status, "VmRSS:")
            pss_now: int | None = 0
            if pss:
                before = time.thread_time()
                pss_now = _kb_field(_read(PROC / str(pid) / "smaps_rollup"), "Pss:")
                reading += time.thread_time() - before
            if argv is None or rss is None or pss_now is None:
                continue  # ended meanwhile, or a zombie (no memory left)
            seen = self._seen.get(pid)
            if seen is None or seen.argv != argv:
                # New, or a fork that has since exec'd another program: what it held before was its parent's.
                if seen is not None:
                    self._labels.discard(seen.label)
                seen = self._seen[pid] = _Seen(argv, self._label(pid, argv))
            seen.peak_rss = max(seen.peak_rss, rss, _kb_field(status, "VmHWM:") or 0)
            seen.peak_pss = max(seen.peak_pss, pss_now)
            rss_sum += rss
            pss_sum += pss_now
        self._peak_rss_sum = max(self._peak_rss_sum, rss_sum)
        self._samples += 1
        if pss:
            self._peak_pss_sum = max(self._peak_pss_sum, pss_sum)
            self._pss_samples += 1
            if self._last_pss is not None:
                self._longest_pss_gap = max(self._longest_pss_gap, started - self._last_pss)
            self._last_pss = started
            self._next_pss = started + reading / PSS_BUDGET

    def _run(self) -> None:
        cpu = time.thread_time()
        while not self._stop.is_set():
            self.sample(pss=time.monotonic() >= self._next_pss)
            self._stop.wait(self.interval)
        self._cpu = time.thread_time() - cpu

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> TreeMemory:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        peaks = tuple(ProcessPeak(s.label, pid, s.peak_rss, s.peak_pss) for pid, s in self._seen.items())
        return TreeMemory(peaks, self._peak_pss_sum, self._peak_rss_sum, self._samples, self._pss_samples,
                          self._longest_pss_gap, self._cpu)  # fmt: skip


def run_sampled(command: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None,
                interval: float = INTERVAL, timeout: float | None = None) -> SampledRun:  # fmt: skip
    """Run ``command`` to its end, sampling its process tree's memory; its output, times and peaks.

    The CPU time is os.wait4's: the process's own and that of every descendant it waited for (a build waits
    for its forks and for Pagefind, so that is all of them)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = TreeSampler(process.pid, interval)
        sampler.start()
        deadline = None if timeout is None else start + timeout
        try:
            while True:
                # wait4 rather than Popen.wait: it also returns the resources the tree used.
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.perf_counter() > deadline:
                    process.kill()
                    _, status, usage = os.wait4(process.pid, 0)
                    break
                time.sleep(0.02)
        except BaseException:
            process.kill()  # interrupted: leave no build running behind
            os.wait4(process.pid, 0)
            raise
        finally:
            wall = time.perf_counter() - start
            memory = sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return SampledRun(process.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                          wall, usage.ru_utime + usage.ru_stime, memory)  # fmt: skip


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def describe(memory: TreeMemory) -> list[str]:
    """Lines for a report: each process's peak RSS, then the peaks of all of them together."""
    width = max((len(p.label) for p in memory.processes), default=0)
    lines = [f"{p.label:<{width}}  peak RSS {megabytes(p.peak_rss):>9}  (PSS {megabytes(p.peak_pss)})"
             for p in memory.processes]  # fmt: skip
    lines.append(f"all together: peak PSS sum {megabytes(memory.peak_pss_sum)} "
                 f"(RSS sum {megabytes(memory.peak_rss_sum)}; {memory.samples} samples, {memory.pss_samples} of "
                 f"PSS at most {memory.longest_pss_gap:.1f} s apart; the sampler took {memory.sampler_cpu:.1f} s "
                 "of CPU)")  # fmt: skip
    return lines
