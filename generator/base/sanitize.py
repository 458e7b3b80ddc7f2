"""The one gate every page body passes: HTML rendered from an author's Markdown, made safe.

Every Markdown body that reaches a page (briefs, actor and country profiles, the home page, any
other page under docs_dir) goes through `safe_html`, in both `raw_html` modes and whichever
process renders it. There is no fast path: a body's Markdown can produce unsafe HTML without a
single '<' (attribute lists, reference links, link targets), so no look at the source can prove
the gate unnecessary.

The rules are stated once, here, and the checker (`body_rules`) reads them to warn authors about
what the gate will remove:
- only the tags Markdown produces, plus a few harmless ones;
- attributes from an allow-list (`KEPT_ATTRIBUTES`): never an event handler (`on*`), never `style`;
- in every URL attribute, only http(s), mailto, in-page (`#...`) and relative URLs, judged as a
  browser reads them (`url_scheme`).
"""

from __future__ import annotations

import html
import re

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

TAGS = frozenset(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "details", "summary", "mark", "sup", "sub", "abbr"}
# Attributes authors keep, in raw HTML and in attribute lists (`{#id .class title="..."}`); anything else
# is dropped. Documented in the README's Safety section.
KEPT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "type"}),
}
# Attributes a browser reads as a URL (HTML, SVG, MathML): any of them with a script URL is reported.
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "codebase",
    "srcset", "ping", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "profile", "usemap", "archive", "classid",
})  # fmt: skip

# What a browser's URL parser ignores: ASCII tab and newline anywhere, C0 controls and spaces at either end.
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Markdown's backslash escapes (`javascript\:`): Markdown removes the backslash before any ASCII punctuation.
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in this attribute value (lower case), or None for a relative URL.

    Character references are decoded (`&#106;avascript&colon;`), tabs and newlines removed wherever they
    are (`java\\tscript:`), controls and spaces trimmed from both ends, case folded (`JaVaScRiPt:`).
    """
    decoded = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", url)) if ("&" in url or "\\" in url) else url
    match = _SCHEME.match(decoded.translate(_TAB_OR_NEWLINE).strip(_C0_OR_SPACE).lower())
    return match.group(1) if match else None


def is_unsafe_attribute(name: str) -> bool:
    """Event handlers run script; `style` can hide or disguise content. Neither survives the gate."""
    name = name.lower()
    return name.startswith("on") or name == "style"


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in KEPT_ATTRIBUTES.items()},
    url_schemes=set(SAFE_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def safe_html(rendered: str) -> str:
    """Scripts, event handlers, styles, unknown attributes and script URLs go; Markdown's own output stays."""
    return str(_CLEANER.clean(rendered))
