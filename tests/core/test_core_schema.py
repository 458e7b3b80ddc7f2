"""Field rules of briefs, sources, actor files and country profiles, one rule at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from core_support import ACTORS_LINE, COUNTRIES_LINE, DATE, SUMMARY, TITLE, brief

from generator.base.model import Source, Topic
from generator.reading.parse import parse_actor, parse_brief, parse_profile


def brief_with(*extra: str, title: str = TITLE, summary: str = SUMMARY) -> bytes:
    return brief(title, DATE, summary, ACTORS_LINE, COUNTRIES_LINE, *extra).encode()


def found(data: bytes, parser=parse_brief, path: str = "2024/x.md") -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(d.line, d.column, d.code) for d in parser(path, data).diagnostics]


@pytest.mark.parametrize(("field", "limit"), [("title", 200), ("summary", 600)])
def test_text_length_limits(field: str, limit: int) -> None:
    line = 2 if field == "title" else 4
    column = len(field) + 3
    at_limit = {field: f"{field}: " + "x" * limit}
    over = {field: f"{field}: " + "x" * (limit + 1)}
    assert found(brief_with(**at_limit)) == []
    assert found(brief_with(**over)) == [(line, column, "too-long")]


def test_text_is_collapsed_before_counting() -> None:
    folded = "summary: >-\n  " + "\n  ".join(["word"] * 100)  # 499 characters once folded
    parsed = parse_brief("2024/x.md", brief_with(summary=folded))
    assert parsed.diagnostics == ()
    assert parsed.summary == " ".join(["word"] * 100)
    assert parse_brief("2024/x.md", brief_with(title='title: "  Spaced \\n  out  "')).title == "Spaced out"


@pytest.mark.parametrize("title", ["title: '   '", 'title: ""', "title: |\n  \n"])
def test_blank_text_is_empty(title: str) -> None:
    assert found(brief_with(title=title)) == [(2, 8, "empty-value")]


@pytest.mark.parametrize(
    ("line", "value"),
    [("status: Draft", ("status", "draft")), ("status: PUBLISHED", ("status", "published")),
     ("confidence: High", ("confidence", "high")), ("confidence: low", ("confidence", "low"))],
)  # fmt: skip
def test_choices_ignore_case(line: str, value: tuple[str, str]) -> None:
    parsed = parse_brief("2024/x.md", brief_with(line))
    assert parsed.diagnostics == ()
    assert getattr(parsed, value[0]) == value[1]


def test_default_status_is_published() -> None:
    assert parse_brief("2024/x.md", brief_with()).status == "published"


def test_invalid_choice_suggests() -> None:
    (diagnostic,) = parse_brief("2024/x.md", brief_with("confidence: moderat")).diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (7, 13, "invalid-choice")
    assert "did you mean 'moderate'?" in diagnostic.hint


@pytest.mark.parametrize("slug", ["a", "a-b", "2024-talks", "x1-y2-z3"])
def test_valid_slugs(slug: str) -> None:
    parsed = parse_brief("2024/Any Name.md", brief_with(f"slug: {slug}"))
    assert parsed.diagnostics == ()  # an explicit slug also silences the file-name warning
    assert (parsed.slug.value, parsed.slug.line, parsed.slug.column) == (slug, 7, 7)


@pytest.mark.parametrize("slug", ["A", "a_b", "-a", "a-", "a--b", "a b", "é", "'a/b'", "''"])
def test_invalid_slugs(slug: str) -> None:
    assert found(brief_with(f"slug: {slug}")) == [(7, 7, "invalid-slug")]


@pytest.mark.parametrize(
    ("name", "slug", "warns"),
    [("talks.md", "talks", False), ("Talks.md", "talks", True), ("talks_day_one.md", "talks-day-one", True),
     ("Ünïcode talks.md", "unicode-talks", True)],
)  # fmt: skip
def test_default_slug_comes_from_the_file_name(name: str, slug: str, warns: bool) -> None:
    parsed = parse_brief(f"2024/{name}", brief_with())
    assert parsed.slug.value == slug
    assert [d.code for d in parsed.diagnostics] == (["file-name"] if warns else [])


@pytest.mark.parametrize(
    "url",
    ["https://example.com", "HTTPS://EXAMPLE.COM/a?b=c#d", "http://x", "http://[::1]/x", "  https://padded.example  "],
)
def test_valid_urls(url: str) -> None:
    assert found(brief_with("sources:", "  - publisher: P", f"    url: '{url}'", f"    archive_url: '{url}'")) == []


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "https://", "https://exa mple.com", "//example.com", "mailto:x@example.com",
     "https://[::1", "example.com", "ftp://example.com/x", "file:///etc/passwd", "data:text/html,hi"],
)  # fmt: skip
def test_invalid_urls(url: str) -> None:
    assert found(brief_with("sources:", "  - publisher: P", f"    url: '{url}'")) == [(9, 10, "invalid-url")]
    assert found(brief_with("sources:", "  - publisher: P", f"    archive_url: '{url}'")) == [(9, 18, "invalid-url")]


def test_sources_are_read_whole() -> None:
    parsed = parse_brief(
        "2024/x.md",
        brief_with(
            "sources:",
            "  - publisher: Reuters",
            "    title: 'Talks: day one'",
            "    url: https://example.com/a",
            "    archive_url: https://web.archive.org/a",
            "    date: 2024-04-30",
            "  - publisher: AFP",
        ),
    )
    assert parsed.diagnostics == ()
    assert parsed.sources == (
        Source("Reuters", "Talks: day one", "https://example.com/a", "https://web.archive.org/a", dt.date(2024, 4, 30)),
        Source("AFP"),
    )


def test_every_problem_in_a_source_is_reported() -> None:
    data = brief_with(
        "sources:",
        "  - title: No publisher",
        "    date: 2024-02-30",
        "    archive_url: ftp://x",
        "    pubisher: X",
        "  - just a string",
        "  - publisher: [a, list]",
    )
    parsed = parse_brief("2024/x.md", data)
    assert [(d.line, d.column, d.code) for d in parsed.diagnostics] == [
        (9, 11, "invalid-date"),
        (10, 18, "invalid-url"),
        (11, 5, "unknown-key"),
        (8, 5, "missing-field"),
        (12, 5, "wrong-type"),
        (13, 16, "wrong-type"),
    ]
    assert "did you mean 'publisher'?" in parsed.diagnostics[2].hint
    assert parsed.sources == ()


def test_topics_are_slugified_and_deduplicated() -> None:
    parsed = parse_brief(
        "2024/x.md", brief_with("topics: [Cyber Security, cyber-security, 'Trade & Tariffs', Ünïcode]")
    )
    assert parsed.diagnostics == ()
    assert parsed.topics == (
        Topic("cyber-security", "Cyber Security"),
        Topic("trade-tariffs", "Trade & Tariffs"),
        Topic("unicode", "Ünïcode"),
    )


def test_single_values_count_as_lists() -> None:
    parsed = parse_brief(
        "2024/x.md", brief(TITLE, DATE, SUMMARY, "actors: Xi", "countries: CN", "topics: trade").encode()
    )
    assert parsed.diagnostics == ()
    assert [a.name.value for a in parsed.actors] == ["Xi"]
    assert [c.name.value for c in parsed.countries] == ["CN"]
    assert parsed.topics == (Topic("trade", "trade"),)


def test_list_entries_keep_their_positions() -> None:
    parsed = parse_brief("2024/x.md", brief(TITLE, DATE, SUMMARY, "actors:", "  - Xi", "  -   Putin", "countries: [CN,  RU]").encode())  # fmt: skip
    assert [(a.name.value, a.name.line, a.name.column) for a in parsed.actors] == [("Xi", 6, 5), ("Putin", 7, 7)]
    assert [(c.name.value, c.name.line, c.name.column) for c in parsed.countries] == [("CN", 8, 13), ("RU", 8, 18)]


def test_list_entries_of_the_wrong_shape() -> None:
    data = brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "topics: [Xi, [a, b], {k: v}, '']")
    assert found(data.encode()) == [(7, 14, "wrong-type"), (7, 22, "wrong-type"), (7, 30, "empty-value")]
    # In actors and countries, a one-key mapping is a name and its role (see test_core_roles).
    data = brief(TITLE, DATE, SUMMARY, "actors: [Xi, [a, b], {k: v}, '']", COUNTRIES_LINE)
    assert found(data.encode()) == [(5, 14, "wrong-type"), (5, 30, "empty-value")]


# --- Actor files ------------------------------------------------------------------------------


def test_full_actor_file() -> None:
    data = "---\nname: Li  Qiang\naliases: [Premier Li]\nkind: Person\ncountry: cn\nrole: Premier\nwikidata: Q42\n---\nBio.\n"
    actor = parse_actor("actors/li-qiang.md", data.encode())
    assert actor.diagnostics == ()
    assert actor.name is not None
    assert (actor.slug, actor.name.value, actor.kind, actor.role, actor.wikidata) == (
        "li-qiang",
        "Li Qiang",
        "person",
        "Premier",
        "Q42",
    )
    assert [a.value for a in actor.aliases] == ["Premier Li"]
    assert actor.country is not None
    assert actor.country.value == "cn"
    assert (actor.body, actor.body_line) == ("Bio.\n", 9)


def test_actor_field_errors() -> None:
    data = "---\nkind: country\nwikidata: q42\naliases: [A, '']\nrole: " + "r" * 301 + "\nfoo: bar\n---\n"
    assert found(data.encode(), parse_actor, "actors/x.md") == [
        (2, 7, "invalid-choice"),
        (3, 11, "invalid-wikidata"),
        (4, 14, "empty-value"),
        (5, 7, "too-long"),
        (6, 1, "unknown-key"),
        (2, 1, "missing-field"),
    ]


@pytest.mark.parametrize("wikidata", ["Q0", "Q", "42", "P31", "Q42x", "Q 42", "Q-42"])
def test_invalid_wikidata(wikidata: str) -> None:
    assert found(f"---\nname: X\nwikidata: '{wikidata}'\n---\n".encode(), parse_actor, "actors/x.md") == [
        (3, 11, "invalid-wikidata")
    ]


@pytest.mark.parametrize("kind", ["person", "organization", "state", "group"])
def test_actor_kinds(kind: str) -> None:
    assert found(f"---\nname: X\nkind: {kind}\n---\n".encode(), parse_actor, "actors/x.md") == []


# --- Country profiles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", ["", "A profile without front matter.\n", "---\ntitle: Germany\nsummary: S.\n---\nBody\n"]
)
def test_profile_front_matter_is_optional(data: str) -> None:
    assert parse_profile("countries/de.md", data.encode()).diagnostics == ()


def test_profile_fields_are_checked() -> None:
    data = "---\ntitle: ''\nsummary: [a]\ncolour: red\n---\nBody\n"
    assert found(data.encode(), parse_profile, "countries/de.md") == [
        (2, 8, "empty-value"),
        (3, 10, "wrong-type"),
        (4, 1, "unknown-key"),
    ]
