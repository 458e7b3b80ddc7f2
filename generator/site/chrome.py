"""The layout around every page's content: the site's name, its navigation and the site-wide links.

Templates receive it as ``briefing``: every page, including static templates such as 404.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .search_records import EVERY_RECORD


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    active: bool


@dataclass(frozen=True)
class Chrome:
    """`briefing` in every template: what the layout around the content needs."""

    site_name: str
    nav: tuple[NavLink, ...]
    kind: str
    serve: bool
    feed_url: str = urls.FEED
    search_url: str = urls.SEARCH
    json_url: str = urls.BRIEFS_JSON
    csv_url: str = urls.BRIEFS_CSV
    archive_url: str = urls.ARCHIVE
    actors_url: str = urls.ACTORS
    countries_url: str = urls.COUNTRIES
    topics_url: str = urls.TOPICS
    search_every_record: str = EVERY_RECORD
    lang: str = "en"


NAV = (("Home", ""), ("Archive", urls.ARCHIVE), ("Actors", urls.ACTORS), ("Countries", urls.COUNTRIES),
       ("Topics", urls.TOPICS), ("Search", urls.SEARCH))  # fmt: skip


def chrome(site_name: str, kind: str, page_url: str | None, *, serving: bool) -> Chrome:
    """``page_url`` None (static templates such as 404.html): no nav item is the current page."""

    def active(url: str) -> bool:
        if page_url is None:
            return False
        return page_url == url if url == "" else page_url.startswith(url)

    return Chrome(site_name, tuple(NavLink(title, url, active(url)) for title, url in NAV), kind, serving)
