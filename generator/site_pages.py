"""The plan of the site: every page and data file, what it shows and where it goes.

MkDocs-agnostic: the plugin turns this plan into MkDocs files; tests and
benchmarks can inspect it directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .export import briefs_csv, briefs_json
from .feeds import FeedSpec, atom_feed
from .index import SiteIndex, newest_first
from .model import Brief


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # the Markdown source path MkDocs knows the page by
    kind: str  # home | brief | actor | country | topic | listing | archive | search
    key: str  # slug, country code, listing kind or year ('' when none)
    title: str
    template: str
    body: str = ""  # Markdown written by the author ('' for generated pages)
    body_line: int = 1
    generated: bool = True  # no file on disk: the plugin must create it
    lastmod: str = ""  # YYYY-MM-DD, for the sitemap
    brief: Brief | None = None


@dataclass(frozen=True)
class DataFile:
    path: str
    content: str


def _lastmod(briefs: list[Brief]) -> str:
    return max(((b.updated or b.date).isoformat() for b in briefs), default="")


def plan_pages(index: SiteIndex, *, home_title: str, home_body: str | None, home_body_line: int = 1) -> list[PageSpec]:
    corpus = index.corpus
    pages: list[PageSpec] = [
        PageSpec("index.md", "home", "", home_title, "home.html", home_body or "", home_body_line,
                 generated=home_body is None, lastmod=_lastmod(index.briefs)),
    ]  # fmt: skip
    for brief in corpus.briefs:
        pages.append(PageSpec(brief.path, "brief", brief.slug, brief.title, "brief.html", brief.body, brief.body_line,
                              generated=False, lastmod=(brief.updated or brief.date).isoformat(), brief=brief))  # fmt: skip
    for slug, actor in corpus.actors.items():
        pages.append(PageSpec(actor.path, "actor", slug, actor.name, "actor.html", actor.body, actor.body_line,
                              generated=False, lastmod=_lastmod(index.by_actor.get(slug, []))))  # fmt: skip
    for code, country in corpus.countries.items():
        generated = country.profile_path is None
        pages.append(PageSpec(country.profile_path or urls.country_source(code), "country", code, country.name,
                              "country.html", country.profile_body, country.profile_body_line, generated=generated,
                              lastmod=_lastmod(index.by_country.get(code, []))))  # fmt: skip
    for slug, topic in index.topics.items():
        pages.append(PageSpec(f"topics/{slug}.md", "topic", slug, topic.label, "topic.html",
                              lastmod=_lastmod(index.by_topic[slug])))  # fmt: skip
    for kind, title, prefix in (("actor", "Actors", urls.ACTORS), ("country", "Countries", urls.COUNTRIES),
                                ("topic", "Topics", urls.TOPICS)):  # fmt: skip
        pages.append(PageSpec(urls.source_for(prefix), "listing", kind, title, "listing.html"))
    pages.append(PageSpec(urls.source_for(urls.ARCHIVE), "archive", "", "Archive", "archive.html"))
    for year in sorted({b.date.year for b in index.briefs}):
        pages.append(PageSpec(f"{urls.ARCHIVE}{year}.md", "archive", str(year), f"Archive: {year}", "archive.html"))
    pages.append(PageSpec(urls.source_for(urls.SEARCH), "search", "", "Search", "search.html"))
    return pages


def plan_data_files(index: SiteIndex, *, site_name: str, site_url: str, feed_entries: int) -> list[DataFile]:
    published = [b for b in index.briefs if not b.is_draft]
    files = [DataFile(urls.BRIEFS_JSON, briefs_json(published)), DataFile(urls.BRIEFS_CSV, briefs_csv(published))]

    def feed(title: str, page_url: str, briefs: list[Brief]) -> DataFile:
        spec = FeedSpec(title, page_url, urls.feed_url(page_url))
        entries = newest_first([b for b in briefs if not b.is_draft])[:feed_entries]
        return DataFile(spec.path, atom_feed(spec, entries, site_name=site_name, site_url=site_url))

    files.append(feed(site_name, "", index.briefs))
    for slug, briefs in sorted(index.by_actor.items()):
        files.append(feed(f"{index.corpus.actors[slug].name} · {site_name}", urls.actor_url(slug), briefs))
    for code, briefs in sorted(index.by_country.items()):
        files.append(feed(f"{index.corpus.countries[code].name} · {site_name}", urls.country_url(code), briefs))
    for slug, briefs in sorted(index.by_topic.items()):
        files.append(feed(f"{index.topics[slug].label} · {site_name}", urls.topic_url(slug), briefs))
    return files
