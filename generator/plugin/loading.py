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
from ..base.text import counted
from ..corpus.loader import LoadResult, ParseCache, load
from ..site import git_log
from ..site.history import commit_link, with_revisions
from ..site.index import SiteIndex
from ..site.locale import Locales, english
from ..site.plan import PageSpec, last_modified, plan_pages
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
    history = git_log.read(docs_dir) if options.git_redirects or options.git_history else None
    if history is not None and history.shallow and history.head not in _SHALLOW_REPORTED:
        _SHALLOW_REPORTED.add(history.head)  # an info, not a warning: a --strict build in CI must not fail on it
        log.info("briefing: this is a shallow git clone, so the briefs' history and renames stop at its depth; "
                 "clone the whole history (in GitHub Actions: 'fetch-depth: 0' in the checkout step)")  # fmt: skip
    if options.git_redirects:
        result.corpus = with_history(result.corpus, renames_in(history), result.files.pages)
    if options.git_history:
        result.corpus = with_revisions(result.corpus, history)
    index = SiteIndex.build(result.corpus, include_drafts=serving, pair_min_briefs=options.pair_min_briefs)
    views = ViewBuilder(index, related_count=options.related_count, home_latest=options.home_latest, roles=core.roles,
                        site=site_of(config, options), commit_link=commit_link(config.repo_url),
                        strings=locales.site if locales is not None else english(), locales=locales,
                        search_shard_briefs=options.search_shard_briefs)  # fmt: skip
    home = result.home  # read, checked and reported with the rest
    planned = plan_pages(
        index, home_title=home.values.get("title", config.site_name) if home is not None else config.site_name,
        home_body=home.body if home is not None else None, home_body_line=home.body_line if home is not None else 1,
        previous=previous, strings=views.strings,
    )  # fmt: skip
    return LoadedSite(result, index, views, planned, last_modified(index.briefs) or "1970-01-01")


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
