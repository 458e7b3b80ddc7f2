"""The costly shapes of block structure: code fences never closed, and lists, quotes and emphasis nested deep.

The model and its bounds are explained in `costly`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .costly import MAX_EMPHASIS_NESTING, MAX_FENCE_SEARCH, MAX_NESTING, PASSING, Costly, too_slow

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_EMPHASIS_RUN = re.compile(r"\*+|_+")


_FENCE = re.compile(r"^(?:`{3,}|~{3,})", re.MULTILINE)
_FENCE_INFO = re.compile(
    r"""[ ]*(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<quote>["'])[^\n]*?(?P=quote)[ ]*)?)"""
)
_HL_LINES = re.compile(r"""hl_lines=(["'])""")
_QUOTE_AT_LINE_END = {quote: re.compile(quote + r"[ ]*\n") for quote in "\"'"}


def fences(body: str) -> Iterator[Costly]:
    """Python-Markdown finds fenced blocks by searching the body from the top, again after each one found.
    Each search reads, from every fence before the block it finds that is never closed, to the end of the
    body; with `hl_lines="`, once more for each later line that ends with that quote."""
    if "```" not in body and "~~~" not in body:
        return
    fences = list(_FENCE.finditer(body))
    size = len(body)
    if "hl_lines=" not in body and len(fences) * size * (len(fences) // 2 + 1) <= MAX_FENCE_SEARCH:
        return
    lines = []  # (offset, fence, the rest of its line, whether a newline ends it)
    for found in fences:
        end = body.find("\n", found.end())
        lines.append((found.start(), found.group(), body[found.end() : end if end >= 0 else size], end >= 0))
    closer: list[int | None] = [None] * len(lines)  # the next line that closes each fence: its fence alone
    following: dict[str, int] = {}
    for index in reversed(range(len(lines))):
        _, fence, rest, _ = lines[index]
        closer[index] = following.get(fence)
        if not rest.strip(" "):
            following[fence] = index
    quote_ends: dict[str, list[int]] = {}
    searched = 0  # by the searches that found a block
    passed = 0  # by each search, from the fences never closed before the block it finds
    blocks, unclosed, worst, worst_at = 0, 0, 0, -1
    over_at = -1  # the block whose search passed the bound
    index = 0
    while index < len(lines):
        start, _, rest, has_newline = lines[index]
        opens = has_newline and _FENCE_INFO.fullmatch(rest) is not None
        hl_lines = _HL_LINES.search(rest)
        block_end = closer[index] if opens else None
        if block_end is not None:
            searched += passed + start // PASSING
            blocks += 1
            if over_at < 0 and searched > MAX_FENCE_SEARCH:
                over_at = start
            index = block_end + 1
            continue
        if opens or hl_lines:
            reads = 1
            if hl_lines:
                quote = hl_lines.group(1)
                if quote not in quote_ends:
                    quote_ends[quote] = [m.start() for m in _QUOTE_AT_LINE_END[quote].finditer(body)]
                reads += len(quote_ends[quote]) - bisect.bisect_right(quote_ends[quote], start)
            unclosed += 1
            passed += (size - start) * reads
            if (size - start) * reads > worst:
                worst, worst_at = (size - start) * reads, start
        index += 1
    total = searched + passed + size // PASSING  # and the last search, which finds no block
    if total <= MAX_FENCE_SEARCH:
        return
    if unclosed:
        yield Costly(worst_at, too_slow(f"{unclosed:,} code fences never closed", total, MAX_FENCE_SEARCH),
                     "close each code block with a line holding only its fence, e.g. '```'")  # fmt: skip
    else:  # blocks enough that searching from the top again after each is too much
        yield Costly(over_at if over_at >= 0 else lines[-1][0],
                     too_slow(f"{blocks:,} fenced code blocks, each searched for from the top of the body", total,
                               MAX_FENCE_SEARCH), "split the brief, or indent short code by four spaces")  # fmt: skip


# --- Headings ------------------------------------------------------------------------------------------


_DEEP_LINE = re.compile(rf"\n(?=[ \t>*+\-.)\d]{{{MAX_NESTING}}})")
_CONTAINERS = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")


def nesting(body: str) -> Iterator[Costly]:
    """Python-Markdown parses nested lists and quotes, and walks the elements they make, recursively: a few
    hundred levels overflow Python's recursion limit. A level is a '>', a list marker, or four columns of
    indentation. Emphasis nests too, as deep as its delimiters opened are later closed."""
    for line in _DEEP_LINE.finditer("\n" + body):  # offsets in body: the newline's own
        prefix = _CONTAINERS.match(body, line.start()).group()  # type: ignore[union-attr]  # it matches ''
        markers = len(_LIST_MARKER.findall(prefix)) + prefix.count(">")
        indentation = prefix.count(" ") + 4 * prefix.count("\t") - markers  # a marker's own space is not indentation
        if markers + max(0, indentation) // 4 > MAX_NESTING:
            yield Costly(line.start(), f"lists or quotes nested more than {MAX_NESTING:,} deep",
                         "flatten the structure; a brief needs a few levels at most")  # fmt: skip
            break
    if body.count("*") + body.count("_") > MAX_EMPHASIS_NESTING:
        deep = _emphasis_nesting(body)
        if deep >= 0:
            yield Costly(deep, f"emphasis ('*' or '_') nested more than {MAX_EMPHASIS_NESTING:,} deep",
                         "close each '*' or '_' you open, or write a literal one as '\\*' or '\\_'")  # fmt: skip


def _emphasis_nesting(body: str) -> int:
    """Where emphasis gets nested more than MAX_EMPHASIS_NESTING deep in a paragraph, or -1.

    A run of '*' or '_' followed by a non-space opens as many levels as it is long, one preceded by a
    non-space closes as many (word-internal '_' do neither). Open levels count only as far as delimiters
    that close them follow in the paragraph: a '*' never closed nests nothing.
    """
    runs: list[tuple[int, int]] = []  # (offset, levels: positive opens, negative closes), in this paragraph
    paragraph_end = -1
    for run in _EMPHASIS_RUN.finditer(body):
        start, end = run.span()
        if start > paragraph_end:
            deep = _deepest(runs)
            if deep >= 0:
                return deep
            runs.clear()
            stop = _PARAGRAPH_BREAK.search(body, start)
            paragraph_end = stop.start() if stop else len(body)
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if body[start] == "_" and before.isalnum() and after.isalnum():
            continue
        if not before.isspace():
            runs.append((start, start - end))
        elif not after.isspace():
            runs.append((start, end - start))
    return _deepest(runs)


def _deepest(runs: list[tuple[int, int]]) -> int:
    closing_after = -sum(levels for _, levels in runs if levels < 0)
    depth = 0
    for offset, levels in runs:
        if levels > 0:
            depth += levels
            if min(depth, closing_after) > MAX_EMPHASIS_NESTING:
                return offset
        else:
            depth = max(0, depth + levels)
            closing_after += levels
    return -1
