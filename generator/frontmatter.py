"""Split a Markdown file into its YAML front matter and its body, safely.

This module turns raw bytes into a YAML *node tree* (never Python objects
built by tags) plus the body text, and reports every problem with its place
in the file. Interpreting the values is the schema's job.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .diagnostics import DiagnosticSink

try:  # libyaml's C parser is several times faster; fall back when it is absent.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
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


def decode(data: bytes, sink: DiagnosticSink) -> str | None:
    """UTF-8 text with any byte-order mark dropped and line endings made LF."""
    if len(data) > MAX_FILE_BYTES:
        sink.error(
            1,
            1,
            "file-too-large",
            f"file is {len(data) / 1024 / 1024:.1f} MiB; a brief may be at most {MAX_FILE_BYTES // 1024 // 1024} MiB",
            "split the file, or move large material out of the briefs folder",
        )
        return None
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
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


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
        return SplitFile(text, None, text, 1, False)

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
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        sink.error(
            1,
            1,
            "front-matter-too-large",
            f"front matter is {len(yaml_text)} characters; the limit is {MAX_FRONT_MATTER_CHARS}",
            "move long material into the body of the file",
        )
        return SplitFile(text, None, body, body_line, True)
    return SplitFile(text, compose(yaml_text, sink, line_offset=1), body, body_line, True)


def compose(yaml_text: str, sink: DiagnosticSink, *, line_offset: int) -> yaml.Node | None:
    """Parse YAML into nodes only: no constructors run, so no tag can build objects."""
    try:
        return yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1
        column = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        sink.error(line, column, "yaml-syntax", f"front matter is not valid YAML: {problem}", _yaml_hint(problem))
    except yaml.YAMLError as exc:
        sink.error(1 + line_offset, 1, "yaml-syntax", f"front matter is not valid YAML: {exc}")
    except (RecursionError, MemoryError):
        sink.error(1 + line_offset, 1, "yaml-syntax", "front matter is nested too deeply to read")
    return None


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
