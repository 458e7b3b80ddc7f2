"""Brief list entries and chips, each rendered once a build (generator/plugin/list_entries.py), built for real:
an entry printed on many pages is what each page would print by itself, and the theme's entry templates rule."""

from __future__ import annotations

import shutil

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import TEMPLATES, brief_text

THEME = "theme:\n  name: null\n  custom_dir: {t}\n  static_templates: [sitemap.xml, 404.html]\n"
TALKS = brief_text(title="Talks in Beijing", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]")
TALKS_FR = brief_text(title="Entretiens à Pékin", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]",
                      lang="fr", translation_of="talks")  # fmt: skip
OTHER = brief_text(title="Other <talks>", date="2024-05-01", actors="[Antony Blinken, Xi Jinping]",
                   countries="[US, CN]")  # fmt: skip
OTHER_FR = brief_text(title="Autres entretiens", date="2024-05-01", actors="[Antony Blinken, Xi Jinping]",
                      countries="[US, CN]", lang="fr", translation_of="other")  # fmt: skip
SITE = {"2024/talks.md": TALKS, "2024/talks-fr.md": TALKS_FR, "2024/other.md": OTHER, "2024/other-fr.md": OTHER_FR}


def _page(build, path: str) -> HTMLParser:
    return HTMLParser((build.site / path / "index.html").read_text(encoding="utf-8"))


def _entry(tree: HTMLParser, title: str):
    return next(li for li in tree.css("li.brief-item") if li.css_first("a.brief-item-title").text() == title)


def test_an_entry_links_from_each_page_depth(fixture_site):
    build = fixture_site(SITE)
    assert build.returncode == 0, build.output
    on_home = _entry(_page(build, ""), "Other <talks>")
    on_actor = _entry(_page(build, "actors/xi-jinping"), "Other <talks>")
    assert on_home.css_first("a.brief-item-title").attributes["href"] == "2024/other/"
    assert on_actor.css_first("a.brief-item-title").attributes["href"] == "../../2024/other/"
    assert [a.attributes["href"] for a in on_actor.css("p.brief-item-languages a")] == ["../../2024/other-fr/"]
    assert "Other &lt;talks&gt;" in on_actor.html


def test_an_entry_speaks_the_language_of_its_page(fixture_site):
    build = fixture_site(SITE)
    assert build.returncode == 0, build.output
    in_english = _entry(_page(build, "2024/talks"), "Other <talks>")
    in_french = _entry(_page(build, "2024/talks-fr"), "Other <talks>")
    assert in_english.css_first("p.brief-item-languages").text().startswith("Also in:")
    assert in_french.css_first("p.brief-item-languages").text().startswith("Aussi en :")


def test_the_theme_entry_templates_are_the_ones_printed(fixture_site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(TEMPLATES, theme)
    marks = {
        "brief_item.html": ('<li class="brief-item">', '<li class="brief-item" data-theme="mine">'),
        "chip_item.html": ('<li><a class="chip', '<li data-theme="mine"><a class="chip'),
    }
    for name, (old, new) in marks.items():
        path = theme / "partials" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build = fixture_site(SITE, site_config=THEME.format(t=theme))
    assert build.returncode == 0, build.output
    actor = _page(build, "actors/xi-jinping")
    entries = actor.css("li.brief-item")
    assert entries and all(li.attributes.get("data-theme") == "mine" for li in entries)
    chips = _page(build, "2024/talks").css("ul.chips > li")
    assert chips and all(li.attributes.get("data-theme") == "mine" for li in chips)


def test_an_entry_the_url_shortcut_leaves_to_mkdocs_is_spelled_from_each_page(fixture_site):
    # MkDocs' filter spells a URL from the page's own: '../Upper/' beside it, '../../2024/Upper/' from an actor.
    briefs = {"2024/Upper.md": brief_text(title="Upper"), "2024/other.md": brief_text(title="Other", date="2024-05-01"),
              "2024/more.md": brief_text(title="More", date="2024-05-02")}  # fmt: skip
    build = fixture_site(briefs, args=())  # a file name that is no slug is a warning
    assert build.returncode == 0, build.output
    for page, href in (
        ("2024/other", "../Upper/"),
        ("2024/more", "../Upper/"),
        ("actors/antony-blinken", "../../2024/Upper/"),
        ("", "2024/Upper/"),
    ):
        assert _entry(_page(build, page), "Upper").css_first("a.brief-item-title").attributes["href"] == href, page
