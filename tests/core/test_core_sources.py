"""Files that are not ordinary, and what reaches the log: discovery, bounded reading, escaping, the serve cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from core_support import VALID_BRIEF, brief, run_cli, write_site

from generator.diagnostics import Diagnostic, Severity, escape_text, format_diagnostics

# --- escaping: nothing from a file name or a value reaches the log unescaped -----------------------

# A name or a value that tries to forge a GitHub Actions command, colour a terminal, reverse the text,
# or is not UTF-8 at all (Python decodes such bytes to lone surrogates).
NASTY = "a\n::error file=x::forged\r\x1b[31m\u202egnp\u2028\x85\x00\udcff"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("line\nbreak", "line\\nbreak"),
        ("cr\rtab\t", "cr\\rtab\\t"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("nul\x00 del\x7f nel\x85 csi\x9b", "nul\\x00 del\\x7f nel\\x85 csi\\x9b"),
        ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        ("bidi\u202a\u202b\u202c\u202d\u202e", "bidi\\u202a\\u202b\\u202c\\u202d\\u202e"),
        ("isolates\u2066\u2067\u2068\u2069 marks\u200e\u200f\u061c", "isolates\\u2066\\u2067\\u2068\\u2069 marks\\u200e\\u200f\\u061c"),
        ("caf\udce9.md", "caf\\udce9.md"),
        ("café — Zürich ✓ 北京", "café — Zürich ✓ 北京"),  # ordinary text is left alone
        ("a\\nb", "a\\nb"),  # so are backslashes
    ],
)  # fmt: skip
def test_escape_text_writes_unsafe_characters_as_escapes(raw: str, shown: str) -> None:
    assert escape_text(raw) == shown


def test_every_format_keeps_a_diagnostic_on_its_own_lines() -> None:
    diagnostic = Diagnostic(
        f"2024/{NASTY}.md", 3, 4, Severity.ERROR, "unknown-actor", f"'{NASTY}' is unknown", f"try {NASTY}"
    )
    text = diagnostic.as_text().splitlines()  # splitlines: every line break Unicode knows
    assert len(text) == 2
    assert text[0].startswith(
        "2024/a\\n::error file=x::forged\\r\\x1b[31m\\u202egnp\\u2028\\x85\\x00\\udcff.md:3:4: error: "
    )
    assert text[1].startswith("    hint: try a\\n")
    github = diagnostic.as_github()
    assert len(github.splitlines()) == 1 and github.startswith("::error file=2024/a\\n%3A%3Aerror")
    rendered = format_diagnostics([diagnostic], "json")
    rendered.encode("utf-8")  # a lone surrogate would raise here
    (record,) = json.loads(rendered)
    assert record["file"] == escape_text(diagnostic.file)
    assert all(escape_text(str(value)) == str(value) for value in record.values())


def test_a_file_named_like_a_command_does_not_start_a_text_line() -> None:
    diagnostic = Diagnostic("::error::x.md", 1, 1, Severity.WARNING, "file-name", "m")
    assert diagnostic.as_text().startswith("./::error::x.md:1:1: warning: ")


MKDOCS_YML = "site_name: Test\ndocs_dir: content\n"
AUTHOR_VALUES = brief(
    "title: A brief",
    "date: 2024-05-01",
    "summary: One plain sentence.",
    'actors: [Xi Jinping, "\\n::error::forged by an actor", "\\e[2J\\u202eesrever"]',
    "countries: [CN]",
    'topics: ["\\n::\\u2028"]',
)
NASTY_NAMES = [
    "2024/evil\n::error file=x::pwned.md",
    "2024/esc\x1b[2Jcleared.md",
    "2024/rtl\u202egnp.md",
    os.fsdecode(b"2024/caf\xe9.md"),
    "2024/\n  ::warning::indented.md",
]


@pytest.fixture
def nasty_site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    files: dict[str, str | bytes] = {"2024/author.md": AUTHOR_VALUES, **dict.fromkeys(NASTY_NAMES, VALID_BRIEF)}
    write_site(tmp_path / "content", files)
    return tmp_path


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_cli_output_never_starts_a_line_from_a_file_name_or_an_author_value(
    nasty_site: Path, output_format: str
) -> None:
    reference = run_cli("check", "--format", "json", cwd=nasty_site)
    records = json.loads(reference.stdout)
    assert reference.returncode == 1 and "Traceback" not in reference.stderr
    # Every nasty name and every nasty value is reported (how, is for the other tests to pin).
    assert {r["file"] for r in records} >= {"content/" + escape_text(name) for name in NASTY_NAMES}
    assert {r["code"] for r in records if r["file"] == "content/2024/author.md"} == {"unknown-actor", "invalid-topic"}
    done = run_cli("check", "--format", output_format, cwd=nasty_site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()  # text mode also turns a lone '\r' into a line break
    assert not [line for line in lines if line.lstrip().startswith("::") and output_format != "github"]
    if output_format == "text":
        diagnostics = [line for line in lines if not line.startswith("    hint: ")]
        assert len(diagnostics) == len(records)
        assert all(line.startswith("content/") for line in diagnostics)
    elif output_format == "github":
        assert len(lines) == len(records)
        assert all(line.startswith(("::error file=content/", "::warning file=content/")) for line in lines)
    else:
        assert json.loads(done.stdout) == records
        assert all(escape_text(str(value)) == str(value) for record in records for value in record.values())
