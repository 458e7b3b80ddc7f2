"""Front matter as YAML: 1.1 traps, safe loading, hostile documents, encodings and line endings."""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from core_support import (
    ACTORS_LINE,
    COUNTRIES_LINE,
    DATE,
    SUMMARY,
    TITLE,
    VALID_BRIEF,
    brief,
    check,
    cli_env,
    rows,
    write_site,
)

from generator.cli.site_config import read_site_settings
from generator.reading.parse import parse_actor, parse_brief, parse_profile

E = "error"


def codes(data: str | bytes, path: str = "2024/x.md") -> list[tuple[int, int, str]]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [(d.line, d.column, d.code) for d in parse_brief(path, raw).diagnostics]


def fields(*lines: str) -> str:
    """A valid brief with ``lines`` replacing the fields of the same name in place; other lines go at the end."""
    given = {line.split(":", 1)[0]: line for line in lines}
    base = [given.pop(line.split(":", 1)[0], line) for line in (TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)]
    return brief(*base, *given.values())


# --- YAML 1.1 traps ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["[NO]", "NO", "[no]", "[Norway]", "[NOR]", "[ NO , DE ]"])
def test_no_is_norway(tmp_path: Path, written: str) -> None:
    result = check(write_site(tmp_path, {"2024/oslo.md": fields(f"countries: {written}")}))
    assert rows(result) == []
    (parsed,) = result.corpus.briefs
    assert parsed.countries[0] == "NO"


@pytest.mark.parametrize(
    "value",
    ["1984", "yes", "no", "No", "on", "off", "y", "n", "true", "False", "0x1F", "1e3", "012", "0o17", "12:30", "1_000",
     ".inf", "-.NaN", "2024-05-01", "+1", "0b101"],
)  # fmt: skip
def test_scalars_stay_text_as_written(value: str) -> None:
    parsed = parse_brief("2024/x.md", fields(f"title: {value}", f"summary: {value}").encode())
    assert parsed.diagnostics == ()
    assert parsed.title == value
    assert parsed.summary == value


def test_actor_named_like_a_boolean(tmp_path: Path) -> None:
    files = {
        "actors/no.md": "---\nname: No\naliases: [Yes, On]\n---\n",
        "2024/x.md": fields("actors: [no, YES, on]"),
    }
    result = check(write_site(tmp_path, files))
    assert [(r[1], r[2], r[4]) for r in rows(result)] == [(5, 14, "duplicate-entry"), (5, 19, "duplicate-entry")]
    assert result.corpus.briefs[0].actors == ("no",)


@pytest.mark.parametrize(
    "written", ["2024-05-01", "'2024-05-01'", '"2024-05-01"', "2024-05-01  # a comment", "!!timestamp 2024-05-01"]
)
def test_dates_quoted_or_not(written: str) -> None:
    parsed = parse_brief("2024/x.md", fields(f"date: {written}", f"updated: {written}").encode())
    assert parsed.diagnostics == ()
    assert parsed.date == parsed.updated == dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    "written",
    ["2024-5-1", "2024-05-01 10:00:00", "2024-05-01T10:00:00Z", "20240501", "May 1, 2024", "2023-02-29",
     "0000-01-01", "2024-00-10", "1", "'2024-13-01'", "2024-05-01x", "٢٠٢٤-٠٥-٠١"],
)  # fmt: skip
def test_bad_dates_are_located_errors(written: str) -> None:
    assert codes(fields(f"date: {written}")) == [(3, 7, "invalid-date")]


def test_leap_day_is_a_date() -> None:
    assert parse_brief("2024/x.md", fields("date: 2024-02-29").encode()).date == dt.date(2024, 2, 29)


@pytest.mark.parametrize(("written", "column"), [("[2024-05-01]", 7), ("{year: 2024}", 7)])
def test_date_of_wrong_shape(written: str, column: int) -> None:
    assert codes(fields(f"date: {written}")) == [(3, column, "wrong-type")]


def test_updated_same_day_is_fine_and_before_is_not() -> None:
    assert codes(fields("updated: 2024-05-01")) == []
    assert codes(fields("updated: 2024-04-30")) == [(7, 1, "date-order")]


# --- Safe loading -----------------------------------------------------------------------------

EXECUTING_TAGS = [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/object/apply:builtins.open ['{marker}', 'w']",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", EXECUTING_TAGS)
@pytest.mark.parametrize("where", ["title", "actor-item", "source-field", "actor-file", "profile"])
def test_tags_never_execute(tmp_path: Path, tag: str, where: str) -> None:
    marker = tmp_path / "executed"
    value = tag.format(marker=marker)
    files: dict[str, str | bytes] = {
        "title": {"2024/x.md": fields(f"title: {value}")},
        "actor-item": {"2024/x.md": fields(f"actors:\n  - Xi Jinping\n  - {value}")},
        "source-field": {"2024/x.md": fields(f"sources:\n  - publisher: {value}")},
        "actor-file": {"actors/li-qiang.md": f"---\nname: Li Qiang\nrole: {value}\n---\n"},
        "profile": {"countries/de.md": f"---\ntitle: {value}\n---\nGermany.\n"},
    }[where]
    result = check(write_site(tmp_path / "site", files))
    assert "yaml-tag" in {d.code for d in result.diagnostics}
    assert all(d.is_error for d in result.diagnostics if d.code == "yaml-tag")
    assert not marker.exists()


def test_the_tag_fixture_would_execute_under_an_unsafe_loader(tmp_path: Path) -> None:
    # A control: the payload is live, so the test above proves the checker never constructs it.
    marker = tmp_path / "executed"
    yaml.unsafe_load(EXECUTING_TAGS[1].format(marker=marker))  # deliberately unsafe: the control case
    assert marker.exists()


def test_tag_error_points_at_the_value() -> None:
    assert codes(fields('title: !!python/object/apply:os.system ["echo hi"]')) == [(2, 8, "yaml-tag")]
    assert codes(fields("summary: !custom text")) == [(4, 10, "yaml-tag")]
    assert codes(fields("summary: !!binary aGk=")) == [(4, 10, "yaml-tag")]


def test_core_tags_are_allowed() -> None:
    assert codes(fields("title: !!str 1984", "summary: !!int 42")) == []


def test_tags_in_keys_and_merge_keys_are_errors() -> None:
    found = codes(fields("!!python/name:os.system : x", "base: &b {title: x}", "<<: *b"))
    assert (7, 1, "yaml-tag") in found
    assert (9, 1, "yaml-tag") in found
    assert all(code in ("yaml-tag", "unknown-key") for _, _, code in found)


def test_site_config_tags_never_execute(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f'site_name: !!python/object/apply:os.system ["touch {marker}"]\n'
        "docs_dir: briefs\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  key: !ENV [HOME, x]\n"
        "plugins:\n  - search\n  - briefing:\n      country_aliases: {Bharat: IN}\n",
        encoding="utf-8",
    )
    settings = read_site_settings(config)
    assert not marker.exists()
    assert settings.docs_dir == tmp_path / "briefs"
    assert settings.core.country_aliases == {"Bharat": "IN"}


def test_tag_on_the_root_mapping_is_an_error() -> None:
    text = "---\n!!python/object/apply:os.system\n" + "\n".join((TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE))
    assert (2, 1, "yaml-tag") in codes(text + "\n---\n")


# --- Hostile documents ------------------------------------------------------------------------


def _laughs(levels: int = 9, width: int = 9) -> list[str]:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return lines


BOMB_TARGETS = [
    "title: *l9",
    "summary: *l9",
    "actors: *l9",
    "countries: *l9",
    "topics: *l9",
    "sources: *l9",
    "date: *l9",
    "status: *l9",
    "slug: *l9",
    "confidence: *l9",
    "updated: *l9",
    "*l9 : key",
]


def test_billion_laughs_finishes_fast_without_blowing_memory(tmp_path: Path) -> None:
    text = brief(*_laughs(), *BOMB_TARGETS, body="Xi Jinping went to Russia.\n")
    actor = "---\n" + "\n".join([*_laughs(), "name: *l9", "aliases: *l9", "country: *l9", "role: *l9"]) + "\n---\n"
    write_site(tmp_path, {"2024/bomb.md": text, "actors/bomb.md": actor, "countries/de.md": text})
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = check(tmp_path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 5.0  # expanded, the aliases would take hours; loose, so a busy CI machine never fails it
    assert peak < 50 * 1024 * 1024
    assert result.has_errors
    assert {d.code for d in result.diagnostics} <= {"unknown-key", "wrong-type", "missing-field", "empty-value", "unlisted-actor",
                                                     "unlisted-country", "unknown-country-profile"}  # fmt: skip


RECURSIVE = [
    "a: &a [*a]",
    "actors: &a [*a]",
    "countries: &a [Xi, [*a]]",
    "topics: &a [*a, *a]",
    "sources: &a [*a]",
    "sources: [&m {publisher: x, title: *m, url: *m}]",
    "title: &m {a: *m}",
    "&root\ntitle: *root\nsources: [*root]\nactors: *root",
]


@pytest.mark.parametrize("text", RECURSIVE)
def test_recursive_aliases_do_not_hang_or_crash(text: str) -> None:
    started = time.perf_counter()
    brief_found = parse_brief("2024/x.md", brief(text).encode()).diagnostics
    actor_found = parse_actor("actors/x.md", brief(text.replace("title", "name")).encode()).diagnostics
    assert time.perf_counter() - started < 5.0  # a hang, not speed: loose, for busy CI machines
    assert brief_found
    assert all(d.is_error and d.line >= 2 and d.column >= 1 for d in brief_found + actor_found)


_NESTING_SCRIPT = """
import sys
from generator.reading.parse import parse_brief
depth = int(sys.argv[1])
found = parse_brief("x.md", ("---\\ntitle: " + "[" * depth + "]" * depth + "\\n---\\n").encode()).diagnostics
print(sorted({d.code for d in found}))
"""


def _eight_mib_stack() -> None:  # pragma: no cover - runs in the child
    _soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    limit = 8 * 1024 * 1024
    if hard == resource.RLIM_INFINITY or hard >= limit:
        resource.setrlimit(resource.RLIMIT_STACK, (limit, hard))


def _parse_nested(depth: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _NESTING_SCRIPT, str(depth)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        preexec_fn=_eight_mib_stack,  # the usual default stack, whatever the shell's ulimit
        check=False,
    )


def test_moderately_deep_nesting_is_an_error() -> None:
    done = _parse_nested(1000)
    assert done.returncode == 0, done.stderr
    assert "wrong-type" in done.stdout


def test_very_deep_nesting_does_not_crash_the_process() -> None:
    done = _parse_nested(32_700)  # the most that fits in the 64 KiB front matter limit
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-500:]}"


# --- Front matter shapes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\njust some text\n---\n", [(2, 1, "front-matter-not-mapping")]),
        ("---\n- a\n- b\n---\n", [(2, 1, "front-matter-not-mapping")]),
        ("---\n~\n---\n", [(2, 1, "front-matter-not-mapping")]),
        ("---\n'quoted'\n---\n", [(2, 1, "front-matter-not-mapping")]),
        ("---\ntitle: x\n", [(1, 1, "unterminated-front-matter")]),
        ("---", [(1, 1, "unterminated-front-matter")]),
        ("", [(1, 1, "empty-file")]),
        ("\n\n   \n", [(1, 1, "empty-file")]),
        ("Title\n---\ntitle: x\n---\n", [(1, 1, "no-front-matter")]),
        (" ---\ntitle: x\n---\n", [(1, 1, "no-front-matter")]),
    ],
)
def test_front_matter_shapes(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        VALID_BRIEF.replace("---\nBody", "...\nBody"),  # YAML's document end marker closes too
        VALID_BRIEF.replace("---\n", "---   \n"),  # trailing spaces on the fences
        VALID_BRIEF.replace("Body text.", "Body.\n\n---\n\nA thematic break in the body."),
        brief(*fields().split("\n")[1:6], "# a comment", "", "topics: [trade]  # trailing comment"),
    ],
)
def test_valid_front_matter_variants(text: str) -> None:
    assert codes(text) == []


def test_duplicate_key_reports_the_second_with_the_first_line() -> None:
    text = brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "summary: Again.", "summary: And again.")
    parsed = parse_brief("2024/x.md", text.encode())
    assert [(d.line, d.column, d.code) for d in parsed.diagnostics] == [(7, 1, "duplicate-key"), (8, 1, "duplicate-key")]  # fmt: skip
    assert all("line 4" in d.message for d in parsed.diagnostics)
    assert parsed.summary == "One plain sentence."  # the first one counts; YAML would have kept the last


def test_keys_that_are_not_plain_names() -> None:
    text = brief("? [a, b]", ": x", "1984: x", "~: y", *fields().split("\n")[1:6])
    assert codes(text) == [(2, 3, "unknown-key"), (4, 1, "unknown-key"), (5, 1, "unknown-key")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title: Talks: day one", (2, 13)),
        ("title: [unclosed", (3, 1)),
        ("title: *undefined", (2, 8)),
        ("title: x\n\tdate: 2024-05-01", (3, 1)),
        ("title: &a x\nsummary: &a y", (3, 10)),
        ("title: x\n  summary: y", (3, 10)),
        ('title: "bad \\q escape"', (2, 13)),
    ],
)
def test_yaml_syntax_errors_are_located(line: str, expected: tuple[int, int]) -> None:
    assert codes(brief(line)) == [(*expected, "yaml-syntax")]


def test_front_matter_limits() -> None:
    at_limit = "---\nsummary: " + "a" * (64 * 1024 - len("summary: ") - 1) + "\n---\n"
    assert (1, 1, "front-matter-too-large") not in codes(at_limit)
    assert codes(at_limit.replace("summary: ", "summary: a")) == [(1, 1, "front-matter-too-large")]


def test_body_limit() -> None:
    front = VALID_BRIEF.removesuffix("Body text.\n")
    assert codes(front + "a" * (64 * 1024 - 1) + "\n") == []
    assert codes(front + "a" * 64 * 1024 + "\n") == [(8, 1, "too-large")]
    assert codes("Not a brief.\n" + "a" * 64 * 1024) == [(1, 1, "no-front-matter"), (1, 1, "too-large")]


def test_very_large_file_is_refused_fast() -> None:
    limit = 5 * 1024 * 1024
    started = time.perf_counter()
    assert codes(b"---\n" + b"a" * limit) == [(1, 1, "file-too-large")]
    assert codes(b"x" * (limit + 1)) == [(1, 1, "file-too-large")]
    assert (1, 1, "file-too-large") not in codes(VALID_BRIEF.encode() + b"a" * (limit - len(VALID_BRIEF)))
    assert time.perf_counter() - started < 10.0  # refused before it is read as text; loose, for busy CI machines


@pytest.mark.parametrize("text", ["---\n---\nBody.\n", "---\n# only a comment\n\n---\nBody.\n"])
def test_empty_front_matter_is_reported(text: str) -> None:
    found = codes(text)
    assert (2, 1, "missing-field") in found or (1, 1, "missing-field") in found


def test_actor_with_empty_front_matter_is_reported() -> None:
    assert parse_actor("actors/x.md", b"---\n---\nBody.\n").diagnostics


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_empty_lists_in_a_draft_are_allowed(tmp_path: Path, empty: str) -> None:
    text = brief(TITLE, DATE, SUMMARY, f"actors:{empty}", f"countries:{empty}", f"topics:{empty}", "status: draft")
    assert rows(check(write_site(tmp_path, {"2024/draft.md": text}))) == []


def test_empty_lists_in_a_draft_written_as_brackets_are_allowed(tmp_path: Path) -> None:
    text = brief(TITLE, DATE, SUMMARY, "actors: []", "countries: []", "topics: []", "status: draft")
    assert rows(check(write_site(tmp_path, {"2024/draft.md": text}))) == []


@pytest.mark.parametrize("field", ["actors", "countries"])
def test_drafts_still_need_the_keys(field: str) -> None:
    lines = [line for line in (TITLE, DATE, SUMMARY, "actors: []", "countries: []") if not line.startswith(field)]
    assert codes(brief(*lines, "status: draft")) == [(2, 1, "missing-field")]


# --- Encodings and line endings ---------------------------------------------------------------

# A brief with problems on several lines, in the front matter and the body.
LOCATED = brief(
    TITLE,
    DATE,
    SUMMARY,
    "actors: [Xi Jinping, Nobody]",
    "countries: [CN, Narnia]",
    "colour: red",
    body="First line.\n\nIn Moscow, Putin met officials from Russia.\n",
)
LOCATED_ROWS = [
    ("2024/x.md", 5, 22, E, "unknown-actor"),
    ("2024/x.md", 6, 17, E, "unknown-country"),
    ("2024/x.md", 7, 1, E, "unknown-key"),
    ("2024/x.md", 11, 12, "warning", "unlisted-actor"),
    ("2024/x.md", 11, 37, "warning", "unlisted-country"),
]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["lf", "bom", "crlf", "bom-crlf", "cr"],
)
def test_bom_and_line_endings_keep_positions(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    result = check(write_site(tmp_path, {"2024/x.md": encode(LOCATED)}))
    assert rows(result) == LOCATED_ROWS


@pytest.mark.parametrize(
    "encode",
    [lambda t: b"\xef\xbb\xbf" + t.encode(), lambda t: t.replace("\n", "\r\n").encode()],
    ids=["bom", "crlf"],
)
def test_bom_and_crlf_are_accepted(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    result = check(write_site(tmp_path, {"2024/x.md": encode(VALID_BRIEF)}))
    assert rows(result) == []
    assert result.corpus.briefs[0].title == "A valid brief"
    assert "\r" not in result.corpus.briefs[0].body


def test_bom_in_actor_and_profile_files(tmp_path: Path) -> None:
    files = {
        "actors/li-qiang.md": b"\xef\xbb\xbf---\r\nname: Li Qiang\r\n---\r\n",
        "countries/cn.md": b"\xef\xbb\xbf---\ntitle: China\n---\nProfile.\n",
        "2024/x.md": fields("actors: [Li Qiang]").encode(),
    }
    result = check(write_site(tmp_path, files))
    assert rows(result) == []
    assert result.corpus.countries["CN"].profile_body == "Profile.\n"


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff---\n", 1, 1),
        (b"---\ntitle: caf\xe9\n---\n", 2, 11),
        (b"---\ntitle: Zo\xc3\xab \xc3\xa9t\xc3\xa9 \x80\n---\n", 2, 16),  # columns count characters, not bytes
        (b"---\r\ntitle: x\r\n---\r\nbody\r\nline \xc3\x28\r\n", 5, 6),  # an invalid continuation byte
        (VALID_BRIEF.encode() + b"\n\n\xed\xa0\x80 surrogate", 11, 1),  # UTF-8-encoded surrogates are invalid
        (b"---\ntitle: truncated \xe2\x82", 2, 18),  # a sequence cut off at the end of the file
    ],
)
def test_non_utf8_is_located(data: bytes, line: int, column: int) -> None:
    assert codes(data) == [(line, column, "encoding")]
    assert [(d.line, d.column, d.code) for d in parse_actor("actors/x.md", data).diagnostics] == [
        (line, column, "encoding")
    ]
    assert [(d.line, d.column, d.code) for d in parse_profile("countries/de.md", data).diagnostics] == [
        (line, column, "encoding")
    ]


@pytest.mark.parametrize(("data", "column"), [(b"\xff---\n", 1), (b"ab\xc3\xa9\xff\n", 4)])
def test_byte_order_mark_does_not_shift_an_encoding_error_on_line_1(data: bytes, column: int) -> None:
    assert codes(b"\xef\xbb\xbf" + data) == codes(data) == [(1, column, "encoding")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_do_not_shift_positions(separator: str) -> None:
    text = brief(f'title: "Talks{separator}day one"', "date: 2024-13-01", SUMMARY, ACTORS_LINE, COUNTRIES_LINE)
    assert codes(text) == [(3, 7, "invalid-date")]


def test_control_character_in_front_matter_is_located() -> None:
    text = brief(TITLE, DATE, SUMMARY, ACTORS_LINE, "countries: [CN\x01]")
    assert codes(text) == [(6, 15, "yaml-syntax")]


def test_control_character_in_front_matter_is_an_error_not_a_crash() -> None:
    for char in "\x00\x01\x1b\x7f\ufffe":
        found = codes(brief(TITLE, DATE, SUMMARY, ACTORS_LINE, f"countries: [CN{char}]"))
        assert [code for _, _, code in found] == ["yaml-syntax"]


def test_tab_and_nbsp_in_values() -> None:
    parsed = parse_brief("2024/x.md", fields('title: "A\\tB"', "summary: Non\u00a0breaking   spaces.").encode())
    assert parsed.diagnostics == ()
    assert parsed.title == "A B"
    assert parsed.summary == "Non breaking spaces."
