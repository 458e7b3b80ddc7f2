"""Bodies that Python-Markdown, which renders the site, would take too long to render: the model and its bounds.

Python-Markdown (3.x) takes time quadratic in a body, or worse, on some shapes of Markdown, and a few
kilobytes of them can stop a build for minutes:

- each '[' searches the rest of its paragraph for its ']', and each '](' for its ')';
- each '<' that starts HTML (a tag, comment, ...) never closed searches the rest of the body;
- each code fence that is never closed searches the rest of the body, again after every closed one,
  and once per later quote when its info string has an unclosed `hl_lines="...`;
- every heading id and footnote back-reference already taken is counted past one number at a time;
- lists, quotes and emphasis nested a few hundred deep overflow its recursion.

Each check (in `complexity` and `complexity_blocks`) models one of these: it estimates, in time linear in the body, the work Python-Markdown
would do (characters it would search, or steps it would count), and reports the body at the worst place
when that passes a bound far above any real brief and far below a second of rendering. The models
follow Python-Markdown's code and err towards counting too much; the bounds are the constants below.
"""

from __future__ import annotations

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
PASSING = 50
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


@dataclass
class Search:
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


def too_slow(what: str, work: int, limit: int) -> str:
    return f"{what}: rendering would search at least {work:,} characters from here (the limit is {limit:,})"


def shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
