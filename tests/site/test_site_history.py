"""Revision history from git, built for real: each brief's page lists its commits (through moves, with links
to them from `repo_url`), its last change in git dates it where `updated` does not, and the output depends on
the history alone (two builds agree, a warm cache agrees with a clean build after a new commit)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.conftest import Build, brief_text, run_build
from tests.git_repo import commit_all, git

REPO_URL = "repo_url: https://github.com/owner/briefs\n"
ADDED, EDITED, MOVED = "2024-05-10T08:00:00+02:00", "2024-06-02T23:30:00-04:00", "2024-07-01T12:00:00+00:00"
HOSTILE = "Fix <script>alert(\"x\")</script> & 'quotes'"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _history(page: str) -> list[tuple[str, str, str]]:
    """(datetime, display date, message) of each entry of the page's History, as a reader sees them."""
    section = re.search(r'<details class="history">(.*?)</details>', page, re.S)
    assert section, "no History section"
    entries = re.findall(r'<li class="revision"><time datetime="([^"]+)">([^<]+)</time> (.*?)</li>', section[1])
    return [(when, shown, html.unescape(re.sub(r"<[^>]+>", "", message))) for when, shown, message in entries]


def _json_ld(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found[1])


def _modified_time(page: str) -> str:
    found = re.search(r'<meta property="article:modified_time" content="([^"]+)"', page)
    assert found
    return found[1]


def _site_with_history(fixture_site, options: str = "search: false") -> tuple[Build, list[str]]:
    """A site without git built first (no history, no error), then put in git: moving.md added, edited (with a
    hostile message), then moved to 2024/moved.md alone; kept.md, with `updated`, added and edited too."""
    first = fixture_site(
        {"moving.md": brief_text(title="Moving"), "kept.md": brief_text(title="Kept", updated="2024-05-02")},
        options=options, site_config=REPO_URL,
    )  # fmt: skip
    assert first.returncode == 0, first.output
    assert 'class="history"' not in first.html("moving/")
    project, docs = first.project, first.project / "briefs"
    git(project, "init", "-q")
    shas = [commit_all(project, "Add two briefs", ADDED)]
    for name in ("moving.md", "kept.md"):
        (docs / name).write_text((docs / name).read_text().replace("Body text.", "Body text, edited."))
    shas.append(commit_all(project, HOSTILE, EDITED))
    (docs / "2024").mkdir()
    git(project, "mv", "briefs/moving.md", "briefs/2024/moved.md")
    shas.append(commit_all(project, "Move into 2024/", MOVED))
    return first, shas


def test_a_brief_page_lists_its_revisions_through_moves_with_links(fixture_site, tmp_path):
    first, shas = _site_with_history(fixture_site)
    build = run_build(first.project, tmp_path / "with-git", "--strict")
    assert build.returncode == 0, build.output
    page = build.html("2024/moved/")
    assert "3 revisions" in page
    assert _history(page) == [
        ("2024-07-01T12:00:00+00:00", "1 July 2024", "Move into 2024/"),
        ("2024-06-02T23:30:00-04:00", "2 June 2024", HOSTILE),
        ("2024-05-10T08:00:00+02:00", "10 May 2024", "Add two briefs"),
    ]
    links = re.findall(r'<a class="revision-message" href="([^"]+)" rel="external noopener">', page)
    assert links == [f"https://github.com/owner/briefs/commit/{sha}" for sha in reversed(shas)]
    assert (
        "<script>alert" not in page
        and "Fix &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quotes&#39;" in page
    )
    # The last change of the text, by the author's day: the move alone does not count.
    assert _json_ld(page)["dateModified"] == _modified_time(page) == "2024-06-02"
    assert (
        "<loc>https://fixture.example/2024/moved/</loc><lastmod>2024-06-02</lastmod>"
        in (build.site / "sitemap.xml").read_text()
    )
    assert "dateline-updated" not in page, "the page's Updated date is the author's `updated` alone"
    kept = build.html("kept/")
    assert [message for _, _, message in _history(kept)] == [HOSTILE, "Add two briefs"]
    assert _json_ld(kept)["dateModified"] == _modified_time(kept) == "2024-05-02", "`updated` wins"
    again = run_build(first.project, tmp_path / "again", "--strict")
    assert again.returncode == 0, again.output
    assert _tree(again.site) == _tree(build.site)


def test_git_history_false_shows_nothing_and_dates_by_the_front_matter(fixture_site, tmp_path):
    first, _ = _site_with_history(fixture_site, options="search: false\ngit_history: false")
    build = run_build(first.project, tmp_path / "off", "--strict")
    assert build.returncode == 0, build.output
    page = build.html("2024/moved/")
    assert 'class="history"' not in page and "revision" not in page
    assert _json_ld(page)["dateModified"] == _modified_time(page) == "2024-04-28"
    assert (build.site / "moving/index.html").exists(), "renames still redirect: git_redirects is on"


def test_without_repo_url_revisions_have_no_links(fixture_site, tmp_path):
    first, _ = _site_with_history(fixture_site)
    config = first.project / "mkdocs.yml"
    config.write_text(config.read_text().replace(REPO_URL, ""))
    build = run_build(first.project, tmp_path / "no-links", "--strict")
    assert build.returncode == 0, build.output
    page = build.html("2024/moved/")
    assert len(_history(page)) == 3 and "revision-message" in page and "/commit/" not in page


def test_a_shallow_clone_builds_strictly_and_says_once_where_history_stops(fixture_site, tmp_path):
    first, shas = _site_with_history(fixture_site)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{first.project}", str(clone))
    build = run_build(clone, tmp_path / "shallow", "--strict")
    assert build.returncode == 0, build.output
    said = [line for line in build.output.splitlines() if "shallow git clone" in line]
    assert len(said) == 1 and said[0].startswith("INFO") and "fetch-depth: 0" in said[0]
    page = build.html("2024/moved/")
    assert [message for _, _, message in _history(page)] == ["Move into 2024/"]
    assert f"https://github.com/owner/briefs/commit/{shas[-1]}" in page
    assert _json_ld(page)["dateModified"] == "2024-04-28", "a file the clone's first commit seems to add is not changed"


def test_a_warm_build_after_a_new_commit_equals_a_clean_one(fixture_site, tmp_path):
    """The edit is built first; committing it then changes nothing on disk but the history: the cached page must
    not be taken."""
    first, _ = _site_with_history(fixture_site, options="search: false\ncache_dir: .cache/briefing")
    config = first.project / "mkdocs.yml"
    (first.project / ".gitignore").write_text(".cache/\n")
    moved = first.project / "briefs/2024/moved.md"
    moved.write_text(moved.read_text().replace("edited", "edited again"))
    warm = run_build(first.project, tmp_path / "warm", "--strict")
    assert warm.returncode == 0, warm.output
    commit_all(first.project, "Edit again", "2024-08-15T10:00:00+00:00")
    warm = run_build(first.project, tmp_path / "warm", "--strict")
    assert warm.returncode == 0, warm.output
    assert re.search(r"briefing: (\d+) of \1 parses from the cache", warm.output), warm.output
    reused = re.search(r"briefing: (\d+) of (\d+) pages from the cache", warm.output)
    assert reused and 0 < int(reused[1]) < int(reused[2]), warm.output  # the other pages came from the cache
    page = warm.html("2024/moved/")
    assert _history(page)[0][2] == "Edit again" and _json_ld(page)["dateModified"] == "2024-08-15"
    config.write_text(config.read_text().replace("      cache_dir: .cache/briefing\n", ""))
    clean = run_build(first.project, tmp_path / "clean", "--strict")
    assert clean.returncode == 0, clean.output
    assert _tree(warm.site) == _tree(clean.site)
