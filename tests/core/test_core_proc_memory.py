"""benchmarks/proc_memory.py: the memory sampler sees a real process tree's peaks, forks included."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from benchmarks import proc_memory
from benchmarks.proc_memory import PSS_BUDGET, TreeSampler, describe, run_sampled, tree

MB = 2**20

# A parent that holds 40 MB, forks a child that writes 100 MB of its own, and waits for it. Each holds its memory
# for a second, so samples 0.05 s apart cannot miss it.
PROGRAM = textwrap.dedent("""
    import os, time
    held = b"p" * (40 * 2**20)
    pid = os.fork()
    if pid == 0:
        mine = b"c" * (100 * 2**20)
        time.sleep(1.0)
        os._exit(0)
    os.waitpid(pid, 0)
    time.sleep(0.3)
""")


def test_the_sampler_sees_each_process_of_the_tree_and_their_peak_together(tmp_path: Path):
    run = run_sampled([sys.executable, "-c", PROGRAM], cwd=tmp_path, interval=0.05, timeout=60)
    assert run.returncode == 0, run.stderr
    labels = {p.label: p for p in run.memory.processes}
    python = Path(sys.executable).name  # "python3" where CI runs the tests with it
    assert set(labels) == {f"{python} (main)", f"{python} (fork)"}, labels
    main, fork = labels[f"{python} (main)"], labels[f"{python} (fork)"]
    assert main.peak_rss >= 40 * MB
    assert fork.peak_rss >= 140 * MB  # its own 100 MB and the 40 MB it shares with its parent
    assert fork.peak_pss >= 100 * MB
    # The 40 MB shared after the fork: the RSS sum counts it twice, the PSS sum once.
    assert run.memory.peak_pss_sum >= 140 * MB
    assert run.memory.peak_rss_sum - run.memory.peak_pss_sum >= 35 * MB
    assert run.cpu > 0 and run.wall >= 1.0
    assert run.memory.samples >= 10
    assert run.memory.pss_samples >= 5  # PSS of processes this small costs well under the budget
    assert 0 < run.memory.sampler_cpu < run.wall
    assert describe(run.memory)[-1].startswith("all together: peak PSS sum ")


def test_the_tree_starts_at_its_root_and_holds_a_running_child():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert tree(os.getpid())[0] == os.getpid()
        assert child.pid in tree(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_reading_pss_keeps_to_its_budget_however_slow_it_gets(monkeypatch: pytest.MonkeyPatch):
    """A large process's smaps_rollup takes tens of ms to read: the sampler then reads it less often, so
    measuring does not take a larger share of the machine as the build grows."""
    slow = 0.02
    read = proc_memory._read

    def slow_read(path: Path) -> str | None:
        if path.name == "smaps_rollup":  # CPU spent, as the kernel spends it walking page tables
            spent = time.thread_time() + slow
            while time.thread_time() < spent:
                pass
        return read(path)

    monkeypatch.setattr(proc_memory, "_read", slow_read)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        sampler = TreeSampler(child.pid, interval=0.005)
        started = time.monotonic()
        sampler.start()
        time.sleep(2.0)
        memory = sampler.stop()
        wall = time.monotonic() - started
    finally:
        child.kill()
        child.wait()
    # Every reading of the status files, PSS as the budget allows: one reading, then one per `slow / PSS_BUDGET`.
    assert memory.samples > 4 * memory.pss_samples
    assert 2 <= memory.pss_samples <= wall * PSS_BUDGET / slow + 1
    assert memory.longest_pss_gap >= slow / PSS_BUDGET * 0.9
    assert memory.peak_pss_sum > 0
