"""What does the plugin cost? Build N synthetic briefs with the plugin and with plain MkDocs, same Markdown.

    python benchmarks/build_bench.py [N ...]        (default: 1000 10000)

Four builds per size, each the median of RUNS runs (machines here are shared and noisy):
  plain         plain MkDocs (mkdocs theme, short nav), no search
  plugin        our plugin and theme, no search
  plain+lunr    plain MkDocs with its built-in search
  plugin+pf     our plugin and theme with Pagefind search
The figures to watch are the ratios plugin/plain (target: under 1.3) and plugin+pf/plain+lunr (target: 1.3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import scratch_dir, write_config, write_site

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def build_seconds(config: Path, site: Path) -> float:
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                               capture_output=True, text=True, cwd=config.parent)  # fmt: skip
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"build failed ({config.name}):\n{completed.stderr[-3000:]}")
    return elapsed


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>7} {'plain':>8} {'plugin':>8} {'ratio':>6} {'plain+lunr':>11} {'plugin+pf':>10} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
            root = Path(tmp)
            write_site(root, size)
            configs = {
                "plain": write_config(root, REPO / "templates", plugin=False, search=False),
                "plugin": write_config(root, REPO / "templates", plugin=True, search=False),
            }
            medians: dict[str, float] = {}
            for name, config in configs.items():
                medians[name] = statistics.median(build_seconds(config, root / f"site-{name}") for _ in range(RUNS))
            configs = {
                "plain+lunr": write_config(root, REPO / "templates", plugin=False, search=True),
                "plugin+pf": write_config(root, REPO / "templates", plugin=True, search=True),
            }
            for name, config in configs.items():
                medians[name] = statistics.median(build_seconds(config, root / f"site-{name}") for _ in range(RUNS))
            print(f"{size:>7} {medians['plain']:>7.1f}s {medians['plugin']:>7.1f}s "
                  f"{medians['plugin'] / medians['plain']:>6.2f} {medians['plain+lunr']:>10.1f}s "
                  f"{medians['plugin+pf']:>9.1f}s {medians['plugin+pf'] / medians['plain+lunr']:>6.2f}")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
