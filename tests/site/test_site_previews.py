"""Rich previews and structured data, read from real builds as consumers read them: Open Graph and JSON-LD
through extruct, the Twitter card and the canonical link through an HTML parser."""

from __future__ import annotations

import json
from typing import Any

import extruct
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import Build, brief_text, run_build

SITE = "https://fixture.example/"
HOSTILE = "</script><script>window.x=1</script><!-- & -->"

ACTORS = {
    "antony-blinken": "name: Antony Blinken\naliases: [Blinken]\nkind: person\ncountry: US\nrole: Secretary of State",
    "xi-jinping": "name: Xi Jinping\naliases: [Xi, President Xi]\nkind: person\ncountry: CN\nwikidata: Q15031",
    "joe-biden": "name: Joe Biden\naliases: [Biden]\nkind: person\ncountry: US\nwikidata: Q6279",
    "apt31": "name: APT31\naliases: [Zirconium]\nkind: group\ncountry: CN",
}
SOURCES = (
    "\n  - publisher: Reuters\n    title: Talks end\n    url: https://www.reuters.com/a\n    date: 2024-04-27"
    "\n  - publisher: AP"
)
BRIEFS = {
    "2024/talks.md": brief_text(
        "Talks in Beijing", actors="[Antony Blinken, Xi Jinping: target, APT31: perpetrator]",
        countries="[CN: origin, US]", topics="[diplomacy]", updated="2024-05-02", sources=SOURCES,
    ),
    "2024/call.md": brief_text("A call", date="2024-04-02", actors="[Joe Biden, Xi Jinping]", countries="[US, CN]"),
}  # fmt: skip
OPTIONS = "search: false\npair_min_briefs: 1\nog_image: assets/card.png"

# Every kind of page, by URL (the 404 page is a file).
PAGES = ["", "2024/talks/", "actors/xi-jinping/", "countries/cn/", "topics/diplomacy/", "pairs/cn-us/", "actors/",
         "countries/", "topics/", "pairs/", "archive/", "archive/2024/"]  # fmt: skip


def _build(fixture_site: Any, **kwargs: Any) -> Build:
    build = fixture_site(BRIEFS, actors=ACTORS, options=OPTIONS, **kwargs)
    assert build.returncode == 0, build.output
    return build


def _html(build: Build, url: str) -> str:
    return (build.site / "404.html").read_text(encoding="utf-8") if url == "404" else build.html(url)


def _og(html: str) -> dict[str, str]:
    """The page's Open Graph properties (og: and article:), as extruct reads them; each must appear once."""
    found = extruct.extract(html, syntaxes=["opengraph"], uniform=False)["opengraph"]
    assert len(found) == 1
    properties = found[0]["properties"]
    names = [name for name, _ in properties]
    assert len(names) == len(set(names)), names
    return dict(properties)


def _json_ld(html: str) -> list[dict[str, Any]]:
    return extruct.extract(html, syntaxes=["json-ld"])["json-ld"]


def _meta(html: str) -> dict[str, str]:
    return {m.attributes["name"] or "": m.attributes.get("content") or "" for m in HTMLParser(html).css("meta[name]")}


def _canonicals(html: str) -> list[str]:
    return [link.attributes.get("href") or "" for link in HTMLParser(html).css('link[rel="canonical"]')]


def test_every_page_kind_has_open_graph_a_twitter_card_and_one_canonical(fixture_site):
    build = _build(fixture_site)
    for url in [*PAGES, "404"]:
        html = _html(build, url)
        og, meta = _og(html), _meta(html)
        assert og["og:site_name"] == "Fixture site", url
        assert og["og:title"] and og["og:description"], url
        assert og["og:image"] == f"{SITE}assets/card.png", url
        assert meta["twitter:card"] == "summary_large_image", url
        assert (meta["twitter:title"], meta["twitter:description"]) == (og["og:title"], og["og:description"]), url
        if url == "404":  # served at every missing address: no address of its own
            assert "og:url" not in og and _canonicals(html) == []
        else:
            assert _canonicals(html) == [og["og:url"]] == [f"{SITE}{url}"], url
    types = {url: _og(_html(build, url))["og:type"] for url in PAGES}
    assert types.pop("2024/talks/") == "article"
    assert types.pop("actors/xi-jinping/") == "profile"
    assert set(types.values()) == {"website"}


def test_descriptions_say_what_each_page_is(fixture_site):
    build = _build(fixture_site)
    descriptions = {url: _og(build.html(url))["og:description"] for url in PAGES}
    assert descriptions["2024/talks/"] == "What happened, in one sentence."
    assert descriptions["actors/xi-jinping/"] == "2 briefs naming Xi Jinping."
    assert descriptions["countries/cn/"] == "2 briefs naming China."
    assert descriptions["topics/diplomacy/"] == "1 brief on diplomacy."
    assert _og(build.html("actors/antony-blinken/"))["og:description"] == "Secretary of State"
    assert _meta(build.html("countries/cn/"))["description"] == "2 briefs naming China."


def test_brief_pages_carry_a_news_article(fixture_site):
    build = _build(fixture_site)
    html = build.html("2024/talks/")
    og = _og(html)
    assert (og["article:published_time"], og["article:modified_time"]) == ("2024-04-28", "2024-05-02")
    [article] = _json_ld(html)
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    assert article["headline"] == "Talks in Beijing"
    assert (article["datePublished"], article["dateModified"]) == ("2024-04-28", "2024-05-02")
    assert article["description"] == "What happened, in one sentence."
    assert article["url"] == f"{SITE}2024/talks/"
    assert article["isPartOf"] == {"@type": "WebSite", "name": "Fixture site", "url": SITE}
    assert article["publisher"] == {"@type": "Organization", "name": "Fixture site", "url": SITE}
    assert article["image"] == f"{SITE}assets/card.png"
    # Given a role: what the brief is about; named without one: mentioned.
    assert article["about"] == [
        {"@type": "Person", "name": "Xi Jinping", "url": f"{SITE}actors/xi-jinping/",
         "sameAs": "https://www.wikidata.org/wiki/Q15031"},
        {"@type": "Organization", "name": "APT31", "url": f"{SITE}actors/apt31/"},
        {"@type": "Country", "name": "China", "identifier": "CN", "url": f"{SITE}countries/cn/"},
    ]  # fmt: skip
    assert article["mentions"] == [
        {"@type": "Person", "name": "Antony Blinken", "url": f"{SITE}actors/antony-blinken/"},
        {"@type": "Country", "name": "United States", "identifier": "US", "url": f"{SITE}countries/us/"},
    ]
    assert article["citation"] == [
        {"@type": "CreativeWork", "name": "Talks end", "url": "https://www.reuters.com/a",
         "publisher": {"@type": "Organization", "name": "Reuters"}, "datePublished": "2024-04-27"},
        {"@type": "CreativeWork", "name": "AP", "publisher": {"@type": "Organization", "name": "AP"}},
    ]  # fmt: skip
    # Without `updated`, the date is the last modification; nothing given a role, everything mentioned.
    [call] = _json_ld(build.html("2024/call/"))
    assert call["dateModified"] == call["datePublished"] == "2024-04-02"
    assert "about" not in call and [m["name"] for m in call["mentions"]] == ["Joe Biden", "Xi Jinping",
                                                                              "United States", "China"]  # fmt: skip
    assert call["mentions"][0]["sameAs"] == "https://www.wikidata.org/wiki/Q6279"


def test_actor_pages_carry_a_person_or_an_organization(fixture_site):
    build = _build(fixture_site)
    [xi] = _json_ld(build.html("actors/xi-jinping/"))
    assert xi == {
        "@context": "https://schema.org", "@type": "Person", "name": "Xi Jinping",
        "alternateName": ["Xi", "President Xi"], "description": "2 briefs naming Xi Jinping.",
        "url": f"{SITE}actors/xi-jinping/", "sameAs": "https://www.wikidata.org/wiki/Q15031",
        "nationality": {"@type": "Country", "name": "China", "identifier": "CN", "url": f"{SITE}countries/cn/"},
    }  # fmt: skip
    [apt] = _json_ld(build.html("actors/apt31/"))
    assert (apt["@type"], apt["alternateName"], apt["location"]["name"]) == ("Organization", ["Zirconium"], "China")
    assert "sameAs" not in apt and "nationality" not in apt
    assert _og(build.html("actors/apt31/"))["og:type"] == "website"
    for url in ("", "countries/cn/", "topics/", "archive/"):
        assert _json_ld(build.html(url)) == [], url


def test_a_site_without_site_url_has_no_absolute_urls_to_give(fixture_site):
    """As MkDocs leaves out canonical_url: no og:url, canonical or JSON-LD url; a site-relative image is left out
    (Open Graph needs it absolute), so the card is the small one; an absolute image stays."""
    build = _build(fixture_site, site_config="site_url: null\n", args=())
    for url in PAGES:
        html = build.html(url)
        og = _og(html)
        assert "og:url" not in og and "og:image" not in og and _canonicals(html) == [], url
        assert _meta(html)["twitter:card"] == "summary", url
    [article] = _json_ld(build.html("2024/talks/"))
    assert "url" not in article and "url" not in article["publisher"] and "image" not in article
    assert all("url" not in thing for thing in article["about"] + article["mentions"])
    absolute = fixture_site(BRIEFS, actors=ACTORS, options="search: false\nog_image: https://cdn.example/c.png",
                            site_config="site_url: null\n", args=())  # fmt: skip
    assert _og(absolute.html("2024/talks/"))["og:image"] == "https://cdn.example/c.png"


def test_og_image_is_checked(fixture_site):
    build = fixture_site(BRIEFS, actors=ACTORS, options="search: false\nog_image: 'javascript:alert(1)'")
    assert build.returncode != 0
    assert "og_image" in build.output and "an absolute http(s) URL, got 'javascript:alert(1)'" in build.output


def test_hostile_front_matter_cannot_close_the_script_element(fixture_site):
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted string: JSON's escapes are YAML's
    actors = {**ACTORS, "mallory": f"name: Mallory\naliases: [{quoted}]\nkind: person\nrole: {quoted}"}
    evil = (f"---\ntitle: {json.dumps('Evil ' + HOSTILE)}\ndate: 2024-04-28\nsummary: {quoted}\nactors: [Mallory]\n"
            f"countries: [US]\nsources:\n  - publisher: {quoted}\n    title: {quoted}\n---\nBody.\n")  # fmt: skip
    build = fixture_site({"2024/evil.md": evil}, actors=actors, options="search: false")
    assert build.returncode == 0, build.output
    for url in ("2024/evil/", "actors/mallory/"):
        html = build.html(url)
        tree = HTMLParser(html)
        # One script element of JSON-LD, whose text holds no '<' at all; no other script runs the payload.
        [ld] = tree.css('script[type="application/ld+json"]')
        assert "<" not in ld.text(), url
        assert [s.attributes.get("type") for s in tree.css("script") if "window.x" in s.text()] == [
            "application/ld+json"
        ], url
        data = json.loads(ld.text())
        assert data["description"] == HOSTILE, url
        assert _json_ld(html) == [data], url
    [article] = _json_ld(build.html("2024/evil/"))
    assert article["headline"] == f"Evil {HOSTILE}"
    assert article["citation"] == [{"@type": "CreativeWork", "name": HOSTILE,
                                    "publisher": {"@type": "Organization", "name": HOSTILE}}]  # fmt: skip
    [mallory] = _json_ld(build.html("actors/mallory/"))
    assert mallory["alternateName"] == [HOSTILE]
    assert _og(build.html("2024/evil/"))["og:title"] == f"Evil {HOSTILE}"


def test_previews_are_deterministic(fixture_site, tmp_path):
    build = _build(fixture_site)
    again = run_build(build.project, tmp_path / "again", "--strict")
    assert again.returncode == 0, again.output
    for url in PAGES:
        assert again.html(url) == build.html(url), url
