"""Split a Markdown file into its YAML front matter and its body, safely.

This module turns raw bytes into a YAML *node tree* (never Python objects
built by tags) plus the body text, and reports every problem with its place
in the file. Interpreting the values is the schema's job.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import yaml

from ..base.diagnostics import DiagnosticSink
from ..base.lines import LineIndex

try:  # libyaml's C parser is several times faster; fall back when it is absent.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_NULL, _STR = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_SPECIAL_KEYS = frozenset(("<<", "="))  # YAML's merge and value keys: left to PyYAML, and refused as tags


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Tags plain scalars as text or null only. The fields read every value as written (`1984` and `NO`
    stay text), so trying YAML 1.1's patterns for numbers, booleans and dates on each scalar is wasted."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and value not in _SPECIAL_KEYS:
            return _NULL if value in _NULLS else _STR
        return str(super().resolve(kind, value, implicit))


# libyaml reports a refused character's place as an offset into the UTF-8 bytes it was given;
# the pure-Python reader counts characters.
_READER_COUNTS_BYTES = _BaseLoader is not yaml.SafeLoader

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
# Python-Markdown renders dense markup (one-word paragraphs, list items, emphasis, links) at some 30 µs a
# character, so a body this long takes up to two seconds; a real brief is a few thousand characters.
MAX_BODY_CHARS = 64 * 1024
# libyaml composes nodes recursively in C: about 20,000 nested collections overflow an 8 MiB stack
# and kill the process. Real front matter nests three levels; this bound is far from both.
MAX_NESTING = 2_000
# Every collection owns one of these at least: '[' or '{', a '-' entry, or its first key's '?' or ':'.
_OPENERS = "[{-?:"
FENCE = "---"
FRONT_MATTER_FORM = "start the file with a line '---', the YAML fields, then another line '---'"


@dataclass(frozen=True)
class SplitFile:
    """A decoded file: its front matter node (if any) and its body."""

    text: str
    front_matter: yaml.Node | None
    body: str
    body_line: int  # 1-based line of the file where the body starts
    has_front_matter: bool
    # Offsets in the front matter's YAML text -> line and column in the file.
    lines: LineIndex = field(default_factory=lambda: LineIndex("", 2))


def decode(data: bytes, sink: DiagnosticSink) -> str | None:
    """UTF-8 text with any byte-order mark dropped and line endings made LF."""
    if len(data) > MAX_FILE_BYTES:
        report_too_large(sink, len(data))
        return None
    # Drop the byte-order mark before decoding, so an error's column counts from the first real character.
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        sink.error(
            line,
            column,
            "encoding",
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor",
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def report_too_large(sink: DiagnosticSink, size: int | None) -> None:
    """A file over MAX_FILE_BYTES, of ``size`` bytes (None: known only to be over, as a reader stops there)."""
    shown = "over the limit" if size is None else f"{size / 1024 / 1024:.1f} MiB"
    sink.error(
        1,
        1,
        "file-too-large",
        f"file is {shown}; a brief may be at most {MAX_FILE_BYTES // 1024 // 1024} MiB",
        "split the file, or move large material out of the briefs folder",
    )


def split(text: str, sink: DiagnosticSink, *, required: bool = True) -> SplitFile:
    """Find the front matter block and compose it into a YAML node tree."""
    if not text.strip():
        if required:
            sink.error(1, 1, "empty-file", "file is empty", FRONT_MATTER_FORM)
        return SplitFile(text, None, "", 1, False)
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != FENCE:
        if required:
            sink.error(1, 1, "no-front-matter", "file has no front matter", FRONT_MATTER_FORM)
        return SplitFile(text, None, _bounded(text, 1, sink), 1, False)

    lines = text.split("\n")
    closing = next((index for index in range(1, len(lines)) if lines[index].rstrip() in (FENCE, "...")), None)
    if closing is None:
        sink.error(
            1,
            1,
            "unterminated-front-matter",
            "front matter opened on line 1 is never closed",
            "add a line containing only '---' after the last field",
        )
        return SplitFile(text, None, "", len(lines) + 1, True)

    yaml_text = "\n".join(lines[1:closing]) + "\n"
    body_line = closing + 2
    body = _bounded("\n".join(lines[closing + 1 :]), body_line, sink)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        sink.error(
            1,
            1,
            "front-matter-too-large",
            f"front matter is {len(yaml_text)} characters; the limit is {MAX_FRONT_MATTER_CHARS}",
            "move long material into the body of the file",
        )
        return SplitFile(text, None, body, body_line, True)
    node = compose(yaml_text, sink, line_offset=1)
    return SplitFile(text, node, body, body_line, True, LineIndex(yaml_text, 2))


def _bounded(body: str, body_line: int, sink: DiagnosticSink) -> str:
    """The body, or nothing if it is too long to render in time (reported where it starts)."""
    if len(body) <= MAX_BODY_CHARS:
        return body
    sink.error(
        body_line,
        1,
        "too-large",
        f"the body is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}",
        "split the brief, or move long material out of the briefs folder",
    )
    return ""


def compose(yaml_text: str, sink: DiagnosticSink, *, line_offset: int) -> yaml.Node | None:
    """Parse YAML into nodes only: no constructors run, so no tag can build objects.

    An empty document (no fields, or only comments) is an empty mapping, so the schema reports
    its missing fields. ``None`` means an error was reported.
    """
    too_deep = _too_deeply_nested(yaml_text)
    if too_deep is not None:
        _report_deep_nesting(too_deep, yaml_text, sink, line_offset)
        return None
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        _report_refused_character(exc, yaml_text, sink, line_offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = LineIndex(yaml_text, line_offset + 1).of_mark(mark) if mark else (1 + line_offset, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        sink.error(
            line, column, "yaml-syntax", f"front matter is not valid YAML: {_one_line(problem)}", _yaml_hint(problem)
        )
    except yaml.YAMLError as exc:
        sink.error(1 + line_offset, 1, "yaml-syntax", f"front matter is not valid YAML: {_one_line(str(exc))}")
    except (RecursionError, MemoryError):
        sink.error(1 + line_offset, 1, "yaml-syntax", "front matter is nested too deeply to read")
    else:
        return node if node is not None else _empty_mapping()
    return None


def _too_deeply_nested(yaml_text: str) -> int | None:
    """The offset where the YAML first nests deeper than MAX_NESTING, found before the recursive composer sees it.

    Counting indicators bounds the depth in C, so ordinary front matter never pays for the walk;
    the walk reads events from libyaml's parser, which keeps its own stack instead of recursing.
    A syntax error stops the walk: compose() then reports it, before nesting any deeper.
    """
    if len(yaml_text) <= MAX_NESTING or sum(map(yaml_text.count, _OPENERS)) <= MAX_NESTING:
        return None
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING and event.start_mark is not None:
                    return int(event.start_mark.index)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _report_deep_nesting(offset: int, yaml_text: str, sink: DiagnosticSink, line_offset: int) -> None:
    line, column = LineIndex(yaml_text, line_offset + 1).position(offset)
    sink.error(
        line,
        column,
        "yaml-syntax",
        f"front matter is nested too deeply (more than {MAX_NESTING} levels)",
        "front matter holds fields, lists of values and lists of sources; remove the extra brackets",
    )


def _report_refused_character(
    exc: yaml.reader.ReaderError, yaml_text: str, sink: DiagnosticSink, line_offset: int
) -> None:
    """A character YAML does not allow (a control character, say), at its place in the file."""
    offset = exc.position
    if _READER_COUNTS_BYTES:
        offset = len(yaml_text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    line, column = LineIndex(yaml_text, line_offset + 1).position(offset)
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    sink.error(
        line,
        column,
        "yaml-syntax",
        f"front matter is not valid YAML: the character U+{character:04X} is not allowed",
        "delete it: such characters are often invisible in an editor",
    )


def _empty_mapping() -> yaml.MappingNode:
    start = yaml.Mark("<front matter>", 0, 0, 0, None, 0)
    return yaml.MappingNode("tag:yaml.org,2002:map", [], start, start)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "quote a value that contains ': ', e.g. title: \"Talks: day one\""
    if "found character '\\t'" in problem:
        return "indent YAML with spaces, not tabs"
    if "expected a single document" in problem:
        return "front matter holds one YAML document; remove the extra '---'"
    if "could not find expected ':'" in problem:
        return "each field is 'key: value' on its own line"
    return ""
