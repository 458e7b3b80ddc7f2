"""`redirect_from:`: a brief's earlier addresses, as Jekyll's jekyll-redirect-from takes them.

Each is a site-relative URL path, with or without its leading slash: ``/2023/old-name/`` and
``2023/old-name`` are the same folder. It is kept as the site keeps page paths (`site.urls.page_path`):
no leading slash, percent-decoded, and a folder ending in '/'. A path ending in ``.html`` is a file of
that name (a site moved from Jekyll or Hugo's ugly URLs kept ``old-name.html``), except ``index.html``,
which is its folder. Anything that could leave the site, or means something else to a browser, is an
error: a scheme or a host, ``..`` or ``.``, a query or a fragment, a backslash, control characters.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import yaml

from ..base.model import Located
from .fields import FieldContext, located_list

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HINT = "write the old address as a path from the site's root, e.g. /2023/old-name/"


def normalised(written: str) -> tuple[str | None, str]:
    """The site-relative path an old address names (None if it is not site-relative), and why not."""
    if "\\" in written:
        return None, "holds a backslash"
    if written.startswith("//") or urlsplit(written).scheme:
        return None, "names another site"
    if "?" in written or "#" in written:
        return None, "has a query or a fragment, which never reach the server's file"
    path = unquote(written)
    if _CONTROL.search(path) or "\\" in path:
        return None, "holds a control character or a backslash"
    path = path.removeprefix("/")
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        return None, "has '.' or '..' in it"
    if any(not segment for segment in segments[:-1]):
        return None, "has an empty folder ('//') in it"
    if path.endswith(".html"):
        return path.removesuffix("index.html") if segments[-1] == "index.html" else path, ""
    return (path if not path or path.endswith("/") else f"{path}/"), ""


def redirect_from(ctx: FieldContext, name: str, node: yaml.Node) -> list[Located] | None:
    """A list of old addresses (one alone counts as a list of one), normalised, each where it is written."""
    entries = located_list(min_items=0)(ctx, name, node)
    if entries is None:
        return None
    found = []
    for entry in entries:
        path, why = normalised(entry.value)
        if path is None:
            ctx.sink.error(entry.line, entry.column, "invalid-redirect",
                           f"'{name}' '{entry.value[:80]}' is not a site-relative URL: it {why}", _HINT)  # fmt: skip
        else:
            found.append(Located(path, entry.line, entry.column))
    return found
