"""Serve's rebuilds: after an edit, only the pages it changed, rendered through MkDocs' own page steps.

On every save `mkdocs serve` runs its builder, a whole MkDocs build: every page's Markdown and
template. `LiveSite` takes the builder's place (see the plugin's ``on_serve``) and, for the edits it
can follow, does what a whole build would do differently from the last one, and nothing else:

1. find the files that changed since the last build: those the operating system logged, looked at again
   (`watching.EditLog`, `build.snapshot.updated`), or a snapshot of the whole briefs folder;
2. when briefs' bodies alone changed, read them alone and swap them into the last site model
   (`loading.reload_bodies`): their pages are the only ones to render again. Otherwise load the site
   again (unchanged files come from the loader's cache, so only edited files are parsed) and
3. find what changed (`site.changes`): the pages whose plan entry or view differ, the pages gone, the
   data files to write again;
4. update MkDocs' file list in the order a whole build gives it (the sitemap lists pages in that order),
   render the changed pages with MkDocs' ``_populate_page`` and ``_build_page`` (every plugin event
   runs, so the one safety gate and the render cache apply as in any build), delete the pages gone,
   write the changed data files and, when the page set or dates changed, the sitemap;
5. bring the search index up to date in the background (`build.live_search`).

It follows edits to briefs (any: body, front matter, new, deleted, moved), and to the bodies of actor
and country profiles and the home page. Anything else (mkdocs.yml, a template, another file, an actor's
name or aliases, a new actor) runs MkDocs' whole build, as before. So does every edit when another
plugin has page or build events of its own: they would miss the pages not rendered again.

A brief with an error stops the rebuild before anything is written: the errors are logged, the preview
keeps serving the last good site, and the next save starts from it again. The rendering calls are
MkDocs' private functions, stable in MkDocs 1.6.1 (frozen) and in ProperDocs;
tests/site/test_site_serve_live.py drives a real ``mkdocs serve`` through every kind of edit and
compares what it serves with a clean build after each.
"""

from __future__ import annotations

import gzip
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from ..base.config import CoreConfig
from ..base.text import counted
from ..build.background import write_data_files
from ..build.live_search import BackgroundSearch
from ..build.processes import CollectorPolicy
from ..build.snapshot import Changes, Signature, snapshot
from ..corpus.loader import mention_diagnostics
from ..site import urls
from ..site.changes import SiteChange, SiteState, changed_briefs, site_change, with_translations
from ..site.locale import Locales
from ..site.plan import PageSpec, plan_data_files
from .loading import LoadedSite, excluded_sources, load_site, reload_bodies
from .options import BriefingConfig
from .render_cache import file_map_fingerprint
from .site_files import in_build_order, place_pages
from .watching import EditLog, changed_since
from .worker_pages import only_hooks_of, ready_to_render_again


class Plugin(Protocol):
    """What a rebuild needs of the plugin (`events.BriefingPlugin`)."""

    core: CoreConfig
    config: BriefingConfig
    locales: Locales
    pages: dict[str, PageSpec]
    last_build: LastBuild | None
    search: BackgroundSearch | None

    def begin_live_build(self, site: LoadedSite, pages: dict[str, PageSpec], files: Files, config: MkDocsConfig,
                         file_map: str, views: dict[str, dict[str, object]]) -> None: ...  # fmt: skip

    def end_live_build(self, removed: list[str]) -> None: ...


log = logging.getLogger("mkdocs.plugins.briefing")


# Search is indexed again this long after a rebuild, unless another save comes first.
SEARCH_AFTER_SECONDS = 1.0


@dataclass
class LastBuild:
    """What a rebuild starts from: MkDocs' state after the last build, and the files it was made from."""

    config: MkDocsConfig
    files: Files
    nav: Any
    env: Any
    site: LoadedSite
    sources: dict[str, Signature]  # the briefs folder when the build started
    watched: dict[str, Signature]  # mkdocs.yml and the templates
    excluded: list[str]  # the sources MkDocs excludes, as the loader took them (see `loading.excluded_sources`)
    doc_files: list[File] | None = None  # MkDocs' pages, as a rebuild hands them to templates (``pages``)
    file_map: str = ""  # `file_map_fingerprint` of ``files``, when ``doc_files`` is set


def watched_snapshot(config: MkDocsConfig) -> dict[str, Signature]:
    """The files besides the briefs that a change to sends serve back to a whole build."""
    found: dict[str, Signature] = {}
    if config.config_file_path:
        status = os.stat(config.config_file_path)
        found[config.config_file_path] = (status.st_size, status.st_mtime_ns, status.st_ino)
    for folder in config.theme.dirs:
        found.update({f"{folder}/{path}": signature for path, signature in snapshot(Path(folder)).items()})
    return found


class LiveSite:
    """Serve's builder: incremental where it can be (see the module's docstring), MkDocs' whole build elsewhere."""

    def __init__(self, plugin: Plugin, whole_build: Callable[[], None], edits: EditLog | None = None) -> None:
        self.plugin = plugin
        self.whole_build = whole_build
        self.edits = edits  # what the operating system said changed in the briefs folder, where it says

    def __call__(self) -> None:
        started = time.perf_counter()
        logged = self.edits.take() if self.edits is not None else None
        if self.plugin.search is not None:  # the rebuild has the cores; search starts again after it
            self.plugin.search.stop()
        last, self.plugin.last_build = self.plugin.last_build, None  # only a successful build sets it again
        if (
            last is None
            or not only_hooks_of(self.plugin, last.config, _rebuilt_events(last.config))
            or watched_snapshot(last.config) != last.watched
        ):
            self.whole_build()
            return
        sources, changes = changed_since(last.sources, Path(last.config.docs_dir), logged)
        if changes and any(not path.endswith(".md") for path in changes.paths):
            self.whole_build()
            return
        if not changes:
            self.plugin.last_build = last
            return
        try:
            outcome = self._rebuild(last, changes, sources)
        except PluginError as error:  # errors in the briefs: logged; the preview keeps the last good site
            log.error(str(error))
            self.plugin.last_build = last  # unchanged: the next rebuild takes this edit again, with the fix
            if self.edits is not None:
                self.edits.give_back(logged)
            return
        if outcome is None:
            self.whole_build()
            return
        self.plugin.last_build, rendered, bodies_alone = outcome
        CollectorPolicy.keep_until_next_edit()
        log.info(f"briefing: {counted(rendered, 'page', 'pages')} rendered again in "
                 f"{time.perf_counter() - started:.2f} seconds{' (an edit of bodies alone)' if bodies_alone else ''}")  # fmt: skip

    def _rebuild(
        self, last: LastBuild, changes: Changes, sources: dict[str, Signature]
    ) -> tuple[LastBuild, int, bool] | None:
        """The rebuild, the number of pages rendered and whether the edit changed briefs' bodies alone; None where
        only a whole build will do (then nothing has been written). Raises PluginError, before writing anything,
        if a file has errors."""
        config, plugin = last.config, self.plugin
        bodies = None
        if changes.modified and not (changes.added or changes.deleted):
            bodies = reload_bodies(last.site, changes.modified, config, plugin.core, plugin.config, plugin.locales)
        if bodies is not None:  # the commonest edit: briefs' bodies alone, so their pages alone change
            site, specs = bodies
            change = SiteChange(specs, [], frozenset(), frozenset(), frozenset(changes.modified))
            after = {**plugin.pages, **{spec.src_uri: spec for spec in specs}}
            added: list[File] = []
            excluded = set(last.excluded)
        else:
            edited = self._edited_site(last, changes)
            if edited is None:
                return None
            site, change, after, added, excluded = edited
        before = plugin.pages
        files, listed = _update_files(last, change, site, added, changes)
        if listed or last.doc_files is None:  # MkDocs' list of pages, and what links resolve against
            last = replace(last, doc_files=list(files.documentation_pages(inclusion=InclusionLevel.is_in_serve)),
                           file_map=file_map_fingerprint(files))  # fmt: skip
        plugin.begin_live_build(site, after, files, config, last.file_map, change.views)
        try:
            rendered = _render(change, config, files, last)
        finally:
            plugin.end_live_build([spec.src_uri for spec in change.removed])
        if _sitemap_changed(change, before) and "sitemap.xml" in config.theme.static_templates:
            _write_sitemap(config, last)
        _write_data_files(change, site, config, plugin.config.feed_entries)
        if plugin.search is not None and plugin.config.search:
            plugin.search.refresh(site.index, plugin.locales, after=SEARCH_AFTER_SECONDS)
        rebuilt = replace(last, files=files, site=site, sources=sources, excluded=sorted(excluded))
        return rebuilt, rendered, bodies is not None

    def _edited_site(
        self, last: LastBuild, changes: Changes
    ) -> tuple[LoadedSite, SiteChange, dict[str, PageSpec], list[File], set[str]] | None:
        """Any edit this rebuild follows: the site loaded again, what changed in it, its pages by source, MkDocs'
        files of the new sources and the excluded sources; None where only a whole build will do."""
        config, plugin = last.config, self.plugin
        added = _new_files(changes.added, config)
        excluded = set(last.excluded) | set(excluded_sources(added))
        excluded -= {f"/{path}" for path in changes.deleted}
        site = load_site(
            sorted(excluded),
            config,
            plugin.core,
            plugin.config,
            serving=True,
            previous=plugin.pages,
            locales=plugin.locales,
        )
        if plugin.core.check_mentions:  # as a whole build logs them, from its background job
            for diagnostic in mention_diagnostics(site.result):
                log.warning(diagnostic.shown_from(Path(config.docs_dir)).as_text())
        bodies = _authored_bodies_changed(last.site, site)
        if bodies is None or not _only_briefs_and_bodies(last.site, site, changes):
            return None
        changed = with_translations(
            last.site.index, site.index, changed_briefs(last.site.result.corpus, site.result.corpus)
        )
        site.views.adopt_refs(last.site.views, changed)
        before = plugin.pages
        after = {spec.src_uri: spec for spec in site.planned}
        change = site_change(SiteState(last.site.index, last.site.views, before),
                             SiteState(site.index, site.views, after), changed, bodies)  # fmt: skip
        return site, change, after, added, excluded


def _rebuilt_events(config: MkDocsConfig) -> tuple[str, ...]:
    """The events a rebuild skips for the pages it leaves alone: every page and build event."""
    return tuple(event for event in config.plugins.events if event not in ("startup", "shutdown", "serve"))


def _update_files(last: LastBuild, change: SiteChange, site: LoadedSite, added: list[File],
                  changes: Changes) -> tuple[Files, bool]:  # fmt: skip
    """MkDocs' file list as a whole build of the new site makes it: the files of pages gone and of deleted
    sources removed (with their output), new sources added, and new or edited pages primed; and whether
    files came or went."""
    files, site_dir = last.files, Path(last.config.site_dir)
    gone = [spec.src_uri for spec in change.removed] + sorted(changes.deleted)
    for src_uri in gone:
        file = files.get_file_from_path(src_uri)
        if file is not None:
            _delete_output(site_dir, file.dest_uri)
            files.remove(file)
    for file in added:
        files.append(file)
    new = [spec for spec in change.render if not (spec.generated and spec.src_uri in files)]
    place_pages(new, files, last.config)
    listed = bool(gone or added or any(spec.generated for spec in new))
    if listed:
        files = in_build_order(files, site.planned, last.config)
    return files, listed


def _render(change: SiteChange, config: MkDocsConfig, files: Files, last: LastBuild) -> int:
    """MkDocs' own steps for each changed page, as its build runs them; the number of pages rendered."""
    inclusion = InclusionLevel.is_in_serve
    doc_files = last.doc_files or []
    pages = []
    for spec in change.render:
        file = files.get_file_from_path(spec.src_uri)
        if file is None or not inclusion(file.inclusion):
            continue
        page = ready_to_render_again(file.page) if file.page is not None else Page(None, file, config)
        mkdocs_build._populate_page(page, config, files)
        pages.append(page)
    for page in pages:
        mkdocs_build._build_page(page, config, doc_files, last.nav, last.env,
                                 excluded=page.file.inclusion.is_excluded())  # fmt: skip
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return len(pages)


def _write_sitemap(config: MkDocsConfig, last: LastBuild) -> None:
    """The sitemap, as MkDocs' ``_build_theme_template`` writes it (with its gzip copy), from the page list the
    rebuild keeps rather than two fresh walks of ten thousand files."""
    template = last.env.get_template("sitemap.xml")
    pages = [file for file in last.doc_files or [] if file.inclusion.is_included()]  # documentation_pages()
    output = mkdocs_build._build_template("sitemap.xml", template, pages, config, last.nav)  # type: ignore[arg-type]
    if not output.strip():
        return
    path = os.path.join(config.site_dir, "sitemap.xml")
    utils.write_file(output.encode("utf-8"), path)
    with open(f"{path}.gz", "wb") as raw:
        stamp = utils.get_build_timestamp(pages=[file.page for file in pages if file.page is not None])
        with gzip.GzipFile(fileobj=raw, filename=f"{path}.gz", mode="wb", mtime=stamp) as compressed:
            compressed.write(output.encode("utf-8"))


def _write_data_files(change: SiteChange, site: LoadedSite, config: MkDocsConfig, feed_entries: int) -> None:
    site_dir = Path(config.site_dir)
    for path in change.removed_data_files:
        _delete_output(site_dir, path)
    if change.data_files:
        write_data_files(site_dir, plan_data_files(site.index, site_name=config.site_name,
                                                   site_url=config.site_url or "", feed_entries=feed_entries,
                                                   only=change.data_files))  # fmt: skip


def _new_files(paths: frozenset[str], config: MkDocsConfig) -> list[File]:
    """MkDocs' files for newly added sources, with MkDocs' exclusions applied."""
    added = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in sorted(paths)]
    set_exclusions(added, config)
    return added


def _authored_bodies_changed(before: LoadedSite, after: LoadedSite) -> list[str] | None:
    """The source paths of actor and country profiles and the home page whose body alone changed; None if
    anything else of them changed (a name, an alias, a new actor: every page that names them may change)."""
    old, new = before.result.corpus, after.result.corpus
    if old.actors.keys() != new.actors.keys() or old.countries.keys() != new.countries.keys():
        return None
    changed = []
    for slug, actor in new.actors.items():
        earlier = old.actors[slug]
        if earlier != actor:
            if replace(earlier, body=actor.body, body_line=actor.body_line) != actor:
                return None
            changed.append(actor.path)
    for code, country in new.countries.items():
        profiled = old.countries[code]
        if profiled != country:
            if (
                replace(profiled, profile_body=country.profile_body, profile_body_line=country.profile_body_line)
                != country
            ):
                return None
            changed.append(country.profile_path or urls.country_source(code))
    old_home, new_home = before.result.home, after.result.home
    if (old_home is None) != (new_home is None):
        return None
    if old_home is not None and new_home is not None and old_home != new_home:
        if old_home.values != new_home.values:
            return None
        changed.append(new_home.path)
    return changed


def _only_briefs_and_bodies(before: LoadedSite, after: LoadedSite, changes: Changes) -> bool:
    """Whether every changed source is a brief, a profile or the home page (no ordinary page, no new kind)."""

    def roles(site: LoadedSite) -> dict[str, str]:
        found = site.result.files
        return {**dict.fromkeys(found.briefs, "brief"), **dict.fromkeys(found.actors, "actor"),
                **dict.fromkeys(found.countries, "country"), **dict.fromkeys(found.pages, "page")}  # fmt: skip

    old, new = roles(before), roles(after)
    for path in changes.paths:
        role = new.get(path) or old.get(path)
        if role is None:
            continue  # not a source of the site (excluded, a dot file)
        if role == "page" and path != "index.md":
            return False
        if role in ("actor", "country") and (path in changes.added or path in changes.deleted):
            return False
    return True


def _sitemap_changed(change: SiteChange, before: dict[str, PageSpec]) -> bool:
    if change.removed:
        return True
    return any((old := before.get(spec.src_uri)) is None or old.lastmod != spec.lastmod or old.path != spec.path
               for spec in change.render)  # fmt: skip


def _delete_output(site_dir: Path, relative: str) -> None:
    """Remove one output file and the folders it leaves empty, never leaving the site folder."""
    target = (site_dir / relative).resolve()
    root = site_dir.resolve()
    if not target.is_relative_to(root) or target == root:
        return
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
