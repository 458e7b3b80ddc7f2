"""MkDocs' `url` template filter, with a shortcut for the site-relative URLs the core makes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context

# Paths the core generates: no scheme, no leading slash, no '..', no query or fragment.
_SITE_RELATIVE = re.compile(r"(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*)?")


@dataclass
class Fallbacks:
    """How many URLs went to MkDocs' filter: such a URL is spelled from the page's own URL, not its depth, which
    `list_entries` needs to know (an entry holding one cannot be shared between pages)."""

    count: int = 0


def fast_url_filter(mkdocs_url: Any, fallbacks: Fallbacks | None = None) -> Any:
    """MkDocs' `url` filter, with a shortcut for the site-relative URLs the core makes.

    A brief page links to dozens of pages; MkDocs' filter computes each relative path from scratch.
    Joining the page's `base_url` (the way back to the site root) leads to the same place far faster,
    and pages at the same depth share results. The spelling differs, as the path always goes through
    the root: from `actors/x/`, `actors/` is `../../actors/` (MkDocs: `../`) and `''` is `../../`
    (MkDocs: `../..`). Folder URLs must end with '/', as the core writes them: MkDocs reads
    `actors/x` from `actors/x/` as the page's own folder. tests/site/test_site_url_filter.py pins both.
    """
    joined: dict[tuple[str, str], str] = {}

    @pass_context
    def url(context: Any, value: str) -> str:
        base = context.get("base_url")
        key = (base, value)
        result = joined.get(key)
        if result is None:
            if isinstance(value, str) and isinstance(base, str) and _SITE_RELATIVE.fullmatch(value):
                result = joined[key] = f"{base.rstrip('/')}/{value}" if base not in ("", ".") else (value or "./")
            else:
                if fallbacks is not None:
                    fallbacks.count += 1
                return str(mkdocs_url(context, value))
        return result

    return url
