"""Translations, built for real: a set of translations is listed once, and its members link to each other."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import feedparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import TEMPLATES, brief_text

ORIGINAL = brief_text(title="Talks in Beijing", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]")
FRENCH = brief_text(title="Entretiens à Pékin", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]",
                    lang="fr", translation_of="talks", body="Texte du résumé.")  # fmt: skip
BRAZILIAN = brief_text(title="Conversas em Pequim", actors="[Xi Jinping, Antony Blinken]", countries="[CN, US]",
                       lang="pt-br", translation_of="talks")  # fmt: skip
SET = {"2024/talks.md": ORIGINAL, "2024/talks-fr.md": FRENCH, "2024/talks-pt.md": BRAZILIAN,
       "2024/other.md": brief_text(title="Other", date="2024-05-01")}  # fmt: skip


def _page(build, path: str) -> HTMLParser:
    return HTMLParser((build.site / path / "index.html").read_text(encoding="utf-8"))


def test_members_link_to_each_other_by_language(fixture_site):
    build = fixture_site(SET)
    assert build.returncode == 0, build.output
    tree = _page(build, "2024/talks-fr")
    assert tree.css_first("html").attributes["lang"] == "fr"
    assert _page(build, "2024/talks").css_first("html").attributes["lang"] == "en"
    assert _page(build, "2024/talks-pt").css_first("html").attributes["lang"] == "pt-BR"  # canonical form
    alternates = {link.attributes["hreflang"]: link.attributes["href"]
                  for link in tree.css('head link[rel="alternate"][hreflang]')}  # fmt: skip
    assert alternates == {
        "en": "https://fixture.example/2024/talks/",
        "fr": "https://fixture.example/2024/talks-fr/",
        "pt-BR": "https://fixture.example/2024/talks-pt/",
        "x-default": "https://fixture.example/2024/talks/",
    }
    # A page in French speaks French where the theme has its locale: its switcher, its nav, its dates.
    switcher = tree.css_first('nav[aria-label="Langues"]')
    assert switcher is not None
    assert "Acteurs" in tree.css_first("header").text() and "Actors" not in tree.css_first("header").text()
    english, brazilian = _page(build, "2024/talks"), _page(build, "2024/talks-pt")
    assert (
        english.css_first('nav[aria-label="Languages"]') is not None and "Actors" in english.css_first("header").text()
    )
    assert brazilian.css_first('nav[aria-label="Languages"]') is not None, "no Portuguese locale: the site's words"
    links = [
        (a.attributes["hreflang"], a.attributes["lang"], a.text(), a.attributes["href"]) for a in switcher.css("a")
    ]
    assert links == [("en", "en", "English", "../../2024/talks/"),
                     ("pt-BR", "pt-BR", "Português (Brasil)", "../../2024/talks-pt/")]  # fmt: skip
    current = switcher.css('[aria-current="page"]')
    assert [(c.tag, c.attributes["lang"], c.text()) for c in current] == [("span", "fr", "Français")]
    assert _page(build, "2024/other").css_first('nav[aria-label="Languages"]') is None  # no set, no switcher
    assert _page(build, "2024/other").css("link[hreflang]") == []


def test_listings_show_one_entry_per_set_in_the_site_language(fixture_site):
    build = fixture_site(SET)
    assert build.returncode == 0, build.output
    for page in ("", "actors/xi-jinping", "countries/cn", "archive/2024"):
        titles = [a.text() for a in _page(build, page).css("a.brief-item-title")]
        assert titles.count("Talks in Beijing") == 1, page
        assert "Entretiens à Pékin" not in titles and "Conversas em Pequim" not in titles, page
    actor = _page(build, "actors/xi-jinping")
    also = actor.css_first(".brief-item-languages")
    assert [a.attributes["hreflang"] for a in also.css("a")] == ["fr", "pt-BR"]
    listing = _page(build, "actors")
    entry = next(li for li in listing.css("li") if "Xi Jinping" in li.text())
    assert "1 brief" in entry.text() and "3 briefs" not in entry.text()  # counts are of sets, not members
    feed = feedparser.parse((build.site / "actors/xi-jinping/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Talks in Beijing"]
    site_feed = (build.site / "feed.xml").read_text(encoding="utf-8")
    assert '<entry xml:lang="en">' in site_feed and 'xml:lang="fr"' not in site_feed
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"2024/{slug}/" in sitemap for slug in ("talks", "talks-fr", "talks-pt"))  # every member has a page


def test_data_files_say_each_brief_s_language_last(fixture_site):
    build = fixture_site(SET)
    assert build.returncode == 0, build.output
    records = {r["slug"]: r for r in build.briefs_json()}
    assert (records["talks"]["lang"], records["talks"]["translation_of"]) == ("en", None)
    assert (records["talks-pt"]["lang"], records["talks-pt"]["translation_of"]) == ("pt-BR", "talks")
    assert list(records["talks-fr"])[-3:] == ["permalink", "lang", "translation_of"]  # extended, not reordered
    text = (build.site / "briefs.csv").read_text(encoding="utf-8")
    assert next(csv.reader(io.StringIO(text)))[-3:] == ["permalink", "lang", "translation_of"]
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["talks-fr"]["lang"], rows["talks-fr"]["translation_of"]) == ("fr", "talks")
    assert (rows["talks"]["lang"], rows["talks"]["translation_of"]) == ("en", "")


def test_search_builds_an_index_per_language_and_offers_the_choice(fixture_site):
    build = fixture_site(SET, options="search: true")
    assert build.returncode == 0, build.output
    entry = json.loads((build.site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "fr", "pt-br"}
    assert entry["languages"]["fr"]["page_count"] == 1
    select = _page(build, "search").css_first("select#search-lang")
    assert [(o.attributes["value"], o.text()) for o in select.css("option")] == [
        ("en", "English"), ("fr", "Français"), ("pt-br", "Português (Brasil)")]  # fmt: skip
    # A site of one language offers no choice: the golden site's search page pins that.


ERRORS = {
    "2024/talks.md": ORIGINAL,
    "2024/bad-tag.md": brief_text(title="Bad tag", lang="franch"),
    "2024/nowhere.md": brief_text(title="Nowhere", lang="de", translation_of="tlaks"),
    "2024/talks-fr.md": FRENCH,
    "2024/second-fr.md": brief_text(
        title="Encore", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]", lang="FR", translation_of="talks"
    ),
    "2024/chain.md": brief_text(title="Kette", lang="de", translation_of="talks-fr"),
}


def test_every_translation_error_stops_the_build_at_the_author_s_line(fixture_site):
    build = fixture_site(ERRORS)
    assert build.returncode != 0
    out = build.output
    assert ("briefs/2024/bad-tag.md:7:7: error: 'lang' 'franch' is not a language Babel knows "
            "[unknown-language]") in out  # fmt: skip
    assert "did you mean 'fr'? write a BCP 47 tag such as fr, de or pt-BR" in out
    assert "briefs/2024/nowhere.md:8:17: error: 'translation_of' 'tlaks' names no brief [unknown-translation]" in out
    assert "did you mean 'talks'?" in out
    assert ("briefs/2024/chain.md:8:17: error: 'translation_of' names 2024/talks-fr.md, which is itself a "
            "translation (of 'talks') [translation-of-translation]") in out  # fmt: skip
    assert "name the original instead: translation_of: talks" in out
    assert ("briefs/2024/talks-fr.md:7:7: error: this brief is in 'fr', as is 2024/second-fr.md, of the same set of "
            "translations [translation-language-taken]") in out  # fmt: skip
    assert ("briefs/2024/second-fr.md:7:7: error: this brief is in 'fr', as is 2024/talks-fr.md, of the same set "
            "of translations [translation-language-taken]") in out  # fmt: skip


def test_a_translation_naming_other_actors_or_countries_is_a_warning(fixture_site):
    build = fixture_site({"2024/talks.md": ORIGINAL,
                          "2024/talks-fr.md": brief_text(title="Entretiens", actors="[Antony Blinken]",
                                                         countries="[US, CN, RU]", lang="fr",
                                                         translation_of="talks")}, args=())  # fmt: skip
    assert build.returncode == 0, build.output
    out = build.output
    assert ("briefs/2024/talks-fr.md:5:1: warning: 'actors' differs from the original's (2024/talks.md): it lacks "
            "xi-jinping [translation-differs]") in out  # fmt: skip
    assert ("briefs/2024/talks-fr.md:6:1: warning: 'countries' differs from the original's (2024/talks.md): it adds "
            "RU [translation-differs]") in out  # fmt: skip


def test_the_checker_reports_translation_errors_too(fixture_site):
    build = fixture_site(ERRORS)
    checked = subprocess.run([sys.executable, "-m", "generator", "check", "--config", str(build.project / "mkdocs.yml")],
                             cwd=build.project, capture_output=True, text=True, timeout=300)  # fmt: skip
    out = checked.stdout + checked.stderr
    assert checked.returncode != 0
    for code in ("unknown-language", "unknown-translation", "translation-of-translation",
                 "translation-language-taken"):  # fmt: skip
        assert f"[{code}]" in out, out


def test_the_site_language_picks_the_listed_member(fixture_site):
    site_config = "theme:\n  name: null\n  custom_dir: {t}\n  static_templates: [sitemap.xml, 404.html]\n  locale: fr\n"
    # The original says it is in English: without `lang`, it would be in French, the site's, as its translation is.
    english = brief_text(
        title="Talks in Beijing", actors="[Antony Blinken, Xi Jinping]", countries="[US, CN]", lang="en"
    )
    # args=(): the theme has no French strings yet, which MkDocs warns about.
    build = fixture_site({**SET, "2024/talks.md": english}, site_config=site_config.format(t=TEMPLATES), args=())
    assert build.returncode == 0, build.output
    titles = [a.text() for a in _page(build, "actors/xi-jinping").css("a.brief-item-title")]
    assert titles == ["Entretiens à Pékin"]
    assert _page(build, "").css_first("html").attributes["lang"] == "fr"
    assert {r["slug"]: r["lang"] for r in build.briefs_json()}["other"] == "fr"  # no lang: the site's
