"""The plugin's collect phase: the briefs loaded and reported, indexed, and planned as pages."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..base.config import CoreConfig
from ..base.diagnostics import Diagnostic
from ..base.model import Brief
from ..base.text import counted
from ..corpus.loader import LoadResult, ParseCache, load
from ..corpus.reload import reread_bodies
from ..site import git_log
from ..site.history import commit_link, with_revisions
from ..site.index import SiteIndex
from ..site.locale import Locales, english
from ..site.plan import PageSpec, brief_page, last_modified, plan_pages
from ..site.previews import PreviewSite, preview_site
from ..site.renames import renames_in, with_history
from ..site.views import ViewBuilder
from .options import BriefingConfig

log = logging.getLogger("mkdocs.plugins.briefing")

# Kept across builds in this process: what did not change is not parsed or resolved again (see `corpus.cache`).
# `mkdocs serve`'s rebuilds trust a file's stat, as make does: an unchanged one is not even read. Any other
# build (`mkdocs build`, a program running builds in-process) reads and hashes every file.
_SERVE_CACHE = ParseCache(trust_stat=True)
_BUILD_CACHE = ParseCache()
_SHALLOW_REPORTED: set[str] = set()  # the HEADs of shallow clones said so once (serve loads the site again and again)


@dataclass(frozen=True)
class LoadedSite:
    result: LoadResult
    index: SiteIndex
    views: ViewBuilder
    planned: list[PageSpec]
    lastmod: str  # the newest brief's date: the date of pages that have none of their own
    # The briefs as the load resolved them, before git's history was added (`reload_bodies` compares with them),
    # and that history.
    authored: tuple[Brief, ...] = ()
    history: git_log.GitLog | None = None


def excluded_sources(files: Iterable[File]) -> list[str]:
    """The Markdown sources MkDocs excludes (``exclude_docs``), as the loader takes them."""
    return [f"/{f.src_uri}" for f in files if f.src_uri.endswith(".md") and f.inclusion.is_excluded()]


def load_site(excluded: list[str], config: MkDocsConfig, core: CoreConfig, options: BriefingConfig, *,
              serving: bool, previous: Mapping[str, PageSpec] | None = None,
              cache: ParseCache | None = None, locales: Locales | None = None) -> LoadedSite:  # fmt: skip
    """Load and check every file (errors stop the build), index the briefs and plan the site's pages (keeping
    the entries of the ``previous`` plan whose briefs did not change, see `plan_pages`); ``cache``: the parses
    to start from, instead of this process's; ``locales``: the theme's (English alone when None)."""
    docs_dir = Path(config.docs_dir)
    # Mention warnings are checked beside the render (see `build.background`); errors all come first.
    cache = cache or (_SERVE_CACHE if serving else _BUILD_CACHE)
    result = load(docs_dir, replace(core, check_mentions=False), excluded=excluded, cache=cache)
    report(result.diagnostics, docs_dir)
    # One pass over git (`site.git_log`), for both: the old addresses of renamed briefs, and their revisions.
    authored = result.corpus.briefs
    history = _history(docs_dir, options)
    if history is not None and history.shallow and history.head not in _SHALLOW_REPORTED:
        _SHALLOW_REPORTED.add(history.head)  # an info, not a warning: a --strict build in CI must not fail on it
        log.info("briefing: this is a shallow git clone, so the briefs' history and renames stop at its depth; "
                 "clone the whole history (in GitHub Actions: 'fetch-depth: 0' in the checkout step)")  # fmt: skip
    if options.git_redirects:
        result.corpus = with_history(result.corpus, renames_in(history), result.files.pages)
    if options.git_history:
        result.corpus = with_revisions(result.corpus, history)
    index = SiteIndex.build(result.corpus, include_drafts=serving, pair_min_briefs=options.pair_min_briefs)
    views = _views(index, config, core, options, locales)
    home = result.home  # read, checked and reported with the rest
    planned = plan_pages(
        index, home_title=home.values.get("title", config.site_name) if home is not None else config.site_name,
        home_body=home.body if home is not None else None, home_body_line=home.body_line if home is not None else 1,
        previous=previous, strings=views.strings,
    )  # fmt: skip
    return LoadedSite(result, index, views, planned, last_modified(index.briefs) or "1970-01-01", authored, history)


def reload_bodies(last: LoadedSite, paths: Iterable[str], config: MkDocsConfig, core: CoreConfig,
                  options: BriefingConfig, locales: Locales | None = None) -> tuple[LoadedSite, list[PageSpec]] | None:  # fmt: skip
    """``last`` with the briefs at ``paths`` read again, and their pages planned again, when each of them changed
    in its body alone (`corpus.reload`) and git's HEAD is where it was; what `load_site` would make of the folder,
    without loading it. None for any other edit. The edited briefs' diagnostics are reported as `load_site` does
    (errors stop the rebuild)."""
    docs_dir = Path(config.docs_dir)
    edits = reread_bodies(last.result, last.authored, paths, core)
    if edits is None or _history(docs_dir, options) is not last.history:
        return None
    report(edits.diagnostics, docs_dir)
    shown, authored = last.result.corpus.briefs, list(last.authored)  # the same briefs in the same order
    edited = {}
    for path, number in edits.positions.items():
        brief = authored[number] = edits.briefs[path]
        edited[path] = replace(shown[number], body=brief.body, body_line=brief.body_line)  # git's history kept
    index = last.index.with_bodies(edited)
    result = replace(last.result, corpus=index.corpus,
                     listings=[edits.listings.get(listing.path, listing) for listing in last.result.listings])  # fmt: skip
    views = _views(index, config, core, options, locales)
    views.adopt_refs(last.views, set(edited))
    pages = {path: brief_page(brief) for path, brief in edited.items()}
    planned = [pages.get(spec.src_uri, spec) for spec in last.planned]  # source paths are unique
    site = replace(last, result=result, index=index, views=views, planned=planned, authored=tuple(authored))
    return site, [pages[path] for path in sorted(pages)]


def _history(docs_dir: Path, options: BriefingConfig) -> git_log.GitLog | None:
    """The site's git history, when an option reads it (one pass, see `site.git_log`; the same object while HEAD is)."""
    return git_log.read(docs_dir) if options.git_redirects or options.git_history else None


def _views(index: SiteIndex, config: MkDocsConfig, core: CoreConfig, options: BriefingConfig,
           locales: Locales | None) -> ViewBuilder:  # fmt: skip
    return ViewBuilder(index, related_count=options.related_count, home_latest=options.home_latest, roles=core.roles,
                       site=site_of(config, options), commit_link=commit_link(config.repo_url),
                       strings=locales.site if locales is not None else english(), locales=locales,
                       search_shard_briefs=options.search_shard_briefs)  # fmt: skip


def site_of(config: MkDocsConfig, options: BriefingConfig) -> PreviewSite:
    """What every page's link preview shares (`previews`)."""
    return preview_site(config.site_name, config.site_url, config.site_description, options.og_image)


def report(diagnostics: list[Diagnostic], docs_dir: Path) -> None:
    """Log every diagnostic; stop the build if any is an error."""
    errors = 0
    for diagnostic in diagnostics:
        text = diagnostic.shown_from(docs_dir).as_text()
        if diagnostic.is_error:
            errors += 1
            log.error(text)
        else:
            log.warning(text)
    if errors:
        raise PluginError(
            f"briefing: {counted(errors, 'error', 'errors')} in the briefs (listed above); fix them to build the site"
        )
