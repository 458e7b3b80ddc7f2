"""The search page in Chromium: Pagefind's index of the example site, our UI, the view in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from generator.site.search_records import EVERY_RECORD
from tests.browser.support import (
    MARITIME_TITLE,
    SEED_TITLE,
    load_all_results,
    result_titles,
    searches_done,
    serve_folder,
    wait_for_search,
)
from tests.conftest import ACTORS, FIXTURE_CONFIG, TEMPLATES, brief_text, run_build

pytestmark = pytest.mark.browser


def search_for(page, text: str, *, press_enter: bool = False) -> int | None:
    """Type into the search page's box like a reader; returns the result count once the search is rendered."""
    wait_for_search(page)  # the page's own first render (Pagefind loaded)
    before = searches_done(page)
    page.fill("#search-input", text)
    if press_enter:
        page.press("#search-input", "Enter")
    return wait_for_search(page, before)


def open_facet(page, facet: str) -> None:
    """Open a facet's disclosure; its values load (and count) on first opening."""
    details = page.locator(f'details[data-facet="{facet}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.wait_for_selector(f'details[data-facet="{facet}"][data-loaded]', state="attached")


def toggle_facet(page, facet: str, value: str) -> int | None:
    """Check or uncheck a facet value (opening the facet and its "Show all" as needed); returns the new count."""
    open_facet(page, facet)
    box = page.locator(f'#search-facets input[name="{facet}"][value="{value}"]')
    if not box.is_visible():
        page.click(f'details[data-facet="{facet}"] .search-show-all')
    before = searches_done(page)
    box.click()
    return wait_for_search(page, before)


def checked_values(page) -> dict[str, list[str]]:
    return page.evaluate(
        """() => {
            const out = {};
            for (const box of document.querySelectorAll("#search-facets input:checked")) {
                if (!box.value) continue;  // the "All" choice of the type filter
                (out[box.name] = out[box.name] || []).push(box.value);
            }
            return out;
        }"""
    )


def result_hrefs(page) -> list[str]:
    return page.eval_on_selector_all("#search-results .brief-item-title", "links => links.map(a => a.href)")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_query_finds_the_maritime_brief_and_the_url_follows_the_typing(open_page, served):
    tab = open_page("search/")
    count = search_for(tab.page, "maritime")
    assert count and count >= 1
    titles = result_titles(tab.page)
    assert MARITIME_TITLE in titles
    href = result_hrefs(tab.page)[titles.index(MARITIME_TITLE)]
    assert href == served.url("2024/germany-arrests-three-maritime-technology-china/")
    assert query_of(tab.page.url) == {"q": ["maritime"]}  # replaceState while typing
    assert tab.page.locator("#search-status").text_content().startswith(f"{count} ")
    assert not tab.problems.messages, tab.problems.text()


def test_blinken_finds_the_seed_brief_with_a_safe_marked_excerpt(open_page):
    tab = open_page("search/")
    count = search_for(tab.page, "Blinken", press_enter=True)
    assert count and count > 1
    load_all_results(tab.page)
    titles = result_titles(tab.page)
    assert len(titles) == count
    assert SEED_TITLE in titles
    marks = tab.page.locator("#search-results .brief-item-summary mark").all_text_contents()
    assert marks and all(m.lower().startswith("blinken") for m in marks)
    # Excerpts are rebuilt from text and <mark> only.
    tags = tab.page.eval_on_selector_all("#search-results .brief-item-summary *", "els => els.map(e => e.tagName)")
    assert set(tags) == {"MARK"}
    # The word every search record carries (for filter-only searches) never shows.
    assert EVERY_RECORD not in tab.page.inner_text("#search-results")
    # The title and the summary are two sentences, not one run-on line.
    seed = tab.page.locator("#search-results .brief-item-text", has_text=SEED_TITLE).locator(".brief-item-summary")
    assert "to influence its election. At the end of a visit" in seed.text_content()
    assert not tab.problems.messages, tab.problems.text()


@pytest.mark.parametrize(
    ("kind", "title", "summary"),
    [
        ("country", "Canada", "Canada is a federal parliamentary democracy."),
        ("actor", "Canadian Security Intelligence Service", "Canada's national security intelligence agency"),
    ],
)
def test_browsing_a_type_shows_each_records_own_summary(open_page, kind: str, title: str, summary: str):
    tab = open_page(f"search/?type={kind}")
    count = wait_for_search(tab.page)
    assert count and count > 1
    load_all_results(tab.page)
    titles = result_titles(tab.page)
    assert len(titles) == tab.page.locator(f"#search-results .search-result-{kind}").count() == count
    summaries = tab.page.eval_on_selector_all(
        "#search-results .brief-item-text",
        "items => items.map(i => i.querySelector('.brief-item-summary')?.textContent ?? '')",
    )
    assert dict(zip(titles, summaries, strict=True))[title] == summary
    assert all(summaries), "every record has a summary"
    shown = tab.page.inner_text("#search-results")
    assert EVERY_RECORD not in shown
    assert "everyrecord" not in shown.lower()  # the word the records carried before
    assert not tab.problems.messages, tab.problems.text()


@pytest.mark.parametrize("typed", [EVERY_RECORD, EVERY_RECORD[0], f'"{EVERY_RECORD}"', EVERY_RECORD + "."])
def test_typing_the_every_record_word_does_not_list_the_whole_site(open_page, typed: str):
    tab = open_page("search/")
    assert search_for(tab.page, typed) == 0
    # With a reader's word besides, that word is searched as if alone.
    maritime = search_for(tab.page, "maritime")
    assert maritime and search_for(tab.page, f"{typed} maritime") == maritime
    assert not tab.problems.messages, tab.problems.text()


def test_filters_without_a_query_fetch_one_index_chunk(open_page, served):
    chunks = list((served.build.site / "pagefind" / "index").iterdir())
    assert len(chunks) > 1, "the test needs an index of more than one chunk"
    tab = open_page("search/")
    wait_for_search(tab.page)
    fetched: list[str] = []
    tab.page.on("request", lambda r: fetched.append(r.url) if "/pagefind/index/" in r.url else None)
    before = searches_done(tab.page)
    tab.page.check('#search-facets input[name="type"][value="Country"]')
    assert wait_for_search(tab.page, before)
    assert len(fetched) == 1


def test_only_the_results_on_screen_have_their_fragment_fetched(open_page):
    tab = open_page("search/")
    fragments: list[str] = []
    tab.page.on("request", lambda r: fragments.append(r.url) if "/pagefind/fragment/" in r.url else None)
    count = search_for(tab.page, "China")
    assert count and count > 10, "the test needs more than one page of results"
    assert len(fragments) == 10
    assert len(result_titles(tab.page)) == 10
    before = searches_done(tab.page)
    tab.page.click("#search-more")
    wait_for_search(tab.page, before)
    assert len(result_titles(tab.page)) == min(20, count)
    assert len(fragments) == min(20, count)
    # Focus moves to the first new result, so a keyboard reader carries on from there.
    focused = tab.page.evaluate("() => document.activeElement.textContent")
    assert focused == result_titles(tab.page)[10]


def test_every_result_links_to_a_page_that_exists(open_page, served):
    tab = open_page("search/?q=China")
    assert wait_for_search(tab.page)
    load_all_results(tab.page)
    hrefs = result_hrefs(tab.page)
    assert len(hrefs) == int(tab.page.get_attribute("#search-status", "data-count"))
    for href in hrefs:
        assert href.startswith(served.url()) and href.endswith("/")
        assert tab.page.request.get(href).status == 200, href


def test_facet_values_are_fetched_only_when_a_facet_is_opened(open_page):
    tab = open_page("search/")
    fetched: list[str] = []
    tab.page.on("request", lambda r: fetched.append(r.url) if "/pagefind/filter/" in r.url else None)
    search_for(tab.page, "China")
    assert fetched == [], "a query alone needs no facet data"
    assert tab.page.locator("#search-facets input[type=checkbox]").count() == 0
    open_facet(tab.page, "country")
    assert len(fetched) == 1, "one facet, one filter file"
    counts = tab.page.locator('details[data-facet="country"] .search-count').all_text_contents()
    assert counts and all(c.strip().strip("()").isdigit() for c in counts)
    assert tab.page.locator('details[data-facet="actor"] input').count() == 0
    assert not tab.problems.messages, tab.problems.text()


def test_a_country_filter_narrows_the_results(open_page, served):
    published = {r["url"]: r for r in served.build.briefs_json()}
    tab = open_page("search/")
    everything = search_for(tab.page, "China")
    filtered = toggle_facet(tab.page, "country", "Germany")
    assert everything and filtered
    assert 0 < filtered < everything
    assert query_of(tab.page.url) == {"q": ["China"], "country": ["Germany"]}  # pushState on a filter change
    load_all_results(tab.page)
    assert len(result_titles(tab.page)) == filtered
    places = tab.page.locator("#search-results .search-result-places").all_text_contents()
    assert len(places) == filtered
    assert all("Germany" in p.split(" · ") for p in places)
    for href in result_hrefs(tab.page):
        assert "DE" in published[href.removeprefix(served.url())]["countries"]
    # Back restores the unfiltered view (popstate).
    before = searches_done(tab.page)
    tab.page.go_back()
    assert wait_for_search(tab.page, before) == everything
    assert checked_values(tab.page) == {}
    assert not tab.problems.messages, tab.problems.text()


def test_the_url_restores_the_same_view(open_page):
    first = open_page("search/")
    search_for(first.page, "China")
    toggle_facet(first.page, "country", "Germany")
    toggle_facet(first.page, "topic", "espionage")
    url = first.page.url
    view = {
        "query": first.page.input_value("#search-input"),
        "checked": checked_values(first.page),
        "titles": result_titles(first.page),
        "status": first.page.text_content("#search-status"),
        "sort": first.page.input_value("#search-sort"),
    }
    assert view["checked"] == {"country": ["Germany"], "topic": ["espionage"]}

    second = open_page(url.split("/", 3)[3])
    wait_for_search(second.page)
    assert second.page.url == url
    assert {
        "query": second.page.input_value("#search-input"),
        "checked": checked_values(second.page),
        "titles": result_titles(second.page),
        "status": second.page.text_content("#search-status"),
        "sort": second.page.input_value("#search-sort"),
    } == view
    assert not (first.problems.messages + second.problems.messages)


def test_a_site_of_one_shard_has_no_scope(open_page):
    """One index: no "Search all" button, no "since" in the status, and scope=all is dropped from the URL."""
    tab = open_page("search/?q=Blinken&scope=all")
    assert wait_for_search(tab.page)
    assert tab.page.locator("#search-scope").count() == 0
    assert " since " not in tab.page.text_content("#search-status")
    toggle_facet(tab.page, "country", "China")
    assert "scope" not in query_of(tab.page.url)
    assert not tab.problems.messages, tab.problems.text()


def facet_counts(page, facet: str) -> dict[str, int]:
    texts = page.eval_on_selector_all(
        f'details[data-facet="{facet}"] label',
        """labels => labels.map(l => [l.querySelector("input").value, l.querySelector(".search-count").textContent])""",
    )
    return {value: int(count.strip(" ()")) for value, count in texts if count.strip()}


def test_facet_counts_are_what_ticking_a_value_would_give(open_page):
    # A cold page with a selection: each country's count is that of the query with that country added (OR).
    tab = open_page("search/?q=Blinken&country=Germany")
    assert wait_for_search(tab.page)
    counts = facet_counts(tab.page, "country")
    assert counts["Germany"] == int(tab.page.get_attribute("#search-status", "data-count"))
    china = open_page("search/?q=Blinken&country=China")
    assert counts["China"] == wait_for_search(china.page)
    both = open_page("search/?q=Blinken&country=China&country=Germany")
    assert wait_for_search(both.page) >= counts["China"]


def test_facets_without_a_query_list_every_brief_of_a_country_newest_first(open_page, served):
    expected = [r for r in served.build.briefs_json() if "DE" in r["countries"]]
    tab = open_page("search/?country=Germany")
    assert wait_for_search(tab.page) == len(expected)
    load_all_results(tab.page)
    hrefs = [h.removeprefix(served.url()) for h in result_hrefs(tab.page)]
    assert sorted(hrefs) == sorted(r["url"] for r in expected)
    dates = {r["url"]: r["date"] for r in expected}
    shown_dates = [dates[h] for h in hrefs]
    assert shown_dates == sorted(shown_dates, reverse=True)
    assert tab.page.input_value("#search-sort") == "date"
    assert tab.page.input_value("#search-input") == ""
    assert checked_values(tab.page) == {"country": ["Germany"]}


def test_sorting_by_date_puts_the_newest_brief_first(open_page, served):
    dates = {r["url"]: r["date"] for r in served.build.briefs_json()}
    tab = open_page("search/?q=Blinken")
    wait_for_search(tab.page)
    assert tab.page.input_value("#search-sort") == "relevance"
    before = searches_done(tab.page)
    tab.page.select_option("#search-sort", "date")
    wait_for_search(tab.page, before)
    assert query_of(tab.page.url) == {"q": ["Blinken"], "sort": ["date"]}
    load_all_results(tab.page)
    shown = [dates[h.removeprefix(served.url())] for h in result_hrefs(tab.page)]  # briefs only: actors have no date
    assert len(shown) > 1
    assert shown == sorted(shown, reverse=True)


def test_an_actor_page_is_found_by_the_actors_name(open_page, served):
    tab = open_page("search/")
    search_for(tab.page, "Nancy Faeser")
    hrefs = result_hrefs(tab.page)
    assert served.url("actors/nancy-faeser/") in hrefs
    actor = tab.page.locator("#search-results .search-result-actor").first
    assert actor.locator(".search-result-type").text_content() == "Actor"
    # The type filter keeps actors only.
    before = searches_done(tab.page)
    tab.page.check('#search-facets input[name="type"][value="Actor"]')
    wait_for_search(tab.page, before)
    assert query_of(tab.page.url)["type"] == ["Actor"]
    assert result_hrefs(tab.page)[0] == served.url("actors/nancy-faeser/")
    assert tab.page.locator("#search-results .search-result-brief").count() == 0


def test_a_country_page_is_found_by_its_name(open_page, served):
    tab = open_page("search/?q=Germany&type=Country")
    assert wait_for_search(tab.page)
    assert result_hrefs(tab.page)[0] == served.url("countries/de/")
    assert tab.page.locator("#search-results .search-result-country").count() == len(result_hrefs(tab.page))


def test_the_header_search_box_submits_to_the_search_page(open_page, served):
    tab = open_page("2024/germany-arrests-three-maritime-technology-china/")
    tab.page.fill("#site-search", "maritime")
    tab.page.press("#site-search", "Enter")
    tab.page.wait_for_url("**/search/?q=maritime")
    assert wait_for_search(tab.page)
    assert tab.page.input_value("#search-input") == "maritime"
    assert MARITIME_TITLE in result_titles(tab.page)
    assert not tab.problems.messages, tab.problems.text()


def test_search_works_under_a_sub_path(open_page, served):
    tab = open_page("search/?q=maritime", sub=True)
    assert wait_for_search(tab.page)
    hrefs = result_hrefs(tab.page)
    assert hrefs and all(h.startswith(served.sub_url()) for h in hrefs)
    tab.page.click(f'#search-results a:text-is("{MARITIME_TITLE}")')
    tab.page.wait_for_url(served.sub_url("2024/germany-arrests-three-maritime-technology-china/"))
    assert tab.page.text_content("h1").strip() == MARITIME_TITLE
    assert not tab.problems.messages, tab.problems.text()


def test_without_javascript_the_search_page_points_to_the_browse_pages(open_page, served):
    tab = open_page("search/?q=maritime", javascript=False)
    note = tab.page.locator(".noscript-note")
    assert note.is_visible()
    links = note.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert links == [served.url(p) for p in ("", "archive/", "actors/", "countries/", "topics/")]
    assert not tab.page.locator("#search-ui").is_visible()
    # The form still works as a form.
    assert tab.page.get_attribute("#search-form", "method") == "get"


def test_indexed_text_never_becomes_markup_in_results(fixture_site, browser):
    """Pagefind's excerpt is escaped text with <mark>: markup-looking text in a brief stays text on the results page."""
    body = 'Zanzibar note: &lt;img src=x onerror="window.pwned=1"&gt; and &lt;b&gt;bold&lt;/b&gt; end.\n'
    build = fixture_site(
        {"2024/odd.md": brief_text(title="Zanzibar <i>talks</i> & more", body=body)}, options="search: true"
    )
    assert build.returncode == 0, build.output
    with serve_folder(build.site) as origin:
        context = browser.new_context()
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{origin}/search/?q=Zanzibar")
            assert wait_for_search(page) == 1
            assert page.locator("#search-results img, #search-results b, #search-results i").count() == 0
            assert page.evaluate("() => window.pwned") is None
            summary = page.text_content("#search-results .brief-item-summary")
            assert '<img src=x onerror="window.pwned=1">' in summary
            assert "<b>bold</b>" in summary
            assert result_titles(page) == ["Zanzibar <i>talks</i> & more"]
            assert page.locator("#search-results mark").first.text_content().startswith("Zanzibar")
            assert not errors
        finally:
            context.close()


def test_role_facets_find_who_did_what_to_whom(open_page, served):
    """Each role is a facet of its own: China as origin AND the United States as target, not either."""
    # The search page searches the site's language: the English index (a translation is in its own).
    published = [r for r in served.build.briefs_json() if r["lang"] == "en"]
    origin = {r["url"] for r in published if r["country_roles"].get("CN") == "origin"}
    both = {
        r["url"]
        for r in published
        if r["country_roles"].get("CN") == "origin" and r["country_roles"].get("US") == "target"
    }
    assert len(origin) > len(both) > 0  # the example site has a brief with China as origin and another target
    tab = open_page("search/?country_origin=China")
    assert wait_for_search(tab.page) == len(origin)
    summary = tab.page.locator('details[data-facet="country_origin"] summary').text_content() or ""
    assert summary.startswith("Country: alleged origin")
    assert checked_values(tab.page) == {"country_origin": ["China"]}
    narrowed = toggle_facet(tab.page, "country_target", "United States")
    assert narrowed == len(both)
    assert query_of(tab.page.url) == {"country_origin": ["China"], "country_target": ["United States"]}
    load_all_results(tab.page)
    assert {h.removeprefix(served.url()) for h in result_hrefs(tab.page)} == both
    # The facets keep the vocabulary's order, each role after the facet of its kind.
    facets = tab.page.eval_on_selector_all("#search-facets details[data-facet]", "ds => ds.map(d => d.dataset.facet)")
    assert facets[: facets.index("topic")] == [
        "actor",
        *[f for f in facets if f.startswith("actor_")],
        "country",
        *[f for f in facets if f.startswith("country_")],
    ]
    assert not tab.problems.messages, tab.problems.text()


def test_a_reader_searches_the_french_briefs_by_choosing_the_language(open_page, served):
    tab = open_page("search/")
    page = tab.page
    wait_for_search(page)
    choice = page.locator("#search-lang")
    assert choice.locator("option").all_text_contents() == ["English", "Français"]
    assert search_for(page, "calomnie") == 0, "the English index holds no French words"
    choice.select_option("fr")  # another index: the page loads again with ?lang=fr
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("lang") == ["fr"])
    assert page.evaluate("() => document.documentElement.lang") == "en", "the page keeps its own language"
    assert search_for(page, "calomnie")
    assert any(title.startswith("Le Royaume-Uni et les États-Unis sanctionnent") for title in result_titles(page))
    assert not tab.problems.messages, tab.problems.text()


def test_a_french_site_searches_in_french(browser, tmp_path):
    """theme.locale: fr: the script's words (data-strings) and the records' dates are French."""
    project = tmp_path / "project"
    (project / "briefs" / "actors").mkdir(parents=True)
    (project / "briefs" / "actors" / "antony-blinken.md").write_text(f"---\n{ACTORS['antony-blinken']}\n---\nProfil.\n")
    (project / "briefs" / "index.md").write_text("Bienvenue.\n", encoding="utf-8")
    for name, date in (("one", "2024-04-16"), ("two", "2024-05-02")):
        (project / "briefs" / f"{name}.md").write_text(brief_text(f"Note {name}", date), encoding="utf-8")
    config = FIXTURE_CONFIG.format(templates=TEMPLATES, options="      search: true")
    config = config.replace(
        "static_templates: [sitemap.xml, 404.html]", "static_templates: [sitemap.xml, 404.html]\n  locale: fr"
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = run_build(project, tmp_path / "site", "--strict")
    assert build.returncode == 0, build.output
    with serve_folder(build.site) as origin:
        context = browser.new_context()
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{origin}/search/")
            assert search_for(page, "Blinken") == 3  # the two briefs naming him, and his page
            status = page.text_content("#search-status")
            assert status.startswith("3 résultats") and status.endswith(" pour « Blinken ».")
            legends = page.locator("#search-facets .search-facet-summary").all_text_contents()
            assert legends[:4] == ["Acteur", "Pays", "Thème", "Année"]
            assert page.text_content("#search-facets .search-type legend") == "Afficher"
            dates = page.locator("#search-results .brief-item-date").all_text_contents()
            assert {"16 avril 2024", "2 mai 2024", "Acteur"} == set(dates)
            assert not errors
        finally:
            context.close()
