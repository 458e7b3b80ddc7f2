"""The command line: `python -m generator check|new ...` in a site folder, as authors and CI run it.

Most tests call ``generator.cli.main(argv)`` in-process (the `cli` fixture: the working directory set, stdout
and stderr captured with capsys, argparse's usage errors read from its SystemExit). A few run the real
``python -m generator`` in a subprocess, where the process adds something: the exit status as the shell sees
it, the entry module, ``--help``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from core_support import DATE, SUMMARY, TITLE, VALID_BRIEF, brief, run_cli, write_site

from generator.cli import main

MKDOCS_YML = """\
site_name: Test briefs
docs_dir: content
theme:
  name: null
markdown_extensions:
  - toc:
      permalink: false
plugins:
  - search
  - briefing:
      country_aliases:
        Bharat: IN
"""

WITH_ERRORS = brief(TITLE, DATE, SUMMARY, "actors: [Xi Jinping, Nobody]", "countries: [CN, Narnia]")
WITH_WARNING = brief(body="Putin was not there.\n")
TEXT_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")  # fmt: skip
GITHUB_LINE = re.compile(r"^::(?P<severity>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<column>\d+)(?:,title=[^:]*)?::(?P<message>.+)$")  # fmt: skip


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder: mkdocs.yml with docs_dir 'content', two actors and one clean brief."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    write_site(tmp_path / "content", {"2024/clean.md": VALID_BRIEF, "index.md": "---\ntitle: Home\n---\nHi.\n"})
    return tmp_path


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``main(argv)`` in-process in ``cwd``, as `python -m generator *args` would run there."""

    def run(*args: str, cwd: Path) -> Ran:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            returncode = main(list(args))
        except SystemExit as exit_:  # argparse: a usage error (2) or --help (0)
            assert isinstance(exit_.code, int)
            returncode = exit_.code
        out, err = capsys.readouterr()
        return Ran(returncode, out, err)

    return run


def add(site: Path, relative: str, text: str) -> Path:
    path = site / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- check: exit codes and text output --------------------------------------------------------


def test_clean_site_exits_0(site: Path) -> None:
    done = run_cli("check", "content", cwd=site)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.strip() == "4 files checked: 0 errors, 0 warnings"  # the home page counts too


def test_errors_exit_1_with_located_text_lines(site: Path) -> None:
    add(site, "2024/bad.md", WITH_ERRORS)
    done = run_cli("check", "content", cwd=site)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    diagnostics = [m.groupdict() for m in map(TEXT_LINE.match, lines) if m]
    assert [(d["file"], d["line"], d["column"], d["severity"], d["code"]) for d in diagnostics] == [
        ("content/2024/bad.md", "5", "22", "error", "unknown-actor"),
        ("content/2024/bad.md", "6", "17", "error", "unknown-country"),
    ]
    assert lines[0] == "content/2024/bad.md:5:22: error: 'Nobody' is not a registered actor [unknown-actor]"
    assert lines[1].startswith("    hint: ")
    assert all(TEXT_LINE.match(line) or line.startswith("    hint: ") for line in lines)
    assert "2 errors, 0 warnings" in done.stderr


def test_warnings_fail_only_with_strict(site: Path, cli: Cli) -> None:
    add(site, "2024/warn.md", WITH_WARNING)
    done = cli("check", "content", cwd=site)
    assert done.returncode == 0
    assert done.stdout.startswith("content/2024/warn.md:8:1: warning: ")
    assert done.stdout.splitlines()[0].endswith("[unlisted-actor]")
    assert cli("check", "content", "--strict", cwd=site).returncode == 1


def test_strict_on_a_clean_site_exits_0(site: Path, cli: Cli) -> None:
    assert cli("check", "--strict", "content", cwd=site).returncode == 0


def test_output_is_sorted_and_deterministic(site: Path, cli: Cli) -> None:
    add(site, "2024/zz.md", WITH_ERRORS)
    add(site, "2024/aa.md", WITH_WARNING)
    add(site, "2023/mm.md", "no front matter\n")
    add(site, "actors/bad.md", "---\nname: Bad\nkind: alien\n---\n")
    first = cli("check", "content", cwd=site)
    second = cli("check", "content", cwd=site)
    assert first.stdout == second.stdout
    keys = [(m["file"], int(m["line"]), int(m["column"])) for m in map(TEXT_LINE.match, first.stdout.splitlines()) if m]
    assert keys == sorted(keys)
    assert [k[0] for k in keys] == [
        "content/2023/mm.md",
        "content/2024/aa.md",
        "content/2024/zz.md",
        "content/2024/zz.md",
        "content/actors/bad.md",
    ]


# --- check: formats ---------------------------------------------------------------------------


def test_json_format(site: Path, cli: Cli) -> None:
    add(site, "2024/bad.md", WITH_ERRORS)
    add(site, "2024/warn.md", WITH_WARNING)
    done = cli("check", "content", "--format", "json", cwd=site)
    assert done.returncode == 1
    records = json.loads(done.stdout)
    assert isinstance(records, list)
    assert len(records) == 3
    for record in records:
        assert list(record) == ["file", "line", "column", "severity", "code", "message", "hint"]
        assert isinstance(record["line"], int)
        assert isinstance(record["column"], int)
        assert record["severity"] in ("error", "warning")
    assert records[0] == {
        "file": "content/2024/bad.md",
        "line": 5,
        "column": 22,
        "severity": "error",
        "code": "unknown-actor",
        "message": "'Nobody' is not a registered actor",
        "hint": 'to register a new actor, run: python -m generator new actor "Nobody"',
    }
    assert records[2]["severity"] == "warning"


def test_json_format_on_a_clean_site_prints_an_empty_array(site: Path, cli: Cli) -> None:
    done = cli("check", "content", "--format=json", cwd=site)
    assert done.returncode == 0
    assert json.loads(done.stdout) == []


def test_github_format(site: Path, cli: Cli) -> None:
    add(site, "2024/bad.md", WITH_ERRORS)
    add(site, "2024/warn.md", WITH_WARNING)
    done = cli("check", "content", "--format", "github", cwd=site)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    matches = [GITHUB_LINE.match(line) for line in lines]
    assert all(matches), lines
    assert [(m["severity"], m["file"], m["line"], m["column"]) for m in matches if m] == [
        ("error", "content/2024/bad.md", "5", "22"),
        ("error", "content/2024/bad.md", "6", "17"),
        ("warning", "content/2024/warn.md", "8", "1"),
    ]
    assert lines[0].endswith("::'Nobody' is not a registered actor [unknown-actor]%0Ahint: " + 'to register a new actor, run: python -m generator new actor "Nobody"')  # fmt: skip


def test_unknown_format_is_a_usage_error(site: Path, cli: Cli) -> None:
    assert cli("check", "content", "--format", "xml", cwd=site).returncode == 2


# --- check: which files -----------------------------------------------------------------------


def test_no_path_reads_docs_dir_and_plugin_options_from_mkdocs_yml(site: Path, cli: Cli) -> None:
    add(site, "2024/india.md", brief(TITLE, DATE, SUMMARY, "actors: [Xi]", "countries: [Bharat]"))
    done = cli("check", cwd=site)
    assert done.returncode == 0, done.stdout
    assert "5 files checked" in done.stderr
    add(site, "2024/bad.md", WITH_ERRORS)
    done = cli("check", cwd=site)
    assert done.returncode == 1
    assert done.stdout.startswith("content/2024/bad.md:5:22: error:")


def test_explicit_folder_uses_the_site_config_next_to_it(site: Path, cli: Cli) -> None:
    add(site, "2024/india.md", brief(TITLE, DATE, SUMMARY, "actors: [Xi]", "countries: [Bharat]"))
    assert cli("check", "content", cwd=site).returncode == 0
    done = cli("check", ".", cwd=site / "content")
    assert done.returncode == 0, done.stdout


def test_config_option_names_another_file(site: Path, cli: Cli) -> None:
    (site / "mkdocs.yml").rename(site / "site.yml")
    assert cli("check", cwd=site).returncode == 2
    done = cli("check", "--config", "site.yml", cwd=site)
    assert done.returncode == 0, done.stderr
    assert "4 files checked" in done.stderr


def test_no_path_and_no_mkdocs_yml_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    done = cli("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert done.stdout == ""


def test_docs_dir_that_does_not_exist_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: missing\n", encoding="utf-8")
    assert cli("check", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("path", ["nowhere", "content/2024/nothing.md"])
def test_nonexistent_path_is_a_usage_error(site: Path, path: str, cli: Cli) -> None:
    done = cli("check", path, cwd=site)
    assert done.returncode == 2
    assert path in done.stderr


def test_invalid_mkdocs_yml_is_a_usage_error(site: Path, cli: Cli) -> None:
    (site / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    done = cli("check", cwd=site)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [(), ("content",), ("content/2024/clean.md",)])
def test_country_alias_to_no_country_is_a_usage_error_naming_it(site: Path, args: tuple[str, ...], cli: Cli) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "        Narnia: ZZ\n", encoding="utf-8")
    done = cli("check", *args, cwd=site)
    assert done.returncode == 2
    assert done.stderr.startswith("error: mkdocs.yml: ")
    assert "'Narnia' points at 'ZZ'" in done.stderr
    assert "Traceback" not in done.stderr


def test_country_alias_to_an_alpha3_code_is_accepted(site: Path, cli: Cli) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "        Narnia: DEU\n", encoding="utf-8")
    add(site, "2024/narnia.md", brief(TITLE, DATE, SUMMARY, "actors: [Xi]", "countries: [Narnia]"))
    done = cli("check", "--strict", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr


def test_file_path_reports_only_that_file(site: Path, cli: Cli) -> None:
    add(site, "2024/bad.md", WITH_ERRORS)
    add(site, "2024/warn.md", WITH_WARNING)
    done = cli("check", "content/2024/warn.md", cwd=site)
    assert done.returncode == 0
    assert {m["file"] for m in map(TEXT_LINE.match, done.stdout.splitlines()) if m} == {"content/2024/warn.md"}
    assert "1 file checked: 0 errors, 1 warning" in done.stderr
    assert cli("check", "content/2024/clean.md", "--strict", cwd=site).returncode == 0
    both = cli("check", "content/2024/warn.md", "content/2024/bad.md", "--format", "json", cwd=site)
    assert both.returncode == 1
    assert {r["file"] for r in json.loads(both.stdout)} == {"content/2024/warn.md", "content/2024/bad.md"}


def test_file_path_still_resolves_against_the_whole_site(site: Path, cli: Cli) -> None:
    # The brief names actors defined in another folder: checking it alone must still find them.
    done = cli("check", "2024/clean.md", "--strict", cwd=site / "content")
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("config", [True, False])
def test_subfolder_path_checks_against_the_whole_site_and_reports_only_under_it(
    site: Path, config: bool, cli: Cli
) -> None:
    if not config:  # then the briefs folder is found as the nearest one with actors/
        (site / "mkdocs.yml").unlink()
    add(site, "2023/bad.md", WITH_ERRORS)
    add(site, "2024/warn.md", WITH_WARNING)
    add(site, "2024/deeper/clean-too.md", VALID_BRIEF.replace("title: A valid brief", "title: Another"))
    done = cli("check", "content/2024", "--format", "json", cwd=site)
    assert done.returncode == 0, done.stdout
    assert [(r["file"], r["code"]) for r in json.loads(done.stdout)] == [("content/2024/warn.md", "unlisted-actor")]
    text = cli("check", "2024", cwd=site / "content")
    assert "3 files checked: 0 errors, 1 warning" in text.stderr
    assert cli("check", "content/2023", cwd=site).returncode == 1
    actors = cli("check", "content/actors", "--strict", cwd=site)
    assert (actors.returncode, actors.stderr.strip()) == (0, "2 files checked: 0 errors, 0 warnings")


def test_file_path_of_an_actor_file(site: Path, cli: Cli) -> None:
    add(site, "actors/bad.md", "---\nname: Bad\nwikidata: nope\n---\n")
    done = cli("check", "content/actors/bad.md", "--format", "json", cwd=site)
    assert done.returncode == 1
    assert [(r["file"], r["line"], r["code"]) for r in json.loads(done.stdout)] == [
        ("content/actors/bad.md", 3, "invalid-wikidata")
    ]


def test_bad_input_never_crashes_the_checker(site: Path, cli: Cli) -> None:
    add(site, "2024/bomb.md", "---\na: &a [*a]\ntitle: !!python/object/apply:os.system [x]\n---\n")
    (site / "content" / "2024" / "binary.md").write_bytes(b"\x00\xff\xfe" * 100)
    (site / "content" / "2024" / "crlf.md").write_bytes(b"\xef\xbb\xbf" + VALID_BRIEF.replace("\n", "\r\n").encode())
    (site / "content" / "2024" / "dangling.md").symlink_to("missing.md")
    done = cli("check", "content", "--format", "json", cwd=site)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    codes = {(r["file"], r["code"]) for r in json.loads(done.stdout)}
    assert ("content/2024/binary.md", "encoding") in codes
    assert ("content/2024/dangling.md", "unreadable") in codes
    assert ("content/2024/bomb.md", "yaml-tag") in codes
    assert not any(file == "content/2024/crlf.md" for file, _ in codes)


# --- new brief --------------------------------------------------------------------------------


def test_new_brief_writes_a_draft_that_checks_clean(site: Path, cli: Cli) -> None:
    done = cli("new", "brief", "Xi and Putin meet: day one", "--date", "2024-05-16", cwd=site)
    assert done.returncode == 0, done.stderr
    written = site / "content" / "2024" / "xi-and-putin-meet-day-one.md"
    assert "content/2024/xi-and-putin-meet-day-one.md" in done.stdout
    text = written.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "status: draft" in text
    assert "date: 2024-05-16" in text
    check = cli("check", "content", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])


def test_new_brief_with_actors_countries_and_topics(site: Path, cli: Cli) -> None:
    done = cli(
        "new", "brief", "Yes", "--date", "2024-06-01", "--actors", "president  xi", "putin",
        "--countries", "UK, Bharat", "--topics", "trade", "Cyber security", cwd=site,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (site / "content" / "2024" / "yes.md").read_text(encoding="utf-8")
    assert 'title: "Yes"' in text  # quoted: a bare yes is a YAML 1.1 boolean
    assert "actors: [Xi Jinping, Vladimir Putin]" in text
    assert "countries: [GB, IN]" in text
    check = cli("check", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])


def test_new_brief_writes_roles_the_vocabulary_knows(site: Path, cli: Cli) -> None:
    done = cli(
        "new", "brief", "Sanctions", "--date", "2024-06-01", "--actors", "Putin:Perpetrator", "xi",
        "--countries", "RU: origin, UK:target", cwd=site,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (site / "content" / "2024" / "sanctions.md").read_text(encoding="utf-8")
    assert "actors: [Vladimir Putin: perpetrator, Xi Jinping]" in text
    assert "countries: [RU: origin, GB: target]" in text
    check = cli("check", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])
    wrong = cli("new", "brief", "Other", "--actors", "Putin:sponsor", cwd=site)
    assert wrong.returncode == 2
    assert "'sponsor' in 'Putin:sponsor' is not a role of actors; the roles of actors are: perpetrator" in wrong.stderr


def test_new_brief_defaults_countries_to_the_actors_home_countries(site: Path, cli: Cli) -> None:
    done = cli("new", "brief", "Summit", "--date", "2024-06-01", "--actors", "Xi, Putin", cwd=site)
    assert done.returncode == 0, done.stderr
    assert "countries: [CN, RU]" in (site / "content" / "2024" / "summit.md").read_text(encoding="utf-8")


def test_new_brief_with_dir_and_without_mkdocs_yml(tmp_path: Path, cli: Cli) -> None:
    write_site(tmp_path / "briefs", {})
    done = cli("new", "brief", "A plain title", "--date", "2023-01-31", "--dir", "briefs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "briefs" / "2023" / "a-plain-title.md").is_file()
    assert cli("check", "briefs", "--strict", cwd=tmp_path).returncode == 0
    assert cli("new", "brief", "Another", cwd=tmp_path).returncode == 2  # no --dir and no mkdocs.yml


def test_new_brief_refuses_to_overwrite(site: Path, cli: Cli) -> None:
    args = ("new", "brief", "Same title", "--date", "2024-01-01")
    assert cli(*args, cwd=site).returncode == 0
    path = site / "content" / "2024" / "same-title.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    again = cli(*args, "--summary", "Different.", cwd=site)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("Edited.\n")


def test_new_brief_refuses_unknown_actors_with_a_hint(site: Path, cli: Cli) -> None:
    done = cli("new", "brief", "Talks", "--actors", "Xi Jinpin", cwd=site)
    assert done.returncode == 2
    assert "Xi Jinping" in done.stderr
    assert 'python -m generator new actor "Xi Jinpin"' in done.stderr
    assert not (site / "content").joinpath("2024", "talks.md").exists()
    assert list((site / "content").rglob("talks.md")) == []


@pytest.mark.parametrize(
    "args",
    [
        ("--countries", "Narnia"),
        ("--date", "2024-02-30"),
        ("--date", "yesterday"),
        ("--dir", "missing"),
    ],
)
def test_new_brief_usage_errors(site: Path, args: tuple[str, ...], cli: Cli) -> None:
    done = cli("new", "brief", "Talks", *args, cwd=site)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert list((site / "content").rglob("talks.md")) == []


@pytest.mark.parametrize("title", ["", "   ", "!!!", "Путин"])
def test_new_brief_refuses_titles_without_a_file_name(site: Path, title: str, cli: Cli) -> None:
    assert cli("new", "brief", title, cwd=site).returncode == 2


def test_new_brief_with_a_very_long_title_is_refused_or_checks_clean(site: Path, cli: Cli) -> None:
    done = cli("new", "brief", "word " * 50, "--date", "2024-01-01", cwd=site)
    assert done.returncode == 2 or cli("check", "content", cwd=site).returncode == 0


def test_new_brief_refuses_a_slug_used_in_another_year(site: Path, cli: Cli) -> None:
    assert cli("new", "brief", "Annual talks", "--date", "2023-06-01", cwd=site).returncode == 0
    done = cli("new", "brief", "Annual talks", "--date", "2024-06-01", cwd=site)
    assert done.returncode == 2 or cli("check", "content", cwd=site).returncode == 0


def test_new_brief_with_a_control_character_is_refused_or_checks_clean(site: Path, cli: Cli) -> None:
    done = cli("new", "brief", "Bad\x7fcharacter", "--date", "2024-01-01", cwd=site)
    assert done.returncode == 2 or cli("check", "content", cwd=site).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x" * 201,), "the title is 201 characters; the limit is 200"),
        (("Talks", "--summary", "word " * 150), "the summary is 749 characters; the limit is 600"),
        (("Talks", "--topics", "trade", "!!!"), "topic '!!!' has no letters or digits"),
    ],
)
def test_new_brief_refuses_what_check_would_refuse(site: Path, args: tuple[str, ...], message: str, cli: Cli) -> None:
    done = cli("new", "brief", *args, "--date", "2024-01-01", cwd=site)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {message}")
    assert sorted(p.name for p in (site / "content" / "2024").iterdir()) == ["clean.md"]


def test_new_brief_title_at_the_limit_checks_clean(site: Path, cli: Cli) -> None:
    title = "Talks " + "x" * 194
    assert cli("new", "brief", title, "--date", "2024-01-01", "--summary", "y" * 600, cwd=site).returncode == 0
    check = cli("check", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])


@pytest.mark.parametrize("existing", ["2021/annual-talks.md", "2022/other-name.md"])
def test_new_brief_refuses_a_slug_used_anywhere(site: Path, existing: str, cli: Cli) -> None:
    slug_line = "slug: annual-talks" if "other-name" in existing else "confidence: low"
    add(site, existing, brief(TITLE, DATE, SUMMARY, "actors: [Xi]", "countries: [CN]", slug_line))
    done = cli("new", "brief", "Annual talks", "--date", "2024-06-01", cwd=site)
    assert done.returncode == 2
    assert f"the slug 'annual-talks' is already used by content/{existing}" in done.stderr
    assert not (site / "content" / "2024" / "annual-talks.md").exists()


@pytest.mark.parametrize("character", ["\x7f", "\x85", "\x9f", "\u2028", "\ufeff", "\x01"])
def test_new_brief_escapes_what_yaml_cannot_read_raw(site: Path, character: str, cli: Cli) -> None:
    summary = f"Before{character}after."
    done = cli("new", "brief", "Odd characters", "--date", "2024-01-01", "--summary", summary, cwd=site)
    assert done.returncode == 0, done.stderr
    check = cli("check", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])


# --- new actor --------------------------------------------------------------------------------


def test_new_actor_writes_a_file_that_checks_clean_and_can_be_used(site: Path, cli: Cli) -> None:
    done = cli(
        "new", "actor", "Li  Qiang", "--aliases", "Premier Li", "--kind", "person", "--country", "China",
        "--role", "Premier: head of the State Council", cwd=site,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    path = site / "content" / "actors" / "li-qiang.md"
    assert "content/actors/li-qiang.md" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert "name: Li Qiang\n" in text
    assert "country: CN\n" in text
    assert cli("check", "--strict", cwd=site).returncode == 0
    assert cli("new", "brief", "Premier visits", "--date", "2024-03-01", "--actors", "premier li", cwd=site).returncode == 0  # fmt: skip
    check = cli("check", "--strict", "--format", "json", cwd=site)
    assert (check.returncode, json.loads(check.stdout)) == (0, [])


@pytest.mark.parametrize("name", ["Xi Jinping", "xi   JINPING", "Putin", "vladimir-putin"])
def test_new_actor_refuses_a_registered_name(site: Path, name: str, cli: Cli) -> None:
    before = sorted((site / "content" / "actors").iterdir())
    done = cli("new", "actor", name, cwd=site)
    assert done.returncode == 2
    assert "already names" in done.stderr
    assert sorted((site / "content" / "actors").iterdir()) == before


def test_new_actor_refuses_a_registered_alias(site: Path, cli: Cli) -> None:
    done = cli("new", "actor", "Someone New", "--aliases", "President Xi", cwd=site)
    assert done.returncode == 2
    assert not (site / "content" / "actors" / "someone-new.md").exists()


@pytest.mark.parametrize("args", [("--country", "Narnia"), ("--kind", "alien")])
def test_new_actor_usage_errors(site: Path, args: tuple[str, ...], cli: Cli) -> None:
    assert cli("new", "actor", "Someone New", *args, cwd=site).returncode == 2
    assert not (site / "content" / "actors" / "someone-new.md").exists()


def test_new_actor_refuses_to_overwrite(site: Path, cli: Cli) -> None:
    path = add(site, "actors/someone-new.md", "hand-written, not yet valid\n")
    assert cli("new", "actor", "Someone New!", cwd=site).returncode == 2
    assert path.read_text(encoding="utf-8") == "hand-written, not yet valid\n"


# --- the real process ---------------------------------------------------------------------------


def test_missing_command_is_a_usage_error(site: Path) -> None:
    for args in [(), ("new",)]:
        done = run_cli(*args, cwd=site)
        assert done.returncode == 2
        assert done.stderr.startswith("usage: python -m generator")
        assert done.stdout == ""


def test_help_lists_the_commands_and_exits_0(site: Path) -> None:
    done = run_cli("--help", cwd=site)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("usage: python -m generator")
    assert "check" in done.stdout and "new" in done.stdout


@pytest.mark.parametrize(("args", "option"), [(("check",), "--strict"), (("new", "brief"), "--actors"), (("new", "actor"), "--aliases")])  # fmt: skip
def test_each_command_has_its_help(site: Path, cli: Cli, args: tuple[str, ...], option: str) -> None:
    done = cli(*args, "--help", cwd=site)
    assert (done.returncode, done.stderr) == (0, "")
    assert option in done.stdout
