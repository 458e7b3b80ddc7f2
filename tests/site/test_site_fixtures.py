"""Small fixture sites built with the real `mkdocs build`: errors, options, escaping, sanitising, ranking."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import REPO, brief_text


def test_a_bad_brief_fails_the_build_with_located_diagnostics_for_every_file(fixture_site):
    build = fixture_site({
        "2024/bad-date.md": brief_text(date="2024-02-30"),
        "2024/unknown-actor.md": brief_text(actors="[Antony Blinkne]"),
        "2024/fine.md": brief_text(),
    })  # fmt: skip
    assert build.returncode != 0
    assert "briefs/2024/bad-date.md:3:7: error: 'date' 2024-02-30 is not a real calendar date" in build.output
    assert "briefs/2024/unknown-actor.md:5:10: error: 'Antony Blinkne' is not a registered actor" in build.output
    assert "did you mean 'Antony Blinken'?" in build.output
    assert "Traceback" not in build.output


def test_warnings_go_through_mkdocs_logging_so_strict_fails(fixture_site):
    text = brief_text(body="Blinken met Xi Jinping in Beijing.")
    relaxed = fixture_site({"2024/a.md": text}, args=())
    assert relaxed.returncode == 0, relaxed.output
    assert "WARNING" in relaxed.output and "[unlisted-actor]" in relaxed.output
    strict = fixture_site({"2024/a.md": text}, args=("--strict",))
    assert strict.returncode != 0


def test_front_matter_is_escaped_everywhere(fixture_site):
    build = fixture_site({"2024/xss.md": brief_text(title='"<script>alert(1)</script> & co"')})
    assert build.returncode == 0, build.output
    for page in ("2024/xss/", "", "actors/antony-blinken/", "archive/"):
        html = build.html(page)
        assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in build.html("2024/xss/")


def test_raw_html_is_sanitised_by_default(fixture_site):
    body = 'Text <script>alert(1)</script> and <img src="x.png" onerror="alert(2)"> and <a href="javascript:x">j</a>.'
    build = fixture_site({
        "2024/html.md": brief_text(body=body),
        "2024/links.md": brief_text(body="[one](javascript:alert(3)) and [two]( java\tscript:alert(4)) and [ok](https://example.org/)"),
    }, args=())  # fmt: skip
    assert build.returncode == 0, build.output
    # What the gate removes is reported at its place (a warning: `--strict` fails on it).
    assert "briefs/2024/html.md:8:53: warning: 'onerror' in the <img> tag is an event handler" in build.output
    assert "briefs/2024/links.md:8:7: warning: the link target is a 'javascript:' URL" in build.output
    main = HTMLParser(build.html("2024/html/")).css_first("main").html
    assert "<script>alert(1)" not in main and "onerror" not in main and "javascript:" not in main
    links = [a.attributes.get("href") for a in HTMLParser(build.html("2024/links/")).css("main .brief-body a")]
    assert "https://example.org/" in links
    # Browsers drop tabs and newlines inside a URL's scheme; a space makes it a harmless relative link.
    schemes = [(href or "").replace("\t", "").replace("\n", "").strip().lower() for href in links]
    assert not [s for s in schemes if s.startswith(("javascript:", "vbscript:", "data:"))]


def test_raw_html_can_be_refused_with_a_located_error(fixture_site):
    build = fixture_site(
        {"2024/html.md": brief_text(body="Text <b>bold</b>.")}, options="raw_html: refuse\nsearch: false"
    )
    assert build.returncode != 0
    assert "briefs/2024/html.md:8:6: error: raw HTML '<b>' is not allowed on this site [raw-html]" in build.output


def test_autolinking_can_be_switched_off(fixture_site):
    text = brief_text(actors="[Antony Blinken, Xi Jinping]", body="Blinken met Xi.")
    on = fixture_site({"2024/a.md": text})
    assert len(HTMLParser(on.html("2024/a/")).css("main a.autolink")) == 2
    off = fixture_site({"2024/a.md": text}, options="autolink: false\nsearch: false")
    assert HTMLParser(off.html("2024/a/")).css("main a.autolink") == []


def test_the_site_lists_phrases_never_autolinked(fixture_site):
    text = brief_text(actors="[Xi Jinping]", countries="[CN]",
                      body="Ships of China Daily fame. Xi spoke in China.")  # fmt: skip
    build = fixture_site({"2024/a.md": text}, options="autolink_exclude: [China Daily]\nsearch: false")
    assert build.returncode == 0, build.output
    body = HTMLParser(build.html("2024/a/")).css_first("main .prose").html or ""
    assert "Ships of China Daily fame." in body  # not linked inside the phrase: the next mention is
    assert re.search(r'spoke in <a [^>]*class="autolink"[^>]*>China</a>', body), body


def test_related_briefs_weigh_rarer_names_more(fixture_site):
    build = fixture_site({
        "2024/target.md": brief_text(title="Target", actors="[Joe Biden, Xi Jinping]", countries="[US]"),
        "2024/shares-rare.md": brief_text(title="Shares rare", date="2024-01-01", actors="[Xi Jinping]", countries="[CN]"),
        "2024/shares-common-1.md": brief_text(title="Common one", date="2024-03-01", actors="[Antony Blinken]"),
        "2024/shares-common-2.md": brief_text(title="Common two", date="2024-03-02", actors="[Antony Blinken]"),
        "2024/unrelated.md": brief_text(title="Unrelated", actors="[Antony Blinken]", countries="[DE]"),
    })  # fmt: skip
    assert build.returncode == 0, build.output
    html = build.html("2024/target/")
    related = HTMLParser(html).css_first("[data-related], .related, #related")
    assert related is not None, "brief pages have a related-briefs section"
    titles = [a.text(strip=True) for a in related.css("a") if a.text(strip=True) in
              ("Shares rare", "Common one", "Common two", "Unrelated")]  # fmt: skip
    assert titles[0] == "Shares rare"
    assert titles[1:3] == ["Common two", "Common one"], "ties: newer first"
    assert "Unrelated" not in titles


def test_site_country_aliases_and_not_briefs(fixture_site):
    build = fixture_site(
        {"2024/a.md": brief_text(countries="[Albion]"), "about.md": "# About\n\nNot a brief, no front matter.\n"},
        options="country_aliases:\n  Albion: GB\nnot_briefs: [about.md]\nsearch: false",
    )
    assert build.returncode == 0, build.output
    assert build.briefs_json()[0]["countries"] == ["GB"]
    assert "Not a brief" in build.html("about/")


def test_an_unknown_country_alias_target_is_a_config_error(fixture_site):
    build = fixture_site({"2024/a.md": brief_text()}, options="country_aliases:\n  Albion: XX\nsearch: false")
    assert build.returncode != 0
    assert "country_aliases" in build.output and "Traceback" not in build.output


def test_properdocs_builds_the_example_site(tmp_path):
    if shutil.which("properdocs") is None:
        pytest.skip("ProperDocs is not installed")
    completed = subprocess.run(["properdocs", "build", "-d", str(tmp_path / "site")], cwd=REPO,
                               capture_output=True, text=True, timeout=300)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "site" / "actors" / "xi-jinping" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_previews_drafts_with_a_banner(fixture_site, tmp_path):
    build = fixture_site({"2024/draft.md": brief_text(title="Work in progress", status="draft"),
                          "2024/done.md": brief_text(title="Done")})  # fmt: skip
    assert build.returncode == 0, build.output
    assert not (build.site / "2024" / "draft").exists()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=build.project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        html = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/2024/draft/", timeout=5) as response:
                    html = response.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert "Work in progress" in html
        assert "DRAFT" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_generated_page_path_taken_by_a_file_is_a_clear_error(fixture_site):
    build = fixture_site({"2024/a.md": brief_text(), "search/index.md": "# Mine\n"},
                         options="not_briefs: [search/index.md]\nsearch: false")  # fmt: skip
    assert build.returncode != 0
    assert (
        "briefs/search/index.md:1:1: error: this file would be written to search/index.html, which the search page "
        "also writes [output-conflict]" in build.output
    )
    assert "Traceback" not in build.output


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_rendering_half_the_briefs_in_a_worker_gives_the_same_site(fixture_site, tmp_path):
    briefs = {f"2024/brief-{n}.md": brief_text(title=f"Brief {n}", date=f"2024-03-{n + 1:02d}", actors="[Xi Jinping]",
                                              countries="[CN]", body=f"Xi spoke.\n\n## Part {n}\n\nSee [a](brief-0.md#part-0).")
              for n in range(6)}  # fmt: skip
    serial = fixture_site(briefs, options="search: false\nparallel_threshold: 0")
    assert serial.returncode == 0, serial.output
    serial_tree = _tree(serial.site)
    parallel = fixture_site(briefs, options="search: false\nparallel_threshold: 2")
    assert parallel.returncode == 0, parallel.output
    assert _tree(parallel.site) == serial_tree


def test_warnings_from_pages_rendered_in_the_worker_still_fail_strict(fixture_site):
    briefs = {f"2024/brief-{n}.md": brief_text(title=f"Brief {n}", date=f"2024-03-{n + 1:02d}",
                                              body="A link to [nowhere](missing.md).")
              for n in range(4)}  # fmt: skip
    build = fixture_site(briefs, options="search: false\nparallel_threshold: 2")
    assert build.returncode != 0
    assert build.output.count("missing.md") >= 4, build.output


def test_briefs_get_an_edit_link_when_the_site_names_its_repository(fixture_site):
    build = fixture_site({"2024/a.md": brief_text()},
                         site_config="repo_url: https://example.org/team/briefs\nedit_uri: edit/main/briefs/\n")  # fmt: skip
    assert build.returncode == 0, build.output
    edit = [
        a.attributes["href"]
        for a in HTMLParser(build.html("2024/a/")).css("a")
        if a.text(strip=True) == "Edit this brief"
    ]
    assert edit == ["https://example.org/team/briefs/edit/main/briefs/2024/a.md"]
    assert "Edit this brief" not in build.html("actors/antony-blinken/")
