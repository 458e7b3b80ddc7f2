"""Serve's rebuilds reuse the pages whose inputs did not change, and give what a cold build gives.

A real MkDocs build runs again and again in one process, as `mkdocs serve` runs it (serve mode, with
a thread alive, so nothing forks), through a sequence of every kind of edit an author makes. After
each edit its output is compared byte for byte with a cold build of the same files in a new process,
and the rebuild must have taken most of the pages written from authors' files from the cache.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO

GOLDEN_SITE = REPO / "tests" / "golden" / "site"

# Runs in a new process: builds the site in serve mode once per line it reads on stdin ("build DEST"),
# printing the cache's hits and the warnings logged, as JSON.
BUILDER = textwrap.dedent("""
    import json, logging, sys, threading
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from generator.plugin import events

    threading.Thread(target=threading.Event().wait, daemon=True).start()  # serve runs threads: no forking
    warnings = []
    class Keep(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING and record.name.startswith("mkdocs"):
                warnings.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(Keep())
    for line in sys.stdin:
        dest = line.split(maxsplit=1)[1].strip()
        warnings.clear()
        config = load_config("mkdocs.yml", site_dir=dest)
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        except Exception as error:  # MkDocs' Abort and PluginError: the test shows what went wrong
            warnings.append(f"build failed: {error!r}")
        config.plugins.on_shutdown()
        print(json.dumps({"hits": events._RENDER_CACHE.hits, "warnings": warnings}), flush=True)
""")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class Builder:
    """A process that keeps building the site, as serve does."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", BUILDER], cwd=project, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip

    def build(self, dest: Path) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"build {dest}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the builder process ended"
        return dict(json.loads(line))

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuilds_reuse_unchanged_pages_and_equal_a_cold_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(GOLDEN_SITE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../templates", str(REPO / "templates")))
    briefs = project / "briefs"
    edits = [
        ("nothing", lambda: None),
        ("body", lambda: _edit(briefs / "2024/trade-talks.md", "\n---\n", "\n---\nA sentence added by an edit.\n\n")),
        ("front matter", lambda: _edit(briefs / "2024/trade-talks.md", "actors: [", "actors: [Antony Blinken, ")),
        ("new brief", lambda: (briefs / "2024/new-brief.md").write_text(
            (briefs / "2024/blinken-returns.md").read_text().replace("title: ", "title: New brief, ", 1))),
        # A link to the new brief, which the next edit moves: the linking page's HTML changes with no edit of its own.
        ("broken link", lambda: _edit(briefs / "2024/trade-talks.md", "\n---\n",
                                      "\n---\nSee [the new brief](new-brief.md) and [this](missing.md).\n\n")),
        ("moved brief", lambda: (briefs / "2024/new-brief.md").rename(briefs / "2023/new-brief.md")),
        ("deleted brief", lambda: (briefs / "2023/new-brief.md").unlink()),
        ("profile", lambda: _edit(briefs / "actors/xi-jinping.md", "\n---\n", "\n---\nA profile sentence added.\n\n")),
    ]  # fmt: skip
    warm = Builder(project)
    try:
        first = warm.build(tmp_path / "warm-0")
        assert first["hits"] == 0
        for step, (kind, edit) in enumerate(edits, start=1):
            edit()
            rebuilt = warm.build(tmp_path / f"warm-{step}")
            cold = Builder(project)
            try:
                clean = cold.build(tmp_path / f"cold-{step}")
            finally:
                cold.close()
            assert _tree(tmp_path / f"warm-{step}") == _tree(tmp_path / f"cold-{step}"), f"after the {kind} edit"
            assert rebuilt["warnings"] == clean["warnings"], f"after the {kind} edit"
            # Pages without links of their own are reused whatever files come and go; the others when none do.
            # (Generated pages without a body are never converted, so never counted: only the authors' files are.)
            written = len(list(briefs.rglob("*.md")))
            assert int(str(rebuilt["hits"])) >= written // 2, f"after the {kind} edit: {rebuilt}"
            if kind == "broken link":
                assert any("missing.md" in w for w in rebuilt["warnings"])  # type: ignore[attr-defined]
    finally:
        warm.close()


def test_bodies_that_may_link_to_files_are_keyed_on_the_file_map() -> None:
    from generator.plugin.render_cache import needs_file_map

    may_link = ["See [the brief](other.md).", "![map](map.png)", "[text][ref]\n\n[ref]: other.md", "[ref]\n\n[ref]: x.md",
                "<a href='x.md'>x</a>", "<IMG src=x.png>", "Text.\n{: #id }", "Note.[^1]\n\n[^1]: A footnote."]  # fmt: skip
    no_links = ["Plain text about China and Xi Jinping.", "## Heading\n\nText, with *emphasis* and `code`.",
                "A list:\n\n- one\n- two", "<https://example.org/> is absolute"]  # fmt: skip
    assert [body for body in may_link if not needs_file_map(body)] == []
    assert [body for body in no_links if needs_file_map(body)] == []
