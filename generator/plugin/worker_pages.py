"""MkDocs' page population, split between the render worker and the build (see `build.processes`).

MkDocs populates a page in ``mkdocs.commands.build._populate_page``: the ``pre_page`` hooks, then
``Page.read_source``, the ``page_markdown`` hooks, ``Page.render`` (Markdown to HTML, the costly
part) and the ``page_content`` hooks. `render_in_worker` does the same for one page in the worker.
When the build reaches a page the worker rendered, `skip_markdown_conversion` makes its
``Page.render`` do nothing (the one place MkDocs is patched) and `use_worker_rendering` gives the
page what ``Page.render`` would have set.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..build.render_worker import Rendered, replay

PageHook = Callable[..., str]  # a plugin's on_page_markdown or on_page_content
WORKER_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")


def only_hooks_of(plugin: object, config: MkDocsConfig, events: tuple[str, ...] = WORKER_EVENTS) -> bool:
    """Whether ``plugin`` is the only one that changes pages as they render (the worker runs only its hooks)."""
    return all(getattr(method, "__self__", None) is plugin for e in events for method in config.plugins.events[e])


def render_in_worker(file: File, *, config: MkDocsConfig, files: Files, on_markdown: PageHook,
                     on_content: PageHook) -> Rendered:  # fmt: skip
    """In the worker: what MkDocs' own page population does, for one page, with the one plugin's hooks."""
    page = file.page or Page(None, file, config)
    page.read_source(config)
    page.markdown = on_markdown(page.markdown or "", page=page, config=config, files=files)
    page.render(config, files)
    html = on_content(page.content or "", page=page, config=config, files=files)
    return Rendered(html, page.toc, set(page.present_anchor_ids or ()), links_by_source(page))


def links_by_source(page: Page) -> dict[str, dict[str, str]] | None:
    """The anchors ``page`` links to, by the source path of the page they are on (None for none): what
    `Rendered` keeps, as it may outlive MkDocs' File objects."""
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return links or None


def _already_rendered(config: MkDocsConfig, files: Files) -> None:
    """Page.render for a page the worker rendered: skip building a Markdown converter for an empty text."""


def skip_markdown_conversion(page: Page) -> None:
    """Make MkDocs' next ``page.render(config, files)`` a no-op, for a page the worker rendered.

    Written against MkDocs 1.6.1, where ``_populate_page`` calls ``page.render(config, files)`` and
    then only asserts that ``page.content`` is set, and ``Page.render`` sets ``content``, ``toc``,
    ``present_anchor_ids``, ``links_to_anchors`` and ``_title_from_render`` and nothing else.
    `use_worker_rendering` sets the first four; the title is always in ``page.meta`` (see the plugin's
    on_page_markdown), which ``Page.title`` reads first. tests/site/test_site_processes.py fails
    when that behaviour changes.
    """
    page.content = ""  # the worker's HTML replaces it in on_page_content
    page.render = _already_rendered  # type: ignore[method-assign]


def empty_body_renders_empty(config: MkDocsConfig) -> bool:
    """Whether the site's Markdown makes nothing of an empty body, found by converting one (once a build). Then a
    generated page without a body (a pair's, a topic's) may skip building a converter: `render_empty_body`.
    Python-Markdown returns '' for a blank text before any extension runs; the check keeps that a fact, not a
    belief, should a later release change it."""
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
    return md.convert("") == "" and not getattr(md, "toc_tokens", None)


def render_empty_body(page: Page) -> None:
    """Set what ``Page.render`` sets for an empty body, without converting it; see `empty_body_renders_empty`. The
    page's HTML ('') still passes the plugin's on_page_content, the one gate."""
    skip_markdown_conversion(page)
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}
    page._title_from_render = None


def ready_to_render_again(page: Page) -> Page:
    """A page of an earlier build made ready to render again, as a new ``Page`` would be (serve's rebuilds keep
    the page objects, and with them MkDocs' nav): the patch above undone, and what rendering sets cleared."""
    vars(page).pop("render", None)
    page.markdown, page.content, page.toc, page.meta = None, None, [], {}  # type: ignore[assignment]
    page._title_from_render = None
    page.present_anchor_ids = None
    page.links_to_anchors = None
    return page


def use_worker_rendering(page: Page, rendered: Rendered, files: Files) -> str:
    """Give ``page`` what ``Page.render`` would have set, replay the worker's log records; the page's HTML."""
    page.toc = rendered.toc
    page.present_anchor_ids = rendered.anchors
    if rendered.links_to_anchors is not None:
        page.links_to_anchors = {
            target: anchors for uri, anchors in rendered.links_to_anchors.items()
            if (target := files.get_file_from_path(uri)) is not None
        }  # fmt: skip
    replay(rendered.log_records)
    return rendered.html
