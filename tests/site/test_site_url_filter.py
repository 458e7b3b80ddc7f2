"""The `url` filter shortcut (plugin/url_filter.py) gives what MkDocs' own `url` filter gives.

MkDocs' theme registers ``mkdocs.utils.templates.url_filter`` as ``env.filters['url']``; the plugin wraps it in
``fast_url_filter`` in ``on_env``. Each case renders ``{{ value | url }}`` with a real Jinja environment and the
context MkDocs gives a template (``get_context``: ``page`` and ``base_url``), once with each filter.

Both point at the same place; they spell it alike except where the shortcut applies (a site-relative path of
lowercase segments), which always goes through the site root: from ``actors/x/``, MkDocs writes ``../`` for
``actors/`` and ``.`` for ``''``, the shortcut ``../../actors/`` and ``../../``. The site's bytes are the
shortcut's: the tables pin both the place and the spelling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import pytest
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter

from generator.plugin.url_filter import _SITE_RELATIVE, fast_url_filter
from tests.conftest import TEMPLATES

DOCS = Path(__file__).parent  # any existing folder: MkDocs checks that docs_dir exists

# Page sources, by kind: the home page, a brief, an actor, a listing, a year, the search page, a deep folder.
PAGE_SOURCES = [
    "index.md",
    "2024/a-brief.md",
    "actors/xi-jinping.md",
    "countries/cn.md",
    "archive/index.md",
    "2024/index.md",
    "search.md",
    "a/b/c/d.md",
]
# Templates rendered without a page, as MkDocs names them (404.html is an error template: see below).
STATIC_TEMPLATES = ["sitemap.xml", "feed.xml", "404.html", "deep/nested/template.xml"]

VALUES = [
    "",
    ".",
    "./",
    "actors/",
    "actors/xi-jinping/",
    "2024/a-brief/",
    "feed.xml",
    "actors/xi-jinping/feed.xml",
    "assets/briefing.css",
    "briefs.json",
    "search/?type=country",
    "?q=china",
    "actors/xi-jinping/#profile",
    "#top",
    "https://example.org/page/",
    "http://example.org",
    "//cdn.example.org/x.js",
    "mailto:someone@example.org",
    "/absolute/path/",
    "/",
    "..",
    "../",
    "../up/",
    "actors/../countries/",
    "./actors/",
    "Actors/Xi-Jinping/",
    "countries/CN/",
    "a%20b/",
    "caf%C3%A9/",
    "café/",
    "a b/",
    "x_y.z/",
    "actors/other-actor",  # a folder without its slash (see test_a_folder_without_its_slash_is_where_they_part)
    "a//b/",
    "-dash/",
    "_under/",
    "feed.xml#x",
]


def config(site_url: str = "https://briefs.example.org/") -> MkDocsConfig:
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "Test", "site_url": site_url, "docs_dir": str(DOCS)})
    errors, _ = cfg.validate()
    assert not errors
    return cfg


def page_context(src_uri: str, cfg: MkDocsConfig) -> dict[str, Any]:
    file = File(src_uri, "docs", "site", use_directory_urls=True)
    page = Page(None, file, cfg)
    return dict(get_context(Navigation([], []), Files([file]), cfg, page=page))


def template_context(name: str, cfg: MkDocsConfig) -> dict[str, Any]:
    """The context of a template rendered without a page, with the base URL MkDocs' `_build_template` gives."""
    if name == "404.html":  # an error template: links from the site's root path, as it is served at any depth
        base_url = "/" + cfg.site_url.split("/", 3)[3] if cfg.site_url else "/"
    else:
        base_url = get_relative_url(".", name)
    return dict(get_context(Navigation([], []), Files([]), cfg, base_url=base_url))


def environment(url: Any) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True)
    env.filters["url"] = url
    return env


TEMPLATE = "{{ value | url }}"


def both(context: dict[str, Any], values: list[str]) -> list[tuple[str, str, str]]:
    """(value, MkDocs' result, the shortcut's result) for each value, rendered twice by the shortcut (cached)."""
    mkdocs_template = environment(url_filter).from_string(TEMPLATE)
    fast_template = environment(fast_url_filter(url_filter)).from_string(TEMPLATE)
    rows = []
    for value in values:
        expected = mkdocs_template.render(context, value=value)
        first = fast_template.render(context, value=value)
        again = fast_template.render(context, value=value)
        assert first == again, value
        rows.append((value, expected, first))
    return rows


def where(context: dict[str, Any], name: str = "") -> str:
    """The address a page or template is served at, to resolve the relative URLs it holds."""
    page = context["page"]
    return "https://briefs.example.org/" + (page.url if page is not None else name)


def mismatches(context: dict[str, Any], name: str = "") -> list[tuple[str, str, str]]:
    """Each value whose two URLs lead to different places, or are spelt differently outside the shortcut."""
    return [
        (value, expected, fast)
        for value, expected, fast in both(context, VALUES)
        if urljoin(where(context, name), expected) != urljoin(where(context, name), fast)
        or (expected != fast and not _SITE_RELATIVE.fullmatch(value))
    ]


@pytest.mark.parametrize("src_uri", PAGE_SOURCES)
def test_the_shortcut_leads_where_mkdocs_leads_on_every_page(src_uri: str) -> None:
    assert mismatches(page_context(src_uri, config())) == []


@pytest.mark.parametrize("site_url", ["https://briefs.example.org/", "https://example.org/sub/dir/", ""])
@pytest.mark.parametrize("name", STATIC_TEMPLATES)
def test_the_shortcut_leads_where_mkdocs_leads_in_templates_without_a_page(name: str, site_url: str) -> None:
    assert mismatches(template_context(name, config(site_url)), name) == []


def test_a_folder_without_its_slash_is_where_they_part() -> None:
    """The core writes every folder URL with its slash; MkDocs adds a missing one for the page's own folder."""
    rows = both(page_context("actors/xi-jinping.md", config()), ["actors/xi-jinping", "actors/xi-jinping/"])
    assert rows == [
        ("actors/xi-jinping", ".", "../../actors/xi-jinping"),  # MkDocs: the folder itself; the shortcut: a sibling
        ("actors/xi-jinping/", "./", "../../actors/xi-jinping/"),
    ]


# (page source, value) -> (MkDocs' spelling, the shortcut's): the bytes the site is built with are the shortcut's.
SPELLINGS = [
    ("index.md", "", ".", "./"),
    ("index.md", "actors/", "actors/", "actors/"),
    ("2024/a-brief.md", "", "../..", "../../"),
    ("2024/a-brief.md", "2024/a-brief/", "./", "../../2024/a-brief/"),
    ("2024/a-brief.md", "feed.xml", "../../feed.xml", "../../feed.xml"),
    ("actors/xi-jinping.md", "actors/", "../", "../../actors/"),
    ("archive/index.md", "", "..", "../"),
    ("2024/index.md", "2024/a-brief/", "a-brief/", "../2024/a-brief/"),
    ("2024/index.md", "search/?type=country", "../search/?type=country", "../search/?type=country"),
]


@pytest.mark.parametrize(("src_uri", "value", "by_mkdocs", "by_shortcut"), SPELLINGS)
def test_how_each_filter_spells_a_url(src_uri: str, value: str, by_mkdocs: str, by_shortcut: str) -> None:
    assert both(page_context(src_uri, config()), [value]) == [(value, by_mkdocs, by_shortcut)]


def test_pages_at_the_same_depth_share_the_shortcut_and_stay_right() -> None:
    """The shortcut caches by (base_url, value): pages of one depth reuse results, other depths do not."""
    cfg = config()
    url = fast_url_filter(url_filter)
    template = environment(url).from_string(TEMPLATE)
    results = {src: template.render(page_context(src, cfg), value="actors/") for src in PAGE_SOURCES}
    assert results["index.md"] == "actors/"
    assert results["2024/a-brief.md"] == results["actors/xi-jinping.md"] == "../../actors/"
    assert results["archive/index.md"] == "../actors/"
    assert results["a/b/c/d.md"] == "../../../../actors/"


def test_mkdocs_url_filter_is_the_one_the_theme_registers() -> None:
    """The table compares with the filter MkDocs really installs: a change there must show here."""
    theme = Theme(name=None, custom_dir=str(TEMPLATES))
    assert theme.get_env().filters["url"] is url_filter
