"""The plan of the site: every page and data file, what it shows and where it goes.

MkDocs-agnostic: the plugin turns this plan into MkDocs files; tests and
benchmarks can inspect it directly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..base.model import Brief
from . import urls
from .export import briefs_csv, briefs_json
from .feeds import FeedSpec, atom_feed
from .index import SiteIndex, newest_first
from .locale import Strings, english
from .pairs import Pair, pair_key
from .redirects import plan_redirects, redirect_page, redirect_paths, redirects_file


class PageKind(StrEnum):
    """What a page is; templates see it as ``briefing.kind`` (a plain string)."""

    HOME = "home"
    BRIEF = "brief"
    ACTOR = "actor"
    COUNTRY = "country"
    TOPIC = "topic"
    PAIR = "pair"  # two countries named together (``key``: "CN-US")
    LISTING = "listing"  # the index of actors, countries, topics or pairs (``key`` says which)
    ARCHIVE = "archive"  # every year, or one (``year``)
    SEARCH = "search"
    PAGE = "page"  # an ordinary page the plan does not make (404.html, a not_briefs page)


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # the Markdown source path MkDocs knows the page by
    kind: PageKind
    key: str  # slug, country code, listing kind or year ('' when none)
    title: str
    template: str
    body: str = ""  # Markdown written by the author ('' for generated pages)
    body_line: int = 1
    generated: bool = True  # no file on disk: the plugin must create it
    lastmod: str = ""  # YYYY-MM-DD, for the sitemap
    brief: Brief | None = None
    year: int | None = None  # archive pages of one year
    path: str = ""  # the folder the page is written to, relative to the site, not encoded ('' is the home page)

    @property
    def output(self) -> str:
        """The file the page is written to, relative to the site folder."""
        return urls.output_path(self.path)


@dataclass(frozen=True)
class DataFile:
    path: str
    content: str


def last_modified(briefs: list[Brief]) -> str:
    """The latest change among ``briefs`` as YYYY-MM-DD ('' for none): a page's date in the sitemap."""
    return max(b.last_modified for b in briefs).isoformat() if briefs else ""


def _latest(index: SiteIndex, key: str) -> str:
    """The date of an actor's, country's or topic's page: the latest change among its briefs ('' for none)."""
    changed = index.latest.get(key)
    return changed.isoformat() if changed else ""


# The indexes of every actor, country, topic and pair: (PageSpec.key, locale key of the title, URL).
LISTINGS = (
    ("actor", "nav.actors", urls.ACTORS),
    ("country", "nav.countries", urls.COUNTRIES),
    ("topic", "nav.topics", urls.TOPICS),
    ("pair", "nav.pairs", urls.PAIRS),
)


def pair_title(index: SiteIndex, pair: Pair, strings: Strings | None = None) -> str:
    """ "China and United States": the two countries' names, in the order of their codes."""
    countries = index.corpus.countries
    return (strings or english()).t("pair.title", first=countries[pair[0]].name, second=countries[pair[1]].name)


def archive_title(year: int | None, strings: Strings | None = None) -> str:
    """The title of the archive page of every year (``year`` None) or of one year."""
    strings = strings or english()
    return strings.t("archive.title") if year is None else strings.t("archive.title_year", year=year)


def plan_pages(index: SiteIndex, *, home_title: str, home_body: str | None, home_body_line: int = 1,
               previous: Mapping[str, PageSpec] | None = None, strings: Strings | None = None) -> list[PageSpec]:  # fmt: skip
    """Every page of the site. A brief's page depends on the brief alone: given the ``previous`` plan (serve's
    rebuilds), a brief that is the same object as before keeps its entry. ``strings``: the site's locale."""
    strings = strings or english()
    corpus = index.corpus
    previous = previous or {}
    pages: list[PageSpec] = [
        PageSpec(urls.source_for(urls.HOME), PageKind.HOME, "", home_title, "home.html", home_body or "", home_body_line,
                 generated=home_body is None, lastmod=last_modified(index.briefs), path=urls.HOME),
    ]  # fmt: skip
    for brief in corpus.briefs:
        earlier = previous.get(brief.path)
        if earlier is not None and earlier.brief is brief:
            pages.append(earlier)
            continue
        pages.append(brief_page(brief))
    for slug, actor in corpus.actors.items():
        # At actors/<slug>/ wherever the file is under actors/: every link to an actor is made from its slug.
        pages.append(PageSpec(actor.path, PageKind.ACTOR, slug, actor.name, "actor.html", actor.body, actor.body_line,
                              generated=False, lastmod=_latest(index, f"actor:{slug}"),
                              path=urls.actor_url(slug)))  # fmt: skip
    for code, country in index.countries.items():
        generated = country.profile_path is None
        pages.append(PageSpec(country.profile_path or urls.country_source(code), PageKind.COUNTRY, code, country.name,
                              "country.html", country.profile_body, country.profile_body_line, generated=generated,
                              lastmod=_latest(index, f"country:{code}"), path=urls.country_url(code)))  # fmt: skip
    for slug, topic in index.topics.items():
        pages.append(PageSpec(urls.topic_source(slug), PageKind.TOPIC, slug, topic.label, "topic.html",
                              lastmod=_latest(index, f"topic:{slug}"), path=urls.topic_url(slug)))  # fmt: skip
    for pair, briefs in index.by_pair.items():
        pages.append(PageSpec(urls.pair_source(*pair), PageKind.PAIR, pair_key(pair), pair_title(index, pair, strings),
                              "pair.html", lastmod=last_modified(briefs), path=urls.pair_url(*pair)))  # fmt: skip
    for kind, title, url in LISTINGS:
        pages.append(PageSpec(urls.source_for(url), PageKind.LISTING, kind, strings.t(title), "listing.html", path=url))
    pages.append(PageSpec(urls.source_for(urls.ARCHIVE), PageKind.ARCHIVE, "", archive_title(None, strings), "archive.html",
                          path=urls.ARCHIVE))  # fmt: skip
    for year in sorted({b.date.year for b in index.briefs}):
        pages.append(PageSpec(urls.archive_year_source(year), PageKind.ARCHIVE, str(year), archive_title(year, strings),
                              "archive.html", year=year, path=urls.archive_year_url(year)))  # fmt: skip
    pages.append(PageSpec(urls.source_for(urls.SEARCH), PageKind.SEARCH, "", strings.t("search.title"), "search.html",
                          path=urls.SEARCH))  # fmt: skip
    return pages


def brief_page(brief: Brief) -> PageSpec:
    """A brief's page, which depends on the brief alone."""
    return PageSpec(brief.path, PageKind.BRIEF, brief.slug, brief.title, "brief.html", brief.body, brief.body_line,
                    generated=False, lastmod=brief.last_modified.isoformat(), brief=brief,
                    path=urls.page_path(brief.path))  # fmt: skip


def plan_data_files(index: SiteIndex, *, site_name: str, site_url: str, feed_entries: int,
                    only: Collection[str] | None = None) -> Iterator[DataFile]:  # fmt: skip
    """The data files (or those of them at the paths ``only``, when given: a rebuild writes only what changed), made
    one at a time as they are written: at 100,000 briefs they add up to hundreds of megabytes."""
    published = [b for b in index.members if not b.is_draft]  # every translation has its record
    if only is None or urls.BRIEFS_JSON in only:
        yield DataFile(urls.BRIEFS_JSON, briefs_json(published))
    if only is None or urls.BRIEFS_CSV in only:
        yield DataFile(urls.BRIEFS_CSV, briefs_csv(published))
    for title, page_url, briefs in _feeds(index, site_name):
        spec = FeedSpec(title, page_url, urls.feed_url(page_url))
        if only is not None and spec.path not in only:
            continue
        entries = newest_first([b for b in briefs if not b.is_draft])[:feed_entries]
        yield DataFile(spec.path, atom_feed(spec, entries, site_name=site_name, site_url=site_url))
    redirects = plan_redirects(index.members)
    yield from (DataFile(r.output, redirect_page(r, site_url)) for r in redirects if only is None or r.output in only)
    if only is None or urls.REDIRECTS in only:
        yield DataFile(urls.REDIRECTS, redirects_file(redirects, site_url))


def data_file_paths(index: SiteIndex, *, redirects: bool = True) -> list[str]:
    """Where `plan_data_files` writes, without making the files (without the redirects: the data files proper)."""
    paths = [urls.BRIEFS_JSON, urls.BRIEFS_CSV, *(urls.feed_url(page_url) for _, page_url, _ in _feeds(index, ""))]
    if redirects:
        paths += redirect_paths(index.members)
    return paths


def _feeds(index: SiteIndex, site_name: str) -> Iterator[tuple[str, str, list[Brief]]]:
    """(title, URL of the page it belongs to, briefs) of every Atom feed: the site's, each actor's, country's, topic's
    and pair's."""
    yield site_name, "", index.briefs
    for slug, briefs in sorted(index.by_actor.items()):
        yield f"{index.corpus.actors[slug].name} · {site_name}", urls.actor_url(slug), briefs
    for code, briefs in sorted(index.by_country.items()):
        yield f"{index.corpus.countries[code].name} · {site_name}", urls.country_url(code), briefs
    for slug, briefs in sorted(index.by_topic.items()):
        yield f"{index.topics[slug].label} · {site_name}", urls.topic_url(slug), briefs
    for pair, briefs in index.by_pair.items():
        yield f"{pair_title(index, pair)} · {site_name}", urls.pair_url(*pair), briefs
