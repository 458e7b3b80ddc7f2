"""What does a hostile brief cost? Check and build a small site holding one pathological brief per class.

    python benchmarks/pathological_bench.py [CLASS ...] [--runs 3] [--timeout 120]

Each class is a brief whose body repeats one construct tens of thousands of times (50,000, or as many as
fit in the 65,536 characters a body may hold), nests it 100 to 400 deep, or writes 1 MB on one line. For each,
a site of 10 ordinary briefs plus that one is written, and the script prints the median wall-clock time of
`python -m generator check`, of `mkdocs build` with search off and with search on, and what each command
said (`ok`, or the diagnostic codes that stopped it). The targets: check within 2 s, build within 5 s. A run
that takes longer than --timeout is stopped and shown as `>T`.

The site uses the example site's Markdown extensions (toc, tables, footnotes, attr_list), so footnotes render.
CLASS arguments select the classes whose names contain them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import MKDOCS_YML, actor_names, scratch_dir, write_site

REPO = Path(__file__).resolve().parent.parent
N = 50_000
BODY = 64 * 1024 - 100  # a little under the body limit (generator/frontmatter.py MAX_BODY_CHARS)
MB = 1024 * 1024


def fill(unit: str, count: int = N) -> str:
    """``unit`` repeated ``count`` times, or as often as fits in a body."""
    return unit * min(count, BODY // len(unit))


def nested(depth: int, marker: str) -> str:
    """A list or quote nested ``depth`` deep, one level a line, each indented under the one before."""
    if marker == ">":
        return "".join(">" * (level + 1) + " level\n" for level in range(depth))
    return "".join("    " * level + f"{marker} level\n" for level in range(depth))


def footnotes(count: int) -> str:
    return "".join(f"[^{i}] " for i in range(count)) + "\n\n" + "".join(f"[^{i}]: Note {i}.\n" for i in range(count))


CLASSES: dict[str, str] = {
    "link-target ](": fill("]("),
    "link-target, spaced ] (": fill("] ("),
    "bracket [": fill("["),
    "brackets [ then ]": fill("[") + "]",
    "link [x](": fill("[x]("),
    "image ![": fill("!["),
    "angle <": fill("<"),
    "tag <a": fill("<a "),
    "autolink <http://": fill("<http://a "),
    "comment <!--": fill("<!--"),
    "end tag </a": fill("</a"),
    "instruction <?": fill("<?"),
    "footnote ref, undefined": fill("[^1] "),
    "footnote ref, defined": fill("[^1] ", N - 10) + "\n\n[^1]: The note.\n",
    "footnotes, each defined": footnotes(2400),
    "reference definitions ]:": "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(1900)),
    "backticks `": fill("`a "),
    "stars *": fill("*a "),
    "underscores _": fill("_a "),
    "emphasis nested 2,000 deep": "*" * 2000 + "a" + "*" * 2000,
    "fence lines ```x": fill("```x\n"),
    "fences with hl_lines": fill('``` hl_lines="1"\n', 500),
    "closed fences": fill("```\ncode\n```\n\n"),
    "same heading ## a": fill("## a\n\n"),
    "heading with {": "## a" + fill(" {"),
    "paragraphs a": fill("a\n\n"),
    "list items, blank lines": fill("- a\n\n"),
    "list nested 150 deep": nested(150, "-"),
    "list nested 400 deep": nested(400, "-"),
    "list 400 deep on a line": "- " * 400 + "a\n",
    "quote 400 deep on a line": "> " * 400 + "a\n",
    "quote nested 400 deep": nested(400, ">"),
    "64 KB line": fill("word "),
    "1 MB line": "word " * (MB // 5),
    "1 MB of spaces": "a" + " " * MB + "b\n",
}


def write_project(root: Path, body: str, *, search: bool) -> Path:
    """A site of 10 ordinary briefs plus ``2024/pathological.md``; returns its mkdocs.yml."""
    if not (root / "briefs").is_dir():
        write_site(root, 10, actors=20)
        actor = actor_names(1)[0]
        front = f"---\ntitle: A pathological brief\ndate: 2024-05-01\nsummary: One line.\nactors: [{actor}]\ncountries: [US]\n---\n"
        (root / "briefs" / "2024").mkdir(parents=True, exist_ok=True)
        (root / "briefs" / "2024" / "pathological.md").write_text(front + body, encoding="utf-8")
    plugins = f"  - briefing:\n      search: {str(search).lower()}"
    config = MKDOCS_YML.format(templates=REPO / "templates", plugins=plugins)
    config += "markdown_extensions:\n  - toc:\n      permalink: false\n  - tables\n  - footnotes\n  - attr_list\n"
    path = root / ("mkdocs-search.yml" if search else "mkdocs.yml")
    path.write_text(config, encoding="utf-8")
    return path


def run(command: list[str], cwd: Path, timeout: float) -> tuple[float | None, str]:
    """Seconds the command took (None if stopped at the timeout), and what it reported."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    elapsed = time.perf_counter() - start
    if done.returncode == 0:
        return elapsed, "ok"
    return elapsed, _outcome(done.stdout + done.stderr)


def _outcome(output: str) -> str:
    """The diagnostic codes in a failed command's output, or the last line (e.g. a Python exception)."""
    codes = sorted({line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if line.rstrip().endswith("]")
                    and "[" in line and ": error:" in line})  # fmt: skip
    if codes:
        return "error " + ",".join(codes)
    lines = [line for line in output.splitlines() if line.strip()]
    return (lines[-1] if lines else "failed")[:60]


def median_run(command: list[str], cwd: Path, runs: int, timeout: float) -> tuple[str, str]:
    times: list[float] = []
    outcome = ""
    for _ in range(runs):
        elapsed, outcome = run(command, cwd, timeout)
        if elapsed is None:
            return f">{timeout:.0f}s", outcome
        times.append(elapsed)
    return f"{statistics.median(times):.2f}s", outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("classes", nargs="*", help=f"classes to run (default: all): {', '.join(CLASSES)}")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json", action="store_true", help="print one JSON object per class instead of a table")
    args = parser.parse_args()
    chosen = [name for name in CLASSES if not args.classes or any(a in name for a in args.classes)]
    if not args.json:
        print(f"{'class':<28} {'body':>9} {'check':>8} {'build':>8} {'build+pf':>9}   outcome (check / build)")
    for name in chosen:
        body = CLASSES[name]
        with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
            root = Path(tmp)
            plain, with_search = write_project(root, body, search=False), write_project(root, body, search=True)
            check = median_run([sys.executable, "-m", "generator", "check"], root, args.runs, args.timeout)
            build_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")]
            build = median_run([*build_cmd, "-f", str(plain)], root, args.runs, args.timeout)
            searched = median_run([*build_cmd, "-f", str(with_search)], root, args.runs, args.timeout)
        size = len(body.encode("utf-8"))
        if args.json:
            print(json.dumps({"class": name, "bytes": size, "check": check, "build": build, "build+pf": searched}))
        else:
            outcome = check[1] if check[1] == build[1] else f"{check[1]} / {build[1]}"
            print(f"{name:<28} {size:>9,} {check[0]:>8} {build[0]:>8} {searched[0]:>9}   {outcome}", flush=True)


if __name__ == "__main__":
    main()
