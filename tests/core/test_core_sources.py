"""Files that are not ordinary, and what reaches the log: discovery, bounded reading, escaping, the serve cache."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import threading
import time
from pathlib import Path

import pytest
from core_support import VALID_BRIEF, brief, run_cli, write_site

from generator.base.config import CoreConfig
from generator.base.diagnostics import Diagnostic, Severity, escape_text, format_diagnostics
from generator.corpus.loader import LoadResult, ParseCache, load
from generator.corpus.sources import UnreadableSource, discover, read_source
from generator.reading.frontmatter import MAX_FILE_BYTES
from generator.reading.parse import content_hash

# --- escaping: nothing from a file name or a value reaches the log unescaped -----------------------

MIB = 1024 * 1024

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


# --- discovery: every entry under the folder, none of them opened --------------------------------


def load_in_time(root: Path, config: CoreConfig | None = None, seconds: float = 30) -> LoadResult:
    """`load`, failing (rather than hanging the suite) if it blocks, say on opening a named pipe."""
    outcome: list[LoadResult | BaseException] = []

    def run() -> None:
        try:
            outcome.append(load(root, config or CoreConfig()))
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # let a reader blocked on a pipe go: open its other end and close it
        for path in root.rglob("*"):
            if path.is_fifo():
                with contextlib.suppress(OSError):
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"load() did not return within {seconds} s")
    (result,) = outcome
    if isinstance(result, BaseException):
        raise result
    return result


def codes(result: LoadResult) -> list[tuple[str, str]]:
    return [(d.file, d.code) for d in result.diagnostics]


@pytest.mark.parametrize("name", ["2024/pipe.md", "2024/pipe.png", "actors/pipe.md", "index.md", "topics/t.md"])
def test_a_named_pipe_is_reported_without_being_opened(tmp_path: Path, name: str) -> None:
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(tmp_path / name)
    os.mkfifo(tmp_path / "2024" / ".hidden.md")  # hidden ones are skipped, as MkDocs skips them
    (tmp_path / ".cache").mkdir()
    os.mkfifo(tmp_path / ".cache" / "pipe.md")
    result = load_in_time(tmp_path)
    assert codes(result) == [(name, "not-a-regular-file")]
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert "named pipe" in diagnostic.message and diagnostic.hint
    assert [b.path for b in result.corpus.briefs] == ["2024/ok.md"]  # the other files are still checked
    assert name not in result.files.markdown


def test_a_named_pipe_that_exclude_docs_leaves_out_is_still_reported(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    (tmp_path / "drafts").mkdir()
    os.mkfifo(tmp_path / "drafts" / "pipe.md")
    files = discover(tmp_path, CoreConfig(), excluded=["/drafts/"])
    assert [(d.file, d.code) for d in files.diagnostics] == [("drafts/pipe.md", "not-a-regular-file")]


def test_a_unix_socket_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    monkeypatch.chdir(tmp_path / "2024")  # a socket's path is limited to about 100 bytes: bind a short relative one
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("sock.md")
        result = load_in_time(tmp_path)
    assert codes(result) == [("2024/sock.md", "not-a-regular-file")]
    assert "socket" in result.diagnostics[0].message


def test_a_link_to_a_device_leads_out_of_the_folder_and_is_never_opened(tmp_path: Path) -> None:
    # /dev/null, not /dev/zero: should this check break, the reader's own checks are the next line of
    # defence, but a suite that reads /dev/zero without end on a regression would take the machine down.
    device = "/dev/null"
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    (tmp_path / "2024" / "device.md").symlink_to(device)
    (tmp_path / "2024" / "device.png").symlink_to(device)
    result = load_in_time(tmp_path)
    assert codes(result) == [("2024/device.md", "symlink-outside"), ("2024/device.png", "symlink-outside")]
    assert device in result.diagnostics[0].message


def test_a_link_out_of_the_folder_is_reported_and_a_link_inside_works(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write_site(outside, {"secret.md": VALID_BRIEF}, with_actors=False)
    root = write_site(tmp_path / "briefs", {"2024/ok.md": VALID_BRIEF, "store/text.txt": VALID_BRIEF})
    (root / "2024" / "linked.md").symlink_to("../store/text.txt")
    (root / "2024" / "again.md").symlink_to(root / "2024" / "ok.md")
    (root / "2024" / "relative.md").symlink_to("../../elsewhere/secret.md")
    (root / "2024" / "absolute.md").symlink_to(outside / "secret.md")
    (root / "2024" / "dangling.md").symlink_to(outside / "missing.md")
    (root / "2024" / "up").symlink_to("../..")
    (tmp_path / "site").symlink_to(root)  # the folder itself may be reached through a link
    result = load_in_time(tmp_path / "site")
    assert codes(result) == [
        ("2024/absolute.md", "symlink-outside"),
        ("2024/dangling.md", "symlink-outside"),
        ("2024/relative.md", "symlink-outside"),
        ("2024/up", "symlink-outside"),
    ]
    assert [b.path for b in result.corpus.briefs] == ["2024/again.md", "2024/linked.md", "2024/ok.md"]


def test_a_linked_folder_is_refused_and_not_followed(tmp_path: Path) -> None:
    root = write_site(tmp_path / "briefs", {"shared/a.md": VALID_BRIEF})
    write_site(tmp_path / "outside", {"b.md": VALID_BRIEF}, with_actors=False)
    (root / "2024").symlink_to("shared")
    (root / "shared" / "loop").symlink_to("..")  # MkDocs would walk this one until the path is too long
    (root / "out").symlink_to(tmp_path / "outside")
    result = load_in_time(root)
    assert codes(result) == [
        ("2024", "symlinked-folder"),
        ("out", "symlink-outside"),
        ("shared/loop", "symlinked-folder"),
    ]
    assert result.files.briefs == ("shared/a.md",)
    assert "folder" in result.diagnostics[0].message and "twice" in result.diagnostics[0].hint


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (b"2024/caf\xe9.md", "is not valid UTF-8"),
        (b"2024/line\nbreak.md", "U+000A"),
        (b"2024/\x1b[31mred.md", "U+001B"),
        (b"2024/rtl\xe2\x80\xaegnp.md", "U+202E"),  # U+202E RIGHT-TO-LEFT OVERRIDE
        (b"2024/sep\xe2\x80\xa8.md", "U+2028"),
        (b"2024/c1\xc2\x9b.md", "U+009B"),
        (b"2024/x\x1b.png", "U+001B"),  # any file: MkDocs would copy it and log its name
    ],
)
def test_a_name_that_is_not_utf8_or_holds_a_control_character_is_reported(
    tmp_path: Path, name: bytes, problem: str
) -> None:
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    with open(os.fsencode(tmp_path) + b"/" + name, "wb") as file:
        file.write(VALID_BRIEF.encode())
    result = load_in_time(tmp_path)
    assert codes(result) == [(os.fsdecode(name), "unsafe-file-name")]
    assert problem in result.diagnostics[0].message
    assert os.fsdecode(name) not in result.files.markdown
    assert [b.path for b in result.corpus.briefs] == ["2024/ok.md"]


def test_a_folder_with_an_unsafe_name_is_reported_once(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/2024/bad\xff\n"
    os.makedirs(folder + b"/deeper")
    for name in (b"/a.md", b"/b.md", b"/deeper/c.md", b"/x\n.md"):
        with open(folder + name, "wb") as file:
            file.write(VALID_BRIEF.encode())
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    result = load_in_time(tmp_path)
    assert codes(result) == [("2024/bad\udcff\n", "unsafe-file-name")]
    assert "folder" in result.diagnostics[0].message and "not valid UTF-8" in result.diagnostics[0].message
    assert result.files.briefs == ("2024/ok.md",)


def test_check_reports_a_named_pipe_and_an_unsafe_name_and_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    write_site(tmp_path / "content", {"2024/ok.md": VALID_BRIEF, "2024/bad\nname.md": VALID_BRIEF})
    os.mkfifo(tmp_path / "content" / "2024" / "pipe.md")
    done = run_cli("check", cwd=tmp_path, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[::2] == [
        "content/2024/bad\\nname.md:1:1: error: the name of this file holds the control character U+000A [unsafe-file-name]",
        "content/2024/pipe.md:1:1: error: this is a named pipe (FIFO), not a regular file [not-a-regular-file]",
    ]


# --- reading: stat first, open without blocking, check the open file, read at most the limit + 1 --------


def bytes_read_by_this_process() -> int:
    """Linux's count of the bytes this process has read with read() and the like, from any file."""
    io = Path("/proc/self/io")
    if not io.exists():
        pytest.skip("needs /proc/self/io (Linux)")
    fields = dict(line.split(": ") for line in io.read_text().splitlines())
    return int(fields["rchar"])


def test_a_sparse_file_over_the_limit_is_reported_without_being_read(tmp_path: Path) -> None:
    write_site(tmp_path, {"2024/ok.md": VALID_BRIEF})
    huge = tmp_path / "2024" / "huge.md"
    huge.write_bytes(b"---\n")
    os.truncate(huge, 256 * MIB)  # sparse: no disk used, and reading it would still take 256 MiB of memory
    before = bytes_read_by_this_process()
    started = time.perf_counter()
    result = load_in_time(tmp_path)
    elapsed = time.perf_counter() - started
    read = bytes_read_by_this_process() - before
    assert codes(result) == [("2024/huge.md", "file-too-large")]
    assert result.diagnostics[0].message == "file is 256.0 MiB; a brief may be at most 5 MiB"
    assert read < MIB, f"{read} bytes read"  # the actors, the valid brief: nothing near the huge file's size
    assert elapsed < 10


@pytest.mark.parametrize("kind", ["/dev/zero", "/dev/null", "fifo", "folder"])
def test_read_source_refuses_what_is_not_a_regular_file_without_reading(tmp_path: Path, kind: str) -> None:
    target = Path(kind) if kind.startswith("/") else tmp_path / kind
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    with pytest.raises(UnreadableSource) as refused:
        read_source(target, "x.md")
    diagnostic = refused.value.diagnostic
    assert (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code) == (
        "x.md",
        1,
        1,
        "not-a-regular-file",
    )
    expected = {
        "/dev/zero": "character device",
        "/dev/null": "character device",
        "fifo": "named pipe",
        "folder": "folder",
    }
    assert expected[kind] in diagnostic.message


def test_a_pipe_swapped_in_after_the_stat_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    regular = os.stat(tmp_path)  # any stat result, made to look like a small regular file below
    real_stat = os.stat

    def stat_before_the_swap(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if path == pipe:  # what the stat saw: a small regular file, before a pipe took its place
            return os.stat_result((stat.S_IFREG | 0o644, *regular[1:6], 10, *regular[7:10]))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat_before_the_swap)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(_refusal(pipe)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("opening the pipe blocked")
    assert outcome == ["not-a-regular-file"]


def _refusal(path: Path) -> str:
    try:
        read_source(path, "pipe.md")
    except UnreadableSource as exc:
        return exc.diagnostic.code
    return "read"


def test_a_file_that_grows_after_the_check_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = tmp_path / "grown.md"
    grown.write_bytes(b"a" * (MAX_FILE_BYTES * 3))
    real_stat, real_fstat, real_read = os.stat, os.fstat, os.read
    read: list[int] = []

    def small(status: os.stat_result) -> os.stat_result:  # what stat and fstat saw: 10 bytes, before it grew
        return os.stat_result((*status[:6], 10, *status[7:10]))

    monkeypatch.setattr(
        os, "stat", lambda path, *a, **k: small(real_stat(path, *a, **k)) if path == grown else real_stat(path, *a, **k)
    )
    monkeypatch.setattr(os, "fstat", lambda fd: small(real_fstat(fd)))
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(len(chunk := real_read(fd, n))) or chunk)
    with pytest.raises(UnreadableSource) as refused:
        read_source(grown, "grown.md")
    assert refused.value.diagnostic.code == "file-too-large"
    assert refused.value.diagnostic.message == "file is over the limit; a brief may be at most 5 MiB"
    assert sum(read) == MAX_FILE_BYTES + 1


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    exact = tmp_path / "exact.md"
    exact.write_bytes(b"b" * MAX_FILE_BYTES)
    assert read_source(exact, "exact.md") == b"b" * MAX_FILE_BYTES
    exact.write_bytes(b"b" * (MAX_FILE_BYTES + 1))
    with pytest.raises(UnreadableSource, match=r"file is 5\.0 MiB"):
        read_source(exact, "exact.md")


# --- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "role", "not_briefs", "excluded"),
    [
        ("2024/a.md", "briefs", (), ()),
        ("a.md", "briefs", (), ()),
        ("2024/index.md", "briefs", (), ()),  # only the folder's own index.md is the home page
        ("actors/x.md", "actors", (), ()),
        ("countries/de.md", "countries", (), ()),
        ("index.md", "pages", (), ()),
        ("topics/trade.md", "pages", (), ()),
        ("topics/deeper/trade.md", "pages", (), ()),
        ("about.md", "pages", ("about.md",), ()),
        ("notes/about.md", "pages", ("notes/",), ()),
        ("about.md", None, ("about.md",), ("/about.md",)),  # exclude_docs wins: MkDocs publishes nothing
        ("index.md", None, (), ("/index.md",)),
        ("topics/trade.md", None, (), ("topics/",)),
        ("2024/a.md", None, (), ("/2024/a.md",)),
        ("2024/image.png", None, (), ()),
        ("2024/a.markdown", None, (), ()),
        ("2024/.draft.md", None, (), ()),
        (".cache/a.md", None, (), ()),
    ],
)
def test_discover_gives_each_markdown_file_its_role(
    tmp_path: Path, path: str, role: str | None, not_briefs: tuple[str, ...], excluded: tuple[str, ...]
) -> None:
    write_site(tmp_path, {path: "x"}, with_actors=False)
    files = discover(tmp_path, CoreConfig(not_briefs=not_briefs), excluded)
    roles = {name: getattr(files, name) for name in ("briefs", "actors", "countries", "pages")}
    assert {name for name, paths in roles.items() if path in paths} == ({role} if role else set())
    assert files.markdown == ((path,) if role else ())
    assert files.diagnostics == ()


def test_pages_count_as_files_checked(tmp_path: Path) -> None:
    files = {"2024/a.md": VALID_BRIEF, "index.md": "Home.\n", "topics/trade.md": "Trade.\n", "about.md": "About.\n"}
    result = load(write_site(tmp_path, files), CoreConfig(not_briefs=("about.md",)))
    assert result.files.pages == ("about.md", "index.md", "topics/trade.md")
    assert result.files_checked == 2 + 1 + 3  # two actors, a brief, three pages
    assert codes(result) == []


# --- the serve cache --------------------------------------------------------------------------------


def test_the_parse_cache_holds_only_the_files_of_the_latest_load(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"2024/a.md": VALID_BRIEF, "2024/b.md": VALID_BRIEF, "2024/c.md": VALID_BRIEF})
    cache = ParseCache()
    load(root, cache=cache)
    assert sorted(path for path, _ in cache.briefs) == ["2024/a.md", "2024/b.md", "2024/c.md"]
    unchanged = next(entry for (path, _), entry in cache.briefs.items() if path == "2024/c.md")
    for version in range(5):  # an author saving the same brief again and again under `mkdocs serve`
        (root / "2024" / "a.md").write_text(brief(body=f"Version {version}.\n"), encoding="utf-8")
        load(root, cache=cache)
    (root / "2024" / "b.md").unlink()
    result = load(root, cache=cache)
    a_now = (root / "2024" / "a.md").read_bytes()
    assert sorted(cache.briefs) == sorted(
        [("2024/a.md", content_hash(a_now)), ("2024/c.md", content_hash(VALID_BRIEF.encode()))]
    )
    assert (
        next(entry for (path, _), entry in cache.briefs.items() if path == "2024/c.md") is unchanged
    )  # not parsed again
    assert [b.path for b in result.corpus.briefs] == ["2024/a.md", "2024/c.md"]
