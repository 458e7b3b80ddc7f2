"""Redirects: every old address of a brief, and its permanent short link, lead to its page.

Each is a small HTML file written where the old page was (a data file of the plan, not a page:
it is in neither the sitemap nor the search index), that works without JavaScript: a meta
refresh, a canonical link and a visible link, all relative, so the site works under a sub-path
and from any host. ``_redirects`` says the same to the hosts that read one (Netlify, Cloudflare
Pages): an old address moved for good (301); a permanent link answers with where the brief is
*now*, which may change, so it is a temporary redirect (302) that no cache keeps for ever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.model import Brief, Located
from . import urls


@dataclass(frozen=True)
class Redirect:
    path: str  # the old address: site-relative, not encoded, a folder ('2023/old/') or a file ('old.html')
    brief: Brief
    written: Located | None = None  # where the author wrote it (line 0: found in git history); None: a permanent link

    @property
    def output(self) -> str:
        return urls.redirect_output(self.path)

    @property
    def target(self) -> str:
        return urls.page_path(self.brief.path)

    @property
    def status(self) -> int:
        return 302 if self.written is None else 301


# The last plan and the list of briefs it was made from: a build plans its redirects for its checks, its data
# files' paths and the files themselves (in the background, forked after the checks), from one list of briefs.
_last: tuple[Iterable[Brief], list[Redirect]] | None = None


def plan_redirects(briefs: Iterable[Brief]) -> list[Redirect]:
    """Each brief's permanent link and old addresses, by address. Where two briefs claim one address, each
    claim is listed (`redirect_diagnostics` reports them); the build stops before any is written. The list is
    shared by the calls with the same ``briefs`` object: never change it."""
    global _last
    if _last is not None and _last[0] is briefs:
        return _last[1]
    planned = _plan(briefs)
    _last = (briefs, planned)
    return planned


def _plan(briefs: Iterable[Brief]) -> list[Redirect]:
    redirects: dict[tuple[str, str], Redirect] = {}
    for brief in briefs:
        redirects[urls.permalink_url(brief.slug), brief.path] = Redirect(urls.permalink_url(brief.slug), brief)
        for old in brief.redirect_from:  # an address written twice in one brief is one redirect
            redirects.setdefault((old.value, brief.path), Redirect(old.value, brief, old))
    return [redirects[key] for key in sorted(redirects)]


def redirect_page(redirect: Redirect, site_url: str) -> str:
    """The HTML written at the old address. Every value is escaped; the target is relative to the old address."""
    folder = redirect.path.rpartition("/")[0] + "/" if "/" in redirect.path else ""
    relative = "../" * folder.count("/") + urls.encoded(redirect.target)
    canonical = f"{site_url.rstrip('/')}/{urls.encoded(redirect.target)}" if site_url else relative
    title = escape(redirect.brief.title)
    href = escape(relative)
    return (
        f"<!doctype html>\n<html lang=\"{escape(redirect.brief.lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"  # the brief's
        f"<title>Redirecting: {title}</title>\n"
        f"<link rel=\"canonical\" href=\"{escape(canonical)}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
        "</head>\n<body>\n"
        f"<p>This brief is at <a href=\"{href}\">{title}</a>.</p>\n"
        "</body>\n</html>\n"
    )  # fmt: skip


def redirects_file(redirects: Iterable[Redirect], site_url: str) -> str:
    """``_redirects``: one ``/old/ /new/ 301`` line per address, sorted. Paths start at the host's root, so they
    carry the path of ``site_url`` (a site served under /briefing/). Encoded, a path holds no space."""
    base = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
    lines = sorted(f"{base}{urls.encoded(r.path)} {base}{urls.encoded(r.target)} {r.status}" for r in redirects)
    return "".join(f"{line}\n" for line in lines)


def redirect_paths(briefs: Iterable[Brief]) -> list[str]:
    """Where the redirects are written: a file per address, and ``_redirects``."""
    return [*(r.output for r in plan_redirects(briefs)), urls.REDIRECTS]


def redirect_inputs(briefs: Iterable[Brief]) -> dict[str, tuple[str, str, int, str]]:
    """What each redirect file is made of (target, title, status, language), by output path: a serve rebuild
    writes again those that differ from before, and ``_redirects`` when any does."""
    return {r.output: (r.target, r.brief.title, r.status, r.brief.lang) for r in plan_redirects(briefs)}


def redirect_diagnostics(redirects: list[Redirect], taken: dict[str, str]) -> list[Diagnostic]:
    """An error at each old address written that a live output holds (``taken``: what each output path is, the
    folders the site owns whole ending in '/'), or that another brief claims too."""
    claims: dict[str, list[Redirect]] = {}
    for redirect in redirects:
        claims.setdefault(redirect.output, []).append(redirect)
    diagnostics: list[Diagnostic] = []
    for output, claimed in claims.items():
        holder = _holder(output, taken)
        for redirect in claimed:
            if redirect.written is None or redirect.written.line == 0:
                continue  # a permanent link (b/ is the site's, and slugs are unique), or found in git's history
            shown = f"/{redirect.path}"
            sink = DiagnosticSink(redirect.brief.path)
            if holder is not None:
                sink.error(redirect.written.line, redirect.written.column, "redirect-conflict",
                           f"'redirect_from' '{shown}' is taken by {holder}",
                           "remove it: that address is live, and a redirect there would replace what is")  # fmt: skip
            # Other briefs' old addresses; a permanent link here is reported as the folder of them all, above.
            others = [o.brief.path for o in claimed if o.written is not None and o.brief.path != redirect.brief.path]
            if others:
                sink.error(redirect.written.line, redirect.written.column, "redirect-claimed",
                           f"'redirect_from' '{shown}' is claimed by {' and '.join(sorted(set(others)))} too",
                           "an old address leads to one brief: remove it from all but one")  # fmt: skip
            diagnostics += sink.items
    return diagnostics


def _holder(output: str, taken: dict[str, str]) -> str | None:
    """What already writes ``output``, a folder the site owns above it, or a file where it needs a folder."""
    if output in taken:
        return taken[output]
    at = output.find("/")
    while at != -1:
        folder = output[: at + 1]
        held = taken.get(folder) or taken.get(folder.removesuffix("/"))
        if held is not None:
            return held
        at = output.find("/", at + 1)
    return None
