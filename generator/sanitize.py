"""Clean HTML rendered from an author's Markdown to a safe subset (``raw_html: sanitize``)."""

from __future__ import annotations

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
