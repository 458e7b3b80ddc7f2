"""Turn character offsets in a text into the 1-based (line, column) an editor shows.

Only '\\n' ends a line: YAML also counts U+0085, U+2028 and U+2029 as line breaks,
so its own line numbers drift from the editor's after one of them; offsets do not.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

_NEWLINE = re.compile("\n")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


class Mark(Protocol):
    """A place in YAML text, as PyYAML and libyaml report it."""

    index: int
    line: int
    column: int


class LineIndex:
    """Turns offsets in a text into 1-based (line, column), counting lines from ``first_line``."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._text = text
        self._first_line = first_line
        self._starts: list[int] | None = None  # offset of each line, computed on first use
        # Without those characters YAML counts lines as an editor does ('\r' is gone by now), and its marks
        # can be used as they are: front matter is positioned node by node, so this saves the offset search.
        self._yaml_agrees = not any(ch in text for ch in _YAML_ONLY_BREAKS)

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._first_line + index, offset - self._starts[index] + 1

    def of_mark(self, mark: Mark) -> tuple[int, int]:
        """Where a YAML mark (of this text) is in the editor's terms."""
        if self._yaml_agrees:
            return self._first_line + mark.line, mark.column + 1
        return self.position(mark.index)
