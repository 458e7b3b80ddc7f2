"""Roles in a real `mkdocs build`: the brief page labels its chips, the data files give the keys, and the
build refuses a vocabulary `check` refuses."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import brief_text

ROLED = brief_text(title="Roled", actors="[Antony Blinken: attributor, Xi Jinping: perpetrator, Joe Biden]",
                   countries="[US: target, CN: origin]")  # fmt: skip
PLAIN = brief_text(title="Plain", date="2024-04-27", actors="[Xi Jinping, Joe Biden]", countries="[CN]")


def _chips(html: str) -> list[str]:
    """Each actor and country chip's text, as every reader gets it."""
    return [" ".join(a.text().split()) for a in HTMLParser(html).css(".facets .chip-actor, .facets .chip-country")]


def test_the_brief_page_prints_each_role_in_its_chip(fixture_site):
    build = fixture_site({"2024/roled.md": ROLED, "2024/plain.md": PLAIN})
    assert build.returncode == 0, build.output
    assert _chips(build.html("2024/roled/")) == [
        "Antony Blinken (attributing party)",
        "Xi Jinping (alleged perpetrator)",
        "Joe Biden",
        "🇺🇸 United States (target)",
        "🇨🇳 China (alleged origin)",
    ]
    assert _chips(build.html("2024/plain/")) == ["Xi Jinping", "Joe Biden", "🇨🇳 China"]
    assert "chip-role" not in build.html("2024/plain/")
    assert "chip-role" not in build.html("actors/xi-jinping/") + build.html("")  # lists print no roles
    roled = next(r for r in build.briefs_json() if r["slug"] == "roled")
    assert roled["actor_roles"] == {"antony-blinken": "attributor", "xi-jinping": "perpetrator"}
    assert roled["country_roles"] == {"US": "target", "CN": "origin"}


def test_labels_come_from_mkdocs_yml_and_are_escaped(fixture_site):
    options = 'search: false\nroles:\n  actors:\n    perpetrator: {label: "<b>named</b> & shamed", plural: x}'
    build = fixture_site({"2024/roled.md": brief_text(actors="[Xi Jinping: perpetrator]")}, options=options)
    assert build.returncode == 0, build.output
    html = build.html("2024/roled/")
    assert '<span class="chip-role">(&lt;b&gt;named&lt;/b&gt; &amp; shamed)</span>' in html


def test_a_role_outside_the_vocabulary_stops_the_build_at_its_place(fixture_site):
    options = "search: false\nroles:\n  actors:\n    sponsor: {label: sponsor, plural: sponsors}"
    build = fixture_site({"2024/a.md": brief_text(actors="[Xi Jinping: perpetrator]")}, options=options)
    assert build.returncode != 0
    assert "briefs/2024/a.md:5:22: error: 'perpetrator' is not a role of actors" in build.output
    assert "Traceback" not in build.output


def test_the_build_refuses_an_invalid_vocabulary_with_the_checkers_message(fixture_site):
    options = "search: false\nroles:\n  actors:\n    perp: {label: alleged perpetrator}"
    build = fixture_site({"2024/a.md": brief_text()}, options=options)
    assert build.returncode != 0
    assert "actors.perp: 'plural' is missing" in build.output
    assert "Traceback" not in build.output
