"""The links between the members of a set of translations (`SiteIndex.translations`), and the site's languages."""

from __future__ import annotations

from ..base.languages import display_name
from ..base.model import Brief
from . import urls
from .index import SiteIndex
from .previews import PreviewSite
from .view_types import LanguageLink


def language_links(index: SiteIndex, site: PreviewSite, brief: Brief) -> tuple[LanguageLink, ...]:
    """Every member of ``brief``'s set, by language tag, ``brief`` marked current; () without translations."""
    members = sorted(index.translations_of(brief), key=lambda b: b.lang)
    return tuple(LanguageLink(b.lang, display_name(b.lang), urls.page_url(b.path), site.absolute(urls.page_url(b.path)),
                              current=b.path == brief.path, original=not b.translation_of) for b in members)  # fmt: skip


def search_languages(index: SiteIndex) -> tuple[LanguageLink, ...]:
    """The languages of the search index, the site's first (current) then by tag; () for a site of one language."""
    site_lang = index.corpus.lang
    others = sorted({b.lang for b in index.members} - {site_lang})
    if not others:
        return ()
    return tuple(LanguageLink(tag, display_name(tag), urls.SEARCH, "", current=tag == site_lang)
                 for tag in (site_lang, *others))  # fmt: skip
