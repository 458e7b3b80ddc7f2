"""Clean HTML rendered from an author's Markdown to a safe subset (``raw_html: sanitize``)."""

from __future__ import annotations

import re

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "details", "summary", "mark", "sup", "sub", "abbr"}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type"},
    "abbr": {"title"},
}


# Markdown that can produce unsafe HTML: raw HTML or entities ('<', '&'), or a link whose target has a
# scheme other than http(s) or mailto (`[x](javascript:...)`, `[x]: data:...`).
# Conservative: any ':' in a link target before a '/', '?' or '#' counts (browsers drop tabs inside schemes).
_MAYBE_UNSAFE = re.compile(r"[<&]|\]\s*[(:]\s*+(?!https?://|mailto:)[^)/?#\n]*:", re.IGNORECASE)


def needs_sanitizing(markdown: str) -> bool:
    """False when Markdown's own output for this source is certainly safe, so the sanitiser can be skipped."""
    return _MAYBE_UNSAFE.search(markdown) is not None


def sanitize_html(html: str) -> str:
    """Scripts, event handlers, styles and non-http(s) links go; Markdown's own output stays intact."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
