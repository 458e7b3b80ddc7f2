"""The example site, built with the real `mkdocs build --strict`: cross-links, data, feeds and links."""

from __future__ import annotations

import csv
import io
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from generator.corpus.loader import load
from tests.conftest import REPO, Build, run_build

DRAFT = "2025/hogue-inquiry-final-report/"


def main_links(build: Build, url: str) -> set[str]:
    """Site-relative URLs of every link inside <main> of a page."""
    tree = HTMLParser(build.html(url))
    main = tree.css_first("main")
    assert main is not None, f"{url} has no <main>"
    links = set()
    for anchor in main.css("a[href]"):
        href = anchor.attributes["href"] or ""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        links.add(posixpath.normpath(posixpath.join("/" + url, parts.path)).lstrip("/") + "/")
    return {link if link != "./" else "" for link in links}


@pytest.fixture(scope="module")
def corpus():
    result = load(REPO / "briefs")
    assert not result.has_errors
    return result.corpus


@pytest.fixture(scope="module")
def published(example_build: Build) -> list[dict]:
    return example_build.briefs_json()


def test_briefs_json_lists_every_published_brief_with_the_contract_keys(example_build, corpus, published):
    expected = sorted(b.path for b in corpus.briefs if not b.is_draft)
    assert sorted(r["path"] for r in published) == expected
    for record in published:
        for key in ("slug", "title", "date", "summary", "url", "path", "actors", "countries", "topics"):
            assert key in record
        assert all(c == c.upper() and len(c) == 2 for c in record["countries"])
        assert (example_build.site / record["url"] / "index.html").is_file()
    seed = next(r for r in published if r["slug"] == "blinken-warns-china-election-interference")
    assert seed["actors"][:3] == ["antony-blinken", "xi-jinping", "joe-biden"]
    assert {"US", "CN", "RU", "CA", "GB", "DE"} <= set(seed["countries"])


def test_briefs_csv_matches_the_json(example_build, published):
    rows = list(csv.DictReader(io.StringIO((example_build.site / "briefs.csv").read_text(encoding="utf-8"))))
    assert [r["slug"] for r in rows] == [r["slug"] for r in published]
    assert [r["countries"].split("; ") for r in rows] == [r["countries"] for r in published]


@pytest.mark.parametrize("kind", ["actors", "countries", "topics"])
def test_every_entity_page_lists_exactly_the_briefs_that_name_it(example_build, published, kind):
    brief_urls = {r["url"] for r in published}
    keys = {k for r in published for k in r[kind]}
    assert keys
    for key in keys:
        url = f"{kind}/{key.lower()}/"
        expected = {r["url"] for r in published if key in r[kind]}
        assert main_links(example_build, url) & brief_urls == expected, url


def test_every_registered_actor_has_a_page(example_build, corpus):
    for slug in corpus.actors:
        assert (example_build.site / "actors" / slug / "index.html").is_file()


def test_every_brief_links_to_its_actors_countries_and_topics(example_build, published):
    for record in published:
        links = main_links(example_build, record["url"])
        for actor in record["actors"]:
            assert f"actors/{actor}/" in links, (record["url"], actor)
        for country in record["countries"]:
            assert f"countries/{country.lower()}/" in links, (record["url"], country)
        for topic in record["topics"]:
            assert f"topics/{topic}/" in links, (record["url"], topic)


def test_drafts_are_left_out_of_the_build(example_build, published):
    assert not (example_build.site / DRAFT).exists()
    assert all(r["url"] != DRAFT for r in published)
    for path in example_build.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv"):
            assert "hogue-inquiry-final-report" not in path.read_text(encoding="utf-8"), path


def _internal_targets(site: Path):
    for page in site.rglob("*.html"):
        url = page.relative_to(site).parent.as_posix()
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("a[href], link[href], script[src], img[src]"):
            target = node.attributes.get("href") or node.attributes.get("src") or ""
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("#") or not parts.path:
                continue
            if page.name == "404.html" and target.startswith("/"):
                yield page, target, site / target.lstrip("/")
                continue
            yield page, target, site / posixpath.normpath(posixpath.join(url, parts.path))


def test_every_internal_link_resolves_to_a_file(example_build):
    broken = []
    for page, target, path in _internal_targets(example_build.site):
        if not (path.is_file() or (path / "index.html").is_file()):
            broken.append(f"{page.relative_to(example_build.site)} -> {target}")
    assert not broken, broken[:20]


def test_nothing_is_loaded_from_another_host(example_build):
    for page in example_build.site.rglob("*.html"):
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("link[href], script[src], img[src], iframe[src]"):
            target = node.attributes.get("href") or node.attributes.get("src") or ""
            rel = node.attributes.get("rel") or ""
            if rel in ("canonical", "alternate"):
                continue
            assert not urlsplit(target).netloc, f"{page}: {target}"


@pytest.mark.parametrize("feed", ["feed.xml", "actors/xi-jinping/feed.xml", "countries/de/feed.xml",
                                  "topics/espionage/feed.xml", "pairs/cn-us/feed.xml"])  # fmt: skip
def test_feeds_are_valid_atom(example_build, published, feed):
    parsed = feedparser.parse((example_build.site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries
    links = {urlsplit(e.link).path.lstrip("/") for e in parsed.entries}
    assert links <= {r["url"] for r in published}


def test_site_feed_holds_the_newest_briefs_first(example_build, published):
    parsed = feedparser.parse((example_build.site / "feed.xml").read_bytes())
    dates = [e.published for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    # One entry per set of translations: the example's French brief is listed as its English original.
    assert len(parsed.entries) == min(50, len([b for b in published if not b["translation_of"]]))


def test_sitemap_lists_every_brief(example_build, published):
    sitemap = (example_build.site / "sitemap.xml").read_text(encoding="utf-8")
    for record in published:
        assert f"https://briefs.example.org/{record['url']}" in sitemap


def test_not_found_page_exists(example_build):
    assert (example_build.site / "404.html").is_file()


def test_autolinks_first_mention_of_listed_actors_in_the_body(example_build):
    tree = HTMLParser(example_build.html("2024/biden-xi-phone-call-april-2024/"))
    autolinks = [(a.text(), a.attributes["href"]) for a in tree.css("a.autolink")]
    targets = [href for _, href in autolinks]
    assert "../../actors/joe-biden/" in targets
    assert len(targets) == len(set(targets)), "each actor or country is linked once"
    for heading in tree.css("main h2, main h3"):
        assert not heading.css("a.autolink")


def test_search_index_covers_briefs_actors_and_countries(example_build, published, corpus):
    fragments = list((example_build.site / "pagefind" / "fragment").iterdir())
    assert len(fragments) >= len(published) + len(corpus.actors)
    assert (example_build.site / "pagefind" / "pagefind.js").is_file()


def test_two_builds_are_byte_identical(example_build, tmp_path):
    second = run_build(REPO, tmp_path / "site", "--strict")
    assert second.returncode == 0, second.output

    def files(site: Path) -> dict[str, bytes]:
        # Pagefind's filter and metadata index files are not stable between runs upstream.
        unstable = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json", "pagefind/index/")
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith(unstable)
        }

    first, again = files(example_build.site), files(second.site)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []
