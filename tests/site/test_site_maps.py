"""Maps in a real `mkdocs build`: the countries index's world map, the small maps of country and actor pages, their
legends in words, the micro-states listed under the map, and no script or other host anywhere in them."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from tests.conftest import TEMPLATES, Build, brief_text

BRIEFS = {
    "2024/one.md": brief_text(title="One", date="2024-04-01", actors="[Xi Jinping]", countries="[CN, TW]"),
    "2024/two.md": brief_text(title="Two", date="2024-04-02", actors="[Xi Jinping]", countries="[CN, TW, US]"),
    "2024/three.md": brief_text(title="Three", date="2024-04-03", actors="[Antony Blinken]", countries="[CN, TV]"),
    "2024/four.md": brief_text(title="Four", date="2024-04-04", actors="[Antony Blinken]", countries="[US]"),
}


def _map(build: Build, url: str) -> LexborNode:
    section = HTMLParser(build.html(url)).css_first("section.map-section")
    assert section is not None, f"no map on {url}"
    return section


def _regions(build: Build, url: str) -> dict[str, tuple[str, list[str]]]:
    """Each highlighted country's link: the page it leads to (site-relative) → (accessible name, classes)."""
    page = build.site / url
    regions = {}
    for link in _map(build, url).css("svg.map-overlay a"):
        target = (page / link.attributes["href"]).resolve().relative_to(build.site.resolve()).as_posix() + "/"
        assert link.css_first("title").text() == link.attributes["aria-label"]
        regions[target] = (link.attributes["aria-label"], link.attributes["class"].split())
    return regions


def _words(node: LexborNode, selector: str) -> list[str]:
    return [" ".join(n.text().split()) for n in node.css(selector)]


def _assert_self_contained(build: Build, url: str) -> None:
    """No script and no other host: every link and image stays on the site; the base image exists."""
    section = _map(build, url)
    assert section.css("script") == []
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", section.html or "")
    image = section.css_first("img.map-base")
    assert image.attributes["alt"] == ""
    assert (build.site / url / image.attributes["src"]).resolve().is_file()


def test_the_countries_index_maps_each_country_with_its_count(fixture_site):
    build = fixture_site(BRIEFS)
    assert build.returncode == 0, build.output
    assert _regions(build, "countries/") == {
        "countries/cn/": ("China: 3 briefs", ["map-region", "map-step-5"]),
        "countries/tw/": ("Taiwan: 2 briefs", ["map-region", "map-step-3"]),
        "countries/us/": ("United States: 2 briefs", ["map-region", "map-step-3"]),
    }
    section = _map(build, "countries/")
    assert _words(section, ".map-key li") == ["1 brief", "2 briefs", "3 briefs"]
    assert [n.attributes["class"] for n in section.css(".map-key .map-swatch")] == [
        "map-swatch map-step-1", "map-swatch map-step-3", "map-swatch map-step-5",
    ]  # fmt: skip
    # Tuvalu has no shape: it is listed under the map, with its count, as a link to its page.
    assert _words(section, ".map-missing") == ["Not on the map:"]
    assert _words(section, ".map-missing-list li") == ["Tuvalu (1)"]
    assert section.css_first(".map-missing-list a").attributes["href"].endswith("countries/tv/")
    _assert_self_contained(build, "countries/")
    # Only the countries index has a map.
    assert "map-section" not in build.html("actors/") + build.html("topics/")


def test_country_and_actor_pages_map_their_countries(fixture_site):
    build = fixture_site(BRIEFS)
    assert build.returncode == 0, build.output
    # China and the countries it appears with, by shared briefs; China itself outlined, last (drawn on top).
    assert _regions(build, "countries/cn/") == {
        "countries/tw/": ("Taiwan: 2 shared briefs", ["map-region", "map-step-5"]),
        "countries/us/": ("United States: 1 shared brief", ["map-region", "map-step-1"]),
        "countries/cn/": ("China: 3 briefs", ["map-region", "map-step-0", "map-own"]),
    }
    cn = _map(build, "countries/cn/")
    assert _words(cn, ".map-key li") == ["1 brief", "2 briefs", "This country: China"]
    assert _words(cn, ".map-missing-list li") == ["Tuvalu (1)"]
    # Xi Jinping's briefs name China twice, Taiwan twice, the United States once; his registry country is China.
    assert _regions(build, "actors/xi-jinping/") == {
        "countries/tw/": ("Taiwan: 2 briefs", ["map-region", "map-step-5"]),
        "countries/us/": ("United States: 1 brief", ["map-region", "map-step-1"]),
        "countries/cn/": ("China: 2 briefs", ["map-region", "map-step-0", "map-own"]),
    }
    # Joe Biden is named by no brief: his page still shows his own country, without a count.
    assert _regions(build, "actors/joe-biden/") == {
        "countries/us/": ("United States", ["map-region", "map-step-0", "map-own"]),
    }
    for url in ("countries/cn/", "actors/xi-jinping/", "actors/joe-biden/"):
        _assert_self_contained(build, url)
    assert "map-section" not in build.html("topics/")


def test_hostile_names_are_escaped_in_the_map(fixture_site):
    hostile = '<script>alert(1)</script>"&'
    actors = {"mallory": f"name: '{hostile}'\nkind: person\ncountry: CN"}
    build = fixture_site({"2024/one.md": brief_text(actors="[mallory]", countries="[CN, US]")}, actors=actors)
    assert build.returncode == 0, build.output
    section = _map(build, "actors/mallory/")
    assert hostile not in (section.html or "")
    assert section.css_first("svg.map-overlay").attributes["aria-label"] == (
        f"Map of the countries in the briefs naming {hostile}"
    )
    assert section.css("script") == []


def test_maps_are_deterministic(fixture_site):
    first = fixture_site(BRIEFS)
    pages = {url: first.html(url) for url in ("countries/", "countries/cn/", "actors/xi-jinping/")}
    again = fixture_site(BRIEFS)
    assert {url: again.html(url) for url in pages} == pages
    assert (again.site / "assets" / "world.svg").read_bytes() == (TEMPLATES / "assets" / "world.svg").read_bytes()
