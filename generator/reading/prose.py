"""Which parts of a Markdown body are prose, for the scans that look for names and raw HTML.

Code (fenced, indented, spans), link targets, reference link definitions and HTML tags are
replaced by spaces, so offsets, and so line and column numbers, stay those of the original
text. The scans run on every brief, so every rule is a regular expression over the whole body,
run only when the body holds its marker; Python loops only over what the expressions find
(fence lines, code blocks, backtick runs, link targets and tags), never over every line.
Bodies come from contributors, some hostile: no rule searches the same stretch of text again
from each of many starting points, so every scan takes time linear in the body.

The rules follow CommonMark where Python-Markdown, which renders the site, agrees with it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

# A fence line: up to 3 spaces, then 3+ backticks or tildes, then (on an opening fence) an info string.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)

_INDENT = r"(?: {4}| {0,3}\t)"  # 4 columns, or a tab reaching the next stop


def _indented_code(indent: str) -> re.Pattern[str]:
    """Indented code: an indented, non-blank line after a blank line or at the start of the body (it cannot
    interrupt a paragraph), then more indented or blank lines. One blank line before it is enough to look
    at: matching a run of them would rescan the run from each of its lines."""
    line = rf"{indent}[^\n]*"
    return re.compile(rf"(?:\A|^[ \t]*\n)({indent}[ \t]*\S[^\n]*(?:\n(?:[ \t]*(?=\n)|{line}))*)", re.MULTILINE)


_INDENTED_CODE = _indented_code(_INDENT)
# Inside a list, 4 columns are the item's own content (a nested item, a continuation paragraph): code needs 4 more.
_INDENTED_CODE_IN_LIST = _indented_code(_INDENT * 2)
_ITEM = r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"
# A list: an item line, then lines of text (more of it, or further items), or blank lines followed by an
# indented line or another item. Possessive, so a long run of blank lines is never backtracked over.
_LIST = re.compile(
    rf"^{_ITEM}[^\n]*(?:\n[ \t]*\S[^\n]*|(?:\n[ \t]*(?=\n))++\n(?=(?:  |\t)[ \t]*\S|{_ITEM})[^\n]*)*+", re.MULTILINE
)

# Code spans: a run of backticks (not escaped) and the next run of the same length in its paragraph.
_BACKTICKS = re.compile(r"(?<!\\)`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

# A reference link definition, `[label]: target "title"`; a footnote (`[^1]: ...`) is prose.
_REFERENCE_DEFINITION = re.compile(
    r"""^ {0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""", re.MULTILINE
)
# An inline link's target `](...)`, or an autolink or HTML tag `<...>`, each within its line: the opener, and
# what ends the search for its closer (the closer, or the end of the line).
_NOT_PROSE = {"](": re.compile(r"[)\n]"), "<": re.compile(r"[>\n]")}


def blank_code(body: str) -> str:
    """The body with fenced and indented code blocks and code spans replaced by spaces.

    Each rule runs only if its marker is in the text at all: most bodies have no code, and a
    substring test is far cheaper than a line-anchored expression tried at every offset.
    """
    text = body
    if "```" in text or "~~~" in text:
        text = _blank(text, _fenced_blocks(text))
    if "    " in text or "\t" in text:
        text = _blank(text, _indented_code_blocks(text))
    if "`" in text:
        text = _blank(text, _code_spans(text))
    return text


def prose(body: str) -> str:
    """The body with code, link targets, reference definitions and HTML tags replaced by spaces."""
    text = blank_code(body)
    if "]:" in text:
        text = _REFERENCE_DEFINITION.sub(_blank_match, text)
    return _blank(text, _link_targets_and_tags(text))


def _fenced_blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each fenced code block, fences included; an unclosed one runs to the end, as in CommonMark."""
    opening: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        fence, rest = match.groups()
        if opening is None:
            if not (fence[0] == "`" and "`" in rest):  # a backtick fence's info string has no backticks
                opening = match
        elif _closes(opening.group(1), fence, rest):
            yield opening.start(), match.end()
            opening = None
    if opening is not None:
        yield opening.start(), len(text)


def _closes(opening: str, fence: str, rest: str) -> bool:
    """A closing fence: the opening's character, at least as many, and nothing after it but spaces."""
    return fence[0] == opening[0] and len(fence) >= len(opening) and not rest.strip(" \t")


def _indented_code_blocks(text: str) -> Iterator[tuple[int, int]]:
    lists: list[int] | None = None  # start, end, start, end ... of each list, found only when needed
    for match in _INDENTED_CODE.finditer(text):
        if lists is None:
            lists = [offset for found in _LIST.finditer(text) for offset in found.span()]
        if bisect.bisect_right(lists, match.start(1)) % 2 == 0:  # outside every list
            yield match.span(1)
        else:
            yield from (deeper.span(1) for deeper in _INDENTED_CODE_IN_LIST.finditer(text, match.start(), match.end(1)))


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each code span. Runs are paired by index rather than by a regex, which would rescan
    the rest of the paragraph from every backtick run that has no partner."""
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}  # run length -> indexes of the runs that long, in order
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect.bisect_right(same, index)
        close = same[after] if after < len(same) else None
        if close is not None and bisect.bisect_left(breaks, end) == bisect.bisect_left(breaks, runs[close][0]):
            yield start, runs[close][1]
            index = close + 1
        else:
            index += 1  # no partner in the paragraph: the run is plain text


def _link_targets_and_tags(text: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each link target and tag: what `\]\([^)\n]*\)|<[^>\n]*>` finds, in linear time.

    That expression would search the rest of a line again from each opener without a closer on it: quadratic
    on a line of 50,000 `](`. Here such an opener rules out every later opener of its kind on the line (they
    would look for the same closer), so each stretch of text is searched at most once for each kind.
    """
    following = {opener: text.find(opener) for opener in _NOT_PROSE}  # each kind's next opener; -1: none left
    while True:
        start, opener = min(((at, opener) for opener, at in following.items() if at >= 0), default=(-1, ""))
        if start < 0:
            return
        stop = _NOT_PROSE[opener].search(text, start + len(opener))
        if stop is None:
            following[opener] = -1
        elif stop.group() == "\n":
            following[opener] = text.find(opener, stop.end())
        else:
            yield start, stop.end()
            for kind, at in following.items():
                if 0 <= at < stop.end():
                    following[kind] = text.find(kind, stop.end())


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        parts += (text[cursor:start], _spaces(text[start:end]))
        cursor = end
    return "".join((*parts, text[cursor:])) if parts else text


def _blank_match(match: re.Match[str]) -> str:
    return _spaces(match.group())


def _spaces(text: str) -> str:
    """The text with every character but newlines made a space (line by line: a megabyte of code is one join)."""
    return "\n".join(" " * len(line) for line in text.split("\n"))
