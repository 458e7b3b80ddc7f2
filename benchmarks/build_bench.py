"""What does the plugin cost? Build N synthetic briefs with the plugin and with plain MkDocs, same Markdown.

    python benchmarks/build_bench.py [N ...]        (default: 1000 10000)

Four builds per size, run round-robin RUNS times (machines here are shared and noisy); times are
medians, ratios are medians of the ratios within a round, CPU-seconds count every process of a build:
  plain         plain MkDocs (mkdocs theme, short nav), no search
  plugin        our plugin and theme, no search
  plain+lunr    plain MkDocs with its built-in search
  plugin+pf     our plugin and theme with Pagefind search
The figures to watch are the ratios plugin/plain (target: under 1.3) and plugin+pf/plain+lunr (target: 1.3).

Then, in the same round, the build cache (`cache_dir`) as CI uses it:
  cold cache    plugin+pf with an empty cache folder (the build fills it)
  warm          plugin+pf after a one-brief body edit, with the cache the cold build filled
The warm-cache rebuild ratio is warm / plugin+pf (a clean build without the cache; target: at most 0.35).
"""

from __future__ import annotations

import os
import resource
import shutil
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


def build_seconds(config: Path, site: Path) -> tuple[float, float]:
    """Wall-clock seconds of one build, and the CPU seconds it used (all its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                               capture_output=True, text=True, cwd=config.parent)  # fmt: skip
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"build failed ({config.name}):\n{completed.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


PAIRS = (("plugin", "plain"), ("plugin+pf", "plain+lunr"))
CACHE = ".cache/briefing"


def cache_config(root: Path) -> Path:
    """plugin+pf with the build cache on."""
    config = write_config(root, REPO / "templates", plugin=True, search=True, name="mkdocs-plugin-pf-cache.yml")
    config.write_text(config.read_text().replace("      search: true", f"      search: true\n      cache_dir: {CACHE}"))
    return config


def cached_rebuild(config: Path, root: Path) -> tuple[float, float]:
    """Seconds of a build with an empty cache, then of a build after a one-brief body edit (undone after)."""
    shutil.rmtree(config.parent / CACHE, ignore_errors=True)
    cold, _ = build_seconds(config, root / "site-cache")
    brief = next(path for path in sorted((root / "briefs").rglob("*.md")) if path.parent.name.isdigit())
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text + "\nA paragraph added by the benchmark.\n", encoding="utf-8")
    try:
        warm, _ = build_seconds(config, root / "site-cache")
    finally:
        brief.write_text(text, encoding="utf-8")
    return cold, warm


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>7} {'plain':>8} {'plugin':>8} {'ratio':>6} {'plain+lunr':>11} {'plugin+pf':>10} {'ratio':>6}"
          f"   CPU-seconds: {'plain':>6} {'plugin':>7} {'+lunr':>6} {'+pf':>6}")  # fmt: skip
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
            root = Path(tmp)
            write_site(root, size)
            configs = {
                name: write_config(root, REPO / "templates", plugin=plugin, search=search,
                                   name=f"mkdocs-{name.replace('+', '-')}.yml")
                for name, plugin, search in (("plain", False, False), ("plugin", True, False),
                                             ("plain+lunr", False, True), ("plugin+pf", True, True))
            }  # fmt: skip
            cached = cache_config(root)
            colds: list[float] = []
            warms: list[float] = []
            walls: dict[str, list[float]] = {name: [] for name in configs}
            cpus: dict[str, list[float]] = {name: [] for name in configs}
            # Round-robin, so a slow spell of a shared machine falls on every kind of build alike; each
            # ratio is the median of the ratios within a round.
            for _ in range(RUNS):
                for name, config in configs.items():
                    wall, cpu = build_seconds(config, root / f"site-{name}")
                    walls[name].append(wall)
                    cpus[name].append(cpu)
                cold, warm = cached_rebuild(cached, root)
                colds.append(cold)
                warms.append(warm)
            wall = {name: statistics.median(values) for name, values in walls.items()}
            cpu = {name: statistics.median(values) for name, values in cpus.items()}
            ratio = {ours: statistics.median(a / b for a, b in zip(walls[ours], walls[theirs], strict=True))
                     for ours, theirs in PAIRS}  # fmt: skip
            print(f"{size:>7} {wall['plain']:>7.1f}s {wall['plugin']:>7.1f}s {ratio['plugin']:>6.2f} "
                  f"{wall['plain+lunr']:>10.1f}s {wall['plugin+pf']:>9.1f}s {ratio['plugin+pf']:>6.2f}"
                  f"                {cpu['plain']:>6.1f} {cpu['plugin']:>7.1f} {cpu['plain+lunr']:>6.1f}"
                  f" {cpu['plugin+pf']:>6.1f}")  # fmt: skip
            clean = walls["plugin+pf"]
            warm_ratio = statistics.median(w / c for w, c in zip(warms, clean, strict=True))
            cold_ratio = statistics.median(w / c for w, c in zip(colds, clean, strict=True))
            print(f"{size:>7} warm-cache rebuild ratio {warm_ratio:.2f} (warm {statistics.median(warms):.1f}s "
                  f"after a one-brief edit; clean plugin+pf {wall['plugin+pf']:.1f}s; cold cache "
                  f"{statistics.median(colds):.1f}s, {cold_ratio:.2f} of clean)")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
