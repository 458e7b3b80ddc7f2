"""Country pairs without MkDocs: which pairs get a page, their briefs, and what their pages and country pages show."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import SUMMARY, brief, write_site

from generator.base.config import PAIR_MIN_BRIEFS, validate_options
from generator.base.roles import Role, RoleVocabulary
from generator.corpus.loader import load
from generator.site.index import SiteIndex
from generator.site.outputs import output_diagnostics
from generator.site.pairs import pairs_of
from generator.site.views import ViewBuilder

BRIEFS = {
    # CN-US: three briefs (one a draft); CN-RU and RU-US: one each, from the brief naming three countries.
    "2024/a.md": brief("title: A", "date: 2024-01-10", SUMMARY, "actors: [Xi Jinping]", "countries: [US: target, CN: origin]"),
    "2024/b.md": brief("title: B", "date: 2024-03-10", SUMMARY, "actors: [Xi Jinping, Vladimir Putin]",
                       "countries: [CN, RU, US]"),
    "2024/c.md": brief("title: C", "date: 2024-02-10", SUMMARY, "actors: [Vladimir Putin]", "countries: [CN: target, US: origin]"),
    "2024/d.md": brief("title: D", "date: 2024-04-10", SUMMARY, "actors: [Xi Jinping]", "countries: [CN: origin, US: target]",
                       "status: draft"),
    "2024/e.md": brief("title: E", "date: 2024-05-10", SUMMARY, "actors: [Vladimir Putin]", "countries: [RU]"),
}  # fmt: skip


def _index(tmp_path: Path, *, include_drafts: bool = False, pair_min_briefs: int = 2) -> SiteIndex:
    root = tmp_path / "site"
    result = load(root if root.exists() else write_site(root, BRIEFS))
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    return SiteIndex.build(result.corpus, include_drafts=include_drafts, pair_min_briefs=pair_min_briefs)


def _titles(index: SiteIndex) -> dict[tuple[str, str], list[str]]:
    return {pair: [b.title for b in briefs] for pair, briefs in index.by_pair.items()}


def test_pairs_are_unordered_in_alphabetical_order_and_counted_once() -> None:
    assert list(pairs_of(["US", "CN"])) == [("CN", "US")]
    assert list(pairs_of(["CN"])) == [], "one country makes no pair"
    assert list(pairs_of(["US", "RU", "CN"])) == [("CN", "RU"), ("CN", "US"), ("RU", "US")], "three make three"
    assert list(pairs_of(["CN", "US", "CN"])) == [("CN", "US")]


def test_a_pair_gets_a_page_at_the_threshold_with_its_published_briefs_oldest_first(tmp_path: Path) -> None:
    # The draft is left out of a published build: CN-US has A, C, B (by date), not D.
    assert _titles(_index(tmp_path)) == {("CN", "US"): ["A", "C", "B"]}
    assert _titles(_index(tmp_path, pair_min_briefs=3)) == {("CN", "US"): ["A", "C", "B"]}
    assert _titles(_index(tmp_path, pair_min_briefs=4)) == {}
    assert _titles(_index(tmp_path, pair_min_briefs=1)) == {
        ("CN", "RU"): ["B"], ("CN", "US"): ["A", "C", "B"], ("RU", "US"): ["B"],
    }  # fmt: skip


def test_serve_previews_drafts_in_pairs_as_in_countries(tmp_path: Path) -> None:
    index = _index(tmp_path, include_drafts=True, pair_min_briefs=4)
    assert _titles(index) == {("CN", "US"): ["A", "C", "B", "D"]}


def test_a_country_lists_its_pairs_with_pages_most_briefs_first(tmp_path: Path) -> None:
    index = _index(tmp_path, pair_min_briefs=1)
    assert index.pairs_with == {"CN": [("CN", "US"), ("CN", "RU")], "US": [("CN", "US"), ("RU", "US")],
                                "RU": [("CN", "RU"), ("RU", "US")]}  # fmt: skip
    group = next(g for g in ViewBuilder(index).country("CN").groups if g.heading == "Frequent pairs")
    assert [(e.name, e.url, e.count_label) for e in group.entries] == [
        ("China and United States", "pairs/cn-us/", "3 briefs"),
        ("China and Russia", "pairs/cn-ru/", "1 brief"),
    ]
    assert not any(
        g.heading == "Frequent pairs" for g in ViewBuilder(_index(tmp_path, pair_min_briefs=9)).country("CN").groups
    )


def test_the_pair_view_counts_directions_and_actors(tmp_path: Path) -> None:
    view = ViewBuilder(_index(tmp_path)).pair(("CN", "US"))
    assert (view.kind, view.name, view.url, view.feed_url, view.count) == (
        "pair", "China and United States", "pairs/cn-us/", "pairs/cn-us/feed.xml", 3)  # fmt: skip
    assert [b.title for b in view.briefs] == ["B", "C", "A"], "newest first"
    assert [(c.key, c.url) for c in view.countries] == [("CN", "countries/cn/"), ("US", "countries/us/")]
    assert (view.first_date_iso, view.last_date_iso) == ("2024-01-10", "2024-03-10")
    assert [d.text for d in view.directions] == [
        "China → United States: 1 brief (alleged origin → target)",
        "United States → China: 1 brief (alleged origin → target)",
    ]
    assert [(a.key, a.count) for a in view.groups[0].entries] == [("vladimir-putin", 2), ("xi-jinping", 2)]
    assert "China and United States" in view.chart_svg


def test_no_direction_shows_when_no_brief_sets_it_or_the_vocabulary_lacks_the_roles(tmp_path: Path) -> None:
    index = _index(tmp_path, pair_min_briefs=1)
    assert ViewBuilder(index).pair(("CN", "RU")).directions == ()
    vocabulary = RoleVocabulary(countries=(Role("origin", "origin", "origins"),))
    assert ViewBuilder(index, roles=vocabulary).pair(("CN", "US")).directions == ()


def test_the_pairs_index_is_by_count_then_name(tmp_path: Path) -> None:
    listing = ViewBuilder(_index(tmp_path, pair_min_briefs=1)).listing("pair")
    assert [(e.name, e.count) for e in listing.entries] == [
        ("China and United States", 3), ("China and Russia", 1), ("Russia and United States", 1),
    ]  # fmt: skip
    assert (listing.title, listing.count_label, listing.letter_groups) == ("Country pairs", "3 pairs", ())
    assert listing.entries[0].flag == "🇨🇳 🇺🇸"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (0, "option 'pair_min_briefs': must be at least 1, got 0"),
        (-3, "option 'pair_min_briefs': must be at least 1, got -3"),
        ("two", "option 'pair_min_briefs': expected a whole number, got the string 'two'"),
        (True, "option 'pair_min_briefs': expected a whole number, got true"),
    ],
)
def test_pair_min_briefs_must_be_a_whole_number_of_at_least_one(value: object, problem: str) -> None:
    assert validate_options({"pair_min_briefs": value})[1] == [problem]


def test_pair_min_briefs_defaults_to_two() -> None:
    assert PAIR_MIN_BRIEFS.default == 2
    assert validate_options({})[0]["pair_min_briefs"] == 2


def test_the_checker_reports_a_file_where_a_pair_page_goes_by_the_sites_threshold(tmp_path: Path) -> None:
    result = load(write_site(tmp_path / "site", {**BRIEFS, "pairs/cn-ru.md": "# Mine\n"}))
    located = [(d.file, d.line, d.code) for d in output_diagnostics(result, pair_min_briefs=1)]
    assert located == [("pairs/cn-ru.md", 1, "output-conflict")]
    assert output_diagnostics(result, pair_min_briefs=2) == [], "below the threshold, CN-RU has no page"
