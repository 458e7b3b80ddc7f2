"""Find raw HTML in a Markdown body, for sites that refuse it (``raw_html: refuse``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base.lines import LineIndex
from .prose import blank_code

# An opening HTML tag or a comment; `<https://...>` and `<name@host>` are Markdown autolinks, not HTML.
_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>]))")
_SHOWN = 60  # at most this much of a tag is quoted in a message, and only its first line


def find_raw_html(body: str, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line, column, tag) of each opening HTML tag or comment outside code; the tag runs to the next '>'.

    That '>' is looked for once for all the tags before it, and a tag is quoted short: 50,000 '<a' before
    one '>' would otherwise cost a scan, and a quote, of the rest of the body each.
    """
    text = blank_code(body)
    lines = LineIndex(body, first_line)
    closing = -1  # the first '>' at or after the last tag; len(text) if there is none
    for match in _TAG.finditer(text):
        start = match.start()
        if closing < start:
            found = text.find(">", start)
            closing = found if found >= 0 else len(text)
        end = closing + 1 if closing < len(text) else match.end()
        shown = text[start : min(end, start + _SHOWN)].split("\n", 1)[0]
        yield *lines.position(start), shown if len(shown) == end - start else shown + "…"
