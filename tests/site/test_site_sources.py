"""Files that are not ordinary under briefs/, built with the real `mkdocs build`: it stops at once, with
located errors, no traceback, and nothing from a file name or a value unescaped in the log."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ACTORS, FIXTURE_CONFIG, TEMPLATES, Build, brief_text

TIMEOUT = 60  # a build that hangs fails the test instead of blocking the suite


def build_with(tmp_path: Path, add: Callable[[Path], None]) -> tuple[Build, float]:
    """A small valid site, plus what ``add`` puts in its briefs folder, built with `mkdocs build --strict`."""
    project = tmp_path / "project"
    docs = project / "briefs"
    (docs / "actors").mkdir(parents=True)
    for slug, front in ACTORS.items():
        (docs / "actors" / f"{slug}.md").write_text(f"---\n{front}\n---\nProfile of {slug}.\n", encoding="utf-8")
    (docs / "index.md").write_text("Welcome.\n", encoding="utf-8")
    (docs / "2024").mkdir()
    (docs / "2024" / "ok.md").write_text(brief_text(), encoding="utf-8")
    add(docs)
    options = textwrap.indent("search: false", "      ")
    (project / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(templates=TEMPLATES, options=options), encoding="utf-8")
    site = tmp_path / "site"
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site), "--strict"],
        cwd=project, capture_output=True, text=True, encoding="utf-8", errors="backslashreplace", timeout=TIMEOUT,
    )  # fmt: skip
    return Build(project, site, completed.returncode, completed.stdout + completed.stderr), time.monotonic() - started


def test_a_named_pipe_under_briefs_fails_the_build_quickly_with_a_located_error(tmp_path: Path) -> None:
    def pipes(docs: Path) -> None:
        os.mkfifo(docs / "2024" / "pipe.md")
        os.mkfifo(docs / "2024" / "chart.png")  # not Markdown: MkDocs would copy it into the site

    build, elapsed = build_with(tmp_path, pipes)
    assert build.returncode != 0
    for name in ("chart.png", "pipe.md"):
        line = f"briefs/2024/{name}:1:1: error: this is a named pipe (FIFO), not a regular file [not-a-regular-file]"
        assert line in build.output
    assert "Traceback" not in build.output
    assert elapsed < TIMEOUT


def test_names_and_values_reach_the_build_log_escaped_on_their_own_lines(tmp_path: Path) -> None:
    def nasty(docs: Path) -> None:
        (docs / "2024" / "evil\n::error::forged.md").write_text(brief_text(), encoding="utf-8")
        with open(os.fsencode(docs) + b"/2024/caf\xe9.md", "wb") as file:  # not UTF-8: crashed the build
            file.write(brief_text().encode())
        # Values in front matter have their whitespace (line breaks too) made single spaces; other controls stay.
        (docs / "2024" / "author.md").write_text(brief_text(actors='[Antony Blinken, "an\\e[31m\\u202eactor"]'))

    build, _ = build_with(tmp_path, nasty)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    lines = build.output.splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")]
    expected = [
        "briefs/2024/evil\\n::error::forged.md:1:1: error: the name of this file holds the control character U+000A [unsafe-file-name]",
        "briefs/2024/author.md:5:26: error: 'an\\x1b[31m\\u202eactor' is not a registered actor [unknown-actor]",
        "briefs/2024/caf\\udce9.md:1:1: error: the name of this file is not valid UTF-8 [unsafe-file-name]",
    ]
    for text in expected:
        assert any(line.endswith(text) for line in lines), build.output
