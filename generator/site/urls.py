"""The one place that decides every URL and output path of the site.

URLs are site-relative, without a leading slash, in MkDocs' directory style
(``actors/xi-jinping/``); templates pass them through MkDocs' ``url`` filter.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

HOME = ""  # the home page: the site root
ACTORS = "actors/"
COUNTRIES = "countries/"
TOPICS = "topics/"
PAIRS = "pairs/"
ARCHIVE = "archive/"
SEARCH = "search/"
FEED = "feed.xml"
BRIEFS_JSON = "briefs.json"
BRIEFS_CSV = "briefs.csv"
PERMALINKS = "b/"  # every brief's permanent short link: b/<slug>/ (see `site.redirects`)
REDIRECTS = "_redirects"  # the redirects, for the hosts that read such a file (Netlify, Cloudflare Pages)
SEARCH_INDEX = "pagefind/"  # Pagefind's bundle: search.js loads pagefind/pagefind.js from the site root
SEARCH_SHARDS = SEARCH_INDEX + "shards/"  # older briefs' bundles on a large site: shards/<n>/ (`search_shards`)


def search_filter(kind: str, role: str) -> str:
    """The search filter, and the search page's URL parameter, of the actors (``kind`` "actor") or countries that
    briefs give ``role``: ``search/?country_origin=China&country_target=Canada``.

    One filter per role, not role-qualified values in the actor and country filters: filters combine with AND and
    the values of one with OR, so "China as origin and Canada as target" takes two filters. A reader's first
    search with one filter fetches that filter's data alone, so the role filters cost it nothing."""
    return f"{kind}_{role}"


@cache
def page_url(src_path: str) -> str:
    """MkDocs' default URL of a Markdown file: the path without '.md', as a folder, percent-encoded as MkDocs
    encodes it. Encoded, a file name can never give its URL a scheme: `javascript:x.md` is `javascript%3Ax/`."""
    return encoded(page_path(src_path))


def encoded(path: str) -> str:
    """A relative path as a URL path: every segment percent-encoded, so it can never be read as a scheme."""
    return quote(path)


def page_path(src_path: str) -> str:
    """The folder a Markdown file's page is written to, relative to the site (not encoded)."""
    folder, _, name = src_path.rpartition("/")
    stem = name.removesuffix(".md")
    if stem in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def actor_url(slug: str) -> str:
    return f"{ACTORS}{slug}/"


def country_url(code: str) -> str:
    return f"{COUNTRIES}{code.lower()}/"


def country_source(code: str) -> str:
    """The source path of a country page that has no profile file (the plugin generates it)."""
    return f"{COUNTRIES}{code.lower()}.md"


def topic_url(slug: str) -> str:
    return f"{TOPICS}{slug}/"


def topic_source(slug: str) -> str:
    """The source path of a topic page (always generated: topics have no profile files)."""
    return f"{TOPICS}{slug}.md"


def pair_url(first: str, second: str) -> str:
    """The page of two countries named together: codes in lower case, in alphabetical order (`pairs/cn-us/`)."""
    low, high = sorted((first.lower(), second.lower()))
    return f"{PAIRS}{low}-{high}/"


def pair_source(first: str, second: str) -> str:
    """The source path of a pair's page (always generated)."""
    return pair_url(first, second).removesuffix("/") + ".md"


def archive_year_url(year: int) -> str:
    return f"{ARCHIVE}{year}/"


def archive_year_source(year: int) -> str:
    """The source path of the generated archive page of one year."""
    return f"{ARCHIVE}{year}.md"


def feed_url(page: str) -> str:
    """The Atom feed beside a listing page ('' is the whole site's)."""
    return f"{page}{FEED}"


def permalink_url(slug: str) -> str:
    """A brief's permanent short link: it redirects to the brief's page wherever that is now."""
    return f"{PERMALINKS}{slug}/"


def redirect_output(path: str) -> str:
    """The file a redirect from an old address is written to: a folder's index.html, or the ``.html`` file named."""
    return path if path.endswith(".html") else output_path(path)


def output_path(path: str) -> str:
    """The file a page at this site-relative folder is written to ("a/b/" -> "a/b/index.html")."""
    return f"{path}index.html"


def source_for(url: str) -> str:
    """The Markdown source path that MkDocs maps to a directory URL."""
    return f"{url}index.md"
