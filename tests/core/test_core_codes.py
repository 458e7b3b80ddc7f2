"""One failing fixture for every diagnostic code the core can emit, each pinned to file, line, column and severity.

`test_every_emitted_code_has_a_fixture` reads generator/ for the codes it emits, so a new code
without a fixture here fails the suite.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from core_support import (
    ACTORS_LINE,
    COUNTRIES_LINE,
    DATE,
    REPO,
    SUMMARY,
    TITLE,
    VALID_BRIEF,
    VALID_FIELDS,
    XI_JINPING,
    Row,
    brief,
    check,
    rows,
    write_site,
)

from generator.base.config import CoreConfig

E, W = "error", "warning"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    code: str
    files: dict[str, str | bytes]
    expected: list[Row]  # every diagnostic of the whole run, in reported order
    config: CoreConfig = field(default_factory=CoreConfig)
    name: str = ""
    symlinks: dict[str, str] = field(default_factory=dict)  # path -> target, both relative to the folder
    fifos: tuple[str, ...] = ()  # named pipes to make, relative to the folder

    @property
    def id(self) -> str:
        return self.name or self.code


CASES = [
    Case(
        "encoding",
        {"2024/enc.md": b"---\ntitle: caf\xe9 talks\n---\n"},
        [("2024/enc.md", 2, 11, E, "encoding")],
    ),
    Case("empty-file", {"2024/empty.md": ""}, [("2024/empty.md", 1, 1, E, "empty-file")]),
    Case(
        "empty-file",
        {"2024/blank.md": " \n\t\n\n"},
        [("2024/blank.md", 1, 1, E, "empty-file")],
        name="empty-file-whitespace",
    ),
    Case(
        "file-too-large",
        {"2024/big.md": b"---\n" + b"a" * (5 * MIB)},
        [("2024/big.md", 1, 1, E, "file-too-large")],
    ),
    Case(
        "too-large",
        {"2024/long.md": brief(body="word " * (14 * 1024))},
        [("2024/long.md", 8, 1, E, "too-large")],
    ),
    Case(
        "no-front-matter",
        {"2024/plain.md": "Just a note, no fields.\n"},
        [("2024/plain.md", 1, 1, E, "no-front-matter")],
    ),
    Case(
        "unterminated-front-matter",
        {"2024/open.md": "---\ntitle: Never closed\ndate: 2024-05-01\n"},
        [("2024/open.md", 1, 1, E, "unterminated-front-matter")],
    ),
    Case(
        "front-matter-too-large",
        {"2024/huge.md": brief(TITLE, DATE, "summary: " + "a" * (70 * 1024), ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/huge.md", 1, 1, E, "front-matter-too-large")],
    ),
    Case(
        "yaml-syntax",
        {"2024/colon.md": brief("title: Talks: day one", DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/colon.md", 2, 13, E, "yaml-syntax")],
    ),
    Case(
        "yaml-tag",
        {
            "2024/tag.md": brief(
                'title: !!python/object/apply:os.system ["echo hi"]', DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE
            )
        },
        [("2024/tag.md", 2, 8, E, "yaml-tag")],
    ),
    Case(
        "front-matter-not-mapping",
        {"2024/list.md": "---\n- title\n- date\n---\nBody.\n"},
        [("2024/list.md", 2, 1, E, "front-matter-not-mapping")],
    ),
    Case(
        "duplicate-key",
        {"2024/twice.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "title: Again")},
        [("2024/twice.md", 7, 1, E, "duplicate-key")],
    ),
    Case(
        "unknown-key",
        {"2024/typo.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "acters: [Xi]")},
        [("2024/typo.md", 7, 1, E, "unknown-key")],
    ),
    Case(
        "missing-field",
        {"2024/nosummary.md": brief(TITLE, DATE, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/nosummary.md", 2, 1, E, "missing-field")],
    ),
    Case(
        "wrong-type",
        {"2024/list-title.md": brief("title: [a, b]", DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/list-title.md", 2, 8, E, "wrong-type")],
    ),
    Case(
        "wrong-type",
        {"2024/sources.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "sources: AFP")},
        [("2024/sources.md", 7, 10, E, "wrong-type")],
        name="wrong-type-sources",
    ),
    Case(
        "empty-value",
        {"2024/quoted-empty.md": brief("title: ''", DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/quoted-empty.md", 2, 8, E, "empty-value")],
    ),
    Case(
        "empty-value",
        {"2024/no-actors.md": brief(TITLE, DATE, SUMMARY, "actors: []", COUNTRIES_LINE)},
        [("2024/no-actors.md", 5, 1, E, "empty-value")],
        name="empty-value-published-without-actors",
    ),
    Case(
        "too-long",
        {"2024/long.md": brief("title: " + "x" * 201, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/long.md", 2, 8, E, "too-long")],
    ),
    Case(
        "invalid-date",
        {"2024/feb30.md": brief(TITLE, "date: 2024-02-30", SUMMARY, ACTORS_LINE, COUNTRIES_LINE)},
        [("2024/feb30.md", 3, 7, E, "invalid-date")],
    ),
    Case(
        "date-order",
        {"2024/order.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "updated: 2024-04-30")},
        [("2024/order.md", 7, 1, E, "date-order")],
    ),
    Case(
        "invalid-choice",
        {"2024/status.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "status: final")},
        [("2024/status.md", 7, 9, E, "invalid-choice")],
    ),
    Case(
        "invalid-slug",
        {"2024/bad-slug.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "slug: Not_A_Slug")},
        [("2024/bad-slug.md", 7, 7, E, "invalid-slug")],
    ),
    Case(
        "invalid-slug",
        {"actors/Li Qiang.md": "---\nname: Li Qiang\n---\n"},
        [("actors/Li Qiang.md", 1, 1, E, "invalid-slug")],
        name="invalid-slug-actor-file-name",
    ),
    Case(
        "invalid-url",
        {
            "2024/url.md": brief(
                TITLE,
                DATE,
                SUMMARY,
                ACTORS_LINE,
                COUNTRIES_LINE,
                "sources:",
                "  - publisher: AFP",
                "    url: ftp://example.com/story",
            )
        },
        [("2024/url.md", 9, 10, E, "invalid-url")],
    ),
    Case(
        "invalid-wikidata",
        {"actors/li-qiang.md": "---\nname: Li Qiang\nwikidata: 123\n---\n"},
        [("actors/li-qiang.md", 3, 11, E, "invalid-wikidata")],
    ),
    Case(
        "invalid-topic",
        {"2024/topic.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "topics: [trade, '!!!']")},
        [("2024/topic.md", 7, 17, E, "invalid-topic")],
    ),
    Case(
        "duplicate-slug",
        {"2023/same.md": VALID_BRIEF, "2024/same.md": VALID_BRIEF},
        [("2024/same.md", 1, 1, E, "duplicate-slug")],
    ),
    Case(
        "duplicate-slug",
        {
            "2024/one.md": VALID_BRIEF,
            "2024/two.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE, "slug: one"),
        },
        [("2024/two.md", 7, 7, E, "duplicate-slug")],
        name="duplicate-slug-explicit",
    ),
    Case(
        "unknown-actor",
        {"2024/who.md": brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinpin]", COUNTRIES_LINE)},
        [("2024/who.md", 5, 10, E, "unknown-actor")],
    ),
    Case(
        "unknown-country",
        {"2024/where.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, "countries: [CN, Narnia]")},
        [("2024/where.md", 6, 17, E, "unknown-country")],
    ),
    Case(
        "unknown-country",
        {"actors/li-qiang.md": "---\nname: Li Qiang\ncountry: Atlantis\n---\n"},
        [("actors/li-qiang.md", 3, 10, E, "unknown-country")],
        name="unknown-country-in-actor-file",
    ),
    Case(
        "duplicate-alias",
        {"actors/zz-someone.md": "---\nname: Someone Else\naliases: [Putin]\n---\n"},
        [("actors/zz-someone.md", 3, 11, E, "duplicate-alias")],
    ),
    Case(
        "duplicate-entry",
        {"2024/repeat.md": brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinping, president  xi]", COUNTRIES_LINE)},
        [("2024/repeat.md", 5, 22, W, "duplicate-entry")],
    ),
    Case(
        "duplicate-entry",
        {"2024/repeat.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, "countries: [CN, China]")},
        [("2024/repeat.md", 6, 17, W, "duplicate-entry")],
        name="duplicate-entry-country",
    ),
    Case(
        "unknown-role",
        {"2024/role.md": brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinping: perpetrater]", COUNTRIES_LINE)},
        [("2024/role.md", 5, 22, E, "unknown-role")],
    ),
    Case(
        "unknown-role",
        {"2024/role.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, "countries:\n  - CN: origin\n  - RU: perpetrator")},
        [("2024/role.md", 8, 9, E, "unknown-role")],
        name="unknown-role-country",
    ),
    Case(
        "duplicate-role",
        {"2024/roles.md": brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinping: perpetrator, Xi: target]", COUNTRIES_LINE)},
        [("2024/roles.md", 5, 35, E, "duplicate-role")],
    ),
    Case(
        "wrong-type",
        {
            "2024/pairs.md": brief(
                TITLE, DATE, SUMMARY, "actors:\n  - Xi: perpetrator\n    Putin: target", COUNTRIES_LINE
            )
        },
        [("2024/pairs.md", 6, 5, E, "wrong-type")],
        name="wrong-type-two-names-in-one-entry",
    ),
    Case(
        "wrong-type",
        {"2024/listed-role.md": brief(TITLE, DATE, SUMMARY, ACTORS_LINE, "countries: [CN: [origin, target]]")},
        [("2024/listed-role.md", 6, 17, E, "wrong-type")],
        name="wrong-type-role-not-text",
    ),
    Case(
        "unknown-country-profile",
        {"countries/zz.md": "A profile of nowhere.\n"},
        [("countries/zz.md", 1, 1, E, "unknown-country-profile")],
    ),
    Case(
        "unknown-country-profile",
        {"countries/deu.md": "Germany, by its alpha-3 code.\n"},
        [("countries/deu.md", 1, 1, E, "unknown-country-profile")],
        name="unknown-country-profile-alpha3",
    ),
    Case(
        "unknown-country-profile",
        {"countries/DE.md": "Germany, in upper case.\n"},
        [("countries/DE.md", 1, 1, E, "unknown-country-profile")],
        name="unknown-country-profile-upper-case",
    ),
    Case(
        "unreadable",
        {},
        [("2024/dangling.md", 1, 1, E, "unreadable")],
        symlinks={"2024/dangling.md": "missing.md"},
    ),
    Case(
        "not-a-regular-file",
        {},
        [("2024/pipe.md", 1, 1, E, "not-a-regular-file")],
        fifos=("2024/pipe.md",),
    ),
    Case(
        "not-a-regular-file",
        {},
        [("2024/chart.png", 1, 1, E, "not-a-regular-file")],
        fifos=("2024/chart.png",),
        name="not-a-regular-file-any-file",
    ),
    Case(
        "not-a-regular-file",
        {},
        [("2024/link.md", 1, 1, E, "not-a-regular-file"), ("pipes/p", 1, 1, E, "not-a-regular-file")],
        symlinks={"2024/link.md": "pipes/p"},
        fifos=("pipes/p",),
        name="not-a-regular-file-through-a-link",
    ),
    Case(
        "symlink-outside",
        {},
        [("2024/out.md", 1, 1, E, "symlink-outside")],
        symlinks={"2024/out.md": "../outside.md"},
    ),
    Case(
        "symlink-outside",
        {},
        [("2024/null.md", 1, 1, E, "symlink-outside")],
        symlinks={"2024/null.md": "/dev/null"},
        name="symlink-outside-to-a-device",
    ),
    Case(
        "symlinked-folder",
        {"2023/a.md": VALID_BRIEF},
        [("2024", 1, 1, E, "symlinked-folder")],
        symlinks={"2024": "2023"},
    ),
    Case(
        "unsafe-file-name",
        {"2024/line\nbreak.md": VALID_BRIEF},
        [("2024/line\nbreak.md", 1, 1, E, "unsafe-file-name")],
    ),
    Case(
        "unsafe-file-name",
        {os.fsdecode(b"2024/caf\xe9.md"): VALID_BRIEF},
        [("2024/caf\udce9.md", 1, 1, E, "unsafe-file-name")],
        name="unsafe-file-name-not-utf-8",
    ),
    Case(
        "unsafe-file-name",
        {"2024/\x1b[31m/a.md": VALID_BRIEF, "2024/\x1b[31m/b.md": VALID_BRIEF},
        [("2024/\x1b[31m", 1, 1, E, "unsafe-file-name")],
        name="unsafe-file-name-folder-once",
    ),
    Case(
        "unlisted-actor",
        {"2024/putin.md": brief(body="Body text.\n\nThen Putin said so.\n")},
        [("2024/putin.md", 10, 6, W, "unlisted-actor")],
    ),
    Case(
        "unlisted-country",
        {"2024/russia.md": brief(body="Talks in Russia.\n")},
        [("2024/russia.md", 8, 10, W, "unlisted-country")],
    ),
    Case(
        "body-heading",
        {"2024/heading.md": brief(body="Intro.\n\n# Background\n\n```\n# not a heading\n```\n")},
        [("2024/heading.md", 10, 1, W, "body-heading")],
    ),
    Case(
        "file-name",
        {"2024/My Brief.md": VALID_BRIEF},
        [("2024/My Brief.md", 1, 1, W, "file-name")],
    ),
    Case(
        "too-complex",
        {"2024/deep.md": brief(body="Intro.\n\n" + "- " * 101 + "a list nested 101 deep\n")},
        [("2024/deep.md", 10, 1, E, "too-complex")],
    ),
    Case(
        "raw-html",
        {"2024/html.md": brief(body="Hello <b>there</b>.\n")},
        [("2024/html.md", 8, 7, E, "raw-html")],
        config=CoreConfig(raw_html="refuse"),
    ),
    Case(
        "raw-html",
        {"actors/xi-jinping.md": XI_JINPING + "Profile <script>alert(1)</script>.\n"},
        [("actors/xi-jinping.md", 9, 9, E, "raw-html")],
        config=CoreConfig(raw_html="refuse"),
        name="raw-html-in-actor-profile",
    ),
    Case(
        "raw-html",
        {"countries/cn.md": "A profile <img src=x>.\n"},
        [("countries/cn.md", 1, 11, E, "raw-html")],
        config=CoreConfig(raw_html="refuse"),
        name="raw-html-in-country-profile",
    ),
    Case(
        "raw-html",
        {"index.md": "---\ntitle: Home\n---\nWelcome <b>all</b>.\n", "about.md": "# About\n\n<i>us</i>\n"},
        [("about.md", 3, 1, E, "raw-html"), ("index.md", 4, 9, E, "raw-html")],
        config=CoreConfig(raw_html="refuse", not_briefs=("about.md",)),
        name="raw-html-in-pages",
    ),
    Case(
        "unsafe-url",
        {"index.md": "Welcome. [Start](javascript:go())\n"},
        [("index.md", 1, 18, W, "unsafe-url")],
        name="unsafe-url-in-home-page",
    ),
    Case(
        "unsafe-url",
        {"2024/link.md": brief(body="See [this](JavaScript:alert(1)).\n")},
        [("2024/link.md", 8, 12, W, "unsafe-url")],
    ),
    Case(
        "unsafe-url",
        {"2024/ref.md": brief(body="See [this][r].\n\n[r]: java&#9;script:alert(1)\n")},
        [("2024/ref.md", 10, 6, W, "unsafe-url")],
        name="unsafe-url-reference-definition",
    ),
    Case(
        "unsafe-attribute",
        {"2024/attr.md": brief(body='A paragraph.\n{: .note onclick="alert(1)" }\n')},
        [("2024/attr.md", 9, 10, W, "unsafe-attribute")],
    ),
    Case(
        "unsafe-attribute",
        {"actors/xi-jinping.md": XI_JINPING + '![x](x.png){style="display:none"}\n'},
        [("actors/xi-jinping.md", 9, 13, W, "unsafe-attribute")],
        name="unsafe-attribute-in-actor-profile",
    ),
    Case(
        "output-conflict",
        {"search.md": VALID_BRIEF, "2024/fine.md": VALID_BRIEF.replace("A valid brief", "Another")},
        [("search.md", 1, 1, E, "output-conflict")],
    ),
    Case(
        "output-conflict",
        {"feed.xml.md": VALID_BRIEF},
        [("feed.xml.md", 1, 1, W, "file-name"), ("feed.xml.md", 1, 1, E, "output-conflict")],
        name="output-conflict-file-as-folder",
    ),
    Case(
        "output-conflict",
        {"pagefind/notes.md": VALID_BRIEF},
        [("pagefind/notes.md", 1, 1, E, "output-conflict")],
        name="output-conflict-search-folder",
    ),
    Case(
        "output-conflict",
        {"actors/index.md": "---\nname: Index Person\n---\n"},
        [("actors/index.md", 1, 1, E, "output-conflict")],
        name="output-conflict-generated-source-name",
    ),
    Case(
        "output-conflict",
        {"2024/a.md": brief(*VALID_FIELDS, "topics: [Espionage]"), "topics/espionage.md": "# Espionage\n"},
        [("topics/espionage.md", 1, 1, E, "output-conflict")],
        name="output-conflict-page-on-a-topic",
    ),
    Case(
        "invalid-redirect",
        {"2024/moved.md": brief(*VALID_FIELDS, "redirect_from: [/2023/fine/, 'https://example.org/old/']")},
        [("2024/moved.md", 7, 30, E, "invalid-redirect")],
    ),
    Case(
        "redirect-conflict",
        {"2024/moved.md": brief(*VALID_FIELDS, "redirect_from:", "  - /actors/"), "2024/live.md": VALID_BRIEF},
        [("2024/moved.md", 8, 5, E, "redirect-conflict")],
    ),
    Case(
        "redirect-claimed",
        {
            "2024/one.md": brief(*VALID_FIELDS, "redirect_from: /2023/old/"),
            "2024/two.md": brief(*VALID_FIELDS, "redirect_from: [2023/old]"),
        },
        [("2024/one.md", 7, 16, E, "redirect-claimed"), ("2024/two.md", 7, 17, E, "redirect-claimed")],
    ),
    Case(
        "unknown-language",
        {"2024/a.md": brief(*VALID_FIELDS, "lang: franch")},
        [("2024/a.md", 7, 7, E, "unknown-language")],
    ),
    Case(
        "unknown-translation",
        {"2024/one.md": VALID_BRIEF, "2024/two.md": brief(*VALID_FIELDS, "lang: fr", "translation_of: onee")},
        [("2024/two.md", 8, 17, E, "unknown-translation")],
    ),
    Case(
        "translation-of-translation",
        {
            "2024/one.md": VALID_BRIEF,
            "2024/two.md": brief(*VALID_FIELDS, "lang: fr", "translation_of: one"),
            "2024/three.md": brief(*VALID_FIELDS, "lang: de", "translation_of: two"),
        },
        [("2024/three.md", 8, 17, E, "translation-of-translation")],
    ),
    Case(
        "translation-language-taken",
        {"2024/one.md": VALID_BRIEF, "2024/two.md": brief(*VALID_FIELDS, "translation_of: one")},
        [
            ("2024/one.md", 2, 1, E, "translation-language-taken"),
            ("2024/two.md", 7, 17, E, "translation-language-taken"),
        ],
    ),
    Case(
        "translation-differs",
        {
            "2024/one.md": VALID_BRIEF,
            "2024/two.md": brief(
                TITLE, DATE, SUMMARY, ACTORS_LINE, "countries: [CN, US]", "lang: fr", "translation_of: one"
            ),
        },
        [("2024/two.md", 6, 1, W, "translation-differs")],
    ),
    Case(
        "too-long",
        {"2024/topic.md": brief(*VALID_FIELDS, "topics: [" + "t" * 101 + "]")},
        [("2024/topic.md", 7, 10, E, "too-long")],
        name="too-long-topic",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_code_fixture(tmp_path: Path, case: Case) -> None:
    write_site(tmp_path, case.files)
    for link, target in case.symlinks.items():
        (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / link).symlink_to(tmp_path / target)
    for fifo in case.fifos:
        (tmp_path / fifo).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(tmp_path / fifo)
    result = check(tmp_path, case.config)
    assert rows(result) == case.expected
    assert all(d.message for d in result.diagnostics)


def _code_literal(call: ast.Call) -> str | None:
    """The code a call emits: the first string literal passed to .error()/.warning(), or Diagnostic(code=...)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name in ("error", "warning"):
        candidates = list(call.args)
    elif name.endswith("Finding"):  # body_rules: (offset, code, message, hint), reported as warnings
        candidates = call.args[1:2]
    elif name == "Diagnostic":
        candidates = [k.value for k in call.keywords if k.arg == "code"] + call.args[4:5]
    else:
        return None
    return next((a.value for a in candidates if isinstance(a, ast.Constant) and isinstance(a.value, str)), None)


def _emitted_codes() -> dict[str, list[str]]:
    """Every diagnostic code literal in generator/, with where it is emitted."""
    code = re.compile(r"[a-z]+(?:-[a-z]+)*")
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            literal = _code_literal(node) if isinstance(node, ast.Call) else None
            if literal is not None and code.fullmatch(literal):
                found.setdefault(literal, []).append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_code_scanner_finds_the_core_codes() -> None:
    emitted = _emitted_codes()
    # The scanner itself works: codes passed in every style (positional, after *position, first literal).
    for expected in ("encoding", "yaml-syntax", "unknown-key", "date-order", "duplicate-alias", "unlisted-country"):
        assert expected in emitted


# The theme's locale files (`site.locale`): each code with a file of the theme and what it gives, pinned likewise.
# (language, the file's text, every diagnostic as (file, line, column, severity, code)); "mkdocs.yml" is theme.locale.
LOCALE_CASES = [
    ("de", None, [("mkdocs.yml", 1, 1, W, "locale-unknown")]),
    ("xx", "nav: [unclosed\n", [("xx.yml", 2, 1, W, "locale-invalid")]),
    ("xx", "- a list\n", [("xx.yml", 1, 1, W, "locale-invalid")]),
    ("xx", None, [("xx.yml", 1, 1, W, "locale-missing-key")]),
    ("xx", None, [("xx.yml", 9, 1, W, "locale-placeholders")]),
    ("xx", None, [("xx.yml", 5, 1, W, "locale-unknown-key")]),
]


def _locale_file(change: str) -> str:
    """English's file with one change, as a translator's mistake: a key left out, a placeholder, a key added."""
    english = (REPO / "templates" / "locales" / "en.yml").read_text(encoding="utf-8")
    match change:
        case "locale-missing-key":
            return english.replace("  home: Home\n", "")
        case "locale-placeholders":
            return english.replace("  home: Home\n", "  home: Home {name}\n")
        case _:
            return english.replace("date:\n", "date:\n  extra: More\n", 1)


@pytest.mark.parametrize(
    ("language", "text", "expected"), LOCALE_CASES, ids=[c[2][0][4] + "-" + str(i) for i, c in enumerate(LOCALE_CASES)]
)
def test_locale_codes(tmp_path: Path, language: str, text: str | None, expected: list[Row]) -> None:
    from generator.site.locale import load_locales

    theme = tmp_path / "theme"
    (theme / "locales").mkdir(parents=True)
    if language != "de":
        code = expected[0][4]
        body = text if text is not None else _locale_file(code)
        (theme / "locales" / f"{language}.yml").write_text(body, encoding="utf-8")
    diagnostics = load_locales(language, [str(theme)]).diagnostics
    found = [(Path(d.file).name, d.line, d.column, d.severity.value, d.code) for d in diagnostics]
    assert [row for row in found if row[4] == expected[0][4]] == expected
    assert {row[4] for row in found} == {expected[0][4]} or expected[0][4] == "locale-invalid"


def test_every_emitted_code_has_a_fixture() -> None:
    emitted = _emitted_codes()
    covered = {case.code for case in CASES} | {case[2][0][4] for case in LOCALE_CASES}
    missing = {code: where for code, where in emitted.items() if code not in covered}
    assert not missing, f"codes emitted without a fixture in test_core_codes.py: {missing}"


def test_every_fixture_code_is_still_emitted() -> None:
    stale = ({case.code for case in CASES} | {case[2][0][4] for case in LOCALE_CASES}) - set(_emitted_codes())
    assert not stale, f"fixtures for codes generator/ no longer emits: {stale}"


def test_one_run_reports_every_problem_in_every_file(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "2024/many.md": brief(
            "title: Many problems",
            "date: 2024-13-01",
            "summary: ''",
            "actors: [Xi Jinping, Nobody Known]",
            "countries: [CN, Narnia]",
            "colour: red",
            body="Putin and Russia appear here.\n",
        ),
        "2024/plain.md": "No front matter here.\n",
        "2024/syntax.md": "---\ntitle: [unclosed\n---\n",
        "actors/nameless.md": "---\nrole: Unknown\n---\n",
        "countries/zz.md": "Nowhere.\n",
    }
    result = check(write_site(tmp_path, files))
    assert rows(result) == [
        ("2024/many.md", 3, 7, E, "invalid-date"),
        ("2024/many.md", 4, 10, E, "empty-value"),
        ("2024/many.md", 5, 22, E, "unknown-actor"),
        ("2024/many.md", 6, 17, E, "unknown-country"),
        ("2024/many.md", 7, 1, E, "unknown-key"),
        ("2024/many.md", 9, 1, W, "unlisted-actor"),
        ("2024/many.md", 9, 11, W, "unlisted-country"),
        ("2024/plain.md", 1, 1, E, "no-front-matter"),
        ("2024/syntax.md", 3, 1, E, "yaml-syntax"),
        ("actors/nameless.md", 2, 1, E, "missing-field"),
        ("countries/zz.md", 1, 1, E, "unknown-country-profile"),
    ]
    assert result.diagnostics == sorted(result.diagnostics, key=lambda d: (d.file, d.line, d.column, d.code))
    assert check(tmp_path).diagnostics == result.diagnostics  # deterministic


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    (tmp_path / "2024" / "dangling.md").symlink_to(tmp_path / "2024" / "missing-target.md")
    result = check(tmp_path)
    assert [(d.file, d.severity.value) for d in result.diagnostics] == [("2024/dangling.md", E)]
    assert [b.path for b in result.corpus.briefs] == ["2024/ok.md"]  # the other files are still checked


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("countries/DE.md", "rename it to countries/de.md"),
        ("countries/deu.md", "rename it to countries/de.md"),
        ("countries/germany.md", "rename it to countries/de.md"),
        ("countries/europe/fr.md", "move it to countries/fr.md"),
        ("countries/zz.md", "name the file like countries/de.md"),
    ],
)
def test_misnamed_country_profile_hints_at_the_name(tmp_path: Path, path: str, hint: str) -> None:
    (diagnostic,) = check(write_site(tmp_path, {path: "A profile.\n"})).diagnostics
    assert (diagnostic.file, diagnostic.code, diagnostic.hint) == (path, "unknown-country-profile", hint)


def test_unknown_key_suggests_the_field(tmp_path: Path) -> None:
    result = check(write_site(tmp_path, {"2024/typo.md": brief(TITLE, DATE, SUMMARY, "acters: [Xi Jinping]", COUNTRIES_LINE)}))  # fmt: skip
    by_code = {d.code: d for d in result.diagnostics}
    assert "actors" in by_code["unknown-key"].hint
    assert "acters" in by_code["unknown-key"].message
    assert by_code["missing-field"].message.endswith("'actors'")


def test_unknown_actor_hint_suggests_and_names_the_new_command(tmp_path: Path) -> None:
    result = check(write_site(tmp_path, {"2024/who.md": brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinpin]", COUNTRIES_LINE)}))  # fmt: skip
    (diagnostic,) = result.diagnostics
    assert "Xi Jinping" in diagnostic.hint
    assert 'python -m generator new actor "Xi Jinpin"' in diagnostic.hint


def test_duplicate_alias_names_both_files(tmp_path: Path) -> None:
    result = check(write_site(tmp_path, {"actors/zz-someone.md": "---\nname: Someone Else\naliases: [Putin]\n---\n"}))
    (diagnostic,) = result.diagnostics
    assert diagnostic.file == "actors/zz-someone.md"
    assert "actors/vladimir-putin.md" in diagnostic.message


def test_yaml_syntax_error_has_a_hint(tmp_path: Path) -> None:
    result = check(write_site(tmp_path, {"2024/colon.md": brief("title: Talks: day one", DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)}))  # fmt: skip
    (diagnostic,) = result.diagnostics
    assert "quote" in diagnostic.hint
