"""Find raw HTML in a Markdown body, for sites that refuse it (``raw_html: refuse``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lines import LineIndex
from .prose import blank_code

# An opening HTML tag or a comment; `<https://...>` and `<name@host>` are Markdown autolinks, not HTML.
_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>]))")


def find_raw_html(body: str, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line, column, tag) of each opening HTML tag or comment outside code."""
    text = blank_code(body)
    lines = LineIndex(body, first_line)
    for match in _TAG.finditer(text):
        end = text.find(">", match.start())
        yield *lines.position(match.start()), text[match.start() : end + 1 if end >= 0 else match.end()]
