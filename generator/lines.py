"""Turn character offsets in a text into the 1-based (line, column) an editor shows.

Only '\\n' ends a line: YAML also counts U+0085, U+2028 and U+2029 as line breaks,
so its own line numbers drift from the editor's after one of them; offsets do not.
"""

from __future__ import annotations

import bisect
import re

_NEWLINE = re.compile("\n")


class LineIndex:
    """Turns offsets in a text into 1-based (line, column), counting lines from ``first_line``."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self._first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._first_line + index, offset - self._starts[index] + 1
