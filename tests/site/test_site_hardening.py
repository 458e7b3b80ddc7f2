"""Real `mkdocs build` runs of sites an attacker or an unlucky author wrote: every page body through one gate,
file names that cannot become script URLs, pages that cannot overwrite each other, drafts that stay private."""

from __future__ import annotations

import csv
import io

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import brief_text, run_build

EXTENSIONS = "markdown_extensions: [toc, tables, footnotes, attr_list]\n"


def _hrefs(html: str) -> list[str]:
    return [a.attributes.get("href") or "" for a in HTMLParser(html).css("a")]


def _unsafe(html: str) -> list[str]:
    """Event handlers, style attributes and script URLs anywhere in a page's DOM."""
    found = []
    for node in HTMLParser(html).css("*"):
        for name, value in node.attributes.items():
            if name.startswith("on") or (name == "style" and node.tag != "svg"):
                found.append(f"<{node.tag} {name}>")
            elif name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                found.append(f"<{node.tag} {name}={value}>")
    return found


def test_raw_html_refused_site_still_makes_markdown_safe(fixture_site):
    body = (
        "[one](javascript:alert(1)) [two][r] ![img](x.png){onerror=alert(2)}\n\n"
        '## Heading {onmouseover=alert(3) style="color:red"}\n\n[r]: JaVaScRiPt:alert(4)\n'
    )
    build = fixture_site({"2024/a.md": brief_text(body=body)}, options="raw_html: refuse\nsearch: false", args=(),
                         site_config=EXTENSIONS)  # fmt: skip
    assert build.returncode == 0, build.output
    html = build.html("2024/a/")
    assert _unsafe(html) == []
    assert HTMLParser(html).css_first("main .brief-body img").attributes.get("src") == "x.png"
    assert "briefs/2024/a.md:8:7: warning: the link target is a 'javascript:' URL" in build.output


def test_raw_html_refused_in_every_kind_of_page(fixture_site):
    actors = {"antony-blinken": "name: Antony Blinken\nkind: person\ncountry: US"}
    build = fixture_site(
        {
            "2024/a.md": brief_text(),
            "countries/us.md": "A profile <script>alert(1)</script>.\n",
            "about.md": "# About\n\n<iframe src=x></iframe>\n",
        },
        actors=actors,
        options="raw_html: refuse\nnot_briefs: [about.md]\nsearch: false",
    )
    assert build.returncode != 0
    assert "briefs/countries/us.md:1:11: error: raw HTML '<script>'" in build.output
    assert "briefs/about.md:3:1: error: raw HTML '<iframe src=x>'" in build.output
    assert "Traceback" not in build.output


def test_pages_that_are_not_briefs_pass_the_gate(fixture_site):
    build = fixture_site(
        {
            "2024/a.md": brief_text(),
            "about.md": "# About\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(2))\n",
        },
        options="not_briefs: [about.md]\nsearch: false",
        args=(),
    )
    assert build.returncode == 0, build.output
    html = build.html("about/")
    assert "onerror" not in html and "javascript:" not in html


def test_a_file_name_never_becomes_a_script_url(fixture_site):
    build = fixture_site({"javascript:alert(1).md": brief_text(title="Named badly")}, args=())
    assert build.returncode == 0, build.output
    for page in ("", "archive/2024/", "actors/antony-blinken/"):
        hrefs = _hrefs(build.html(page))
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], hrefs
        assert any("javascript%3Aalert%281%29/" in h for h in hrefs), hrefs
    record = build.briefs_json()[0]
    assert record["url"] == "javascript%3Aalert%281%29/"
    feed = (build.site / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://fixture.example/javascript%3Aalert%281%29/"' in feed
    assert (build.site / "javascript:alert(1)" / "index.html").is_file()


def test_a_brief_on_a_generated_page_is_a_located_error_naming_both(fixture_site):
    build = fixture_site({"search.md": brief_text(), "archive/2024.md": brief_text(title="Other"),
                          "feed.xml.md": brief_text(title="Third"), "actors.md": brief_text(title="Fourth")})  # fmt: skip
    assert build.returncode != 0
    assert (
        "briefs/search.md:1:1: error: this file would be written to search/index.html, which the search page also writes [output-conflict]"
        in build.output
    )
    assert (
        "briefs/archive/2024.md:1:1: error: this file would be written to archive/2024/index.html, which the archive of 2024 also writes"
        in build.output
    )
    assert (
        "briefs/feed.xml.md:1:1: error: this file would be written to feed.xml/index.html, but the site's Atom feed is the file feed.xml"
        in build.output
    )
    assert "Traceback" not in build.output


def test_a_page_on_a_generated_topic_page_is_a_located_error(fixture_site):
    build = fixture_site({"2024/a.md": brief_text(topics="[Espionage]"), "topics/espionage.md": "# Espionage\n"})
    assert build.returncode != 0
    assert (
        "briefs/topics/espionage.md:1:1: error: this file would be written to topics/espionage/index.html, which the page of topic 'Espionage' also writes"
        in build.output
    )
    assert "Traceback" not in build.output


def test_a_static_file_on_a_data_file_is_a_located_error(fixture_site):
    build = fixture_site({"2024/a.md": brief_text(), "briefs.json": "[]\n"})
    assert build.returncode != 0
    assert (
        "briefs/briefs.json:1:1: error: this file would be written to briefs.json, which the site's briefs.json also writes"
        in build.output
    )


def test_actor_files_in_subfolders_build_where_every_link_points(fixture_site):
    actors = {"antony-blinken": "name: Antony Blinken\naliases: [Blinken]\nkind: person\ncountry: US"}
    build = fixture_site({"2024/a.md": brief_text(body="Blinken spoke.")}, actors={})
    project = build.project
    (project / "briefs" / "actors" / "us").mkdir(parents=True)
    (project / "briefs" / "actors" / "us" / "antony-blinken.md").write_text(
        f"---\n{actors['antony-blinken']}\n---\nProfile.\n"
    )

    build = run_build(project, build.site, "--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "actors" / "antony-blinken" / "index.html").is_file()
    assert not (build.site / "actors" / "us").exists()
    page = build.html("2024/a/")
    assert "../../actors/antony-blinken/" in _hrefs(page)


def test_drafts_give_no_public_page_to_what_only_they_name(fixture_site):
    build = fixture_site({
        "2024/draft.md": brief_text(title="Draft", countries="[KP]", topics="[secret programme]", status="draft"),
        "2024/published.md": brief_text(title="Published", countries="[US]"),
    })  # fmt: skip
    assert build.returncode == 0, build.output
    assert not (build.site / "countries" / "kp").exists()
    assert not (build.site / "topics" / "secret-programme").exists()
    for listing in ("countries/", "topics/", ""):
        assert "North Korea" not in build.html(listing) and "secret" not in build.html(listing).lower()
    assert (build.site / "countries" / "us" / "index.html").is_file()


def test_every_csv_cell_is_defused(fixture_site):
    build = fixture_site({"-2024/=cmd.md": brief_text(title='=HYPERLINK("x")', topics='["@risk"]')}, args=())
    assert build.returncode == 0, build.output
    rows = list(csv.reader(io.StringIO((build.site / "briefs.csv").read_text(encoding="utf-8"))))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row, strict=True))
    assert cells["title"].startswith("'=") and cells["path"].startswith("'-") and cells["url"].startswith("'-")
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
