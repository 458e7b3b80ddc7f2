"""The MkDocs plugin: a thin adapter that routes MkDocs events to the core.

Collect everything first (``on_files``: load, validate, index, plan pages),
then render (``on_page_*``: each page gets its body and its view).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..base.config import core_config_from_options
from ..base.diagnostics import Diagnostic, escape_text
from ..base.sanitize import safe_html
from ..build import background, collector, staging
from ..build.forking import fork_context
from ..build.render_worker import Rendered, RenderWorker, replay, worker_share
from ..corpus.countries import country_alias_problem
from ..corpus.loader import LoadResult, ParseCache, load
from ..site import urls
from ..site.chrome import chrome
from ..site.index import SiteIndex
from ..site.outputs import Output, conflicts
from ..site.plan import PageKind, PageSpec, last_modified, plan_pages
from ..site.views import ViewBuilder
from .autolink import AutolinkExtension, link_targets
from .options import BriefingConfig
from .tables import TableAlignmentExtension
from .url_filter import fast_url_filter

log = logging.getLogger("mkdocs.plugins.briefing")

# Kept across `mkdocs serve` rebuilds: unchanged files are not parsed again.
_PARSE_CACHE = ParseCache()


def _already_rendered(config: MkDocsConfig, files: Files) -> None:
    """Page.render for a page the worker rendered: skip building a Markdown converter for an empty text."""


def _moved(file: File, dest_uri: str, files: Files) -> File:
    """The same source file written where the plan puts its page (MkDocs then links to it there)."""
    moved = File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=dest_uri,
                 inclusion=file.inclusion)  # fmt: skip
    files.remove(file)
    files.append(moved)
    return moved


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.autolink = AutolinkExtension()
        self.pages: dict[str, PageSpec] = {}
        self.result: LoadResult | None = None
        self.views: ViewBuilder | None = None
        self.background: background.Job | None = None
        self.render_worker: RenderWorker | None = None
        self._rendered: dict[str, Rendered] = {}

    # -- configuration -------------------------------------------------------------------
    dirty = False  # MkDocs' --dirty: reuse the site folder, so the build goes into it (see `staging`)
    staged: tuple[MkDocsConfig, staging.StagedBuild] | None = None  # the build goes to a staging folder (see `staging`)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        collector.release()  # what an earlier build in this process left frozen (serve, or MkDocs run in-process)
        if not config.use_directory_urls:
            raise PluginError("briefing: set 'use_directory_urls: true'; the site's URLs are folders")
        self.core = core_config_from_options(dict(self.config))
        problem = country_alias_problem(self.core)
        if problem:
            raise PluginError(f"briefing: {escape_text(problem)}")
        config.markdown_extensions.append(TableAlignmentExtension())  # type: ignore[arg-type]
        if self.config.autolink:
            config.markdown_extensions.append(self.autolink)  # type: ignore[arg-type]
        self.staged = None
        if not self.serving:  # `mkdocs serve` builds into a temporary folder of its own
            try:
                staged = staging.begin(Path(config.site_dir), dirty=self.dirty)
            except staging.StagingError as exc:
                staged = None
                log.warning(f"briefing: {exc}; building in place, where a failed build can leave a partial site")
            if staged is not None:
                config.site_dir, self.staged = str(staged.staging_dir), (config, staged)
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a template changes too: MkDocs watches the theme only with --watch-theme."""
        custom_dir = config.theme.custom_dir
        if custom_dir:
            server.watch(custom_dir)
        return server

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Everything from front matter is escaped: templates mark only rendered bodies as safe.
        env.autoescape = True
        env.filters["url"] = fast_url_filter(env.filters["url"])
        return env

    # -- collect ---------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        excluded = [f"/{f.src_uri}" for f in files if f.src_uri.endswith(".md") and f.inclusion.is_excluded()]
        # Mention warnings are checked beside the render (see `background`); errors all come first.
        result = load(docs_dir, replace(self.core, check_mentions=False), excluded=excluded, cache=_PARSE_CACHE)
        self._report(result.diagnostics, docs_dir)
        self.result = result
        index = SiteIndex.build(result.corpus, include_drafts=self.serving)
        self.views = ViewBuilder(index, related_count=self.config.related_count, home_latest=self.config.home_latest)
        self.site_lastmod = last_modified(index.briefs) or "1970-01-01"

        home = result.home  # read, checked and reported with the rest
        home_title = home.values.get("title", config.site_name) if home is not None else config.site_name

        planned = plan_pages(index, home_title=home_title, home_body=home.body if home is not None else None,
                             home_body_line=home.body_line if home is not None else 1)  # fmt: skip
        self._report(self._output_conflicts(planned, index, files, docs_dir), docs_dir)
        self.pages = {}
        for spec in planned:
            existing = files.get_file_from_path(spec.src_uri)
            if spec.generated:
                if existing is not None:
                    raise PluginError(f"briefing: {spec.src_uri} is reserved for a generated page; rename that file")
                files.append(File.generated(config, spec.src_uri, content=""))
            elif existing is not None:
                if existing.dest_uri != spec.output:  # an actor file in a subfolder of actors/
                    existing = _moved(existing, spec.output, files)
                # Hand MkDocs the body we already parsed, so it neither re-reads the file nor re-parses
                # its front matter (MkDocs' own parse swallows YAML errors). The newline keeps a body
                # that starts with '---' from being taken for front matter.
                existing.content_string = "\n" + spec.body
                # MkDocs joins the source path to edit_uri unencoded: a file named 'javascript:x.md' must not
                # make its edit link a script URL.
                existing.edit_uri = urls.encoded(spec.src_uri)
                if spec.brief is not None and spec.brief.is_draft:
                    existing.inclusion = (
                        InclusionLevel.DRAFT
                    )  # MkDocs previews drafts in serve, leaves them out of build
            self.pages[spec.src_uri] = spec
        if not self.serving:  # serve keeps the collector as it is: each rebuild's site must be freed
            collector.settle_loaded_site()
        work = background.Work(
            result, index, Path(config.site_dir), config.site_name, config.site_url or "", self.config.feed_entries,
            search=self.config.search, check_mentions=self.core.check_mentions,
        )  # fmt: skip
        try:
            self.background = background.start(work)
        except background.BackgroundError as exc:
            raise PluginError(f"briefing: {escape_text(str(exc))}") from exc
        return files

    def _output_conflicts(
        self, planned: list[PageSpec], index: SiteIndex, files: Files, docs_dir: Path
    ) -> list[Diagnostic]:
        """The plan's pages, the data files, and every other file MkDocs writes (pages, static files, the theme's)."""
        others = [
            Output(file.dest_uri, file.src_uri, file.src_uri) if file.src_dir == str(docs_dir)
            else Output(file.dest_uri, f"{file.generated_by or 'the theme'}'s {file.dest_uri}")
            for file in files if not file.inclusion.is_excluded()
        ]  # fmt: skip
        return conflicts(planned, index, others, search=self.config.search)

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Start rendering the last part of the briefs in a forked worker, where that is safe and pays."""
        briefs = [
            file for file in files.documentation_pages()
            if (spec := self.pages.get(file.src_uri)) is not None and spec.brief is not None and not spec.brief.is_draft
        ]  # fmt: skip
        threshold = self.config.parallel_threshold
        context = fork_context()
        if threshold and len(briefs) >= threshold and context is not None and self._only_page_hooks(config):
            share = briefs[len(briefs) - round(len(briefs) * worker_share(search=self.config.search)) :]
            self.render_worker = RenderWorker(context, share, lambda file: self._render_in_worker(file, config, files))
        return nav

    def _only_page_hooks(self, config: MkDocsConfig) -> bool:
        """Whether this plugin is the only one that changes pages as they render (the worker runs only its hooks)."""
        events = ("pre_page", "page_read_source", "page_markdown", "page_content")
        return all(getattr(method, "__self__", None) is self for e in events for method in config.plugins.events[e])

    def _render_in_worker(self, file: File, config: MkDocsConfig, files: Files) -> Rendered:
        """In the worker: what MkDocs' own page population does, for one page."""
        page = file.page or Page(None, file, config)
        page.read_source(config)
        page.markdown = self.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
        page.render(config, files)
        html = self.on_page_content(page.content or "", page=page, config=config, files=files)
        links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
        return Rendered(html, page.toc, set(page.present_anchor_ids or ()), links or None)

    def _report(self, diagnostics: list[Diagnostic], docs_dir: Path) -> None:
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
                f"briefing: {errors} error{'s' if errors != 1 else ''} in the briefs (listed above); fix them to build the site"
            )

    # -- render ----------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return markdown  # an ordinary page (listed in not_briefs): MkDocs as usual
        worker = self.render_worker
        if worker is not None and page.file.src_uri in worker.src_uris:
            rendered = worker.take(page.file.src_uri)
            if rendered is not None:  # rendered by the worker: MkDocs has nothing left to convert
                self._rendered[page.file.src_uri] = rendered
                self._set_meta(spec, page)
                page.content = ""  # its HTML replaces this in on_page_content
                page.render = _already_rendered  # type: ignore[method-assign]
                return ""
        self._set_meta(spec, page)
        if spec.brief is not None and self.config.autolink:
            self.autolink.targets = link_targets(spec.brief, page.file.src_uri, self._loaded())
        return spec.body

    def _set_meta(self, spec: PageSpec, page: Page) -> None:
        page.meta = {"template": spec.template, "title": spec.title}
        if spec.lastmod:
            page.meta["lastmod"] = spec.lastmod
        # MkDocs stamps pages (and sitemap.xml.gz) with the build date; use the content's date so builds repeat.
        page.update_date = spec.lastmod or self.site_lastmod

    def _loaded(self) -> LoadResult:
        assert self.result is not None  # noqa: S101 - pages render only after on_files
        return self.result

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.autolink.targets = None
        rendered = self._rendered.pop(page.file.src_uri, None)
        if rendered is not None:
            page.toc = rendered.toc
            page.present_anchor_ids = rendered.anchors
            if rendered.links_to_anchors is not None:
                page.links_to_anchors = {
                    target: anchors for uri, anchors in rendered.links_to_anchors.items()
                    if (target := files.get_file_from_path(uri)) is not None
                }  # fmt: skip
            replay(rendered.log_records)
            return rendered.html
        # The one gate: every page's body, authored or not, in both raw_html modes (the worker's pages
        # passed it in the worker, through this same method).
        return safe_html(html)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        spec = self.pages.get(page.file.src_uri)
        kind = spec.kind if spec else PageKind.PAGE
        context["briefing"] = chrome(config.site_name, kind, page.url, serving=self.serving, content=page.content)
        if spec is not None and self.views is not None:
            context.update(self.views.for_page(spec))
        return context

    # -- beside the render -------------------------------------------------------------------
    def _on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_render_worker()
        if self.background is not None:
            job, self.background = self.background, None
            try:
                outcome = job.wait()
            except background.BackgroundError as exc:
                raise PluginError(f"briefing: data files and search index: {escape_text(str(exc))}") from exc
            for diagnostic in outcome.diagnostics:  # warnings only: they count towards --strict
                log.warning(diagnostic.shown_from(Path(config.docs_dir)).as_text())
            if outcome.records_indexed is not None:
                log.info(f"briefing: search index written for {outcome.records_indexed} briefs, actors and countries")
        if not self.serving:
            collector.leave_to_exit()

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

    on_post_build = CombinedEvent(_on_post_build, _publish)

    def _stop_render_worker(self) -> None:
        if self.render_worker is not None:
            self.render_worker.close()
            self.render_worker = None

    def on_build_error(self, *, error: Exception) -> None:
        collector.release()
        self._stop_render_worker()
        if self.background is not None:
            self.background.cancel()
            self.background = None
        if self.staged is not None:  # once nothing writes into it any more
            (config, staged), self.staged = self.staged, None
            config.site_dir = str(staged.site_dir)
            staged.discard()

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        # Static templates (404.html, sitemap.xml) get the layout's context too.
        context["briefing"] = chrome(config.site_name, PageKind.PAGE, None, serving=self.serving)
        return context
