"""Views: what each planned page's template receives, with display-ready values (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from core_support import brief, write_site

from generator.base.text import counted
from generator.corpus.loader import load
from generator.site import urls
from generator.site.chrome import NAV, chrome
from generator.site.index import SiteIndex
from generator.site.listing_views import LETTER_GROUPS_ABOVE, initial, letter_groups
from generator.site.locale import english
from generator.site.plan import PageKind, plan_pages
from generator.site.previews import Preview
from generator.site.view_types import ArchiveView, BriefView, EntityRef, EntityView, HomeView, ListingView, SearchView
from generator.site.views import ViewBuilder


def _brief(title: str, day: str, *, actors: str = "[Xi Jinping]", countries: str = "[CN]", topics: str = "[]") -> str:
    return brief(f"title: {title}", f"date: {day}", "summary: One plain sentence.", f"actors: {actors}",
                 f"countries: {countries}", f"topics: {topics}", body=f"About {title}.\n")  # fmt: skip


BRIEFS = {
    "2023/old.md": _brief("Old news", "2023-11-02", topics="[trade]"),
    "2024/talks.md": _brief(
        "Talks", "2024-03-01", actors="[Xi Jinping, Vladimir Putin]", countries="[CN, RU]", topics="[trade, diplomacy]"
    ),
    "2024/visit.md": _brief("Visit", "2024-03-20"),
    "2024/summit.md": _brief("Summit", "2024-05-09", actors="[Vladimir Putin]", countries="[RU]"),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    root = write_site(tmp_path_factory.mktemp("site") / "briefs", BRIEFS)
    result = load(root)
    assert not result.has_errors, result.diagnostics
    return SiteIndex.build(result.corpus)


@pytest.fixture
def views(index: SiteIndex) -> ViewBuilder:
    return ViewBuilder(index)


def test_every_planned_page_gets_the_view_its_template_expects(index: SiteIndex, views: ViewBuilder) -> None:
    expected = {
        PageKind.HOME: ("home", HomeView), PageKind.BRIEF: ("brief", BriefView), PageKind.ACTOR: ("entity", EntityView),
        PageKind.COUNTRY: ("entity", EntityView), PageKind.TOPIC: ("entity", EntityView),
        PageKind.LISTING: ("listing", ListingView), PageKind.ARCHIVE: ("archive", ArchiveView),
        PageKind.SEARCH: ("search", SearchView),
    }  # fmt: skip
    seen = set()
    for spec in plan_pages(index, home_title="Briefings", home_body=None):
        context = views.for_page(spec)
        name, view_type = expected[spec.kind]
        # A brief's page is in the brief's language (`page_lang`), which base.html puts on <html lang>.
        assert list(context) == [name, *(["page_lang"] if spec.kind is PageKind.BRIEF else []), "preview"], spec.src_uri
        assert isinstance(context[name], view_type), spec.src_uri
        assert isinstance(context["preview"], Preview), spec.src_uri
        seen.add(spec.kind)
    assert seen == set(expected)


def test_an_entity_view_is_the_page_of_its_spec(index: SiteIndex, views: ViewBuilder) -> None:
    specs = {(s.kind, s.key): s for s in plan_pages(index, home_title="Briefings", home_body=None)}
    actor = views.for_page(specs[PageKind.ACTOR, "vladimir-putin"])["entity"]
    country = views.for_page(specs[PageKind.COUNTRY, "RU"])["entity"]
    topic = views.for_page(specs[PageKind.TOPIC, "trade"])["entity"]
    assert isinstance(actor, EntityView) and isinstance(country, EntityView) and isinstance(topic, EntityView)
    assert (actor.kind, actor.url, actor.feed_url) == (
        "actor",
        "actors/vladimir-putin/",
        "actors/vladimir-putin/feed.xml",
    )
    assert (country.kind, country.url) == ("country", "countries/ru/")
    assert (topic.kind, topic.url, topic.count) == ("topic", "topics/trade/", 2)
    assert [b.title for b in actor.briefs] == ["Summit", "Talks"], "newest first"


@pytest.mark.parametrize(("count", "label"), [(0, "0 briefs"), (1, "1 brief"), (2, "2 briefs"), (11, "11 briefs")])
def test_counts_agree_with_their_noun(count: int, label: str) -> None:
    assert counted(count, "brief", "briefs") == label
    assert EntityRef("actor", "x", "X", "actors/x/", count).count_label == label


def test_an_entity_says_brief_or_briefs_and_whether_they_fall_on_one_day(views: ViewBuilder) -> None:
    trade = views.topic("trade")  # two briefs, months apart
    diplomacy = views.topic("diplomacy")  # one brief
    assert (trade.count_noun, trade.one_day) == ("briefs", False)
    assert (diplomacy.count, diplomacy.count_noun, diplomacy.one_day) == (1, "brief", True)
    assert diplomacy.first_date_iso == diplomacy.last_date_iso == "2024-03-01"


def test_an_entity_lists_only_related_groups_that_have_entries(views: ViewBuilder) -> None:
    assert all(group.entries for group in views.actor("xi-jinping").groups)
    assert [g.heading for g in views.topic("diplomacy").groups] == ["Actors"]


def test_home_counts_link_to_the_pages_that_list_them(views: ViewBuilder) -> None:
    home = views.home()
    assert [(s.label, s.url) for s in home.stats] == [
        ("4 briefs", urls.ARCHIVE), ("2 actors", urls.ACTORS), ("2 countries", urls.COUNTRIES), ("2 topics", urls.TOPICS)
    ]  # fmt: skip
    assert [b.title for b in home.latest] == ["Summit", "Visit", "Talks", "Old news"]


def test_the_archive_of_every_year(views: ViewBuilder) -> None:
    archive = views.archive()
    assert (archive.title, archive.year_page, archive.count_label, archive.month_nav) == (
        "Archive",
        False,
        "4 briefs",
        (),
    )
    assert [(y.year, y.count_label, y.current) for y in archive.years] == [
        (2024, "3 briefs", False),
        (2023, "1 brief", False),
    ]
    assert [m.name for m in archive.years[0].months] == ["May 2024", "March 2024"]


def test_an_archive_year_page_knows_it_is_one(views: ViewBuilder) -> None:
    archive = views.archive(2024)
    assert (archive.title, archive.year_page, archive.count_label) == ("Archive: 2024", True, "3 briefs")
    assert [y.year for y in archive.years] == [2024]
    assert [(y.year, y.current) for y in archive.all_years] == [(2024, True), (2023, False)]
    assert [(m.anchor, m.count_label) for m in archive.month_nav] == [("2024-05", "1 brief"), ("2024-03", "2 briefs")]
    assert views.archive(2023).month_nav == (), "one month needs no jump bar"


def test_a_listing_says_how_many_and_is_not_grouped_when_short(views: ViewBuilder) -> None:
    actors = views.listing("actor")
    assert (actors.title, actors.plural, actors.count_label) == ("Actors", "actors", "2 actors")
    assert [e.name for e in actors.entries] == ["Vladimir Putin", "Xi Jinping"]
    assert [e.count_label for e in actors.entries] == ["2 briefs", "3 briefs"]
    assert actors.letter_groups == ()
    assert views.listing("country").count_label == "2 countries"


@pytest.mark.parametrize(("name", "letter"), [("Dmitri", "D"), ("de Gaulle", "D"), ("Élysée", "E"), ("éclair", "E"),
                                               ("Øresund", "Ø"), ("ßtraße", "S"), ("9/11 Commission", "9")])  # fmt: skip
def test_an_initial_folds_case_and_accents(name: str, letter: str) -> None:
    assert initial(name) == letter


def _ref(name: str) -> EntityRef:
    return EntityRef("actor", name.lower(), name, urls.actor_url(name.lower()))


def test_letter_groups_merge_cases_and_accents_and_keep_entry_order() -> None:
    names = ["Alpha", "de Gaulle", "Delta", "Echo", "Zulu", "Élysée"]  # sorted by casefold: É after Z
    groups = letter_groups(tuple(_ref(n) for n in names))
    assert [(g.letter, g.anchor, [e.name for e in g.entries]) for g in groups] == [
        ("A", "letter-1", ["Alpha"]), ("D", "letter-2", ["de Gaulle", "Delta"]),
        ("E", "letter-3", ["Echo", "Élysée"]), ("Z", "letter-4", ["Zulu"]),
    ]  # fmt: skip


def test_a_long_listing_is_grouped_by_letter(tmp_path: Path) -> None:
    actors = {f"actors/a{n}.md": f"---\nname: {'d' if n % 2 else 'D'}elegate {n:02d}\n---\n"
              for n in range(LETTER_GROUPS_ABOVE + 1)}  # fmt: skip
    result = load(write_site(tmp_path, actors, with_actors=False))
    listing = ViewBuilder(SiteIndex.build(result.corpus)).listing("actor")
    assert [(g.letter, len(g.entries)) for g in listing.letter_groups] == [("D", LETTER_GROUPS_ABOVE + 1)]


def test_the_nav_is_the_one_list_and_marks_the_current_page() -> None:
    layout = chrome("Site", PageKind.ARCHIVE, "archive/2024/", serving=False)
    assert [(item.title, item.url) for item in layout.nav] == [(english().t(key), url) for key, url in NAV]
    assert [item.title for item in layout.nav if item.active] == ["Archive"]
    home = chrome("Site", PageKind.HOME, "", serving=False)
    assert [item.title for item in home.nav if item.active] == ["Home"]
    static = chrome("Site", PageKind.PAGE, None, serving=False)
    assert not any(item.active for item in static.nav)


@pytest.mark.parametrize(("content", "has_title"), [(None, False), ("", False), ("<p>Text</p>", False),
                                                     ('<h1 id="x">Own title</h1><p>Text</p>', True)])  # fmt: skip
def test_the_layout_prints_a_title_unless_the_body_has_one(content: str | None, has_title: bool) -> None:
    assert chrome("Site", PageKind.PAGE, "about/", serving=False, content=content).content_has_title is has_title


def test_a_brief_view_links_its_neighbours(views: ViewBuilder, index: SiteIndex) -> None:
    visit = next(b for b in index.briefs if b.slug == "visit")
    view = views.brief(visit)
    assert view.date_display == "20 March 2024" and view.date == dt.date(2024, 3, 20)
    assert view.previous is not None and view.previous.title == "Talks"
    assert view.next is not None and view.next.title == "Summit"
