"""Shared fixtures: real `mkdocs build` runs of the example site and of small fixture sites."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"

# Every build the tests start (each in its site's folder) imports this checkout's code, whatever is installed:
# a relative PYTHONPATH (`PYTHONPATH=.` in a worktree) names nothing from a site's folder.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str  # MkDocs' log (stderr) and stdout together

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def briefs_json(self) -> list[dict[str, object]]:
        return json.loads((self.site / "briefs.json").read_text(encoding="utf-8"))


def run_build(project: Path, site: Path, *args: str, config: str = "mkdocs.yml") -> Build:
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config), "-d", str(site), *args],
        cwd=project, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return Build(project, site, completed.returncode, completed.stdout + completed.stderr)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example site, built once with --strict."""
    build = run_build(REPO, tmp_path_factory.mktemp("example") / "site", "--strict")
    assert build.returncode == 0, build.output
    return build


FIXTURE_CONFIG = """\
site_name: Fixture site
site_url: https://fixture.example/
docs_dir: briefs
use_directory_urls: true
theme:
  name: null
  custom_dir: {templates}
  static_templates: [sitemap.xml, 404.html]
nav:
  - index.md
not_in_nav: |
  /*
plugins:
  - briefing:
{options}
"""

ACTORS = {
    "antony-blinken": "name: Antony Blinken\naliases: [Blinken]\nkind: person\ncountry: US\nrole: Secretary of State",
    "xi-jinping": "name: Xi Jinping\naliases: [Xi]\nkind: person\ncountry: CN",
    "joe-biden": "name: Joe Biden\naliases: [Biden]\nkind: person\ncountry: US",
}


def brief_text(title: str = "A brief", date: str = "2024-04-28", actors: str = "[Antony Blinken]",
               countries: str = "[US]", body: str = "Body text.", **extra: str) -> str:  # fmt: skip
    lines = [f"title: {title}", f"date: {date}", "summary: What happened, in one sentence.",
             f"actors: {actors}", f"countries: {countries}"]  # fmt: skip
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[..., Build]:
    """Write a small site (briefs by path, plugin options as YAML) and build it for real."""

    def make(briefs: dict[str, str], *, options: str = "", args: tuple[str, ...] = ("--strict",),
             actors: dict[str, str] | None = None, site_config: str = "") -> Build:  # fmt: skip
        project = tmp_path / "project"
        docs = project / "briefs"
        (docs / "actors").mkdir(parents=True, exist_ok=True)
        for slug, front in (ACTORS if actors is None else actors).items():
            (docs / "actors" / f"{slug}.md").write_text(f"---\n{front}\n---\nProfile of {slug}.\n", encoding="utf-8")
        (docs / "index.md").write_text("Welcome.\n", encoding="utf-8")
        for path, text in briefs.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        indented = textwrap.indent(options or "search: false", "      ")
        (project / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(templates=TEMPLATES, options=indented) + site_config)
        return run_build(project, tmp_path / "site", *args)

    return make
