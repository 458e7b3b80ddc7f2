"""What an author's Markdown body may hold, checked at its line before anything is rendered.

The safety gate (`sanitize.safe_html`) removes script URLs, event handlers and styles from every
page whatever the checker says. The checker's job is to tell the author, at the place, what the gate
will remove, so that nothing is lost silently and CI catches a hostile contribution before a build:

- `unsafe-url` (warning): a link or image target, a reference definition, an attribute list's or a raw
  HTML tag's URL attribute whose scheme is not http, https or mailto (judged as a browser reads it);
- `unsafe-attribute` (warning): an event handler (`on...=`) or `style=` in an attribute list or a raw
  HTML tag;
- `raw-html` (error, on sites with `raw_html: refuse`): any raw HTML tag or comment;
- `body-heading` (warning, in briefs): a level-one heading, since the brief's title is its page's only <h1>.

Every scan is linear in the body: each regular expression stops at characters that start the next
candidate, and raw HTML tags are read between one '<' and the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder

from ..base.diagnostics import DiagnosticSink
from ..base.lines import LineIndex
from ..base.sanitize import SAFE_SCHEMES, URL_ATTRIBUTES, is_unsafe_attribute, url_scheme
from .prose import blank_code

# The characters a URL's scheme can be written with, escapes and character references included
# (`javascript\:`, `&#106;avascript&colon;`); a target is read only as far as its scheme could reach.
_SCHEME_TEXT = r"[^\s()<>\[\]{}\"'`]"
# An inline link or image target: `[text](target ...)`, `[text](<target>)`.
_LINK_TARGET = re.compile(rf"\]\([ \t]*+\n?[ \t]*+<?({_SCHEME_TEXT}++)")
# A reference definition `[label]: target`, also inside a list item or a block quote; footnotes are prose.
_REFERENCE = re.compile(rf"^[ \t>*+\-0-9.)]*+\[(?!\^)[^\[\]\n]++\]:[ \t]*+\n?[ \t]*+<?({_SCHEME_TEXT}++)", re.MULTILINE)
# `<scheme:...>`: an autolink in Markdown's eyes when http(s); otherwise Python-Markdown passes it on as a tag.
_ANGLE_URL = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*+:[^\s<>]*+)>")
# An attribute list, `{: #id .class key="value" }`; read between braces on one line.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*+([^{}\n]++)\}")
# A raw HTML start tag's name; its attributes are read up to the next '>' before any other '<'.
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_ATTRIBUTE_NAME = re.compile(r"[^\s\"'<>/=]++")
_SPACE = re.compile(r"\s*+")
_UNQUOTED_VALUE = re.compile(r"[^\s>]*+")

_KEPT = f"only {', '.join(sorted(SAFE_SCHEMES))}, in-page (#) and relative links are kept"


@dataclass(frozen=True)
class _Finding:
    offset: int
    code: str
    message: str
    hint: str


def check_body(body: str, first_line: int, sink: DiagnosticSink) -> None:
    """Report into ``sink`` what the safety gate would remove from this body. A pure function of the body,
    so its warnings are cached with the file's parse."""
    findings = list(_findings(blank_code(body)))
    if findings:
        lines = LineIndex(body, first_line)
        for finding in findings:
            sink.warning(*lines.position(finding.offset), finding.code, finding.message, finding.hint)


def refuse_raw_html(body: str, first_line: int, sink: DiagnosticSink) -> None:
    """On a site with `raw_html: refuse`: every raw HTML tag or comment is an error at its place."""
    for line, column, tag in find_raw_html(body, first_line):
        sink.error(line, column, "raw-html", f"raw HTML '{tag}' is not allowed on this site",
                   "write it in Markdown, or put it in a code span; the site sets raw_html: refuse")  # fmt: skip


def _findings(text: str) -> Iterator[_Finding]:
    """Every finding once: `[x](<javascript:...>)` is both a link target and an angle-bracketed URL."""
    seen: set[int] = set()
    for finding in _candidates(text):
        if finding.offset not in seen:
            seen.add(finding.offset)
            yield finding


def _candidates(text: str) -> Iterator[_Finding]:
    if "](" in text:
        yield from _urls(_LINK_TARGET, text, "link target")
    if "]:" in text:
        yield from _urls(_REFERENCE, text, "reference definition")
    if "{" in text:
        yield from _attribute_lists(text)
    if "<" in text:
        yield from _urls(_ANGLE_URL, text, "link")
        yield from _raw_html_attributes(text)


def _urls(pattern: re.Pattern[str], text: str, what: str) -> Iterator[_Finding]:
    for match in pattern.finditer(text):
        finding = _judge_url(match.group(1), match.start(1), what)
        if finding is not None:
            yield finding


def _judge_url(url: str, offset: int, what: str) -> _Finding | None:
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return _Finding(
        offset,
        "unsafe-url",
        f"the {what} is a '{_shorten(scheme, 20)}:' URL; {_KEPT}",
        "the link is removed from the page: point it at an http(s) address, or write the text without a link",
    )


def _judge_attribute(name: str, value: str | None, offset: int, where: str) -> _Finding | None:
    if value is None:  # a bare word (`{onion}`): harmless, and usually not meant as an attribute
        return None
    if is_unsafe_attribute(name):
        kind = "a style attribute" if name.lower() == "style" else "an event handler, which would run script"
        return _Finding(
            offset,
            "unsafe-attribute",
            f"'{_shorten(name)}' in {where} is {kind}; it is removed from the page",
            "remove it: pages take their look from the theme, and bodies never carry script",
        )
    if name.lower() in URL_ATTRIBUTES:
        return _judge_url(value, offset, f"attribute '{name}'")
    return None


def _attribute_lists(text: str) -> Iterator[_Finding]:
    for match in _ATTRIBUTE_LIST.finditer(text):
        inside = match.group(1)
        attributes, _ = get_attrs_and_remainder(inside)
        cursor = 0
        for name, value in attributes:
            at = inside.find(name, cursor)
            cursor = at + len(name) if at >= 0 else cursor
            finding = _judge_attribute(name, value, match.start(1) + max(at, 0), "an attribute list")
            if finding is not None:
                yield finding


def _raw_html_attributes(text: str) -> Iterator[_Finding]:
    for match in _START_TAG.finditer(text):
        # The tag ends at the next '>' before any other '<': tags never overlap, so the reading is linear.
        limit = text.find("<", match.end())
        limit = len(text) if limit < 0 else limit
        end = text.find(">", match.end(), limit)
        yield from _tag_attributes(text, match.end(), limit if end < 0 else end, f"the <{match.group(1)}> tag")


def _tag_attributes(text: str, cursor: int, end: int, where: str) -> Iterator[_Finding]:
    """Each `name`, `name=value`, `name="value"` or `name='value'` between ``cursor`` and ``end``."""
    while True:
        cursor = _skip_space(text, cursor, end)
        name = _ATTRIBUTE_NAME.match(text, cursor, end)
        if name is None:
            if cursor >= end:
                return
            cursor += 1  # a stray '/', quote or '=': skip it
            continue
        cursor = _skip_space(text, name.end(), end)
        value: str | None = None
        if cursor < end and text[cursor] == "=":
            cursor = _skip_space(text, cursor + 1, end)
            quote = text[cursor] if cursor < end else ""
            if quote in ('"', "'"):
                close = text.find(quote, cursor + 1, end)
                close = end if close < 0 else close
                value, cursor = text[cursor + 1 : close], close + 1
            else:
                unquoted = _UNQUOTED_VALUE.match(text, cursor, end)
                value = unquoted.group() if unquoted else ""
                cursor = unquoted.end() if unquoted else cursor
        finding = _judge_attribute(name.group(), value, name.start(), where)
        if finding is not None:
            yield finding


def _skip_space(text: str, cursor: int, end: int) -> int:
    space = _SPACE.match(text, cursor, end)
    return space.end() if space else cursor


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# An opening HTML tag or a comment; `<https://...>` and `<name@host>` are Markdown autolinks, not HTML.
_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>]))")
_SHOWN = 60  # at most this much of a tag is quoted in a message, and only its first line


def find_raw_html(body: str, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line, column, tag) of each opening HTML tag or comment outside code; the tag runs to the next '>'.

    That '>' is looked for once for all the tags before it, and a tag is quoted short: 50,000 '<a' before
    one '>' would otherwise cost a scan, and a quote, of the rest of the body each.
    """
    text = blank_code(body)
    lines = LineIndex(body, first_line)
    closing = -1  # the first '>' at or after the last tag; len(text) if there is none
    for match in _TAG.finditer(text):
        start = match.start()
        if closing < start:
            found = text.find(">", start)
            closing = found if found >= 0 else len(text)
        end = closing + 1 if closing < len(text) else match.end()
        shown = text[start : min(end, start + _SHOWN)].split("\n", 1)[0]
        yield *lines.position(start), shown if len(shown) == end - start else shown + "…"


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
