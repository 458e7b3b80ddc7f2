"""Find level-one headings in a body: the brief's title is its page's only <h1>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base.lines import LineIndex
from .prose import blank_code

# An ATX heading '# Title' (Python-Markdown, which renders the site, needs no space after '#'), or a
# setext heading (a text line underlined with '=').
_LEVEL_ONE = re.compile(r"^ {0,3}#(?!#)[^\n]*$|^ {0,3}[^\s\n][^\n]*\n {0,3}=+[ \t]*$", re.MULTILINE)


def find_level_one_headings(body: str, first_line: int = 1) -> Iterator[tuple[int, int]]:
    """(line, column) of each level-one heading outside code."""
    if "#" not in body and "=" not in body:
        return
    lines = LineIndex(body, first_line)
    for match in _LEVEL_ONE.finditer(blank_code(body)):
        yield lines.position(match.start() + len(match.group()) - len(match.group().lstrip()))
