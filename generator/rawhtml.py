"""Find raw HTML in a Markdown body, for sites that refuse it (``raw_html: refuse``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .mentions import prose_lines

# An HTML tag or comment; `<https://...>` and `<name@host>` are Markdown autolinks, not HTML.
_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>]))")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def find_raw_html(body: str, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line, column, tag) of each opening HTML tag or comment outside code."""
    for line in prose_lines(body, first_line):
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line.text)
        for match in _TAG.finditer(text):
            end = text.find(">", match.start())
            yield line.number, match.start() + 1, text[match.start() : end + 1 if end >= 0 else match.end()]
