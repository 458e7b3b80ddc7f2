"""Page bodies kept between `mkdocs serve` rebuilds: a page whose inputs did not change is not converted again.

MkDocs' serve rebuilds the whole site after every save, and converting Markdown is about half of a
rebuild. A page's HTML (after the safety gate) is a function of:

- its Markdown body and where it is (source and output path);
- what autolinking may link on it: its targets, and every name the site's mention finder knows;
- the Markdown configuration (extensions and their settings), MkDocs' link validation settings and
  the plugin options that change rendering (`raw_html`, `autolink`, `autolink_exclude`);
- the site's files: Markdown links are rewritten to the URL of the file they point at, and validated
  against the files that exist. A body without link or image syntax depends only on the files of
  its autolink targets; any other body is keyed on the whole file map.

The key of an entry is a digest of all of these, so an entry is used only where a clean build would
render the same bytes; the log records the rendering emitted (a broken link, say) are kept and
replayed, so warnings show after every rebuild as they did after the first. Only the pages of the
latest build are kept, so the cache does not grow with edits.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..build.render_worker import RecordCollector, Rendered
from .autolink import LinkTargets

RENDERING_OPTIONS = ("raw_html", "autolink", "autolink_exclude")


def config_fingerprint(config: MkDocsConfig, options: dict[str, Any]) -> str:
    """A digest of the configuration every page's rendering depends on."""
    digest = hashlib.sha256()
    for extension in config.markdown_extensions:
        if isinstance(extension, str):
            digest.update(f"extension {extension}\n".encode())
        else:  # an extension object (ours): its class and settings, not its identity
            settings = sorted(getattr(extension, "getConfigs", dict)().items())
            digest.update(f"extension {type(extension).__qualname__} {settings!r}\n".encode())
    digest.update(f"mdx {sorted((k, repr(v)) for k, v in config.mdx_configs.items())!r}\n".encode())
    digest.update(f"validation {config.validation!r}\n".encode())
    digest.update(f"options {[(name, options.get(name)) for name in RENDERING_OPTIONS]!r}\n".encode())
    return digest.hexdigest()


def file_map_fingerprint(files: Files) -> str:
    """A digest of every file's source path, output path and URL: what the links of a body may resolve against."""
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"file {file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}\n".encode())
    return digest.hexdigest()


# Markdown that may make a link or image MkDocs resolves against the site's files: inline and reference links
# and images (`](`, `][`, `]:` and a bare `[ref]` needing a `]:` definition), raw <a>/<img>, attribute lists.
_MAY_LINK_FILES = re.compile(r"\]\s*[(\[:]|<(?:a|img)\b|\{", re.IGNORECASE)


def needs_file_map(body: str) -> bool:
    """Whether a body's rendering may depend on other files than its autolink targets (then the whole map is keyed)."""
    return _MAY_LINK_FILES.search(body) is not None


def page_key(config: str, files: str, src_uri: str, url: str, body: str, targets: LinkTargets | None,
             target_urls: Iterable[str | None] = ()) -> str:  # fmt: skip
    """The digest of a page's inputs. ``files`` is the file map's digest for a body that may link to files (else
    ''), and ``target_urls`` the URLs of the autolink targets' files (None for one that does not exist)."""
    digest = hashlib.sha256(f"{config}\0{files}\0{src_uri}\0{url}\0".encode())
    digest.update(body.encode("utf-8", "surrogatepass"))
    if targets is not None:
        finder = targets.finder.fingerprint if targets.finder is not None else ""
        digest.update(f"\0{sorted(targets.urls.items())!r}\0{targets.telltales!r}\0{finder}".encode())
        digest.update(f"\0{list(target_urls)!r}".encode())
    return digest.hexdigest()


def body_key(keys: tuple[str, str], body: str, page: Page, files: Files, targets: LinkTargets | None) -> str:
    """`page_key` of a page with this Markdown ``body``; ``keys`` are the `config_fingerprint` and the
    `file_map_fingerprint` of the build."""
    config_key, file_map_key = keys
    target_urls = []
    if targets is not None:  # the files autolinks resolve against
        folder = posixpath.dirname(page.file.src_uri)
        for href, _ in targets.urls.values():
            target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, href)))
            target_urls.append(target.url if target is not None else None)
    files_key = file_map_key if needs_file_map(body) else ""
    return page_key(config_key, files_key, page.file.src_uri, page.file.url, body, targets, target_urls)


class RenderCache:
    """Rendered pages by source path, each with the key of the inputs it was rendered from."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, Rendered]] = {}
        self._seen: set[str] = set()
        self._pending: dict[str, str] = {}  # src_uri -> key, for pages being rendered now
        self._collect = RecordCollector()  # the records still reach MkDocs' own handlers
        self.hits = 0  # pages of the latest build taken from the cache

    def begin_build(self) -> None:
        self._seen = set()
        self._pending = {}
        self.hits = 0

    def take(self, src_uri: str, key: str) -> Rendered | None:
        """The page's rendering if its inputs are unchanged; otherwise None, and its rendering is recorded."""
        self._seen.add(src_uri)
        entry = self._entries.get(src_uri)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self._pending[src_uri] = key
        self._collect.records = []
        logging.getLogger("mkdocs").addHandler(self._collect)
        return None

    def keep(self, src_uri: str, key: str, rendered: Rendered) -> None:
        """Keep a page rendered elsewhere (by the render worker) under the key of its inputs."""
        self._seen.add(src_uri)
        self._entries[src_uri] = (key, rendered)

    def rendered(self, src_uri: str, html: str, toc: Any, anchors: Iterable[str],
                 links_to_anchors: dict[str, dict[str, str]] | None) -> None:  # fmt: skip
        """Keep a page MkDocs has just rendered (after `take` answered None for it)."""
        key = self._pending.pop(src_uri, None)
        logging.getLogger("mkdocs").removeHandler(self._collect)
        if key is not None:
            records, self._collect.records = self._collect.records, []
            self._entries[src_uri] = (key, Rendered(html, toc, set(anchors), links_to_anchors, records))

    def abort_build(self) -> None:
        """A failed build: what it rendered is still valid, and nothing is forgotten."""
        logging.getLogger("mkdocs").removeHandler(self._collect)
        self._pending = {}

    def end_partial_build(self, gone: Iterable[str]) -> None:
        """A build that rendered only some pages (serve's rebuilds, see `live`): forget only the pages ``gone``."""
        logging.getLogger("mkdocs").removeHandler(self._collect)
        for src_uri in gone:
            self._entries.pop(src_uri, None)

    def end_build(self) -> None:
        """Forget pages this build did not have: deleted, moved, or no longer rendered through the cache."""
        logging.getLogger("mkdocs").removeHandler(self._collect)
        self._entries = {uri: entry for uri, entry in self._entries.items() if uri in self._seen}
