"""Find bodies Python-Markdown would take too long to render, before it runs: links, HTML, headings and
footnotes here, block structure in `complexity_blocks`. The model and its bounds are explained in `costly`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from .complexity_blocks import fences, nesting
from .costly import (
    MAX_CLOSE_SEARCH,
    MAX_FOOTNOTE_REFERENCES,
    MAX_HEADINGS,
    MAX_LINK_SEARCH,
    MAX_REFERENCES_TO_A_FOOTNOTE,
    MAX_TAG_SEARCH,
    Costly,
    Search,
    shorten,
    too_slow,
)


def find_costly_markdown(body: str) -> list[Costly]:
    """Every shape of ``body`` that Python-Markdown would take too long to render, at most one of each kind."""
    return [found for check in _CHECKS for found in check(body)]


# --- Links: '[' ... ']' and '](' ... ')' -------------------------------------------------------

# An escaped bracket or parenthesis (skipped: Python-Markdown hides it before links are looked for), a
# paragraph break, or a character the link processors count.
_LINK_TOKEN = re.compile(r"""\\[\\\[\]()]|\n[ \t]*\n|[\[\]()"']""")


def _links(body: str) -> Iterator[Costly]:
    """Python-Markdown's link processors read from each '[' to its matching ']' (counting nested ones),
    or to the end of the paragraph; after a '](' they read to the matching ')', or to the end of the
    paragraph when a quote opens a title that is not closed right before that ')'."""
    openers = body.count("[") + body.count("(")
    if openers * len(body) <= MAX_LINK_SEARCH:  # no arrangement of them could search more
        return
    texts, targets = Search(), Search()
    brackets: list[int] = []  # offsets of the '[' not matched yet in this paragraph
    parens: list[tuple[int, bool]] = []  # '(' not matched yet, and whether it opens a link target (after ']')
    titled: list[tuple[int, int]] = []  # link targets whose title may not end at their ')', and that ')'
    quotes: list[int] = []  # offsets of the quotes in this paragraph
    for token in _LINK_TOKEN.finditer(body):
        at, kind = token.start(), token.group()[0]
        if kind == "\\":
            continue
        if kind == "\n":
            _end_paragraph(body, at, texts, targets, brackets, parens, titled)
            quotes.clear()
        elif kind == "[":
            brackets.append(at)
        elif kind == "]":
            if brackets:
                texts.add(brackets.pop(), at)
        elif kind == "(":
            parens.append((at, at > 0 and body[at - 1] == "]"))
        elif kind == ")":
            if parens:
                opened, is_target = parens.pop()
                if not is_target:
                    continue
                first = bisect.bisect_right(quotes, opened)
                if first == len(quotes) or quotes[first] > at or _title_closes(body, quotes[first], at):
                    targets.add(opened, at)
                else:
                    titled.append((opened, at))
        else:
            quotes.append(at)
    _end_paragraph(body, len(body), texts, targets, brackets, parens, titled)
    if texts.total > MAX_LINK_SEARCH:
        what = f"{texts.count:,} '[' without a matching ']' in their paragraph" if texts.count else "'[' nested deep"
        yield Costly(texts.worst_at, too_slow(what, texts.total, MAX_LINK_SEARCH),
                     "write a literal bracket as '\\[', put it in a code span, or close it with ']'")  # fmt: skip
    if targets.total > MAX_LINK_SEARCH:
        what = f"{targets.count:,} link targets '](' without a matching ')' in their paragraph"
        yield Costly(targets.worst_at, too_slow(what if targets.count else "link targets '](' nested deep",
                     targets.total, MAX_LINK_SEARCH),
                     "close each link target with ')', or write a literal '(' after ']' as '\\('")  # fmt: skip


def _title_closes(body: str, quote: int, close: int) -> bool:
    """Whether the title opened by the quote at ``quote`` ends with the same quote right before ``close``."""
    before = body[quote + 1 : close].rstrip(" ")
    return before.endswith(body[quote]) and len(before) > 0


def _end_paragraph(body: str, end: int, texts: Search, targets: Search, brackets: list[int],
                   parens: list[tuple[int, bool]], titled: list[tuple[int, int]]) -> None:  # fmt: skip
    for opened in brackets:
        texts.add(opened, end, unclosed=True)
    for opened, is_target in parens:
        if is_target:
            targets.add(opened, end, unclosed=True)
    for opened, _ in titled:
        targets.add(opened, end, unclosed=True)
    brackets.clear()
    parens.clear()
    titled.clear()


_TAG_OPEN = re.compile(r"<[a-zA-Z]")
# Where html.parser, as Python-Markdown patches it (markdown/htmlparser.py), takes a start tag to end.
_START_TAG = re.compile(
    r"""
  <[a-zA-Z][^`\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^`\s/>][^\s/=>]*
      (?:\s*=+\s*
        (?:'[^']*'
          |"[^"]*"
          |(?!['"])[^`>\s]*
         )
         (?:\s*,)*
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*
""",
    re.VERBOSE,
)
# After a start tag's text, these mean "not finished": html.parser then treats the '<' as text and moves on.
_UNFINISHED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")
# The other markup html.parser reads to a closer: comments to '-->', the rest ('</x', '<?', '<!x') to '>'.
_OTHER_MARKUP = re.compile(r"<(?:!--|[/!?])")
_COMMENT_CLOSE = ("-->", "--!>")


def _html(body: str) -> Iterator[Costly]:
    """Python-Markdown, and MkDocs to find anchors, run html.parser over the whole body. It reads each start
    tag with `_START_TAG`, and each comment or other markup to its closer; when there is none, the '<' is text
    and the next '<' is read from again, to the end of the body. The same reads here, to a budget."""
    if "<" not in body:
        return
    tags = Search()
    if body.count("<") * len(body) > MAX_TAG_SEARCH:
        position = 0
        while tags.total <= MAX_TAG_SEARCH and (opener := _TAG_OPEN.search(body, position)) is not None:
            start = opener.start()
            end = _START_TAG.match(body, start).end()  # type: ignore[union-attr]  # it matches any '<' + letter
            after = body[end : end + 1]
            if after == ">":
                position = end + 1
            elif body.startswith("/>", end):
                position = end + 2
            elif not after or after in _UNFINISHED:
                position = start + 1
                tags.add(start, end, unclosed=True)
                continue
            else:
                position = max(end, start + 1)
            tags.add(start, end)
    if tags.total > MAX_TAG_SEARCH:
        yield Costly(tags.worst_at, too_slow("'<' starting HTML tags never closed with '>'", tags.total,
                     MAX_TAG_SEARCH), "write a literal '<' as '&lt;', or close the tag with '>'")  # fmt: skip
    # Markup after the last closer of its kind has none: each searches to the end of the body.
    last_comment_close = max(body.rfind(close) for close in _COMMENT_CLOSE)
    last_angle = body.rfind(">")
    others = Search()
    for markup in _OTHER_MARKUP.finditer(body, min(last_angle, last_comment_close - 3) + 1):
        comment = markup.group() == "<!--"
        if markup.start() > (last_comment_close - 4 if comment else last_angle):
            others.add(markup.start(), len(body), unclosed=True)
    if others.total > MAX_CLOSE_SEARCH:
        yield Costly(others.worst_at, too_slow(f"{others.count:,} '<!--', '</', '<!' or '<?' never closed",
                     others.total, MAX_CLOSE_SEARCH), "write a literal '<' as '&lt;', or close the markup")  # fmt: skip


# --- Code fences never closed ------------------------------------------------------------------------


_HEADING = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:#|(?P<underline>=+|-+)[ \t]*$)", re.MULTILINE)
# A heading's line ('#', or the text above a setext underline) or a table row's (with a '|').
_HEADING_OR_TABLE = re.compile(r"^[ \t>]*#[^\n]*|^[^\n]*(?=\n[ \t>]*(?:=+|-+)[ \t]*$)|^[^\n]*\|[^\n]*", re.MULTILINE)
_SPACES_BEFORE_BRACE = re.compile(r" +\{")


def _headings(body: str) -> Iterator[Costly]:
    """The toc extension gives each heading an id; one already taken is counted up from `_1` a step at a time,
    so n headings alike take n² steps. With attr_list, each '{' of a heading or a table cell searches the rest
    of its line, and each space before a '{' the rest of the spaces."""
    if body.count("\n") >= MAX_HEADINGS:  # fewer lines cannot hold more headings
        for found, heading in enumerate(_HEADING.finditer(body), 1):
            if found > MAX_HEADINGS:
                yield Costly(heading.start(), f"more than {MAX_HEADINGS:,} headings",
                             "split the brief; a brief needs a few headings at most")  # fmt: skip
                break
    if "{" not in body:
        return
    worst, worst_at = 0, -1
    for line in _HEADING_OR_TABLE.finditer(body):
        text = line.group()
        if "{" not in text:
            continue
        spaces = max((len(m.group()) - 1 for m in _SPACES_BEFORE_BRACE.finditer(text)), default=0)
        work = text.count("{") * len(text) + spaces * spaces
        if work > worst:
            worst, worst_at = work, line.start()
    if worst > MAX_LINK_SEARCH:
        yield Costly(worst_at, too_slow("a heading or table row with many '{'", worst, MAX_LINK_SEARCH),
                     "write attributes once, at the end: '## Title {#id}'")  # fmt: skip


_FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^", re.MULTILINE)


def _footnotes(body: str) -> Iterator[Costly]:
    """The footnotes extension numbers the n-th reference to a footnote by counting up from 2 past the ids
    of the ones before it (n² steps), and looks each reference up in a list of the footnotes seen."""
    if body.count("[^") <= MAX_REFERENCES_TO_A_FOOTNOTE:
        return
    closing = [m.start() for m in re.finditer(r"\]", body)]

    def label_end(start: int) -> int:
        """The ']' ending a label that starts at ``start``, as `[^\\]]*\\]` finds it; -1 if none."""
        index = bisect.bisect_left(closing, start)
        return closing[index] if index < len(closing) else -1

    defined: set[str] = set()
    definitions: set[int] = set()  # where each definition's '[^' is: not a reference
    for definition in _FOOTNOTE_DEFINITION.finditer(body):
        end = label_end(definition.end())
        if end >= 0 and body.startswith(":", end + 1):
            defined.add(body[definition.end() : end])
            definitions.add(definition.end() - 2)
    if not defined:
        return
    counts: dict[str, int] = {}
    total = 0
    position = body.find("[^")
    while position >= 0:
        end = label_end(position + 2)
        if end < 0:
            break
        label = body[position + 2 : end]
        if label in defined and position not in definitions:
            total += 1
            counts[label] = counts.get(label, 0) + 1
            if counts[label] > MAX_REFERENCES_TO_A_FOOTNOTE:
                yield Costly(position, f"footnote '[^{shorten(label)}]' is referenced more than {MAX_REFERENCES_TO_A_FOOTNOTE:,} times",
                             "refer to the footnote once, or a few times")  # fmt: skip
                return
            if total > MAX_FOOTNOTE_REFERENCES:
                yield Costly(position, f"more than {MAX_FOOTNOTE_REFERENCES:,} footnote references",
                             "split the brief; a brief needs a few footnotes at most")  # fmt: skip
                return
        position = body.find("[^", end + 1)


# --- Nesting -------------------------------------------------------------------------------------------


_CHECKS: tuple[Callable[[str], Iterator[Costly]], ...] = (_links, _html, fences, _headings, _footnotes, nesting)
