"""Diagnostics as data: every problem the core finds, and the ways to print them.

The checker, the MkDocs plugin and CI annotations all print the same records;
only the format differs. Every format escapes what could forge or hide a line of the log
(see `escape_text`): file names and author values reach messages as they were written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

from .text import counted

# Characters that never reach a log as they are: C0 and C1 controls (line breaks, terminal escape
# sequences, DEL, NEL), Unicode's line and paragraph separators, the bidirectional marks and controls
# (which reorder what a terminal or a browser shows), and lone surrogates (how Python decodes a file
# name that is not valid UTF-8; they cannot even be encoded to print).
UNSAFE_CHARACTERS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_character(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED_ESCAPES.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape_text(text: str) -> str:
    """``text`` with every unsafe character written as a Python-style escape (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``).

    What comes out is one line of printable text, so a file name or a value in front matter cannot
    start a line of its own in a log (GitHub Actions reads a line starting with '::' as a command),
    move the cursor, or reverse what a reader sees. Backslashes are left as they are.
    """
    return UNSAFE_CHARACTERS.sub(_escape_character, text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file.

    ``line`` and ``column`` are 1-based and counted in the file itself, so an
    editor can jump straight to them.
    """

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def shown_from(self, folder: Path) -> Diagnostic:
        """The same diagnostic with its path (relative to ``folder``) as seen from the working directory."""
        return replace(self, file=Path(os.path.relpath(folder / self.file)).as_posix())

    def as_text(self) -> str:
        """``file:line:column: severity: message [code]``, and an indented hint line: never more lines than that."""
        file = escape_text(self.file)
        if file.lstrip().startswith("::"):  # a line that starts with '::' is a command to GitHub Actions
            file = f"./{file}"
        text = f"{file}:{self.line}:{self.column}: {self.severity.value}: {escape_text(self.message)} [{escape_text(self.code)}]"
        if self.hint:
            text += f"\n    hint: {escape_text(self.hint)}"
        return text

    def as_dict(self) -> dict[str, object]:
        """The record for JSON, its texts escaped as in the other formats (a lone surrogate cannot be encoded)."""
        record = asdict(self)
        for key in ("file", "code", "message", "hint"):
            record[key] = escape_text(record[key])
        record["severity"] = self.severity.value
        return record

    def as_github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message and ',' ':' in properties.
        def escape_data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(value: str) -> str:
            return escape_data(value).replace(":", "%3A").replace(",", "%2C")

        message = f"{escape_text(self.message)} [{escape_text(self.code)}]"
        if self.hint:
            message += f"\nhint: {escape_text(self.hint)}"
        return (
            f"::{self.severity.value} file={escape_property(escape_text(self.file))},line={self.line},"
            f"col={self.column},title={escape_property(escape_text(self.code))}::{escape_data(message)}"
        )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, position, then code, with exact duplicates removed."""
    return sorted(set(diagnostics), key=lambda d: (d.file, d.line, d.column, d.code, d.message))


def format_diagnostics(diagnostics: list[Diagnostic], output_format: str) -> str:
    if output_format == "json":
        return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False)
    if output_format == "github":
        return "\n".join(d.as_github() for d in diagnostics)
    return "\n".join(d.as_text() for d in diagnostics)


def summary_line(diagnostics: list[Diagnostic], files_checked: int) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    checked = counted(files_checked, "file", "files")
    return f"{checked} checked: {counted(errors, 'error', 'errors')}, {counted(warnings, 'warning', 'warnings')}"


class DiagnosticSink:
    """Collects diagnostics for one file, so rules don't repeat its path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def error(self, line: int, column: int, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.file, line, column, Severity.ERROR, code, message, hint))

    def warning(self, line: int, column: int, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.file, line, column, Severity.WARNING, code, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)
