"""Find registered actors and countries named in a body of Markdown.

Matching works on word tokens, so its cost grows with the length of the text,
not with the number of names: a site with thousands of actors scans as fast
as one with ten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Code spans, link targets, autolinks and HTML tags: blanked so names inside them don't count.
_NOT_PROSE = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]*>")


@dataclass(frozen=True)
class Mention:
    target: str  # an opaque id chosen by the caller, e.g. ("actor", slug)
    written: str
    line: int
    column: int
    start: int  # offset in the body
    end: int


@dataclass(frozen=True)
class ProseLine:
    number: int  # line number in the file
    offset: int  # offset of the line in the body
    text: str  # the line as written
    prose: str  # the same line with code spans, link targets and tags blanked out (same length)


def prose_lines(body: str, first_line: int = 1) -> Iterator[ProseLine]:
    """The lines of a Markdown body outside fenced and indented code blocks."""
    in_fence: str | None = None
    offset = 0
    for number, line in enumerate(body.split("\n"), start=first_line):
        line_start = offset
        offset += len(line) + 1
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker[0] * 3
            elif marker.startswith(in_fence):
                in_fence = None
            continue
        if in_fence is not None or line.startswith(("    ", "\t")):
            continue
        yield ProseLine(number, line_start, line, _NOT_PROSE.sub(lambda m: " " * len(m.group()), line))


class MentionFinder:
    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names`` is (target, name) pairs; names are matched case-sensitively, word by word."""
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for target, name in names:
            tokens = tuple(_TOKEN.findall(name))
            if tokens:
                self._by_first.setdefault(tokens[0], []).append((tokens, target))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, body: str, first_line: int = 1) -> Iterator[Mention]:
        """Every mention in prose, in order; code blocks, code spans and link targets are skipped."""
        for line in prose_lines(body, first_line):
            tokens = list(_TOKEN.finditer(line.prose))
            index = 0
            while index < len(tokens):
                matched = self._match_at(tokens, index)
                if matched is None:
                    index += 1
                    continue
                length, target = matched
                first, last = tokens[index], tokens[index + length - 1]
                yield Mention(target, line.text[first.start() : last.end()], line.number, first.start() + 1,
                              line.offset + first.start(), line.offset + last.end())  # fmt: skip
                index += length

    def _match_at(self, tokens: list[re.Match[str]], index: int) -> tuple[int, str] | None:
        candidates = self._by_first.get(tokens[index].group())
        if not candidates:
            return None
        for words, target in candidates:
            end = index + len(words)
            # Words of one name must be adjacent: only spaces or dots between them.
            if (
                end <= len(tokens)
                and all(tokens[index + k].group() == words[k] for k in range(1, len(words)))
                and all(_joined(tokens[k], tokens[k + 1]) for k in range(index, end - 1))
            ):
                return len(words), target
        return None


def _joined(left: re.Match[str], right: re.Match[str]) -> bool:
    gap = left.string[left.end() : right.start()]
    return len(gap) <= 2 and all(ch in " .-'’" for ch in gap)
