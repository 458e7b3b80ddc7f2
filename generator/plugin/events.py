"""The MkDocs plugin: a thin adapter that routes each MkDocs event to one named step.

Collect everything first (``on_files``: load, validate, index, plan pages, see `loading` and `site_files`), start
the work beside the render (``on_nav``, see `build.processes`), render (``on_page_*``), finish (``on_post_build``)."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..base.config import core_config_from_options
from ..base.diagnostics import escape_text
from ..base.sanitize import safe_html
from ..build import staging
from ..build.live_search import BackgroundSearch
from ..build.processes import BackgroundError, BuildProcesses, CollectorPolicy, Work
from ..build.render_worker import Rendered, worker_share
from ..build.snapshot import Signature, snapshot
from ..corpus.countries import country_alias_problem
from ..site.chrome import chrome
from ..site.plan import PageKind, PageSpec
from ..site.previews import page_preview
from .autolink import AutolinkExtension, LinkTargets, link_targets
from .build_cache import SHARD_STORE, BuildCache, cache_folder
from .environment import prepare_environment
from .live import SEARCH_AFTER_SECONDS, LastBuild, LiveSite, watched_snapshot
from .loading import LoadedSite, excluded_sources, load_site, report, site_of
from .locales import site_locales
from .options import BriefingConfig
from .render_cache import RenderCache, body_key, config_fingerprint, file_map_fingerprint
from .site_files import output_conflicts, place_pages
from .sitemap import sitemap_entries
from .tables import TableAlignmentExtension
from .terminate import serve_ends_cleanly_on_terminate
from .watching import log_edits, watch_natively
from .worker_pages import (
    empty_body_renders_empty,
    links_by_source,
    only_hooks_of,
    render_empty_body,
    render_in_worker,
    skip_markdown_conversion,
    use_worker_rendering,
)

log = logging.getLogger("mkdocs.plugins.briefing")

# Kept across `mkdocs serve` rebuilds: pages whose inputs did not change are not converted again.
_RENDER_CACHE = RenderCache()


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False  # MkDocs' --dirty: reuse the site folder, so the build goes into it (see `staging`)
        self.autolink = AutolinkExtension()
        self.site: LoadedSite | None = None
        self.pages: dict[str, PageSpec] = {}
        self.processes = BuildProcesses(one_shot=True)  # replaced by each build's, in on_config
        self.staged: tuple[MkDocsConfig, staging.StagedBuild] | None = None  # the build goes to a staging folder
        self._rendered: dict[str, Rendered] = {}  # pages the worker rendered, from on_page_markdown to on_page_content
        # Set when serve's rebuilds reuse unchanged pages (see `render_cache`): (configuration, file map) digests.
        self._render_keys: tuple[str, str] | None = None
        # `mkdocs serve`: what its rebuilds start from (see `live`), and its search index, made in the background.
        self.last_build: LastBuild | None = None
        self._build_started: tuple[dict[str, Signature], dict[str, Signature]] = ({}, {})
        self._build_state: tuple[Files | None, Any, Any] = (None, None, None)  # files, nav, env
        self.search: BackgroundSearch | None = None
        self._excluded: list[str] = []
        # Views built before their page renders (a serve rebuild compared them, the build cache keyed them): used once.
        self._built_views: dict[str, dict[str, object]] = {}
        self.cache: BuildCache | None = None  # `cache_dir`, in `mkdocs build` (see `build_cache`)
        self._cached: set[str] = set()  # pages whose key is in the cache's index

    # -- configuration -------------------------------------------------------------------
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty
        serve_ends_cleanly_on_terminate(command)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.processes.abort()  # what an earlier build in this process left (serve, or MkDocs run in-process)
        self.processes = BuildProcesses(one_shot=not self.serving)
        self._check_and_extend(config)
        self.processes.loading()
        self.staged = None if self.serving else self._stage(config)  # `mkdocs serve` builds into a folder of its own
        folder = None if self.serving or self.dirty else cache_folder(config, self.config.cache_dir)
        self.cache, self._cached = (BuildCache(folder, config, dict(self.config)) if folder else None), set()
        self._empty_renders_empty: bool | None = None  # see `empty_body_renders_empty`; found at the first such page
        if self.serving:  # what this build is made from: a rebuild compares the folder with it
            CollectorPolicy.release_for_whole_build()
            self.last_build = None
            self._build_started = (snapshot(Path(config.docs_dir)), watched_snapshot(config))
        return config

    def _check_and_extend(self, config: MkDocsConfig) -> None:
        """Refuse a configuration the site cannot be built with; add the Markdown extensions."""
        if not config.use_directory_urls:
            raise PluginError("briefing: set 'use_directory_urls: true'; the site's URLs are folders")
        self.core = core_config_from_options(dict(self.config), locale=config.theme.get("locale"))
        self.locales = site_locales(config)
        problem = country_alias_problem(self.core)
        if problem:
            raise PluginError(f"briefing: {escape_text(problem)}")
        config.markdown_extensions.append(TableAlignmentExtension())  # type: ignore[arg-type]
        if self.config.autolink:
            self.autolink.setConfig("exclude", list(self.config.autolink_exclude))
            config.markdown_extensions.append(self.autolink)  # type: ignore[arg-type]

    def _stage(self, config: MkDocsConfig) -> tuple[MkDocsConfig, staging.StagedBuild] | None:
        """Point MkDocs at a staging folder, published once the build has succeeded (see `staging`)."""
        try:
            staged = staging.begin(Path(config.site_dir), dirty=self.dirty)
        except staging.StagingError as exc:
            log.warning(f"briefing: {exc}; building in place, where a failed build can leave a partial site")
            return None
        if staged is None:
            return None
        config.site_dir = str(staged.staging_dir)
        return config, staged

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild only what an edit changed (see `live`); rebuild when a template changes too (MkDocs
        watches the theme only with --watch-theme)."""
        custom_dir = config.theme.custom_dir
        if custom_dir:
            server.watch(custom_dir)
        watch_natively(server)
        server.builder = LiveSite(self, server.builder, log_edits(server, config.docs_dir))
        return server

    def on_shutdown(self) -> None:
        if self.search is not None:
            self.search.close()

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        prepare_environment(env, cached=self.cache is not None)
        self._build_state = (files, self._build_state[1], env)
        return env

    # -- collect ---------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._excluded = excluded_sources(files)
        parses = self.cache.parse_cache() if self.cache is not None else None
        self.site = site = load_site(self._excluded, config, self.core, self.config, serving=self.serving, cache=parses,
                                     locales=self.locales)  # fmt: skip
        if self.cache is not None and parses is not None:
            self.cache.keep_parses(parses)
        docs_dir = Path(config.docs_dir)
        report(output_conflicts(site.planned, site.index, files, docs_dir, search=self.config.search), docs_dir)
        self.pages = place_pages(site.planned, files, config)
        return files

    def _loaded(self) -> LoadedSite:
        assert self.site is not None  # noqa: S101 - the events after on_files run only once it has
        return self.site

    # -- beside the render -------------------------------------------------------------------
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Start the work beside the render, now that MkDocs' files and pages are final (see `build.processes`)."""
        self._build_state = (files, nav, None)
        render = partial(render_in_worker, config=config, files=files, on_markdown=self.on_page_markdown,
                         on_content=self.on_page_content)  # fmt: skip
        self._render_keys = None
        if self.serving and only_hooks_of(self, config):
            self._render_keys = (config_fingerprint(config, dict(self.config)), file_map_fingerprint(files))
            _RENDER_CACHE.begin_build()
        if self.cache is not None:
            self._cached = self.cache.plan(self, self.pages, self._loaded(), files, config)
            self._built_views = self.cache.views
        try:
            self.processes.start(self._background_work(config), self._worker_pages(config, files), render)
        except BackgroundError as exc:
            raise PluginError(f"briefing: {escape_text(str(exc))}") from exc
        return nav

    def _background_work(self, config: MkDocsConfig) -> Work:
        site = self._loaded()
        return Work(
            site.result, site.index, Path(config.site_dir), config.site_name, config.site_url or "",
            self.config.feed_entries, search=self.config.search and not self.serving,  # serve: see `_serve_next`
            check_mentions=self.core.check_mentions, locales=self.locales, shard_size=self.config.search_shard_briefs,
            shard_store=self.cache.store.root / SHARD_STORE if self.cache is not None else None,
        )  # fmt: skip

    def _worker_pages(self, config: MkDocsConfig, files: Files) -> list[File]:
        """The last part of the briefs, for the render worker, where it pays (`parallel_threshold`) and is faithful."""
        briefs = [
            file for file in files.documentation_pages()
            if (spec := self.pages.get(file.src_uri)) is not None and spec.brief is not None and not spec.brief.is_draft
            and file.src_uri not in self._cached
        ]  # fmt: skip
        threshold = self.config.parallel_threshold
        if not threshold or len(briefs) < threshold or not only_hooks_of(self, config):
            return []
        return briefs[len(briefs) - round(len(briefs) * worker_share(search=self.config.search and not self.serving)) :]

    # -- render ----------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return markdown  # an ordinary page (listed in not_briefs): MkDocs as usual
        self._set_meta(spec, page)
        cached = self.cache.take(page, self._cached) if self.cache is not None else None
        if cached is not None:  # from the build cache (see `build_cache`): nothing to convert or render
            self._rendered[page.file.src_uri] = cached
            skip_markdown_conversion(page)
            return ""
        if spec.generated and not spec.body and self._empty_renders_nothing(config):
            render_empty_body(page)  # a pair's, topic's or listing's page: all its content is its template's
            return ""
        rendered = self.processes.take(page.file.src_uri)
        targets = None
        if spec.brief is not None and self.config.autolink:
            targets = link_targets(spec.brief, page.file.src_uri, self._loaded().result)
        if rendered is not None:  # rendered by the worker: MkDocs has nothing left to convert
            if self._render_keys is not None:  # serve: kept like the rest, so memory is full after the first build
                _RENDER_CACHE.keep(page.file.src_uri, self._render_key(spec, page, files, targets), rendered)
            self._rendered[page.file.src_uri] = rendered
            skip_markdown_conversion(page)
            return ""
        if self._render_keys is not None:
            key = self._render_key(spec, page, files, targets)
            cached = _RENDER_CACHE.take(page.file.src_uri, key)
            if cached is not None:  # unchanged since the last rebuild: as if the worker had rendered it
                self._rendered[page.file.src_uri] = cached
                skip_markdown_conversion(page)
                return ""
        self.autolink.targets = targets
        return spec.body

    def _empty_renders_nothing(self, config: MkDocsConfig) -> bool:
        """Whether an empty body may skip conversion: Markdown makes nothing of it, and no other plugin changes pages
        as they render (one could give the body text after our hook)."""
        if self._empty_renders_empty is None:
            self._empty_renders_empty = only_hooks_of(self, config) and empty_body_renders_empty(config)
        return self._empty_renders_empty

    def _render_key(self, spec: PageSpec, page: Page, files: Files, targets: LinkTargets | None) -> str:
        assert self._render_keys is not None  # noqa: S101 - only called when the cache is on
        return body_key(self._render_keys, spec.body, page, files, targets)

    def _set_meta(self, spec: PageSpec, page: Page) -> None:
        page.meta = {"template": spec.template, "title": spec.title}
        if spec.lastmod:
            page.meta["lastmod"] = spec.lastmod
        # MkDocs stamps pages (and sitemap.xml.gz) with the build date; use the content's date so builds repeat.
        page.update_date = spec.lastmod or self._loaded().lastmod

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.autolink.targets = None
        rendered = self._rendered.pop(page.file.src_uri, None)
        if rendered is not None:  # (its log records replayed: the cache keeps them with the page)
            html = use_worker_rendering(page, rendered, files)
            if self.cache is not None:
                self.cache.rendered()
            return html
        if self.cache is not None:
            self.cache.rendered()
        # The one gate: every page's body, authored or not, in both raw_html modes (the worker's pages
        # passed it in the worker, and cached pages when they were rendered, through this same method).
        html = safe_html(html)
        if self._render_keys is not None and page.file.src_uri in self.pages:
            _RENDER_CACHE.rendered(
                page.file.src_uri, html, page.toc, page.present_anchor_ids or (), links_by_source(page)
            )
        return html

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.cache is not None and self.cache.context(page, context):
            return context  # the cached output is the page
        spec = self.pages.get(page.file.src_uri)
        kind = spec.kind if spec else PageKind.PAGE
        # A brief in another language is shown in that language's words where the theme has them.
        strings = self._loaded().views.language_of(spec) if spec is not None else self.locales.site
        context["briefing"] = chrome(config.site_name, kind, page.url, serving=self.serving, content=page.content,
                                     strings=strings)  # fmt: skip
        context["t"] = strings.template_words
        if spec is not None:  # a planned page's view brings its preview
            view = self._built_views.pop(spec.src_uri, None)
            context.update(view if view is not None else self._loaded().views.for_page(spec))
        else:
            context["preview"] = page_preview(site_of(config, self.config), page.title or "", page.url)
        return context

    @event_priority(-100)  # after every other plugin's (there are none while pages are cached)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.cache is not None:
            self.cache.output(page, output)
        if not self.serving:
            # MkDocs keeps every page's Markdown and HTML to the end of the build (its anchor checks need
            # neither): at 100,000 briefs that is most of the main process's memory. Serve keeps them, for
            # the pages a rebuild does not render again.
            page.markdown = page.content = None
            page.file.content_string = ""  # the body, as `site_files` handed it to MkDocs
        return output

    # -- finish ------------------------------------------------------------------------------
    def _collect(self, *, config: MkDocsConfig) -> None:
        """Wait for the work beside the render and log what it found."""
        try:
            outcome = self.processes.collect()
        except BackgroundError as exc:
            raise PluginError(f"briefing: data files and search index: {escape_text(str(exc))}") from exc
        if self._render_keys is not None:
            _RENDER_CACHE.end_build()
        if self.cache is not None:
            self.cache.finish()
        if outcome is None:
            return
        for diagnostic in outcome.diagnostics:  # warnings only: they count towards --strict
            log.warning(diagnostic.shown_from(Path(config.docs_dir)).as_text())
        if outcome.records_indexed is not None:
            log.info(f"briefing: search index written for {outcome.records_indexed} briefs, actors and countries")
        if self.serving:
            self._serve_next(config)

    def _serve_next(self, config: MkDocsConfig) -> None:
        """After a build in `mkdocs serve`: index search in the background, and keep what a rebuild starts from."""
        site = self._loaded()
        if self.config.search:
            if self.search is None or self.search.site_dir != Path(config.site_dir):
                self.search = BackgroundSearch(Path(config.site_dir))
            self.search.shard_size = self.config.search_shard_briefs
            self.search.refresh(site.index, self.locales, after=SEARCH_AFTER_SECONDS)
        files, nav, env = self._build_state
        sources, watched = self._build_started
        if files is not None and env is not None:
            self.last_build = LastBuild(config, files, nav, env, site, sources, watched, self._excluded)
        CollectorPolicy.keep_until_next_edit()

    # -- serve's rebuilds (see `live`) ---------------------------------------------------------
    def begin_live_build(
        self,
        site: LoadedSite,
        pages: dict[str, PageSpec],
        files: Files,
        config: MkDocsConfig,
        file_map: str,
        views: dict[str, dict[str, object]],
    ) -> None:
        """Before `live` renders the pages an edit changed: the new site, and the render cache on (``file_map``:
        the `file_map_fingerprint` of ``files``)."""
        self.site, self.pages, self._rendered, self._built_views = site, pages, {}, views
        self._render_keys = None
        if only_hooks_of(self, config):
            self._render_keys = (config_fingerprint(config, dict(self.config)), file_map)
            _RENDER_CACHE.begin_build()

    def end_live_build(self, removed: list[str]) -> None:
        self._built_views = {}
        if self._render_keys is not None:
            _RENDER_CACHE.end_partial_build(removed)

    @event_priority(-100)  # after every other plugin's post_build: they may still write into the site
    def _publish(self, *, config: MkDocsConfig) -> None:
        """Swap the staged site in, unless strict mode is about to fail the build (then `on_build_error` discards it)."""
        if self.staged is None or (config.strict and staging.warnings_counted(log)):
            return
        staged = self.staged[1]
        try:
            staged.publish()
        except staging.StagingError as exc:
            raise PluginError(f"briefing: {exc}") from exc
        config.site_dir, self.staged = str(staged.site_dir), None  # `mkdocs gh-deploy` reads it next

    on_post_build = CombinedEvent(_collect, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        self.processes.abort()
        _RENDER_CACHE.abort_build()
        if self.cache is not None:
            self.cache.abort()
        if self.staged is not None:  # once nothing writes into it any more
            (config, staged), self.staged = self.staged, None
            config.site_dir = str(staged.site_dir)
            staged.discard()

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        # Static templates (404.html, sitemap.xml) get the layout's context too.
        strings = self.locales.site
        context["briefing"] = chrome(config.site_name, PageKind.PAGE, None, serving=self.serving, strings=strings)
        context["t"] = strings.template_words
        # 404.html is served at every missing address: it has no URL of its own to give as canonical.
        context["preview"] = page_preview(
            site_of(config, self.config), strings.t("not_found.title"), None, strings.t("not_found.description")
        )
        if template_name == "sitemap.xml":
            context["briefing_sitemap"] = sitemap_entries(context["pages"])
        return context
