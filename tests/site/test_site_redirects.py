"""Redirects, built for real: old addresses (`redirect_from`) and permanent links lead to the brief's page."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import brief_text, run_build

HOSTILE = 'Talks "end" </title><script>alert(1)</script> & more'


def _refresh_target(html: str) -> str:
    """The URL of a page's meta refresh."""
    refresh = HTMLParser(html).css_first('meta[http-equiv="refresh"]')
    assert refresh is not None
    delay, _, url = refresh.attributes["content"].partition("; url=")
    assert delay == "0"
    return url


def _resolves_to(site: Path, redirect: str, html: str) -> Path:
    """The file the meta refresh of the redirect page at ``redirect`` (a site-relative output path) leads to."""
    target = unquote(urljoin(f"https://host/sub/{redirect}", _refresh_target(html)))
    assert target.startswith("https://host/sub/"), target
    return site / target.removeprefix("https://host/sub/") / "index.html"


def test_old_addresses_and_permanent_links_redirect_to_the_live_page(fixture_site):
    build = fixture_site({
        "2024/talks.md": brief_text(title=HOSTILE, slug="talks",
                                    redirect_from="[/2023/old-talks/, 2022/older.html, /caf%C3%A9/]"),
        "2024/deep/other.md": brief_text(title="Other"),
    })  # fmt: skip
    assert build.returncode == 0, build.output
    site = build.site
    for redirect in ("2023/old-talks/index.html", "2022/older.html", "café/index.html", "b/talks/index.html"):
        html = (site / redirect).read_text(encoding="utf-8")
        assert _resolves_to(site, redirect, html) == site / "2024/talks/index.html"
        tree = HTMLParser(html)
        assert tree.css_first("link[rel=canonical]").attributes["href"] == "https://fixture.example/2024/talks/"
        assert tree.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert tree.css_first("body a").text() == HOSTILE  # printed as text: escaped
        assert tree.css("script") == []
    assert _resolves_to(site, "b/other/index.html", (site / "b/other/index.html").read_text()) == (
        site / "2024/deep/other/index.html"
    )
    assert _refresh_target((site / "2023/old-talks/index.html").read_text()) == "../../2024/talks/"  # relative


def test_redirects_file_permalinks_and_the_data_files(fixture_site):
    build = fixture_site({
        "2024/renamed-file.md": brief_text(slug="pinned", redirect_from="/2023/old/"),
        "2024/b-brief.md": brief_text(title="B"),
    })  # fmt: skip
    assert build.returncode == 0, build.output
    assert (build.site / "_redirects").read_text() == (
        "/2023/old/ /2024/renamed-file/ 301\n/b/b-brief/ /2024/b-brief/ 302\n/b/pinned/ /2024/renamed-file/ 302\n"
    )
    records = {r["slug"]: r for r in build.briefs_json()}
    assert records["pinned"]["permalink"] == "b/pinned/"
    assert list(records["pinned"])[-3:] == ["permalink", "lang", "translation_of"]  # new keys come last
    rows = list(csv.DictReader(io.StringIO((build.site / "briefs.csv").read_text())))
    assert [row["permalink"] for row in rows] == ["b/b-brief/", "b/pinned/"]
    assert next(csv.reader(io.StringIO((build.site / "briefs.csv").read_text())))[-3:] == ["permalink", "lang",
                                                                                          "translation_of"]  # fmt: skip
    sitemap = (build.site / "sitemap.xml").read_text()
    assert "2024/renamed-file/" in sitemap
    assert "b/" not in sitemap and "2023/old" not in sitemap


def test_an_old_address_a_live_page_holds_stops_the_build_at_the_author_s_line(fixture_site):
    build = fixture_site({
        "2024/a.md": brief_text(redirect_from="[/2023/fine/, /countries/us/]"),
        "2024/b.md": brief_text(title="B", redirect_from="/2023/fine/"),
    })  # fmt: skip
    assert build.returncode != 0
    out = build.output
    assert "briefs/2024/a.md:7:30: error: 'redirect_from' '/countries/us/' is taken by the page of country US" in out
    assert "briefs/2024/a.md:7:17: error: 'redirect_from' '/2023/fine/' is claimed by 2024/b.md too" in out
    assert "briefs/2024/b.md:7:16: error: 'redirect_from' '/2023/fine/' is claimed by 2024/a.md too" in out


def test_an_old_address_on_another_site_stops_the_build(fixture_site):
    build = fixture_site({"2024/c.md": brief_text(title="C", redirect_from="https://elsewhere.example/c/")})
    assert build.returncode != 0
    assert ("briefs/2024/c.md:7:16: error: 'redirect_from' 'https://elsewhere.example/c/' is not a site-relative URL: "
            "it names another site [invalid-redirect]") in build.output  # fmt: skip


def test_a_page_in_the_permanent_links_folder_is_a_conflict(fixture_site):
    build = fixture_site({"2024/a.md": brief_text(), "b/a.md": "# Mine\n"}, options="search: false")
    assert build.returncode != 0
    assert "briefs/b/a.md:1:1: error: this file would be written to b/a/index.html, inside the folder of the briefs' " \
           "permanent links" in build.output  # fmt: skip


def test_redirects_are_deterministic(fixture_site, tmp_path):
    briefs = {
        f"2024/b{n}.md": brief_text(title=f"B{n}", redirect_from=f"[/old/{n}/, /older/{n}.html]") for n in range(5)
    }
    first = fixture_site(briefs)
    assert first.returncode == 0, first.output
    files = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    redirects = {p: b for p, b in files.items() if p.parts[0] in ("old", "older", "b", "_redirects")}
    assert len(redirects) == 5 + 5 + 5 + 1
    second = fixture_site(briefs)
    assert {p: (second.site / p).read_bytes() for p in redirects} == redirects


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def _commit_all(project: Path, message: str) -> None:
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)


def test_renames_in_git_history_redirect_through_chains(fixture_site, tmp_path):
    """a.md -> b.md -> 2024/c.md: both old addresses lead to c, but a file made again at an old path keeps its
    page. kept.md -> gone.md -> kept.md: gone/ was its address for a while, and leads back; kept/ is its page."""
    first = fixture_site({"2023/a.md": brief_text(title="Moving"), "2023/kept.md": brief_text(title="Kept")})
    assert first.returncode == 0, first.output
    project, docs = first.project, first.project / "briefs"
    _git(project, "init", "-q")
    _commit_all(project, "first")
    _git(project, "mv", "briefs/2023/a.md", "briefs/2023/b.md")
    _commit_all(project, "rename")
    (docs / "2024").mkdir()
    _git(project, "mv", "briefs/2023/b.md", "briefs/2024/c.md")
    _git(project, "mv", "briefs/2023/kept.md", "briefs/2023/gone.md")
    _commit_all(project, "move")
    _git(project, "mv", "briefs/2023/gone.md", "briefs/2023/kept.md")  # renamed back: no redirect to itself
    (docs / "2023/a.md").write_text(brief_text(title="New at the old place"))  # a live page wins
    _commit_all(project, "back")
    build = run_build(project, first.site, "--strict")
    assert build.returncode == 0, build.output
    site = build.site
    assert (
        _resolves_to(site, "2023/b/index.html", (site / "2023/b/index.html").read_text()) == site / "2024/c/index.html"
    )
    assert "New at the old place" in build.html("2023/a/")
    gone = (site / "2023/gone/index.html").read_text()
    assert _resolves_to(site, "2023/gone/index.html", gone) == site / "2023/kept/index.html"
    assert "Kept" in build.html("2023/kept/")
    assert [line for line in (site / "_redirects").read_text().splitlines() if " 301" in line] == [
        "/2023/b/ /2024/c/ 301",
        "/2023/gone/ /2023/kept/ 301",
    ]
    off = project / "mkdocs.yml"
    off.write_text(off.read_text().replace("search: false", "search: false\n      git_redirects: false"))
    without = run_build(project, tmp_path / "without", "--strict")
    assert without.returncode == 0, without.output
    assert not (without.site / "2023/b").exists()


def test_the_example_site_has_a_moved_brief(example_build):
    site = example_build.site
    html = (site / "2024/apt31-sanctions/index.html").read_text()
    assert _resolves_to(site, "2024/apt31-sanctions/index.html", html) == site / "2024/uk-us-sanction-apt31/index.html"
    assert "/2024/apt31-sanctions/ /2024/uk-us-sanction-apt31/ 301" in (site / "_redirects").read_text().splitlines()
