"""benchmarks/proc_memory.py: the memory sampler sees a real process tree's peaks, forks included."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from benchmarks.proc_memory import describe, run_sampled, tree

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
    assert describe(run.memory)[-1].startswith("all together: peak PSS sum ")


def test_the_tree_starts_at_its_root_and_holds_a_running_child():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert tree(os.getpid())[0] == os.getpid()
        assert child.pid in tree(os.getpid())
    finally:
        child.kill()
        child.wait()
