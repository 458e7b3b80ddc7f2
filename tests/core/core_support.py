"""Helpers shared by the core tests: small briefs folders in tmp_path, checked in-process or by the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from generator.base.config import CoreConfig
from generator.base.diagnostics import sort_diagnostics
from generator.corpus.loader import LoadResult, load
from generator.site.outputs import output_diagnostics

REPO = Path(__file__).resolve().parents[2]

XI_JINPING = """\
---
name: Xi Jinping
aliases: [Xi, President Xi]
kind: person
country: CN
wikidata: Q15031
---
General Secretary of the Chinese Communist Party.
"""

VLADIMIR_PUTIN = """\
---
name: Vladimir Putin
aliases: [Putin]
kind: person
country: Russia
---
President of Russia.
"""

ACTORS: dict[str, str] = {
    "actors/xi-jinping.md": XI_JINPING,
    "actors/vladimir-putin.md": VLADIMIR_PUTIN,
}

# The front matter lines of a valid brief: with `brief(...)` they land on lines 2-6, the closing
# fence on line 7 and the body on line 8.
TITLE = "title: A valid brief"
DATE = "date: 2024-05-01"
SUMMARY = "summary: One plain sentence."
ACTORS_LINE = "actors: [Xi Jinping]"
COUNTRIES_LINE = "countries: [CN]"
VALID_FIELDS = (TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)

Row = tuple[str, int, int, str, str]


def brief(*lines: str, body: str = "Body text.\n") -> str:
    """A brief whose front matter is ``lines`` (default: a valid one) and whose body is ``body``."""
    return "---\n" + "\n".join(lines or VALID_FIELDS) + "\n---\n" + body


VALID_BRIEF = brief()


def write_site(root: Path, files: Mapping[str, str | bytes], *, with_actors: bool = True) -> Path:
    """Write a briefs folder: two registered actors (unless told otherwise) plus ``files``, byte for byte."""
    root.mkdir(parents=True, exist_ok=True)
    everything: dict[str, str | bytes] = {**(ACTORS if with_actors else {}), **files}
    for relative, content in everything.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def check(root: Path, config: CoreConfig | None = None) -> LoadResult:
    """What `python -m generator check` reports: the load's diagnostics and the output conflicts."""
    result = load(root, config or CoreConfig())
    result.diagnostics = sort_diagnostics([*result.diagnostics, *output_diagnostics(result)])
    return result


def rows(result: LoadResult) -> list[Row]:
    """Diagnostics as (file, line, column, severity, code), in the order the loader reports them."""
    return [(d.file, d.line, d.column, d.severity.value, d.code) for d in result.diagnostics]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    # Import the package from this checkout whatever the working directory is.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONWARNINGS", None)
    return env


def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
