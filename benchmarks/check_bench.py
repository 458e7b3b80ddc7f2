"""How fast is `check`? Time per brief for the full check beside merely reading and YAML-parsing the files.

    python benchmarks/check_bench.py [N ...]     (default: 1000 10000)

Prints medians of several runs; the ratio is what to watch (machines here are shared and noisy).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from synth import scratch_dir, write_site

from generator.corpus.loader import load

RUNS = 5


def read_and_parse(docs: Path) -> int:
    """The floor: read every file and parse its front matter with libyaml, nothing else."""
    count = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            yaml.load(text[4:end], Loader=loader)  # noqa: S506 - a safe loader
        count += 1
    return count


def median_seconds(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>8} {'check total':>12} {'check/brief':>12} {'read+yaml/brief':>16} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
            docs = write_site(Path(tmp), size)
            result = load(docs)
            assert not result.has_errors, result.diagnostics[:3]
            check = median_seconds(lambda docs=docs: load(docs))
            floor = median_seconds(lambda docs=docs: read_and_parse(docs))
            print(f"{size:>8} {check:>11.2f}s {check / size * 1e3:>10.3f}ms {floor / size * 1e3:>14.3f}ms "
                  f"{check / floor:>6.1f}")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
