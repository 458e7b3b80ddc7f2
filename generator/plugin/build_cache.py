"""`cache_dir`: what one `mkdocs build` keeps on disk for the next (CI restores it with actions/cache).

Two things are kept (files: see `build.disk_cache`), each keyed on everything its result depends on:

- the loader's parses and resolutions, by path and content hash (`corpus.cache.ParseCache.portable`): every
  file is still read and hashed, so an edited file is always parsed again;
- each page's final HTML, as MkDocs wrote it, and its rendering (`build.render_worker.Rendered`: table of
  contents, anchors, links, the log records it emitted). A page is taken from the cache when its key is the
  one it was written under. The key is a digest of the site's key (`site_key`: the generator's code and
  version, those of Python, MkDocs, Markdown, Jinja, MarkupSafe, nh3, PyYAML, Pagefind, Babel (language tags and names) and every plugin, the
  bytes of mkdocs.yml, every file of the theme, the plugin options, the Markdown configuration and the
  settings pages print), the page's plan entry (`PageSpec`), the view its template receives, the key of its
  body (`render_cache.body_key`, as serve's in-memory cache keys it), its URL, canonical and edit URLs, date
  and the layout's chrome. A theme that prints MkDocs' ``nav`` or ``pages`` (or a page's neighbours) adds
  the list of every page to every key, since any page's output then changes with it; a theme that prints
  ``build_date_utc`` turns the page cache off, as its output changes with every build.

A cached page skips MkDocs' Markdown conversion (its rendering is given back, warnings replayed, as for
the render worker's pages) and its template is `CACHED_TEMPLATE`, which prints the cached output. Pages are
cached only while no other plugin has page hooks (then the output would not be this plugin's alone), and
never under `mkdocs serve` (which has its own incremental rebuilds) or ``--dirty``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import pickle
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..build.disk_cache import DiskCache
from ..build.render_worker import LogFields, RecordCollector, Rendered
from ..corpus.cache import ParseCache
from ..site.plan import PageSpec
from .autolink import link_targets
from .loading import LoadedSite
from .render_cache import body_key, config_fingerprint, file_map_fingerprint
from .worker_pages import WORKER_EVENTS, links_by_source, only_hooks_of

log = logging.getLogger("mkdocs.plugins.briefing")

CACHED_TEMPLATE = "briefing/cached.html"
CACHED_OUTPUT = "briefing_cached_output"
PAGE_EVENTS = (*WORKER_EVENTS, "page_context", "post_page")
VERSIONED = ("briefing-generator", "mkdocs", "markdown", "jinja2", "markupsafe", "nh3", "pyyaml", "pagefind", "babel")
# Settings a template may print, besides the bytes of mkdocs.yml (!ENV tags and command-line flags change them).
PRINTED_SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
                    "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls")  # fmt: skip
_NEIGHBOURS = re.compile(r"\.\s*(?:previous_page|next_page|parent|ancestors|children)\b")
_GENERATOR = Path(__file__).resolve().parent.parent


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def versions_key() -> str:
    """What parsing depends on: the versions of Python and the libraries, and the generator's own code (a
    checkout's version number does not change with every commit)."""
    digest = hashlib.sha256(f"{sys.version}\0{[(n, _version(n)) for n in VERSIONED]!r}\0".encode())
    for source in sorted(_GENERATOR.rglob("*.py")):
        digest.update(f"{source.relative_to(_GENERATOR).as_posix()}\0".encode())
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


class _AnyName(dict[str, Any]):
    """Filters and tests for parsing alone: the theme's own (MkDocs' ``url``, say) are not known here."""

    def __contains__(self, name: object) -> bool:
        return True

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(name, _any_filter)


def _any_filter(*args: Any, **kwargs: Any) -> None:
    return None


def theme_reads(dirs: Iterable[str], static: Iterable[str] = ()) -> set[str]:
    """Which of MkDocs' site-wide variables the theme's page templates read: 'nav' (``nav``, ``pages`` or a
    page's neighbours) and 'clock' (``build_date_utc``). Static templates (``static``: sitemap.xml, 404.html)
    and templates an earlier folder overrides are not pages' and are left out."""
    environment, reads, seen = jinja2.Environment(autoescape=True), set(), set(static)  # only to parse
    environment.filters, environment.tests = _AnyName(), _AnyName()
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.suffix not in {".html", ".xml", ".j2", ".jinja"} or not path.is_file() or name in seen:
                continue
            seen.add(name)
            source = path.read_text(encoding="utf-8", errors="replace")
            try:
                names = jinja2.meta.find_undeclared_variables(environment.parse(source))
            except jinja2.TemplateError:
                names = {"nav", "build_date_utc"}  # MkDocs will say what is wrong; assume the worst meanwhile
            if names & {"nav", "pages"} or _NEIGHBOURS.search(source):
                reads.add("nav")
            if "build_date_utc" in names:
                reads.add("clock")
    return reads


def site_key(config: MkDocsConfig, options: dict[str, Any], versions: str) -> str:
    """A digest of everything every page depends on (see the module's docstring)."""
    digest = hashlib.sha256(f"{versions}\0{sorted(options.items())!r}\0".encode())
    digest.update(Path(config.config_file_path).read_bytes() if config.config_file_path else b"")
    digest.update(f"\0{config_fingerprint(config, options)}\0".encode())
    digest.update(repr([(name, config.get(name)) for name in PRINTED_SETTINGS]).encode())
    # The theme's settings come from mkdocs.yml and the theme's folders (both hashed); its repr is not stable.
    digest.update(f"\0{config.theme.name}\0{sorted(config.theme.static_templates)}\0{config.theme.dirs}".encode())
    plugins = [(name, type(plugin).__module__) for name, plugin in config.plugins.items()]
    digest.update(repr([(name, module, _version(module.split(".")[0])) for name, module in plugins]).encode())
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


SHARD_STORE = "search"  # the search index's shards, by the digest of their records (`sharded_search.ShardStore`)


def cache_folder(config: MkDocsConfig, option: str) -> Path | None:
    """The cache folder: ``option`` relative to the folder of mkdocs.yml; None when there is none."""
    if not option:
        return None
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / option


@dataclass
class _Entry:
    key: str  # the page's key
    output: str  # SHA-256 of the output's bytes
    rendered: Rendered


class BuildCache:
    """One build's use of the cache folder: the parses before the load, the pages as they render."""

    def __init__(self, root: Path, config: MkDocsConfig, options: dict[str, Any]) -> None:
        versions = versions_key()
        self.theme = theme_reads(config.theme.dirs, config.theme.static_templates)
        self.site = site_key(config, options, versions)
        self.store = DiskCache(root, versions, self.site)
        self.autolink = bool(options.get("autolink"))
        self.options = options
        self._index: dict[str, _Entry] = {}
        self._new: dict[str, _Entry] = {}  # this build's index
        self._keys: dict[str, str] = {}  # src_uri -> key, for every page this build may cache
        self.hits: set[str] = set()  # pages whose output is cached (found whole in on_page_markdown)
        self.views: dict[str, dict[str, object]] = {}  # the views `plan` built of the pages to render, by src_uri
        self._records: dict[str, list[LogFields]] = {}
        self._collector = _PageRecords(self._records)
        self.pages_on = False

    # -- the load ------------------------------------------------------------------------------------
    def parse_cache(self) -> ParseCache:
        cache = ParseCache()
        portable = self.store.load(self.store.parsed_path)
        if isinstance(portable, dict):
            cache.adopt(portable)
            self._parsed_before = portable["files"]
        else:
            self._parsed_before = {}
        return cache

    def keep_parses(self, cache: ParseCache) -> None:
        portable = cache.portable()
        same = sum(1 for path, read in portable["files"].items() if self._parsed_before.get(path) is read)
        log.info(f"briefing: {same} of {len(portable['files'])} parses from the cache")
        if same != len(portable["files"]) or len(self._parsed_before) != same:
            self.store.store(self.store.parsed_path, portable)

    # -- pages -----------------------------------------------------------------------------------------
    def plan(self, plugin: object, pages: dict[str, PageSpec], site: LoadedSite, files: Files,
             config: MkDocsConfig) -> set[str]:  # fmt: skip
        """Compute every page's key; the pages whose key is in the index (the render worker leaves them out)."""
        self.pages_on = "clock" not in self.theme and only_hooks_of(plugin, config, PAGE_EVENTS)
        if not self.pages_on:
            log.info("briefing: pages are not cached (another plugin changes pages, or the theme prints the time)")
            return set()
        index = self.store.load(self.store.index_path)
        self._index = index if isinstance(index, dict) else {}
        keys = (config_fingerprint(config, self.options), file_map_fingerprint(files))
        everything = self._nav_key(pages, files) if "nav" in self.theme else ""
        for file in files.documentation_pages():
            spec, page = pages.get(file.src_uri), file.page
            if spec is None or page is None:
                continue
            targets = None
            if spec.brief is not None and self.autolink:
                targets = link_targets(spec.brief, file.src_uri, site.result)
            view = site.views.for_page(spec)
            # Pickled, not repr'd (five times faster): plain dataclasses, lists and dicts pickle by value, in order.
            digest = hashlib.sha256(f"{self.site}\0{everything}\0".encode())
            digest.update(pickle.dumps((spec, view), protocol=pickle.HIGHEST_PROTOCOL))
            inputs = (body_key(keys, spec.body, page, files, targets), page.url, page.canonical_url, page.edit_url,
                      spec.lastmod or site.lastmod)  # fmt: skip
            digest.update(repr(inputs).encode())
            key = self._keys[file.src_uri] = digest.hexdigest()
            if (entry := self._index.get(file.src_uri)) is None or entry.key != key:
                self.views[file.src_uri] = view  # to be rendered: its template receives this view, built once
        logging.getLogger("mkdocs").addHandler(self._collector)
        return {uri for uri, key in self._keys.items() if (e := self._index.get(uri)) is not None and e.key == key}

    @staticmethod
    def _nav_key(pages: dict[str, PageSpec], files: Files) -> str:
        """For a theme that prints the nav or the page list: every page's path, URL and title."""
        listed = [(f.src_uri, f.url, pages[f.src_uri].title if f.src_uri in pages else "") for f in files]
        return hashlib.sha256(repr(listed).encode("utf-8", "surrogatepass")).hexdigest()

    def take(self, page: Page, planned: set[str]) -> Rendered | None:
        """In on_page_markdown: the page's cached rendering if its output is whole; its template is then
        `CACHED_TEMPLATE`. Otherwise None, and what the page logs from here on is kept with it."""
        uri = page.file.src_uri
        entry = self._index.get(uri) if uri in planned else None
        if entry is not None and self.store.page(entry.output) is not None:
            self.hits.add(uri)
            self._new[uri] = entry
            page.meta["template"] = CACHED_TEMPLATE
            return entry.rendered
        self._collector.page = uri if uri in self._keys else None
        return None

    def rendered(self) -> None:
        """In on_page_content: the page's rendering is done (its log records are kept)."""
        self._collector.page = None

    def context(self, page: Page, context: Any) -> bool:
        """In on_page_context: a cached page's output for `CACHED_TEMPLATE` (True), or its template's records kept."""
        uri = page.file.src_uri
        if uri not in self.hits:
            self._collector.page = uri if uri in self._keys else None
            return False
        data = self.store.page(self._new[uri].output)
        if data is None:  # it was whole a moment ago: something else is writing into the cache folder
            raise PluginError(f"briefing: the cache entry of {uri} changed during the build; build again")
        context[CACHED_OUTPUT] = Markup(data.decode("utf-8", "surrogatepass"))  # noqa: S704 - the page's own HTML
        return True

    def output(self, page: Page, output: str) -> None:
        """In on_post_page: keep a page MkDocs has just rendered."""
        self._collector.page = None
        uri = page.file.src_uri
        key = self._keys.get(uri)
        if key is None or uri in self.hits:
            return
        rendered = Rendered(page.content or "", page.toc, set(page.present_anchor_ids or ()), links_by_source(page),
                            self._records.pop(uri, []))  # fmt: skip
        self._new[uri] = _Entry(key, self.store.store_page(output.encode("utf-8", "surrogatepass")), rendered)

    def finish(self) -> None:
        """After the pages: write the index, delete what it no longer refers to, say how much was reused."""
        logging.getLogger("mkdocs").removeHandler(self._collector)
        if not self.pages_on:
            return
        log.info(f"briefing: {len(self.hits)} of {len(self._keys)} pages from the cache")
        if self._new != self._index:
            self.store.store(self.store.index_path, self._new)
        self.store.keep_only({entry.output for entry in self._new.values()})

    def abort(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._collector)


class _PageRecords(RecordCollector):
    """What is logged while a page renders, kept by the page (``page``: the one rendering now, if any)."""

    def __init__(self, records: dict[str, list[LogFields]]) -> None:
        super().__init__()
        self.by_page = records
        self.page: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.page is not None:
            self.records = self.by_page.setdefault(self.page, [])
            super().emit(record)
