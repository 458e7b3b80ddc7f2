"""A site in French: `theme.locale: fr` gives the theme's words and dates in French on every kind of page."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from generator.site.locale import english
from tests.conftest import ACTORS, FIXTURE_CONFIG, TEMPLATES, Build, brief_text, run_build

# Words of the English theme that no French page may show (outside author content: the fixture's is neutral).
ENGLISH_WORDS = ("Home", "Archive", "Actors", "Countries", "Topics", "Search briefs", "Latest briefs", "Related briefs",
                 "Briefs per month", "Page not found", "newest first", " briefs", "April", "Skip to content",
                 "Atom feed", "All years", "Best match")  # fmt: skip


def build(tmp_path: Path, locale: str, *args: str, templates: Path = TEMPLATES) -> Build:
    project = tmp_path / "project"
    docs = project / "briefs"
    (docs / "actors").mkdir(parents=True)
    for slug, front in ACTORS.items():
        (docs / "actors" / f"{slug}.md").write_text(f"---\n{front}\n---\nProfil.\n", encoding="utf-8")
    (docs / "index.md").write_text("Bienvenue.\n", encoding="utf-8")
    (docs / "one.md").write_text(
        brief_text("Une note", "2024-04-16", body="Texte.", sources="[{publisher: <AFP>, date: 2024-04-16}]"),
        encoding="utf-8",
    )
    (docs / "two.md").write_text(
        brief_text("Deux", "2024-05-02", countries="[US, CN]", body="Texte."), encoding="utf-8"
    )
    config = FIXTURE_CONFIG.format(templates=templates, options="      search: false")
    config = config.replace(
        "static_templates: [sitemap.xml, 404.html]", f"static_templates: [sitemap.xml, 404.html]\n  locale: {locale}"
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return run_build(project, tmp_path / "site", *args)


def visible(html: str) -> str:
    """The page's text and attributes, without author content (the bodies) and URLs."""
    html = re.sub(r'<div class="prose[^"]*">.*?</div>', "", html, flags=re.S)
    return re.sub(r'(href|src|rel|class|id|datetime)="[^"]*"', "", html)


def test_a_french_site_speaks_french_on_every_page(tmp_path: Path) -> None:
    built = build(tmp_path, "fr", "--strict")
    assert built.returncode == 0, built.output
    pages = {name: built.html(url) for name, url in (("home", ""), ("brief", "one"), ("actor", "actors/antony-blinken"),
             ("listing", "actors"), ("archive", "archive"), ("year", "archive/2024"), ("search", "search"),
             ("country", "countries/us"))}  # fmt: skip
    pages["404"] = (built.site / "404.html").read_text(encoding="utf-8")
    for name, html in pages.items():
        assert '<html lang="fr">' in html, name
        text = visible(html)
        for word in ENGLISH_WORDS:
            assert not re.search(rf"(?<![\w-]){re.escape(word)}(?!\w)", text), (name, word)
    assert ">Accueil<" in pages["home"] and ">Rechercher<" in pages["home"]
    assert "16 avril 2024" in pages["brief"] and ">Sources<" in pages["brief"]
    assert "&lt;AFP&gt;" in pages["brief"]
    assert "<strong>2</strong> notes" in pages["country"] or "<strong>2</strong> notes" in pages["actor"]
    assert "2 notes, des plus récentes aux plus anciennes." in pages["archive"]
    assert "avril 2024" in pages["year"] and "1 note" in pages["year"]
    assert "Page introuvable" in pages["404"]
    assert "Notes par mois" in pages["actor"]


def test_an_unknown_locale_warns_and_builds_in_english(tmp_path: Path) -> None:
    built = build(tmp_path, "de")
    assert built.returncode == 0, built.output
    assert "[locale-unknown]" in built.output and "en, fr" in built.output
    assert ">Home<" in built.html("")
    assert build(tmp_path / "strict", "de", "--strict").returncode != 0


def test_a_region_uses_its_languages_file(tmp_path: Path) -> None:
    built = build(tmp_path, "fr_CA", "--strict")
    assert built.returncode == 0, built.output
    assert '<html lang="fr-CA">' in built.html("one") and "16 avril 2024" in built.html("one")


class _SearchRoot(HTMLParser):
    """The attributes of the search page's ``#search``, unescaped as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if dict(attrs).get("id") == "search":
            self.attrs = dict(attrs)


def search_root(html: str) -> dict[str, str | None]:
    parser = _SearchRoot()
    parser.feed(html)
    return parser.attrs


def test_a_french_search_page_hands_its_script_french_words(tmp_path: Path) -> None:
    built = build(tmp_path, "fr", "--strict")
    assert built.returncode == 0, built.output
    words = json.loads(search_root(built.html("search"))["data-strings"] or "")
    assert words["facet_actor"] == "Acteur" and words["facet_year"] == "Année"
    assert words["results"] == {"one": "{count} résultat", "other": "{count} résultats"}
    assert words["prompt"].startswith("Tapez un mot")
    assert set(words) == {key.removeprefix("search_js.") for key in english().messages if key.startswith("search_js.")}


def test_a_themes_words_cannot_leave_the_attribute(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(TEMPLATES, theme)
    hostile = "\"><script>alert(1)</script>' &amp; &"
    french = (theme / "locales" / "fr.yml").read_text(encoding="utf-8")
    french = re.sub(r"^  prompt: .*$", "  prompt: " + json.dumps(hostile), french, count=1, flags=re.M)
    (theme / "locales" / "fr.yml").write_text(french, encoding="utf-8")
    built = build(tmp_path, "fr", templates=theme)
    assert built.returncode == 0, built.output
    html = built.html("search")
    assert "<script>alert" not in html
    root = search_root(html)
    assert json.loads(root["data-strings"] or "")["prompt"] == hostile
    assert set(root) == {"class", "id", "data-site-root", "data-every-record", "data-role-facets", "data-strings",
                         "data-shards"}  # fmt: skip
