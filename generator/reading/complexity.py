"""Bodies that Python-Markdown, which renders the site, would take too long to render, found before it runs.

Python-Markdown (3.x) takes time quadratic in a body, or worse, on some shapes of Markdown, and a few
kilobytes of them can stop a build for minutes:

- each '[' searches the rest of its paragraph for its ']', and each '](' for its ')';
- each '<' that starts HTML (a tag, comment, ...) never closed searches the rest of the body;
- each code fence that is never closed searches the rest of the body, again after every closed one,
  and once per later quote when its info string has an unclosed `hl_lines="...`;
- every heading id and footnote back-reference already taken is counted past one number at a time;
- lists, quotes and emphasis nested a few hundred deep overflow its recursion.

Each check below models one of these: it estimates, in time linear in the body, the work Python-Markdown
would do (characters it would search, or steps it would count), and reports the body at the worst place
when that passes a bound far above any real brief and far below a second of rendering. The models
follow Python-Markdown's code and err towards counting too much; the bounds are the constants below.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Characters Python-Markdown's link processors may search from the '[' and '](' of a body, about half a
# second of rendering (it searches some 2 million a second). A real brief's are its links' lengths.
MAX_LINK_SEARCH = 1_000_000
# Characters html.parser may search for the ends of start tags (about 8 million a second; the same search
# runs here, to the bound, so it is kept low).
MAX_TAG_SEARCH = 2_000_000
# Characters html.parser may search for the closers of comments ('-->') and other markup ('>'): about 100
# million a second.
MAX_CLOSE_SEARCH = 50_000_000
# Characters the fenced-code search reads from fences that are never closed, to the end of the body, summed
# over its searches (about 25 million a second); passing over the text before a block it finds is some fifty
# times cheaper, and counts as a fiftieth.
MAX_FENCE_SEARCH = 10_000_000
_PASSING = 50
MAX_HEADINGS = 1_000
MAX_FOOTNOTE_REFERENCES = 2_000
MAX_REFERENCES_TO_A_FOOTNOTE = 100
MAX_NESTING = 100  # lists and quotes inside each other
MAX_EMPHASIS_NESTING = 200  # '*' and '_' opened and not yet closed


@dataclass(frozen=True)
class Costly:
    """A shape that would make rendering too slow: where it is worst (an offset in the body), and why."""

    offset: int
    message: str
    hint: str


def find_costly_markdown(body: str) -> list[Costly]:
    """Every shape of ``body`` that Python-Markdown would take too long to render, at most one of each kind."""
    return [found for check in _CHECKS for found in check(body)]


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_EMPHASIS_RUN = re.compile(r"\*+|_+")


# --- Links: '[' ... ']' and '](' ... ')' -------------------------------------------------------

# An escaped bracket or parenthesis (skipped: Python-Markdown hides it before links are looked for), a
# paragraph break, or a character the link processors count.
_LINK_TOKEN = re.compile(r"""\\[\\\[\]()]|\n[ \t]*\n|[\[\]()"']""")


@dataclass
class _Search:
    """The characters searched from each opener of one kind, and the opener searched from furthest."""

    total: int = 0
    worst: int = 0
    worst_at: int = -1
    count: int = 0  # openers whose search ran to the end of their paragraph

    def add(self, start: int, end: int, unclosed: bool = False) -> None:
        self.total += end - start
        self.count += int(unclosed)
        if end - start > self.worst:
            self.worst, self.worst_at = end - start, start


def _links(body: str) -> Iterator[Costly]:
    """Python-Markdown's link processors read from each '[' to its matching ']' (counting nested ones),
    or to the end of the paragraph; after a '](' they read to the matching ')', or to the end of the
    paragraph when a quote opens a title that is not closed right before that ')'."""
    openers = body.count("[") + body.count("(")
    if openers * len(body) <= MAX_LINK_SEARCH:  # no arrangement of them could search more
        return
    texts, targets = _Search(), _Search()
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
        yield Costly(texts.worst_at, _too_slow(what, texts.total, MAX_LINK_SEARCH),
                     "write a literal bracket as '\\[', put it in a code span, or close it with ']'")  # fmt: skip
    if targets.total > MAX_LINK_SEARCH:
        what = f"{targets.count:,} link targets '](' without a matching ')' in their paragraph"
        yield Costly(targets.worst_at, _too_slow(what if targets.count else "link targets '](' nested deep",
                     targets.total, MAX_LINK_SEARCH),
                     "close each link target with ')', or write a literal '(' after ']' as '\\('")  # fmt: skip


def _title_closes(body: str, quote: int, close: int) -> bool:
    """Whether the title opened by the quote at ``quote`` ends with the same quote right before ``close``."""
    before = body[quote + 1 : close].rstrip(" ")
    return before.endswith(body[quote]) and len(before) > 0


def _end_paragraph(body: str, end: int, texts: _Search, targets: _Search, brackets: list[int],
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


# --- HTML never closed ---------------------------------------------------------------------------------

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
    tags = _Search()
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
        yield Costly(tags.worst_at, _too_slow("'<' starting HTML tags never closed with '>'", tags.total,
                     MAX_TAG_SEARCH), "write a literal '<' as '&lt;', or close the tag with '>'")  # fmt: skip
    # Markup after the last closer of its kind has none: each searches to the end of the body.
    last_comment_close = max(body.rfind(close) for close in _COMMENT_CLOSE)
    last_angle = body.rfind(">")
    others = _Search()
    for markup in _OTHER_MARKUP.finditer(body, min(last_angle, last_comment_close - 3) + 1):
        comment = markup.group() == "<!--"
        if markup.start() > (last_comment_close - 4 if comment else last_angle):
            others.add(markup.start(), len(body), unclosed=True)
    if others.total > MAX_CLOSE_SEARCH:
        yield Costly(others.worst_at, _too_slow(f"{others.count:,} '<!--', '</', '<!' or '<?' never closed",
                     others.total, MAX_CLOSE_SEARCH), "write a literal '<' as '&lt;', or close the markup")  # fmt: skip


# --- Code fences never closed ------------------------------------------------------------------------

# A fence as Python-Markdown's fenced_code reads one (markdown/extensions/fenced_code.py): at the very start
# of a line; the rest of an opening fence's line must be attributes, or a language and hl_lines.
_FENCE = re.compile(r"^(?:`{3,}|~{3,})", re.MULTILINE)
_FENCE_INFO = re.compile(
    r"""[ ]*(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<quote>["'])[^\n]*?(?P=quote)[ ]*)?)"""
)
_HL_LINES = re.compile(r"""hl_lines=(["'])""")
_QUOTE_AT_LINE_END = {quote: re.compile(quote + r"[ ]*\n") for quote in "\"'"}


def _fences(body: str) -> Iterator[Costly]:
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
            searched += passed + start // _PASSING
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
    total = searched + passed + size // _PASSING  # and the last search, which finds no block
    if total <= MAX_FENCE_SEARCH:
        return
    if unclosed:
        yield Costly(worst_at, _too_slow(f"{unclosed:,} code fences never closed", total, MAX_FENCE_SEARCH),
                     "close each code block with a line holding only its fence, e.g. '```'")  # fmt: skip
    else:  # blocks enough that searching from the top again after each is too much
        yield Costly(over_at if over_at >= 0 else lines[-1][0],
                     _too_slow(f"{blocks:,} fenced code blocks, each searched for from the top of the body", total,
                               MAX_FENCE_SEARCH), "split the brief, or indent short code by four spaces")  # fmt: skip


# --- Headings ------------------------------------------------------------------------------------------

# A line that may be a heading: '#' or a setext underline, after any quote and list markers.
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
        yield Costly(worst_at, _too_slow("a heading or table row with many '{'", worst, MAX_LINK_SEARCH),
                     "write attributes once, at the end: '## Title {#id}'")  # fmt: skip


# --- Footnotes -----------------------------------------------------------------------------------------

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
                yield Costly(position, f"footnote '[^{_shorten(label)}]' is referenced more than {MAX_REFERENCES_TO_A_FOOTNOTE:,} times",
                             "refer to the footnote once, or a few times")  # fmt: skip
                return
            if total > MAX_FOOTNOTE_REFERENCES:
                yield Costly(position, f"more than {MAX_FOOTNOTE_REFERENCES:,} footnote references",
                             "split the brief; a brief needs a few footnotes at most")  # fmt: skip
                return
        position = body.find("[^", end + 1)


# --- Nesting -------------------------------------------------------------------------------------------

# The start of a line whose indentation, quote markers and list markers are long enough to nest MAX_NESTING
# deep (after the newline that ends the line before: a literal, which the search skips to quickly).
_DEEP_LINE = re.compile(rf"\n(?=[ \t>*+\-.)\d]{{{MAX_NESTING}}})")
_CONTAINERS = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")


def _nesting(body: str) -> Iterator[Costly]:
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


def _too_slow(what: str, work: int, limit: int) -> str:
    return f"{what}: rendering would search at least {work:,} characters from here (the limit is {limit:,})"


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CHECKS: tuple[Callable[[str], Iterator[Costly]], ...] = (_links, _html, _fences, _headings, _footnotes, _nesting)
