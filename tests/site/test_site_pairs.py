"""Country pairs in a real `mkdocs build`: pages at their URLs, the index by count, feeds, country pages' links,
the option's validation, a file in the reserved folder, and escaping."""

from __future__ import annotations

import feedparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import brief_text

# CN-US named by three briefs (two give it a direction); CN-RU by one, RU-US by one.
BRIEFS = {
    "2024/first.md": brief_text(title="First", date="2024-01-05", actors="[Xi Jinping: perpetrator, Joe Biden]",
                                countries="[CN: origin, US: target]"),
    "2024/second.md": brief_text(title="Second", date="2024-02-05", actors="[Xi Jinping, Antony Blinken]",
                                 countries="[US, CN, RU]"),
    "2024/third.md": brief_text(title="Third", date="2024-03-05", actors="[Xi Jinping]",
                                countries="[US: origin, CN: target]"),
    "2024/fourth.md": brief_text(title="Fourth", date="2024-04-05", actors="[Joe Biden]",
                                 countries="[CN: origin, US: target]"),
}  # fmt: skip


def _text(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join(node.text().split())


def test_a_pair_page_at_its_url_shows_both_countries_its_briefs_directions_and_actors(fixture_site):
    build = fixture_site(BRIEFS)
    assert build.returncode == 0, build.output
    page = HTMLParser(build.html("pairs/cn-us/"))
    assert _text(page.css_first("h1")) == "🇨🇳 🇺🇸 China and United States"
    assert [(a.attributes["href"], _text(a)) for a in page.css(".entity-header .chips a")] == [
        ("../../countries/cn/", "🇨🇳 China"), ("../../countries/us/", "🇺🇸 United States"),
    ]  # fmt: skip
    assert _text(page.css_first(".entity-stats")) == "4 briefs from 5 January 2024 to 5 April 2024"
    assert [a.text() for a in page.css(".entity-briefs .brief-item-title")] == ["Fourth", "Third", "Second", "First"]
    assert [_text(li) for li in page.css(".pair-directions li")] == [
        "China → United States: 2 briefs (alleged origin → target)",
        "United States → China: 1 brief (alleged origin → target)",
    ]
    assert [_text(a) for a in page.css(".entity-side .chip")] == [
        "Xi Jinping (3)",
        "Joe Biden (2)",
        "Antony Blinken (1)",
    ]
    assert page.css_first("svg.chart") is not None
    assert page.css_first(".feed-link a").attributes["href"] == "../../pairs/cn-us/feed.xml"
    assert not (build.site / "pairs" / "cn-ru").exists(), "one brief is below the default threshold of 2"
    assert "pairs/cn-us/" in (build.site / "sitemap.xml").read_text(encoding="utf-8")

    feed = feedparser.parse((build.site / "pairs" / "cn-us" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["Fourth", "Third", "Second", "First"]

    index = HTMLParser(build.html("pairs/"))
    assert [(a.attributes["href"], _text(a)) for a in index.css(".index-entry-name")] == [
        ("../pairs/cn-us/", "🇨🇳 🇺🇸 China and United States"),
    ]
    assert [_text(c) for c in index.css(".index-entry-count")] == ["4 briefs"]

    for code in ("cn", "us"):
        country = HTMLParser(build.html(f"countries/{code}/"))
        group = next(s for s in country.css(".entity-side section") if _text(s.css_first("h2")) == "Frequent pairs")
        assert [(a.attributes["href"], _text(a)) for a in group.css("a")] == [
            ("../../pairs/cn-us/", "🇨🇳 🇺🇸 China and United States (4)"),
        ]
    ru = HTMLParser(build.html("countries/ru/"))
    assert "Frequent pairs" not in [_text(h) for h in ru.css("h2")]
    see_also = HTMLParser(build.html("countries/")).css_first(".page-see-also")
    assert see_also is not None and _text(see_also) == "See also Country pairs (1 pair)."
    assert see_also.css_first("a").attributes["href"] == "../pairs/"


def test_pair_min_briefs_raises_and_lowers_the_number_of_pair_pages(fixture_site, tmp_path):
    build = fixture_site(BRIEFS, options="search: false\npair_min_briefs: 1")
    assert build.returncode == 0, build.output
    assert sorted(p.name for p in (build.site / "pairs").iterdir() if p.is_dir()) == ["cn-ru", "cn-us", "ru-us"]
    index = HTMLParser(build.html("pairs/"))
    assert [(_text(a), _text(c)) for a, c in zip(index.css(".index-entry-name"), index.css(".index-entry-count"),
                                                 strict=True)] == [
        ("🇨🇳 🇺🇸 China and United States", "4 briefs"),
        ("🇨🇳 🇷🇺 China and Russia", "1 brief"),
        ("🇷🇺 🇺🇸 Russia and United States", "1 brief"),
    ]  # fmt: skip
    build = fixture_site(BRIEFS, options="search: false\npair_min_briefs: 5")
    assert build.returncode == 0, build.output
    assert [p.name for p in (build.site / "pairs").iterdir()] == ["index.html"]
    assert "There are no pairs yet." in build.html("pairs/")
    assert "page-see-also" not in build.html("countries/")  # no pairs: the countries index links to none


def test_a_bad_pair_min_briefs_is_a_config_error(fixture_site):
    build = fixture_site(BRIEFS, options="search: false\npair_min_briefs: 0")
    assert build.returncode != 0
    assert "pair_min_briefs" in build.output and "must be at least 1, got 0" in build.output
    assert "Traceback" not in build.output


def test_an_authors_file_under_pairs_is_a_located_conflict(fixture_site):
    build = fixture_site({**BRIEFS, "pairs/cn-us.md": "# Mine\n"})
    assert build.returncode != 0
    assert (
        "briefs/pairs/cn-us.md:1:1: error: this file would be written to pairs/cn-us/index.html, which the page of "
        "the pair China and United States also writes [output-conflict]" in build.output
    ), build.output
    assert "Traceback" not in build.output


def test_hostile_actor_names_are_escaped_on_pair_pages(fixture_site):
    hostile = '"<script>alert(1)</script> & Co"'
    actors = {"evil": f"name: {hostile}\nkind: organization"}
    briefs = {
        "2024/a.md": brief_text(title="A", actors=f"[{hostile}]", countries="[CN, US]"),
        "2024/b.md": brief_text(title="B", date="2024-05-01", actors=f"[{hostile}]", countries="[US, CN]"),
    }
    build = fixture_site(briefs, actors=actors)
    assert build.returncode == 0, build.output
    for url in ("pairs/cn-us/", "pairs/", "countries/cn/"):
        assert "<script>alert(1)</script>" not in build.html(url)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in build.html("pairs/cn-us/")
