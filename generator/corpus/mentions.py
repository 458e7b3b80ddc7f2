"""Find registered actors and countries named in a body of Markdown.

Names are compiled into one regular expression shaped like a trie, so a body
is scanned once, in C, whatever the number of names: a site with thousands of
actors scans as fast as one with ten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..base.lines import LineIndex
from ..reading.prose import prose

_WORD = re.compile(r"\w+")
# Between the words of a name, text may have any run of spaces or one of these.
_GAP = r"(?:\s+|\s*[.\-'’]\s*)"


@dataclass(frozen=True)
class Mention:
    target: str  # an opaque id chosen by the caller, e.g. "actor:xi-jinping"
    written: str
    line: int
    column: int
    start: int  # offset in the body
    end: int


def _trie_pattern(alternatives: Iterable[tuple[str, ...]]) -> str:
    """A regex matching any of the word sequences, longest first, branching like a trie."""
    trie: dict[str, Any] = {}
    for words in alternatives:
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    branches = []
    for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
        rest = node[word]
        tail = _node_pattern(rest) if any(rest) else ""
        optional = "" in rest and tail
        if tail:
            tail = f"(?:{_GAP}{tail})" + ("?" if optional else "")
        branches.append(re.escape(word) + tail)
    return "(?:" + "|".join(branches) + ")" if branches else ""


class MentionFinder:
    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names`` is (target, name) pairs; names are matched case-sensitively, as whole words."""
        self._targets: dict[tuple[str, ...], str] = {}
        for target, name in names:
            words = tuple(_WORD.findall(name))
            if words:
                self._targets.setdefault(words, target)
        pattern = _trie_pattern(self._targets)
        # No leading look-behind: it would stop the regex engine from skipping ahead by first letters.
        self._regex = re.compile(rf"{pattern}(?!\w)") if pattern else None

    @cached_property
    def fingerprint(self) -> str:
        """What the finder matches, as a digest: equal for equal names and targets (a render cache's key)."""
        return hashlib.sha256(repr(sorted(self._targets.items())).encode()).hexdigest()

    def find(self, body: str, first_line: int = 1) -> Iterator[Mention]:
        """Every mention in the prose of a Markdown body, in order; code and link targets are skipped."""
        return self._scan(prose(body), body, first_line)

    def find_in_text(self, text: str) -> Iterator[Mention]:
        """Every mention in plain text (e.g. a text node of rendered Markdown, where code is already apart)."""
        return self._scan(text, text, 1)

    def _scan(self, searched: str, original: str, first_line: int) -> Iterator[Mention]:
        if self._regex is None:
            return
        lines: LineIndex | None = None
        for match in self._regex.finditer(searched):
            before = searched[match.start() - 1] if match.start() else " "
            if before.isalnum() or before == "_":
                continue  # inside a longer word
            target = self._targets.get(tuple(_WORD.findall(match.group())))
            if target is None:
                continue
            lines = lines or LineIndex(original, first_line)
            yield Mention(target, original[match.start() : match.end()], *lines.position(match.start()),
                          match.start(), match.end())  # fmt: skip
