"""Property tests: whatever bytes or YAML-ish text a file holds, parsing never raises and always locates."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import yaml
from core_support import ACTORS, VALID_BRIEF, write_site
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.base.config import CoreConfig
from generator.base.diagnostics import Diagnostic, Severity, format_diagnostics
from generator.base.lines import LineIndex
from generator.base.text import normalise_key, slugify
from generator.cli.scaffold import yaml_string
from generator.corpus.countries import CountryResolver
from generator.corpus.loader import load
from generator.corpus.registry import ActorRegistry
from generator.reading.frontmatter import compose
from generator.reading.parse import parse_actor, parse_brief, parse_profile

PROPERTY = settings(max_examples=250, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
CODE = re.compile(r"[a-z]+(?:-[a-z]+)*")
PARSERS = (
    lambda data: parse_brief("2024/x.md", data).diagnostics,
    lambda data: parse_actor("actors/x.md", data).diagnostics,
    lambda data: parse_profile("countries/de.md", data).diagnostics,
)


def assert_well_formed(diagnostics: tuple[Diagnostic, ...], text: str | None = None) -> None:
    lines = text.split("\n") if text is not None else None
    for d in diagnostics:
        assert d.line >= 1, d
        assert d.column >= 1, d
        assert isinstance(d.severity, Severity)
        assert CODE.fullmatch(d.code), d
        assert d.message
        assert "\n" not in d.as_github()
        if lines is not None:
            assert d.line <= len(lines), (d, len(lines))
            assert d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])


# --- Arbitrary bytes --------------------------------------------------------------------------


@PROPERTY
@given(st.binary(max_size=2000))
@example(b"")
@example(b"---")
@example(b"\xef\xbb\xbf---\r\n\r\n---\r\n")
@example(b"---\n\x00\n---\n")
@example(b"---\n\xff\n---\n")
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    for parse in PARSERS:
        assert_well_formed(parse(data))


@PROPERTY
@given(st.binary(max_size=1000), st.binary(max_size=200))
def test_arbitrary_bytes_inside_fences_never_raise(front: bytes, body: bytes) -> None:
    data = b"---\n" + front + b"\n---\n" + body
    for parse in PARSERS:
        assert_well_formed(parse(data))


@PROPERTY
@given(st.text(max_size=1000))
def test_arbitrary_text_never_raises(text: str) -> None:
    for data in (text.encode("utf-8"), ("---\n" + text + "\n---\n").encode("utf-8")):
        for parse in PARSERS:
            assert_well_formed(parse(data))


# --- YAML-ish text from a grammar -------------------------------------------------------------

# U+0085 and U+2028 are line breaks to YAML but not to editors: positions must not drift after them. No CR.
ALPHABET = "abcXYZ019 :-#&*!|>'\"[]{},?%@`\t~._/\\éü中\u2028\x85"
FIELDS = ["title", "date", "summary", "actors", "countries", "topics", "sources", "status", "updated", "slug",
          "confidence", "name", "aliases", "kind", "country", "role", "wikidata", "publisher", "url", "archive_url",
          "acters", "1984"]  # fmt: skip
ODD_KEYS = ["<<", "~", "a b", "'quoted'", '"dq"', "? x", "*a", "&k key", "!!python/name:x k", "[a]", "{a: b}"]
SCALARS = ["yes", "no", "NO", "on", "~", "null", "1984", "0x1F", "1e3", "12:30", "2024-05-01", "2024-02-30",
           "2024-5-1", "'2024-05-01'", "''", '""', '"a\\tb"', "https://example.com/x", "ftp://x", "Xi Jinping",
           "Putin", "Narnia", "CN", "draft", "published", "high", "Q42", ".inf", "'it''s'", "|\n  block\n  text",
           ">-\n  folded"]  # fmt: skip
BROKEN = ['"bad \\q"', "'unclosed", "-", "? ", "|", "!!", "[", "]", "{", "}", "*", "&", "#", "a: b", "\tx"]
TAGS = ["!!str", "!!int", "!!null", "!!seq", "!!map", "!!timestamp", "!!binary", "!!python/object/apply:os.system",
        "!!python/name:os.system", "!foo", "!", "!<tag:x>"]  # fmt: skip
ANCHORS = "x-anchors: [&a Xi Jinping, &b [CN, Russia], &c {publisher: AFP}]"

safe_text = st.text(alphabet="abcXYZ019 éü中-._/", max_size=15).map(str.strip)
wild_text = st.text(alphabet=ALPHABET, max_size=15)


def values(*, wild: bool, aliases: bool) -> st.SearchStrategy[str]:
    words = st.one_of(safe_text, st.sampled_from(SCALARS), *([wild_text, st.sampled_from(BROKEN)] if wild else []))

    @st.composite
    def scalar(draw: st.DrawFn) -> str:
        value = draw(words)
        if "\n" not in value and draw(st.integers(0, 4)) == 0:
            value = f"{draw(st.sampled_from(TAGS))} {value}"
        if "\n" not in value and draw(st.integers(0, 5)) == 0:
            value = f"&{draw(st.sampled_from('abc'))} {value}"
        if aliases and draw(st.integers(0, 6)) == 0:
            value = f"*{draw(st.sampled_from('abc'))}"
        return value

    flow_scalar = scalar().filter(lambda v: "\n" not in v)
    keys = st.sampled_from(FIELDS + ODD_KEYS) if wild else st.sampled_from(FIELDS)
    flow = st.recursive(
        flow_scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
            st.lists(st.tuples(keys, inner), max_size=3).map(
                lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
            ),
        ),
        max_leaves=8,
    )
    return st.one_of(scalar(), flow)


VALUES = {(wild, aliases): values(wild=wild, aliases=aliases) for wild in (False, True) for aliases in (False, True)}


@st.composite
def tame_block(draw: st.DrawFn, aliases: bool) -> str:
    """Well-formed YAML blocks: fields, block lists, lists of mappings, comments, blank lines."""
    value = VALUES[False, aliases]
    key = draw(st.sampled_from(FIELDS))
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        return f"{key}: {draw(value)}"
    if kind == 6:
        return f"{key}:" + "".join(f"\n  - {item}" for item in draw(st.lists(value, max_size=3)))
    if kind == 7:
        items = draw(st.lists(st.lists(st.tuples(st.sampled_from(FIELDS), value), min_size=1, max_size=3), max_size=2))
        return f"{key}:" + "".join("\n  - " + "\n    ".join(f"{k}: {v}" for k, v in pairs) for pairs in items)
    if kind == 8:
        return f"# {draw(safe_text)}"
    return ""


@st.composite
def wild_line(draw: st.DrawFn) -> str:
    """Lines that are often not YAML at all: odd keys, stray indentation, broken scalars, free text."""
    value = VALUES[True, True]
    kind = draw(st.integers(0, 9))
    if kind <= 4:
        key = draw(st.sampled_from(FIELDS + ODD_KEYS))
        return f"{key}:{draw(st.sampled_from([' ', ' ', '', '  ']))}{draw(value)}"
    if kind <= 6:
        return " " * draw(st.sampled_from([0, 2, 4])) + f"- {draw(value)}"
    if kind == 7:
        return f"{' ' * draw(st.integers(1, 6))}{draw(st.sampled_from(FIELDS))}: {draw(value)}"
    return " " * draw(st.integers(0, 6)) + draw(wild_text)


@st.composite
def document(draw: st.DrawFn) -> str:
    """Front matter from a grammar of keys, values, indentation, anchors and tags, plus random text around it."""
    aliases = draw(st.booleans())
    lines = [ANCHORS] if aliases else []
    if draw(st.integers(0, 2)) == 0:
        lines += draw(st.lists(st.one_of(tame_block(aliases), wild_line()), max_size=10))
    else:
        lines += draw(st.lists(tame_block(aliases), max_size=10))
    front = "\n".join(lines)
    body = draw(st.text(alphabet=ALPHABET + "\n", max_size=80))
    opening = draw(st.sampled_from(["---"] * 8 + ["--- ", "", "---\n---"]))
    closing = draw(st.sampled_from(["---"] * 8 + ["...", "--- ", ""]))
    return f"{opening}\n{front}\n{closing}\n{body}"


@PROPERTY
@given(document())
@example("---\na: &a [*a]\nactors: &b [*b]\n---\n")
@example("---\ntitle: !!python/object/apply:os.system [echo]\n---\n")
@example("---\n- &a [*a, {k: *a}]\n---\n")
def test_yaml_ish_text_never_raises_and_positions_are_in_the_file_whatever_the_line_endings(text: str) -> None:
    data = text.encode("utf-8")
    for parse in PARSERS:
        diagnostics = parse(data)
        assert_well_formed(diagnostics, text)
        assert parse(data) == diagnostics  # deterministic
    # CRLF line endings and a byte-order mark change nothing, positions included.
    lf = [(d.line, d.column, d.code) for d in parse_brief("2024/x.md", data).diagnostics]
    crlf = parse_brief("2024/x.md", text.replace("\n", "\r\n").encode("utf-8")).diagnostics
    bom = parse_brief("2024/x.md", b"\xef\xbb\xbf" + data).diagnostics
    assert [(d.line, d.column, d.code) for d in crlf] == lf
    assert [(d.line, d.column, d.code) for d in bom] == lf


def _nodes(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [node, *(n for pair in node.value for part in pair for n in _nodes(part))]
    if isinstance(node, yaml.SequenceNode):
        return [node, *(n for item in node.value for n in _nodes(item))]
    return [node]


@PROPERTY
@given(st.lists(tame_block(False), max_size=8).map("\n".join), st.sampled_from(["", "\u2028", "\x85", "\u2029"]))
def test_yaml_marks_are_placed_as_an_editor_counts(front: str, separator: str) -> None:
    # LineIndex takes YAML's own line and column when no YAML-only line break is present: they must agree
    # with counting '\n' from the offset, for every node, whatever the YAML.
    text = f"# a comment{separator}# and a second one, to YAML\n{front}\nlast: x\n"
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return
    lines = LineIndex(text, 2)
    expected = LineIndex(text + "\u2028", 2)  # never takes the shortcut
    for node in _nodes(root) if root is not None else []:
        assert lines.of_mark(node.start_mark) == expected.position(node.start_mark.index)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.tuples(st.sampled_from(["2024/a.md", "2024/b.md", "actors/c.md", "countries/de.md",
                                           "countries/zz.md", "2023/a.md"]), document()), max_size=4))  # fmt: skip
def test_whole_folders_load_and_report_sorted_diagnostics(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = write_site(Path(directory), dict(files))
        result = load(root, CoreConfig())
    diagnostics = result.diagnostics
    assert diagnostics == sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code, d.message))
    assert len(set(diagnostics)) == len(diagnostics)
    for d in diagnostics:
        assert d.line >= 1
        assert d.column >= 1
    records = json.loads(format_diagnostics(diagnostics, "json"))
    assert [list(r) for r in records] == [["file", "line", "column", "severity", "code", "message", "hint"]] * len(
        records
    )


# --- Names ------------------------------------------------------------------------------------

_REGISTRY, _ = ActorRegistry.build(
    [parse_actor(path, text.encode()) for path, text in ACTORS.items()], CountryResolver()
)
_NAMES = [("Xi Jinping", "xi-jinping"), ("President Xi", "xi-jinping"), ("Vladimir Putin", "vladimir-putin")]


@PROPERTY
@given(st.sampled_from(_NAMES), st.data())
def test_actor_names_resolve_whatever_the_case_and_spacing(pair: tuple[str, str], data: st.DataObject) -> None:
    name, slug = pair
    words = name.split(" ")
    spaces = [data.draw(st.sampled_from([" ", "  ", "\t", " \u00a0 "])) for _ in words[1:]]
    written = words[0] + "".join(space + word for space, word in zip(spaces, words[1:], strict=True))
    written = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in written)
    padding = data.draw(st.sampled_from(["", " ", "\t "]))
    assert _REGISTRY.resolve(padding + written + padding) == slug


@PROPERTY
@given(st.text(max_size=30))
def test_normalise_key_is_idempotent_and_slugify_makes_slugs(text: str) -> None:
    assert normalise_key(normalise_key(text)) == normalise_key(text)
    slug = slugify(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)


@PROPERTY
@given(
    st.text(
        alphabet=st.characters(codec="utf-8"),  # controls, NEL, LS, PS and non-characters included
        min_size=1,
        max_size=60,
    )
)
@example("yes")
@example("Talks: day one")
@example("#hashtag")
@example("- dash")
@example("O'Brien visits")
@example("ends with a dot.")
@example("1984")
def test_scaffold_yaml_string_reads_back_as_written(text: str) -> None:
    written = yaml_string(text)
    node = compose(f"key: {written}\n", _NullSink(), line_offset=0)
    assert isinstance(node, yaml.MappingNode)
    assert node.value[0][1].value == text


class _NullSink:
    def error(self, *args: object) -> None:
        raise AssertionError(args)

    warning = error


def test_valid_brief_parses_clean() -> None:
    assert parse_brief("2024/x.md", VALID_BRIEF.encode()).diagnostics == ()
