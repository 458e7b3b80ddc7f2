"""Every scan of authored text finishes in about linear time, whatever the body holds.

SCANNERS (every function that runs a regular expression or a search loop over a body) is crossed with
BODIES (hostile bodies: one construct repeated tens of thousands of times, nested 400 deep, or a megabyte on
one line). Bodies are sized so that a linear scan takes a few hundredths of a second and a quadratic one
minutes, so BOUND, generous against a shared machine, still fails a quadratic scan by orders of magnitude.
To cover a new scanner, add it to SCANNERS; a new hostile shape, to BODIES.

Where a scanner was rewritten to be linear, a property below pins it to the expression it replaced.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from core_support import (
    ACTORS_LINE,
    COUNTRIES_LINE,
    DATE,
    REPO,
    SUMMARY,
    TITLE,
    VALID_BRIEF,
    brief,
    check,
    write_site,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.base.diagnostics import DiagnosticSink
from generator.base.sanitize import safe_html, url_scheme
from generator.corpus.mentions import MentionFinder
from generator.reading.body_rules import check_body, find_level_one_headings, find_raw_html
from generator.reading.complexity import find_costly_markdown
from generator.reading.parse import parse_brief
from generator.reading.prose import _link_targets_and_tags, blank_code, prose
from generator.site.search_records import _link_texts, markdown_text

N = 50_000
MB = 1024 * 1024
DEPTH = 400
BOUND = 2.0  # CPU seconds for one scan of one body; linear scans take well under 0.5

FINDER = MentionFinder(
    [("actor:xi", "Xi Jinping"), ("actor:xi", "Xi"), ("country:US", "United States"), ("country:US", "U.S."),
     ("country:CI", "Côte d'Ivoire")]
)  # fmt: skip
FRONT_MATTER = VALID_BRIEF.removesuffix("Body text.\n")


def nested(depth: int, marker: str) -> str:
    """A list or quote nested ``depth`` deep, one level a line, each indented under the one before."""
    if marker == ">":
        return "".join(">" * (level + 1) + " level\n" for level in range(depth))
    return "".join("    " * level + f"{marker} level\n" for level in range(depth))


SCANNERS: list[tuple[str, Callable[[str], object]]] = [
    ("prose", prose),
    ("blank_code", blank_code),
    ("find_raw_html", lambda body: list(find_raw_html(body))),
    ("find_level_one_headings", lambda body: list(find_level_one_headings(body))),
    ("MentionFinder.find", lambda body: list(FINDER.find(body))),
    ("MentionFinder.find_in_text", lambda body: list(FINDER.find_in_text(body))),
    ("markdown_text", markdown_text),
    ("parse_brief", lambda body: parse_brief("2024/x.md", (FRONT_MATTER + body).encode())),
    ("find_costly_markdown", find_costly_markdown),
    ("check_body", lambda body: check_body(body, 1, DiagnosticSink("x.md"))),
    ("url_scheme", url_scheme),
    ("safe_html", safe_html),
    # with a line that holds every marker, so no check is skipped for want of one
    (
        "find_costly_markdown, every check",
        lambda body: find_costly_markdown("# - = | { [ ( < ! * _ ` ~ ^ :\n\n" + body),
    ),
]

BODIES: list[tuple[str, str]] = [
    # links and brackets
    ("link-targets", "](" * N),
    ("link-targets-then-one-close", "](" * N + ")"),
    ("links-unclosed", "[x](" * N),
    ("brackets", "[" * N),
    ("brackets-then-one-close", "[" * N + "]"),
    ("bracket-lines", "[a\n" * N),
    ("images", "![" * N),
    ("escaped-brackets", "\\[" * N),
    ("footnote-refs", "[^1] " * N),
    ("footnote-refs-defined", "[^1] " * N + "\n\n[^1]: The note.\n"),
    ("reference-definitions", "[a]: https://example.org/\n" * N),
    ("reference-definition-spaces", "[a]: x" + " " * MB + "y"),
    # angle brackets
    ("angles", "<" * N),
    ("angles-then-one-close", "<" * N + ">"),
    ("tags-unclosed", "<a " * N),
    ("tags-then-one-close", "<a " * N + ">"),
    ("comments-unclosed", "<!--" * N),
    ("autolinks-unclosed", "<http://a " * N),
    # code and emphasis
    ("backticks", "`" * N),
    ("code-spans-unclosed", "`a " * N),
    ("backtick-runs-unpaired", "".join("`" * k + " a " for k in range(1, 300))),
    ("fence-lines", "```x\n" * N),
    ("fences-of-every-length", "".join("`" * (3 + i % 100) + "\n" for i in range(N // 10))),
    ("fences-closed", "```\ncode\n```\n\n" * (N // 10)),
    ("indented-code", "    x\n\n" * N),
    ("stars", "*a " * N),
    ("underscores", "_a " * N),
    ("emphasis-nested", "*" * N + "a" + "*" * N),
    # blocks
    ("headings", "## a\n" * N),
    ("hashes", "#" * MB),
    ("setext-underline", "a\n" + "=" * MB + " x"),
    ("list-items-blank-lines", "- a\n\n" * N),
    ("list-nested", nested(DEPTH, "-")),
    ("list-nested-on-a-line", "- " * DEPTH + "a\n"),
    ("quote-nested", nested(DEPTH, ">")),
    ("braces", " {" * N),
    ("attribute-lists-unclosed", "{: a=" * N),
    ("attribute-values-unclosed", '{: href="' * N),
    ("attribute-lists", '{: onclick="x" } ' * N),
    ("link-targets-spaced", "](" + " " * MB + "x"),
    ("link-targets-entities", "](" + "&#9;" * N + "javascript:"),
    ("tag-attributes-unclosed", '<a href="' * N),
    ("tag-attributes", "<a " + "x=1 " * N + ">"),
    ("scheme-like-autolinks", "<javascript:" * N),
    ("pipes", "|" * N),
    ("ampersands", "&" * N),
    ("backslashes", "\\" * N),
    # long lines and whitespace
    ("line-1mb", "a" * MB),
    ("words-1mb", "word " * (MB // 5)),
    ("spaces-1mb", "a" + " " * MB + "b"),
    ("tabs-1mb", "\t" * MB),
    ("blank-lines", "\n" * MB),
    ("blank-lines-of-spaces", " \n" * (MB // 2)),
    # names
    ("mentions", "Xi " * N),
    ("mention-gaps", ("Xi" + " " * 100) * (N // 10)),
    ("name-punctuation", "Xi" + " ." * N),
]


@pytest.mark.parametrize("body", [body for _, body in BODIES], ids=[name for name, _ in BODIES])
@pytest.mark.parametrize("scan", [scan for _, scan in SCANNERS], ids=[name for name, _ in SCANNERS])
def test_scan_of_a_hostile_body_is_about_linear(scan: Callable[[str], object], body: str) -> None:
    started = time.process_time()
    scan(body)
    assert time.process_time() - started < BOUND


# --- Bodies Python-Markdown cannot render in time are refused, just past each bound ----------------------

FOOTNOTES = "".join(f"[^{i}] " for i in range(2000)) + "\n\n" + "".join(f"[^{i}]: Note {i}.\n" for i in range(2000))

# (id, a body at the bound: accepted, and rendered quickly; a body just past it: refused; what the message says)
RULES: list[tuple[str, str, str, str]] = [
    ("brackets", "[" * 1400, "[" * 1500, "without a matching ']'"),
    ("link-targets", "](" * 990, "](" * 1010, "without a matching ')'"),
    ("start-tags", "<a " * 1100, "<a " * 1200, "never closed with '>'"),
    ("comments", "<!--" * 4900, "<!--" * 5100, "never closed"),
    ("fences", "```x\n" * 1950, "```x\n" * 2050, "code fences never closed"),
    ("fences-hl-lines", '``` hl_lines="1"\n' * 110, '``` hl_lines="1"\n' * 125, "code fences never closed"),
    ("headings", "## a\n" * 1000, "## a\n" * 1001, "more than 1,000 headings"),
    ("heading-braces", "# a" + " {" * 700, "# a" + " {" * 710, "many '{'"),
    (
        "footnote-repeated",
        "[^1] " * 100 + "\n\n[^1]: Note.\n",
        "[^1] " * 101 + "\n\n[^1]: Note.\n",
        "more than 100 times",
    ),
    ("footnotes", FOOTNOTES, FOOTNOTES.replace("\n\n", "[^1] \n\n", 1), "more than 2,000 footnote references"),
    ("list-on-a-line", "- " * 100 + "a", "- " * 101 + "a", "nested more than 100 deep"),
    ("list-indented", nested(100, "-"), nested(101, "-"), "nested more than 100 deep"),
    ("quotes", nested(100, ">"), nested(101, ">"), "nested more than 100 deep"),
    ("emphasis", "*" * 200 + "a" + "*" * 200, "*" * 201 + "a" + "*" * 201, "nested more than 200 deep"),
]
RENDER_EXTENSIONS = ["toc", "tables", "fenced_code", "footnotes", "attr_list"]  # MkDocs' own, and the example site's


@pytest.mark.parametrize(
    ("accepted", "refused", "message"), [rule[1:] for rule in RULES], ids=[rule[0] for rule in RULES]
)
def test_a_body_is_refused_just_past_a_bound_of_rendering_work(accepted: str, refused: str, message: str) -> None:
    assert find_costly_markdown(accepted) == []
    found = find_costly_markdown(refused)
    assert [message in costly.message for costly in found] == [True], found
    started = time.process_time()
    markdown.markdown(accepted, extensions=RENDER_EXTENSIONS)
    assert time.process_time() - started < BOUND


def test_a_refused_body_is_an_error_at_its_costliest_place() -> None:
    body = "Intro.\n\nText [here " + "[" * 1500 + "\n"
    diagnostics = parse_brief("2024/x.md", (FRONT_MATTER + body).encode()).diagnostics
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(10, 6, "too-complex")]
    assert diagnostics[0].message.startswith("1,501 '[' without a matching ']' in their paragraph")
    assert "\\[" in diagnostics[0].hint


def long_brief() -> str:
    """A long brief that uses every construct, often: sections, links with titles, footnotes, code, tables."""
    sections = []
    for n in range(150):
        sections.append(
            f"## Section {n} {{#section-{n}}}\n\n"
            f'The *minister* met **envoys** from [the UN](https://un.org/{n} "UN {n}") and `NATO`[^{n % 20}], '
            f'said <abbr title="x">X</abbr> officials (citing [a report][r{n % 5}]) on_the_record.\n\n'
            f"- first point\n    - nested *point*\n        - deeper\n> a quote\n> > nested\n\n"
            f'```python hl_lines="1 2"\nprint("{{x}}")  # <b>\n```\n\n'
            f"| a | b {{.c}} |\n|---|---|\n| *x* | [y](z) |\n\n<!-- note {n} -->\n"
        )
    notes = "".join(f"[^{n}]: Note {n}, see <https://example.org/{n}>.\n" for n in range(20))
    references = "".join(f"[r{n}]: https://example.org/report-{n} 'Report'\n" for n in range(5))
    return "\n".join(sections) + "\n" + notes + "\n" + references


ORDINARY: list[tuple[str, str]] = [
    ("long-brief", long_brief()),
    *((path.name, path.read_text(encoding="utf-8")) for path in sorted((REPO / "briefs").rglob("*.md"))),
]


@pytest.mark.parametrize("body", [body for _, body in ORDINARY], ids=[name for name, _ in ORDINARY])
def test_ordinary_bodies_are_not_refused(body: str) -> None:
    assert len(body) < 64 * 1024
    assert find_costly_markdown(body) == []


# --- Front matter: each entry is checked once, whatever the entries ------------------------------------

# (id, front matter lines replacing those of a valid brief with the same key, or added; the code they get).
# Each stays under the front matter's 64 Ki characters.
FRONT_MATTERS: list[tuple[str, str, str]] = [
    ("unknown-countries", "countries: [" + ", ".join(f"Narnia {i}" for i in range(4000)) + "]", "unknown-country"),
    ("unknown-actors", "actors: [" + ", ".join(f"Nobody Known {i}" for i in range(3000)) + "]", "unknown-actor"),
    ("unknown-keys", "\n".join(f"key{i}: value" for i in range(3500)), "unknown-key"),
    ("topics", "topics: [" + ", ".join(f"topic {i}" for i in range(4500)) + "]", ""),
    ("long-title", "title: " + "word " * 12_000, "too-long"),
    ("long-country", "countries: [" + "x" * 60_000 + "]", "unknown-country"),
    ("long-slug", "slug: " + "a-" * 30_000 + "!", "too-long"),
    ("long-date", "date: " + "2024-" * 12_000, "invalid-date"),
    ("long-topic", "topics: [" + "a!" * 30_000 + "]", "too-long"),
    ("long-source-url", "sources:\n  - publisher: P\n    url: https://" + "a." * 30_000, ""),
]
MANY_ACTORS = {f"actors/person-{i}.md": f"---\nname: Person Number{i} Surname{i}\naliases: [Alias{i}]\n---\n"
               for i in range(300)}  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "code"), [case[1:] for case in FRONT_MATTERS], ids=[case[0] for case in FRONT_MATTERS]
)
def test_check_of_a_hostile_front_matter_is_about_linear(tmp_path: Path, lines: str, code: str) -> None:
    given = {line.split(":", 1)[0]: line for line in lines.split("\n")}
    base = [given.pop(line.split(":", 1)[0], line) for line in (TITLE, DATE, SUMMARY, ACTORS_LINE, COUNTRIES_LINE)]
    write_site(tmp_path, {"2024/x.md": brief(*base, *given.values()), **MANY_ACTORS})
    started = time.process_time()
    result = check(tmp_path)
    assert time.process_time() - started < BOUND
    assert {d.code for d in result.diagnostics} == ({code} if code else set())


# --- Rewritten scans give what the expressions they replaced gave -------------------------------------

PROPERTY = settings(max_examples=500, deadline=None, database=None)
MARKUP = st.text(alphabet="[]()!<>^: x\n", max_size=40)
_LINK_TARGET_OR_TAG = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")


@PROPERTY
@given(MARKUP)
def test_link_targets_and_tags_are_what_the_expression_found(text: str) -> None:
    assert list(_link_targets_and_tags(text)) == [match.span() for match in _LINK_TARGET_OR_TAG.finditer(text)]


@PROPERTY
@given(MARKUP)
def test_search_text_keeps_link_texts_as_the_expression_did(text: str) -> None:
    assert _link_texts(text) == _LINK.sub(r"\1", text)
    last = text.rfind(">") + 1
    assert _TAG.sub(" ", text[:last]) + text[last:] == _TAG.sub(" ", text)
