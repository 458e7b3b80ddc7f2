"""The page plan, the data files beside it, charts and CSV defusing: the site model without MkDocs."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pytest
from core_support import brief, write_site

from generator.base.model import Brief
from generator.corpus.loader import load
from generator.site import urls
from generator.site.charts import monthly_chart
from generator.site.export import briefs_csv, briefs_json
from generator.site.index import SiteIndex
from generator.site.plan import PageKind, PageSpec, data_file_paths, plan_data_files, plan_pages

BRIEFS = {
    "2023/old.md": brief(
        "title: Old news",
        "date: 2023-11-02",
        "summary: Old.",
        "actors: [Xi Jinping]",
        "countries: [CN]",
        "topics: [trade]",
    ),
    "2024/talks.md": brief(
        "title: Talks",
        "date: 2024-03-01",
        "updated: 2024-06-30",
        "summary: Talks.",
        "actors: [Xi Jinping, Vladimir Putin]",
        "countries: [CN, RU]",
        "topics: [trade]",
    ),
    "countries/ru.md": "---\ntitle: Russia\n---\nA profile.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    result = load(write_site(tmp_path_factory.mktemp("site") / "briefs", BRIEFS))
    assert not result.has_errors, result.diagnostics
    return SiteIndex.build(result.corpus, pair_min_briefs=1)  # so that the one brief naming two countries makes a pair


@pytest.fixture(scope="module")
def plan(index: SiteIndex) -> dict[tuple[PageKind, str], PageSpec]:
    return {(spec.kind, spec.key): spec for spec in plan_pages(index, home_title="Briefings", home_body=None)}


def test_every_kind_of_page_is_planned_where_urls_says(plan: dict[tuple[PageKind, str], PageSpec]) -> None:
    where = {key: (spec.src_uri, spec.path, spec.output, spec.template, spec.generated) for key, spec in plan.items()}
    assert where == {
        (PageKind.HOME, ""): ("index.md", "", "index.html", "home.html", True),
        (PageKind.BRIEF, "old"): ("2023/old.md", "2023/old/", "2023/old/index.html", "brief.html", False),
        (PageKind.BRIEF, "talks"): ("2024/talks.md", "2024/talks/", "2024/talks/index.html", "brief.html", False),
        (PageKind.ACTOR, "xi-jinping"): ("actors/xi-jinping.md", "actors/xi-jinping/", "actors/xi-jinping/index.html",
                                         "actor.html", False),
        (PageKind.ACTOR, "vladimir-putin"): ("actors/vladimir-putin.md", "actors/vladimir-putin/",
                                             "actors/vladimir-putin/index.html", "actor.html", False),
        (PageKind.COUNTRY, "CN"): ("countries/cn.md", "countries/cn/", "countries/cn/index.html", "country.html", True),
        (PageKind.COUNTRY, "RU"): ("countries/ru.md", "countries/ru/", "countries/ru/index.html", "country.html", False),
        (PageKind.TOPIC, "trade"): ("topics/trade.md", "topics/trade/", "topics/trade/index.html", "topic.html", True),
        (PageKind.LISTING, "actor"): ("actors/index.md", "actors/", "actors/index.html", "listing.html", True),
        (PageKind.LISTING, "country"): ("countries/index.md", "countries/", "countries/index.html", "listing.html", True),
        (PageKind.PAIR, "CN-RU"): ("pairs/cn-ru.md", "pairs/cn-ru/", "pairs/cn-ru/index.html", "pair.html", True),
        (PageKind.LISTING, "topic"): ("topics/index.md", "topics/", "topics/index.html", "listing.html", True),
        (PageKind.LISTING, "pair"): ("pairs/index.md", "pairs/", "pairs/index.html", "listing.html", True),
        (PageKind.ARCHIVE, ""): ("archive/index.md", "archive/", "archive/index.html", "archive.html", True),
        (PageKind.ARCHIVE, "2023"): ("archive/2023.md", "archive/2023/", "archive/2023/index.html", "archive.html", True),
        (PageKind.ARCHIVE, "2024"): ("archive/2024.md", "archive/2024/", "archive/2024/index.html", "archive.html", True),
        (PageKind.SEARCH, ""): ("search/index.md", "search/", "search/index.html", "search.html", True),
    }  # fmt: skip
    assert {spec.kind for spec in plan.values()} == set(PageKind) - {PageKind.PAGE}, (
        "PAGE is for pages the plan does not make"
    )


def test_pages_carry_their_titles_and_years(plan: dict[tuple[PageKind, str], PageSpec]) -> None:
    assert plan[PageKind.ARCHIVE, "2024"].title == "Archive: 2024" and plan[PageKind.ARCHIVE, "2024"].year == 2024
    assert (plan[PageKind.ARCHIVE, ""].title, plan[PageKind.ARCHIVE, ""].year) == ("Archive", None)
    assert [plan[PageKind.LISTING, k].title for k in ("actor", "country", "topic", "pair")] == [
        "Actors", "Countries", "Topics", "Country pairs",
    ]  # fmt: skip
    assert plan[PageKind.PAIR, "CN-RU"].title == "China and Russia"
    assert plan[PageKind.HOME, ""].title == "Briefings"
    assert plan[PageKind.COUNTRY, "RU"].body == "A profile.\n"


def test_lastmod_is_the_latest_change_among_the_briefs_a_page_shows(plan: dict[tuple[PageKind, str], PageSpec]) -> None:
    lastmod = {key: spec.lastmod for key, spec in plan.items()}
    assert lastmod[PageKind.BRIEF, "talks"] == "2024-06-30", "updated wins over date"
    assert lastmod[PageKind.BRIEF, "old"] == "2023-11-02"
    assert (
        lastmod[PageKind.HOME, ""]
        == lastmod[PageKind.ACTOR, "xi-jinping"]
        == lastmod[PageKind.TOPIC, "trade"]
        == "2024-06-30"
    )
    assert lastmod[PageKind.ACTOR, "vladimir-putin"] == lastmod[PageKind.COUNTRY, "RU"] == "2024-06-30"
    assert lastmod[PageKind.PAIR, "CN-RU"] == "2024-06-30"
    assert lastmod[PageKind.LISTING, "actor"] == lastmod[PageKind.SEARCH, ""] == "", "pages of no brief have no date"


def test_a_home_page_file_makes_the_home_page_authored(index: SiteIndex) -> None:
    home = plan_pages(index, home_title="Welcome", home_body="# Welcome\n", home_body_line=4)[0]
    assert (home.kind, home.src_uri, home.generated, home.body, home.body_line) == (
        PageKind.HOME, "index.md", False, "# Welcome\n", 4)  # fmt: skip


def test_the_data_files_are_written_where_data_file_paths_says(index: SiteIndex) -> None:
    files = plan_data_files(index, site_name="Briefings", site_url="https://example.org/", feed_entries=10)
    assert [f.path for f in files] == data_file_paths(index)
    assert data_file_paths(index) == [
        urls.BRIEFS_JSON, urls.BRIEFS_CSV, "feed.xml", "actors/vladimir-putin/feed.xml", "actors/xi-jinping/feed.xml",
        "countries/cn/feed.xml", "countries/ru/feed.xml", "topics/trade/feed.xml", "pairs/cn-ru/feed.xml",
        "b/old/index.html", "b/talks/index.html", urls.REDIRECTS,  # each brief's permanent link, and the redirects
    ]  # fmt: skip


# -- charts ---------------------------------------------------------------------------------


def test_no_dates_make_no_chart() -> None:
    assert monthly_chart([], label="Briefs") == ""


def test_one_month_is_one_bar_with_one_axis_label() -> None:
    svg = monthly_chart([dt.date(2024, 3, 1), dt.date(2024, 3, 9)], label="Briefs")
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert svg.count("<rect") == 1
    assert "<title>Mar 2024: 2</title>" in svg
    assert "Briefs: 2 in 1 month, at most 2 in a month" in svg
    assert svg.count('class="chart-axis"') == 2, "the first month and the peak; no separate last month"


def test_months_without_briefs_are_gaps_between_bars() -> None:
    svg = monthly_chart([dt.date(2023, 11, 5), dt.date(2024, 2, 1), dt.date(2024, 2, 2)], label="Briefs")
    assert "4 months" in svg
    assert svg.count("<rect") == 2, "November and February have bars; December and January are gaps"
    assert "<title>Nov 2023: 1</title>" in svg and "<title>Feb 2024: 2</title>" in svg
    assert ">Nov 2023</text>" in svg and ">Feb 2024</text>" in svg


def test_the_chart_label_is_escaped() -> None:
    svg = monthly_chart([dt.date(2024, 1, 1)], label='Briefs naming <script>"AT&T"</script>')
    assert "<script>" not in svg
    assert "Briefs naming &lt;script&gt;&quot;AT&amp;T&quot;&lt;/script&gt;" in svg


# -- CSV defusing ---------------------------------------------------------------------------


def _dangerous_briefs(index: SiteIndex, text: str) -> tuple[Brief, ...]:
    """A brief whose title and summary are ``text``. Made directly: front matter collapses the whitespace a tab or CR needs."""
    return (dataclasses.replace(index.briefs[0], title=text, summary=text),)


def _csv_row(briefs: tuple[Brief, ...]) -> dict[str, str]:
    return next(csv.DictReader(io.StringIO(briefs_csv(briefs), newline="")))


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(index: SiteIndex, text: str) -> None:
    # Read from the written line: the csv module leaves a bare CR unquoted when lines end in LF, so a CSV reader
    # would split the row (front matter collapses whitespace, so no brief field holds one). No cell here has a comma.
    row = briefs_csv(_dangerous_briefs(index, text)).split("\n")[1].split(",")
    assert (row[1], row[4]) == ("'" + text, "'" + text), "title and summary"


@pytest.mark.parametrize("text", ["Plain title", "1 + 1 = 2", "A -dash"])
def test_csv_cells_that_start_harmlessly_are_kept(index: SiteIndex, text: str) -> None:
    row = _csv_row(_dangerous_briefs(index, text))
    assert row["title"] == text


def test_json_keeps_the_text_as_written(index: SiteIndex) -> None:
    records = json.loads(briefs_json(_dangerous_briefs(index, "=1+2")))
    assert (records[0]["title"], records[0]["summary"]) == ("=1+2", "=1+2")
