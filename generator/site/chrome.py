"""The layout around every page's content: the site's name, its navigation and the site-wide links.

Templates receive it as ``briefing``: every page, including static templates such as 404.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .locale import Strings, english
from .search_records import EVERY_RECORD


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    active: bool
    hint: str  # what the page offers, for lists that explain the nav (404, search without JavaScript); may be ''


@dataclass(frozen=True)
class Chrome:
    """`briefing` in every template: what the layout around the content needs."""

    site_name: str
    nav: tuple[NavLink, ...]
    kind: str
    serve: bool
    content_has_title: bool = False  # the body has its own <h1>, so the layout prints no title heading
    home_url: str = urls.HOME
    feed_url: str = urls.FEED
    search_url: str = urls.SEARCH
    json_url: str = urls.BRIEFS_JSON
    csv_url: str = urls.BRIEFS_CSV
    archive_url: str = urls.ARCHIVE
    actors_url: str = urls.ACTORS
    countries_url: str = urls.COUNTRIES
    topics_url: str = urls.TOPICS
    pairs_url: str = urls.PAIRS
    search_every_record: str = EVERY_RECORD
    lang: str = "en"  # the site's language (the theme's locale); a brief's page is in its own (`page_lang`)


# The site's navigation, in order: (locale key, URL); the key's title, and its hint at ``<key>_hint``. Every
# template's nav is made from this list.
NAV = (
    ("nav.home", urls.HOME),
    ("nav.archive", urls.ARCHIVE),
    ("nav.actors", urls.ACTORS),
    ("nav.countries", urls.COUNTRIES),
    ("nav.topics", urls.TOPICS),
    ("nav.search", urls.SEARCH),
)


# Every page of a locale prints the same nav but for the current item: made once for each (a dozen strings looked
# up and six links made a page, over 10,000 pages). Keyed by the strings' identity, which the entry keeps alive; a
# locale's strings are never changed (an edited locale file is loaded into new ones).
_navs: dict[tuple[int, tuple[bool, ...]], tuple[Strings, tuple[NavLink, ...]]] = {}


def chrome(site_name: str, kind: str, page_url: str | None, *, serving: bool, content: str | None = None,
           strings: Strings | None = None) -> Chrome:  # fmt: skip
    """``page_url`` None (static templates such as 404.html): no nav item is the current page.
    ``content``: the page's body as HTML, if it has one. ``strings``: the page's locale (English when None)."""
    strings = strings or english()

    def active(url: str) -> bool:
        if page_url is None:
            return False
        return page_url == url if url == urls.HOME else page_url.startswith(url)

    current = tuple(active(url) for _, url in NAV)
    made = _navs.get((id(strings), current))
    if made is None:
        nav = tuple(NavLink(strings.t(key), url, is_current, strings.t(f"{key}_hint"))
                    for (key, url), is_current in zip(NAV, current, strict=True))  # fmt: skip
        made = _navs[(id(strings), current)] = (strings, nav)
    return Chrome(site_name, made[1], kind, serving, content_has_title=has_title(content or ""), lang=strings.html_lang)


def has_title(html: str) -> bool:
    """Whether a page body brings its own top heading (its author wrote a level-1 heading)."""
    return "<h1" in html
