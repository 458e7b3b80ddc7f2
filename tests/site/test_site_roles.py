"""Roles in a real `mkdocs build`: the brief page labels its chips, actor and country pages list their briefs by
role, the data files give the keys, and the build refuses a vocabulary `check` refuses."""

from __future__ import annotations

import json
from itertools import pairwise

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


def _role_nav(html: str) -> list[tuple[str, str]]:
    """Each link of the "By role" nav: its target and its text."""
    return [(a.attributes["href"], " ".join(a.text().split())) for a in HTMLParser(html).css("nav.role-nav a")]


def _role_sections(html: str) -> list[tuple[str, str, list[str]]]:
    """Each section by role: its heading's id and text, and the titles it lists."""
    return [
        (
            heading.attributes["id"],
            " ".join(heading.text().split()),
            [a.text() for a in section.css(".brief-item-title")],
        )
        for section in HTMLParser(html).css("section.entity-role-briefs")
        if (heading := section.css_first("h2")) is not None
    ]


def test_actor_and_country_pages_list_their_briefs_by_role(fixture_site):
    again = brief_text(title="Again", date="2024-04-29", actors="[Xi Jinping: perpetrator]", countries="[CN: origin]")
    # A draft is left out of a build: its role gives Xi Jinping no section.
    drafted = brief_text(title="Drafted", date="2024-04-30", actors="[Xi Jinping: target]", status="draft")
    build = fixture_site({"2024/roled.md": ROLED, "2024/plain.md": PLAIN, "2024/again.md": again,
                          "2024/drafted.md": drafted})  # fmt: skip
    assert build.returncode == 0, build.output
    xi = build.html("actors/xi-jinping/")
    assert _role_nav(xi) == [("#role-perpetrator", "As alleged perpetrator: 2 briefs")]
    assert _role_sections(xi) == [("role-perpetrator", "As alleged perpetrator 2 briefs", ["Again", "Roled"])]
    page = HTMLParser(xi)
    assert page.css_first("nav.role-nav").attributes["aria-label"] == "Briefs by role"
    assert [a.text() for a in page.css(".entity-briefs:not(.entity-role-briefs) .brief-item-title")] == [
        "Again", "Roled", "Plain",
    ]  # fmt: skip
    ids = [node.attributes["id"] for node in page.css("[id]")]
    assert len(ids) == len(set(ids))
    levels = [int(node.tag[1]) for node in page.css("h1, h2, h3, h4, h5, h6")]
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))
    assert _role_nav(build.html("actors/antony-blinken/")) == [("#role-attributor", "As attributing party: 1 brief")]
    assert _role_nav(build.html("countries/cn/")) == [("#role-origin", "As alleged origin: 2 briefs")]
    assert _role_sections(build.html("countries/us/")) == [("role-target", "As target 1 brief", ["Roled"])]
    biden = build.html("actors/joe-biden/")  # named by two briefs, given a role by none
    assert "role-nav" not in biden and "entity-role-briefs" not in biden


def test_labels_come_from_mkdocs_yml_and_are_escaped(fixture_site):
    options = 'search: false\nroles:\n  actors:\n    perpetrator: {label: "<b>named</b> & shamed", plural: x}'
    build = fixture_site({"2024/roled.md": brief_text(actors="[Xi Jinping: perpetrator]")}, options=options)
    assert build.returncode == 0, build.output
    html = build.html("2024/roled/")
    assert '<span class="chip-role">(&lt;b&gt;named&lt;/b&gt; &amp; shamed)</span>' in html
    xi = build.html("actors/xi-jinping/")
    assert '<a href="#role-perpetrator">As &lt;b&gt;named&lt;/b&gt; &amp; shamed: 1 brief</a>' in xi
    assert '<h2 class="rubric" id="role-perpetrator">As &lt;b&gt;named&lt;/b&gt; &amp; shamed <span' in xi


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


def _role_facets(html: str) -> list[dict[str, str]]:
    """The role facets the search page offers, as assets/search.js reads them."""
    node = HTMLParser(html).css_first("#search")
    assert node is not None
    return json.loads(node.attributes["data-role-facets"] or "")


def test_the_search_page_offers_a_facet_for_each_role_briefs_give(fixture_site):
    options = (
        'roles:\n  countries:\n    origin: {label: "<i>source</i> \\"state\\"", plural: "source states"}\n'
        "    target: {label: target, plural: targets}\n    responder: {label: responder, plural: responders}"
    )
    build = fixture_site({"2024/roled.md": ROLED, "2024/plain.md": PLAIN}, options=options)
    assert build.returncode == 0, build.output
    # Actors' roles first, each kind in the vocabulary's order; the roles no brief gives (responders) are left out.
    assert _role_facets(build.html("search/")) == [
        {"key": "actor_perpetrator", "legend": "Actor: alleged perpetrator", "plural": "alleged perpetrators"},
        {"key": "actor_attributor", "legend": "Actor: attributing party", "plural": "attributing parties"},
        {"key": "country_origin", "legend": 'Country: <i>source</i> "state"', "plural": "source states"},
        {"key": "country_target", "legend": "Country: target", "plural": "targets"},
    ]
    assert "<i>source</i>" not in build.html("search/")  # the label reaches the script as text, never as markup
    (build.project / "briefs" / "2024" / "roled.md").unlink()
    assert _role_facets(fixture_site({}, options=options).html("search/")) == []  # no brief gives a role
