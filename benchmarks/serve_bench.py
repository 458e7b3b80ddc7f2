"""The author's loop: how long after saving a file does `mkdocs serve` serve the changed page?

    python benchmarks/serve_bench.py [N ...]        (default: 1000)

For each size, a synthetic site is written, a real `mkdocs serve` started on it, and each kind of
edit made RUNS times (default 5). After each save the changed page is polled over HTTP until it
shows the edit; the time from the save to that response is the edit's latency. Printed per size:
  - the median and 95th percentile latency of each kind of edit (the 95th percentile of five runs
    is their slowest but one, interpolated);
  - the cold start (from starting serve to the home page served) against one plain MkDocs build of
    the same Markdown (MkDocs' own theme and lunr search);
  - the resident memory of the serve process and its children after the first build and after
    all the edits (sampled from /proc, not estimated).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import scratch_dir, write_config, write_site

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TIMEOUT_SECONDS = float(os.environ.get("BENCH_TIMEOUT", "600"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local server
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def stop_serve(server: subprocess.Popen[bytes], timeout: float = 900) -> float:
    """End ``server`` as CI ends a job (SIGTERM), and the seconds its shutdown took: serve then removes its site
    folder (2 GB in 300,000 files at 100,000 briefs, minutes on a slow disk). Killed if it takes longer."""
    started = time.perf_counter()
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    return time.perf_counter() - started


def wait_until(check: Callable[[], bool], what: str) -> float:
    """Seconds until ``check`` holds, polling every 20 ms."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > TIMEOUT_SECONDS:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.02)
    return time.perf_counter() - start


def resident_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB, from /proc."""
    total_kib = 0
    for child in [pid, *descendants(pid)]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        total_kib += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kib / 1024


def settled_mib(pid: int) -> float:
    """`resident_mib` once serve is idle: its search index made in the background (Pagefind, a child, gone)."""
    time.sleep(2)  # past the pause before the background index starts
    wait_until(lambda: not descendants(pid), "serve's background search index")
    time.sleep(0.5)
    return resident_mib(pid)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, whichever of its threads started it (serve's search thread starts Pagefind)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def plain_build_seconds(root: Path) -> float:
    config = write_config(root, REPO / "templates", plugin=False, search=True, name="mkdocs-plain.yml")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(root / "plain-site")],
                   check=True, capture_output=True, cwd=root)  # fmt: skip
    return time.perf_counter() - start


class Edits:
    """Each kind of edit an author makes, and how to see it served."""

    def __init__(self, docs: Path, base_url: str) -> None:
        self.docs = docs
        self.base = base_url
        self.briefs = sorted(p for p in docs.glob("[0-9]*/*.md"))
        self.count = 0

    def _marker(self) -> str:
        self.count += 1
        return f"benchmark{self.count:04d}edit"

    def _page(self, path: Path) -> str:
        relative = path.relative_to(self.docs).with_suffix("")
        return f"{self.base}{relative.as_posix()}/"

    def _shows(self, url: str, text: str) -> Callable[[], bool]:
        return lambda: text in fetch(url)[1]

    def body(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        brief, marker = self.briefs[len(self.briefs) // 2], self._marker()
        return lambda: _append(brief, f"\nA new sentence with {marker}.\n"), self._shows(self._page(brief), marker)

    def front_matter(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        brief, marker = self.briefs[len(self.briefs) // 3], self._marker()

        def edit() -> None:
            text = brief.read_text()
            head, _, rest = text.partition("topics: [")
            brief.write_text(f"{head}topics: [{marker}, {rest}")

        return edit, self._shows(self._page(brief), marker)

    def new_brief(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        marker = self._marker()
        path = self.docs / "2020" / f"{marker}.md"
        text = self.briefs[0].read_text().replace("title: ", f"title: {marker} ", 1)
        return lambda: path.write_text(text), self._shows(self._page(path), marker)

    def deleted_brief(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        path = self.briefs.pop(len(self.briefs) // 4)
        url = self._page(path)
        return lambda: path.unlink(), lambda: fetch(url)[0] == 404

    def moved_brief(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        index = len(self.briefs) // 5
        path, marker = self.briefs[index], self._marker()
        target = path.parent / f"{marker}.md"
        self.briefs[index] = target
        return lambda: path.rename(target), lambda: fetch(self._page(target))[0] == 200

    def profile(self) -> tuple[Callable[[], None], Callable[[], bool]]:
        actor, marker = sorted((self.docs / "actors").glob("*.md"))[self.count % 50], self._marker()
        url = f"{self.base}actors/{actor.stem}/"
        return lambda: _append(actor, f"\nMore about them: {marker}.\n"), self._shows(url, marker)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


KINDS = ("body", "front_matter", "new_brief", "deleted_brief", "moved_brief", "profile")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    at = (len(ordered) - 1) * share
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def run(size: int) -> None:
    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        root = Path(tmp)
        docs = write_site(root, size)
        plain = plain_build_seconds(root)
        config = write_config(root, REPO / "templates", plugin=True, search=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        log = open(os.environ["BENCH_LOG"], "w") if os.environ.get("BENCH_LOG") else subprocess.DEVNULL  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        try:
            wait_until(lambda: fetch(base)[0] == 200, "the first build")
            cold = time.perf_counter() - start
            first_memory = settled_mib(server.pid)
            edits = Edits(docs, base)
            latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
            for _ in range(RUNS):
                for kind in KINDS:
                    edit, served = getattr(edits, kind)()
                    time.sleep(0.5)  # apart from the last rebuild, as saves by hand are
                    saved = time.perf_counter()
                    edit()
                    wait_until(served, f"the {kind} edit to be served")
                    latencies[kind].append(time.perf_counter() - saved)
            last_memory = settled_mib(server.pid)
        finally:
            stop_serve(server)
        print(f"\n{size} briefs: cold start {cold:.1f}s, plain MkDocs build {plain:.1f}s, ratio {cold / plain:.2f}")
        print(f"  serve memory (with children): {first_memory:.0f} MiB after the first build, "
              f"{last_memory:.0f} MiB after {RUNS * len(KINDS)} edits ({last_memory / first_memory - 1:+.0%})")  # fmt: skip
        print(f"  {'edit':<15} {'median':>8} {'p95':>8}   ({RUNS} runs each)")
        for kind, values in latencies.items():
            print(f"  {kind:<15} {statistics.median(values):>7.2f}s {percentile(values, 0.95):>7.2f}s")


def main(sizes: list[int]) -> None:
    for size in sizes:
        run(size)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000])
