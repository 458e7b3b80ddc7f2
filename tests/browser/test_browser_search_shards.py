"""The search page over a sharded index: the example site built with shards of 4 briefs, in Chromium.

The newest shard is searched alone until the reader asks for every brief (scope=all), picks a year, or lists
actors or countries; the shards' results and counts add up to what a one-shard index gives.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.support import (
    DESKTOP,
    load_all_results,
    result_titles,
    screenshot_path,
    searches_done,
    serve_folder,
    wait_for_search,
)
from tests.browser.test_browser_search import search_for, toggle_facet
from tests.conftest import REPO, Build, run_build

pytestmark = pytest.mark.browser

OLD_WORD = "balloon"  # only in two briefs of 2023, in the oldest shard


def _config() -> str:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: briefs", f"docs_dir: {REPO / 'briefs'}")
    config = config.replace("custom_dir: templates", f"custom_dir: {REPO / 'templates'}")
    return config.replace("      autolink: true\n", "      autolink: true\n      search_shard_briefs: 4\n")


@pytest.fixture(scope="module")
def sharded(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str, list[dict]]]:
    project = tmp_path_factory.mktemp("sharded")
    (project / "mkdocs.yml").write_text(_config(), encoding="utf-8")
    build = run_build(project, project / "site", "--strict")
    assert build.returncode == 0, build.output
    shards = json.loads(_attribute(build.html("search"), "data-shards"))
    assert len(shards) > 2 and shards[0]["path"] == "pagefind/"
    with serve_folder(build.site, not_found=build.site / "404.html") as origin:
        yield build, origin, shards


def _attribute(page: str, name: str) -> str:
    return html.unescape(page.split(f'{name}="', 1)[1].split('"', 1)[0])


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A fresh page; its uncaught errors and the URLs it requested."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    try:
        yield page, errors, requests
    finally:
        context.close()


def status(page: Any) -> str:
    return page.text_content("#search-status") or ""


def older_shard_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "/pagefind/shards/" in url]


def test_an_old_word_is_found_once_the_reader_searches_every_brief(sharded, tab):
    build, origin, shards = sharded
    page, errors, requests = tab
    page.goto(f"{origin}/search/")
    assert search_for(page, OLD_WORD) == 0
    assert status(page) == f"No results for “{OLD_WORD}” since 23 April 2024. Try other words."
    assert shards[0]["from"] == "2024-04-23"
    button = page.locator("#search-scope")
    total = sum(shard["briefs"] for shard in shards)
    assert button.is_visible() and button.text_content() == f"Search all {total} briefs"
    assert not older_shard_requests(requests)
    page.screenshot(path=str(screenshot_path("search-shards-recent")))

    before = searches_done(page)
    button.click()
    assert wait_for_search(page, before) == 2
    assert set(result_titles(page)) == {
        "US fighter jet shoots down Chinese high-altitude balloon off South Carolina",
        *[b["title"] for b in build.briefs_json() if b["url"] == "2023/blinken-visits-beijing-june-2023/"],
    }
    assert status(page) == f"2 results for “{OLD_WORD}”."
    assert not page.locator("#search-scope").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "search-status"
    assert parse_qs(urlsplit(page.url).query) == {"q": [OLD_WORD], "scope": ["all"]}
    page.screenshot(path=str(screenshot_path("search-shards-all")))

    page.reload()
    assert wait_for_search(page) == 2
    assert not page.locator("#search-scope").is_visible()
    page.go_back()  # the recent scope again, from the history
    page.wait_for_function("() => !location.search.includes('scope')")
    wait_for_search(page)
    page.wait_for_function("() => document.getElementById('search-status').dataset.count === '0'")
    assert page.locator("#search-scope").is_visible()
    assert not errors, errors


def test_a_country_by_date_over_every_shard_lists_what_one_index_lists(sharded, tab):
    build, origin, _ = sharded
    page, errors, _ = tab
    page.goto(f"{origin}/search/?country=China&scope=all")
    count = wait_for_search(page)
    load_all_results(page)
    hrefs = page.eval_on_selector_all("#search-results .brief-item-title", "links => links.map(a => a.href)")
    briefs = {f"{origin}/{b['url']}": b for b in build.briefs_json()}
    expected = [b for b in briefs.values() if "CN" in b["countries"] and b["lang"] == "en"]
    assert count == len(expected) == len(hrefs)
    dates = [briefs[href]["date"] for href in hrefs]
    assert dates == sorted((b["date"] for b in expected), reverse=True)  # newest first, across the shards
    assert set(hrefs) == {f"{origin}/{b['url']}" for b in expected}
    # The country's count in its facet is the same sum.
    assert page.locator('#search-facets input[name="country"][value="China"]').is_checked()
    label = page.locator('details[data-facet="country"] label', has_text="China").first.text_content()
    assert label.strip().endswith(f"({count})")
    assert not errors, errors


def test_picking_an_old_year_searches_the_shards_holding_it(sharded, tab):
    build, origin, shards = sharded
    page, errors, requests = tab
    page.goto(f"{origin}/search/?q=Blinken")
    recent = wait_for_search(page)
    assert not older_shard_requests(requests)
    assert page.locator("#search-scope").is_visible()
    count = toggle_facet(page, "year", "2023")  # a year only older shards hold, offered all the same
    assert count and count != recent
    assert all(date.startswith("2023") for date in _result_dates(page, build, origin))
    assert not page.locator("#search-scope").is_visible()
    assert "since" not in status(page)
    holding = {shard["path"] for shard in shards if "2023" in shard["years"]}
    read = {
        "pagefind/shards/" + url.split("/pagefind/shards/")[1].split("/")[0] + "/"
        for url in older_shard_requests(requests)
    }
    assert read == holding
    assert not errors, errors


def _result_dates(page: Any, build: Build, origin: str) -> list[str]:
    load_all_results(page)
    hrefs = page.eval_on_selector_all("#search-results .brief-item-title", "links => links.map(a => a.href)")
    briefs = {f"{origin}/{b['url']}": b["date"] for b in build.briefs_json()}
    return [briefs[href] for href in hrefs]


def test_the_first_query_with_a_filter_reads_the_newest_shard_only(sharded, tab):
    _, origin, _ = sharded
    page, errors, requests = tab
    page.goto(f"{origin}/search/")
    assert search_for(page, "Blinken")
    toggle_facet(page, "country", "China")
    assert requests and not older_shard_requests(requests), older_shard_requests(requests)
    assert "since" in status(page)
    assert not errors, errors


def test_the_french_index_of_an_older_shard(sharded, tab):
    _, origin, _ = sharded
    page, errors, _ = tab
    page.goto(f"{origin}/search/?lang=fr&q=calomnie&scope=all")
    assert wait_for_search(page)
    assert any(title.startswith("Le Royaume-Uni et les États-Unis sanctionnent") for title in result_titles(page))
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert not errors, errors
