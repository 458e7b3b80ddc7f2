"""`cache_dir`: a warm `mkdocs build` equals a clean one, file for file and byte for byte, and uses the cache.

The golden site is built for real, again and again, through every kind of edit an author makes. After each
edit, the build with the cache (warm from the build before) is compared with a build of the same files
without it, and its log must show it took what it could from the cache. Damaged entries are found, never
trusted, and written again.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.disk_cache import sealed, unsealed
from generator.plugin.build_cache import theme_reads
from tests.conftest import REPO, Build, run_build

GOLDEN_SITE = REPO / "tests" / "golden" / "site"
CACHE = ".cache/briefing"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _warnings(build: Build) -> list[str]:
    return sorted(line for line in build.output.splitlines() if line.startswith("WARNING"))


def _reused(build: Build, what: str) -> tuple[int, int]:
    found = re.search(rf"briefing: (\d+) of (\d+) {what} from the cache", build.output)
    assert found, build.output
    return int(found[1]), int(found[2])


class Project:
    """The golden site with its own copy of the theme, and two configurations: with the cache and without."""

    def __init__(self, root: Path) -> None:
        self.root, self.project = root, root / "project"
        shutil.copytree(GOLDEN_SITE, self.project)
        shutil.copytree(REPO / "templates", self.project / "templates")
        config = (self.project / "mkdocs.yml").read_text().replace("../../../templates", "templates")
        (self.project / "clean.yml").write_text(config)
        (self.project / "mkdocs.yml").write_text(config + f"      cache_dir: {CACHE}\n")
        self.briefs, self.cache, self.builds = self.project / "briefs", self.project / CACHE, 0

    def edit_configs(self, old: str, new: str) -> None:
        for name in ("mkdocs.yml", "clean.yml"):
            _edit(self.project / name, old, new)

    def build(self, *, cached: bool = True) -> Build:
        self.builds += 1
        done = run_build(
            self.project, self.root / f"site-{self.builds}", config="mkdocs.yml" if cached else "clean.yml"
        )
        assert done.returncode == 0, done.output
        return done

    def warm_equals_clean(self, what: str) -> Build:
        warm, clean = self.build(), self.build(cached=False)
        assert _tree(warm.site) == _tree(clean.site), f"after the {what}"
        assert _warnings(warm) == _warnings(clean), f"after the {what}"
        return warm


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def test_a_cold_build_with_the_cache_equals_a_build_without(project: Project) -> None:
    cold = project.warm_equals_clean("first build")
    assert _reused(cold, "pages")[0] == 0
    assert (project.cache).is_dir()


def test_after_every_kind_of_edit_a_warm_build_equals_a_clean_one(project: Project) -> None:
    briefs = project.briefs
    Edit = Callable[[], object]
    content: list[tuple[str, Edit]] = [
        ("nothing", lambda: None),
        ("body edit", lambda: _edit(briefs / "2024/trade-talks.md", "\n---\n", "\n---\nA sentence added.\n\n")),
        ("actor added", lambda: _edit(briefs / "2024/trade-talks.md", "actors: [", "actors: [Antony Blinken, ")),
        ("new brief", lambda: (briefs / "2024/new-brief.md").write_text(
            (briefs / "2024/blinken-returns.md").read_text().replace("title: ", "title: New brief, ", 1))),
        ("broken link", lambda: _edit(briefs / "2024/trade-talks.md", "\n---\n",
                                      "\n---\nSee [the new brief](new-brief.md) and [this](missing.md).\n\n")),
        ("renamed brief", lambda: (briefs / "2024/new-brief.md").rename(briefs / "2024/renamed-brief.md")),
        ("deleted brief", lambda: (briefs / "2024/renamed-brief.md").unlink()),
        ("profile edit", lambda: _edit(briefs / "actors/xi-jinping.md", "\n---\n", "\n---\nA profile sentence.\n\n")),
    ]  # fmt: skip
    # The render worker renders part of the briefs (pages taken from the cache are left out of its share).
    project.edit_configs("related_count: 3", "related_count: 3\n      parallel_threshold: 2")
    project.build()  # fills the cache
    for what, edit in content:
        edit()
        warm = project.warm_equals_clean(what)
        hits, pages = _reused(warm, "pages")
        # A tiny site's pages list one another: an edit changes many of them, but never all.
        assert 0 < hits < pages if what != "nothing" else hits == pages, f"after the {what}: {hits} of {pages}"
        if what == "broken link":
            assert any("missing.md" in w for w in _warnings(warm))
    # Every page depends on the theme and mkdocs.yml: none is reused, but every parse still is.
    site_wide: list[tuple[str, Edit]] = [
        ("template edit", lambda: _edit(project.project / "templates/base.html", "<body", "<body data-edited")),
        ("mkdocs.yml edit", lambda: project.edit_configs("site_name: ", "site_name: Edited ")),
    ]
    for what, edit in site_wide:
        edit()
        warm = project.warm_equals_clean(what)
        assert _reused(warm, "pages")[0] == 0, what
        hits, files = _reused(warm, "parses")
        assert hits == files, what
        assert _reused(project.build(), "pages")[0] == _reused(warm, "pages")[1], f"the build after the {what}"
    assert len([p for p in project.cache.iterdir() if p.name.startswith("pages-")]) == 1  # old sites' pages gone


def _page_entries(project: Project) -> list[Path]:
    (pages,) = project.cache.glob("pages-*")
    return sorted(p for p in pages.iterdir() if p.name != "index.pickle")


def test_damaged_entries_are_found_rendered_again_and_rewritten(project: Project) -> None:
    project.build()
    flipped, truncated, deleted = _page_entries(project)[:3]
    flipped.write_bytes(bytes(b ^ 0xFF for b in flipped.read_bytes()[:64]) + flipped.read_bytes()[64:])
    truncated.write_bytes(truncated.read_bytes()[:100])
    deleted.unlink()
    (parsed,) = project.cache.glob("parsed-*.pickle")
    parsed.write_bytes(parsed.read_bytes()[:-50])
    warm = project.warm_equals_clean("damage")
    assert "is corrupt; rebuilding it" in warm.output
    assert "is corrupt or missing; rendering its page again" in warm.output
    hits, pages = _reused(warm, "pages")
    assert hits == pages - 3
    assert _reused(warm, "parses")[0] == 0
    # Rewritten: the next build takes everything from the cache.
    again = project.build()
    assert _reused(again, "pages")[0] == pages
    hits, files = _reused(again, "parses")
    assert hits == files
    assert "corrupt" not in again.output


def test_a_damaged_index_is_rebuilt(project: Project) -> None:
    project.build()
    (index,) = project.cache.glob("pages-*/index.pickle")
    index.write_bytes(index.read_bytes()[:-1] + b"x")
    warm = project.warm_equals_clean("damaged index")
    assert "index.pickle is corrupt; rebuilding it" in warm.output
    assert _reused(warm, "pages")[0] == 0
    assert _reused(project.build(), "pages")[0] == _reused(warm, "pages")[1]


def test_the_cache_folder_may_be_deleted_at_any_time(project: Project) -> None:
    project.build()
    shutil.rmtree(project.cache)
    assert _reused(project.warm_equals_clean("cache deleted"), "pages")[0] == 0
    shutil.rmtree(next(project.cache.glob("pages-*")))
    assert _reused(project.warm_equals_clean("pages deleted"), "parses")[0] > 0
    assert _reused(project.warm_equals_clean("nothing"), "pages")[0] > 0


def test_a_sealed_entry_is_whole_or_refused() -> None:
    entry = sealed(b"payload")
    assert unsealed(entry) == b"payload"
    assert unsealed(entry[:-1]) is None
    assert unsealed(entry[:10]) is None
    assert unsealed(entry[:-1] + b"X") is None
    assert unsealed(b"") is None


def test_themes_that_print_the_page_list_or_the_time_are_found(tmp_path: Path) -> None:
    theme, other = tmp_path / "theme", tmp_path / "other"
    theme.mkdir()
    other.mkdir()
    (theme / "main.html").write_text("{{ page.content | url | safe }}")
    assert theme_reads([str(theme)]) == set()
    (theme / "nav.html").write_text("{% for item in nav %}{{ item.title }}{% endfor %}")
    (theme / "time.html").write_text("{{ build_date_utc }}")
    (theme / "next.html").write_text("{{ page.next_page.url }}")
    assert theme_reads([str(theme)]) == {"nav", "clock"}
    (theme / "nav.html").unlink()
    (theme / "time.html").unlink()
    assert theme_reads([str(theme)]) == {"nav"}
    (other / "next.html").write_text("{{ page.title }}")  # an earlier folder overrides a template
    assert theme_reads([str(other), str(theme)]) == set()
    (theme / "sitemap.xml").write_text("{% for file in pages %}{{ file.url }}{% endfor %}")
    assert theme_reads([str(other), str(theme)], ["sitemap.xml"]) == set()  # static templates are not pages'
    assert theme_reads([str(other), str(theme)]) == {"nav"}
