"""What a page tells link previews and search engines: Open Graph and Twitter tags, its canonical URL, and
schema.org JSON-LD (briefs: a NewsArticle; actors: a Person or an Organization).

Templates receive it as ``preview`` (`Preview`) on every page, static ones too, and print it as it is. A planned
page's preview is part of its view (`ViewBuilder.for_page`), so serve's change detection and the build cache,
which compare and key views, cover it. It reads the page's own brief, actor or country and the counts its page
prints already; an actor's kind or Wikidata id, which brief pages print here, change only with the actor's file,
which serve answers with a whole build.

Absolute URLs come from ``site_url``: without it a page has no ``og:url``, canonical link or ``url`` in its
JSON-LD (as MkDocs leaves out ``canonical_url``), and a site-relative ``og_image`` is left out (Open Graph
readers need an absolute image URL).
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..base.model import Actor, Brief, Country, Source
from . import urls
from .index import SiteIndex
from .json_ld import script_json
from .locale import Strings, english
from .pairs import pair_from_key
from .plan import PageKind, PageSpec

WIKIDATA = "https://www.wikidata.org/wiki/"
NO_JSON_LD = Markup("")  # a page without structured data prints no script


@dataclass(frozen=True)
class PreviewSite:
    """The site-wide values of every preview: from mkdocs.yml (site_name, site_url, site_description) and the
    plugin's ``og_image``."""

    name: str = ""
    url: str = ""  # site_url, ending in '/'; '' when unset
    description: str = ""
    image: str = ""  # ``og_image`` as written: a path relative to the site root, or an absolute http(s) URL

    def absolute(self, path: str) -> str:
        """A site-relative URL made absolute, or '' when the site has no site_url."""
        return f"{self.url}{path.lstrip('/')}" if self.url else ""

    @property
    def image_url(self) -> str:
        if self.image.startswith(("https://", "http://")):
            return self.image
        return self.absolute(quote(self.image)) if self.image else ""


def preview_site(name: str, url: str | None, description: str | None, image: str) -> PreviewSite:
    """From MkDocs' settings (None when unset). MkDocs ends site_url with '/'; without one, paths would join
    under its parent."""
    site_url = url or ""
    return PreviewSite(name, site_url if not site_url or site_url.endswith("/") else f"{site_url}/",
                       description or "", image)  # fmt: skip


@dataclass(frozen=True)
class Preview:
    """``preview`` in every template. Values are plain text (templates escape them), but ``json_ld``."""

    title: str
    description: str
    url: str  # absolute: og:url and the canonical link; '' without site_url (and on the 404 page)
    type: str  # og:type: "article" (briefs), "profile" (people), "website"
    site_name: str
    image: str  # absolute, or ''
    twitter_card: str  # "summary_large_image" with an image, else "summary"
    published_time: str = ""  # briefs: article:published_time (YYYY-MM-DD)
    modified_time: str = ""  # briefs: article:modified_time (``updated``, else the date)
    json_ld: Markup = NO_JSON_LD  # the JSON-LD script's text, escaped by `json_ld.script_json`


def page_preview(site: PreviewSite, title: str, path: str | None, description: str = "", og_type: str = "website",
                 **extra: Any) -> Preview:  # fmt: skip
    """A page's preview; ``path`` its site-relative URL, or None for a page with no address of its own (404)."""
    image = site.image_url
    return Preview(title or site.name, description or site.description, site.absolute(path) if path is not None else "",
                   og_type, site.name, image, "summary_large_image" if image else "summary", **extra)  # fmt: skip


def preview_for(site: PreviewSite, index: SiteIndex, spec: PageSpec, strings: Strings | None = None) -> Preview:
    """The preview of a planned page, its descriptions in ``strings``' words."""
    path = urls.page_url(spec.src_uri)
    t = strings or english()
    match spec.kind:
        case PageKind.BRIEF if spec.brief is not None:
            return brief_preview(site, index, spec.brief, path)
        case PageKind.ACTOR:
            return actor_preview(site, index, index.corpus.actors[spec.key], path, t)
        case PageKind.COUNTRY:
            described = _count(t, "preview.naming", index.by_country.get(spec.key, ()), spec.title)
            return page_preview(site, spec.title, path, described)
        case PageKind.TOPIC:
            described = _count(t, "preview.topic", index.by_topic.get(spec.key, ()), spec.title)
            return page_preview(site, spec.title, path, described)
        case PageKind.PAIR:
            briefs = index.by_pair.get(pair_from_key(spec.key), ())
            return page_preview(site, spec.title, path, _count(t, "preview.pair", briefs, spec.title))
        case PageKind.LISTING:
            return page_preview(site, spec.title, path, t.t(f"preview.listing_{spec.key}"))
        case PageKind.ARCHIVE:
            described = t.t("preview.archive") if spec.year is None else t.t("preview.archive_year", year=spec.year)
            return page_preview(site, spec.title, path, described)
        case PageKind.HOME:
            return page_preview(site, spec.title, path, site.description or t.t("preview.home"))
        case PageKind.SEARCH:
            return page_preview(site, spec.title, path, t.t("preview.search"))
    return page_preview(site, spec.title, path)


def _count(strings: Strings, key: str, briefs: Sized, name: str) -> str:
    """ "12 briefs naming China." """
    return strings.t(key, count_label=strings.plural("count.briefs", len(briefs)), name=name)


# -- briefs --------------------------------------------------------------------------------------


def brief_preview(site: PreviewSite, index: SiteIndex, brief: Brief, path: str) -> Preview:
    modified = brief.last_modified.isoformat()
    return page_preview(site, brief.title, path, brief.summary, "article", published_time=brief.date.isoformat(),
                        modified_time=modified, json_ld=script_json(brief_json_ld(site, index, brief, path)))  # fmt: skip


def brief_json_ld(site: PreviewSite, index: SiteIndex, brief: Brief, path: str) -> dict[str, Any]:
    """A schema.org NewsArticle. The actors and countries the brief gives a role (perpetrator, target...) are
    what it is ``about``; the others it ``mentions``."""
    corpus = index.corpus
    given = {key for key, _ in (*brief.actor_roles, *brief.country_roles)}
    about: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for slug in brief.actors:
        (about if slug in given else mentions).append(_actor_thing(site, corpus.actors[slug]))
    for code in brief.countries:
        (about if code in given else mentions).append(_country_thing(site, corpus.countries[code]))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": brief.title,
        "description": brief.summary,
        "datePublished": brief.date.isoformat(),
        "dateModified": brief.last_modified.isoformat(),
        "inLanguage": brief.lang,
        **_url(site, path),
        "isPartOf": _website(site),
        "publisher": {"@type": "Organization", "name": site.name, **_url(site, "")},
    }
    if site.image_url:
        data["image"] = site.image_url
    if brief.topics:
        data["keywords"] = [topic.label for topic in brief.topics]
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    if brief.sources:
        data["citation"] = [_citation(source) for source in brief.sources]
    return data


@lru_cache(maxsize=16)
def _website(site: PreviewSite) -> dict[str, Any]:
    return {"@type": "WebSite", "name": site.name, **_url(site, "")}


def _url(site: PreviewSite, path: str) -> dict[str, str]:
    """``{"url": ...}``, or nothing without site_url: JSON-LD wants absolute URLs."""
    absolute = site.absolute(path)
    return {"url": absolute} if absolute else {}


# An actor's or a country's entry is the same in every brief naming it: made once (thousands of briefs name the
# same few). The dictionaries are shared: nothing changes them, `script_json` only reads them.
@lru_cache(maxsize=1 << 14)
def _actor_thing(site: PreviewSite, actor: Actor) -> dict[str, Any]:
    thing: dict[str, Any] = {"@type": actor_type(actor), "name": actor.name, **_url(site, urls.actor_url(actor.slug))}
    if actor.wikidata:
        thing["sameAs"] = f"{WIKIDATA}{actor.wikidata}"
    return thing


@lru_cache(maxsize=1 << 10)
def _country_thing(site: PreviewSite, country: Country) -> dict[str, Any]:
    return {"@type": "Country", "name": country.name, "identifier": country.code,
            **_url(site, urls.country_url(country.code))}  # fmt: skip


def _citation(source: Source) -> dict[str, Any]:
    cited: dict[str, Any] = {"@type": "CreativeWork", "name": source.title or source.publisher}
    if source.url:
        cited["url"] = source.url
    cited["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        cited["datePublished"] = source.date.isoformat()
    return cited


# -- actors --------------------------------------------------------------------------------------


def actor_type(actor: Actor) -> str:
    """A person is a schema.org Person; an organisation, a state body or a group an Organization."""
    return "Person" if actor.kind == "person" else "Organization"


def actor_preview(site: PreviewSite, index: SiteIndex, actor: Actor, path: str,
                  strings: Strings | None = None) -> Preview:  # fmt: skip
    described = actor.role or _count(strings or english(), "preview.naming", index.by_actor.get(actor.slug, ()),
                                     actor.name)  # fmt: skip
    og_type = "profile" if actor.kind == "person" else "website"
    return page_preview(site, actor.name, path, described, og_type,
                        json_ld=script_json(actor_json_ld(site, index, actor, path, described)))  # fmt: skip


def actor_json_ld(site: PreviewSite, index: SiteIndex, actor: Actor, path: str, description: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": actor_type(actor), "name": actor.name}
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    data["description"] = description
    data.update(_url(site, path))
    if actor.wikidata:
        data["sameAs"] = f"{WIKIDATA}{actor.wikidata}"
    if actor.country:
        # A person's nationality; an organisation's country is where it is (schema.org has no nationality for it).
        data["nationality" if actor_type(actor) == "Person" else "location"] = _country_thing(
            site, index.corpus.countries[actor.country]
        )
    return data
