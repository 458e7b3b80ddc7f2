"""Keyboard only: the skip link, the header, "/" to search, Enter to submit, the search page's filters and results."""

from __future__ import annotations

import pytest

from tests.browser.support import MARITIME_TITLE, searches_done, wait_for_search

pytestmark = pytest.mark.browser

DESCRIBE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return {tag: "BODY", id: "", cls: "", text: "", type: "", name: "", value: "",
        inHeader: false, inNav: false, inFacets: false, inResults: false, outline: false};
    const style = getComputedStyle(e);
    return {
        tag: e.tagName, id: e.id, cls: e.className, text: (e.textContent || "").trim().slice(0, 80),
        type: e.type || "", name: e.name || "", value: e.value || "",
        inHeader: Boolean(e.closest(".site-header")), inNav: Boolean(e.closest(".site-nav")),
        inFacets: Boolean(e.closest("#search-facets")), inResults: Boolean(e.closest("#search-results")),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    };
}"""


def tab_through(page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(DESCRIBE))
    return stops


def test_tab_reaches_the_skip_link_first_then_the_header_nav_and_search(open_page):
    tab = open_page("")
    stops = tab_through(tab.page, 10)
    assert "skip-link" in stops[0]["cls"] and stops[0]["text"] == "Skip to content"
    assert stops[0]["outline"], "the skip link shows its focus"
    nav = [s["text"] for s in stops if s["inNav"]]
    assert nav == ["Home", "Archive", "Actors", "Countries", "Topics", "Search"]
    search_at = next(i for i, s in enumerate(stops) if s["id"] == "site-search")
    last_nav = max(i for i, s in enumerate(stops) if s["inNav"])
    assert search_at > last_nav
    assert all(s["outline"] for s in stops[: search_at + 1]), "every stop shows its focus"
    # The skip link moves focus to the main content.
    tab.page.keyboard.press("Shift+Tab")
    while tab.page.evaluate(DESCRIBE)["cls"] != "skip-link":
        tab.page.keyboard.press("Shift+Tab")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("() => document.activeElement.id") == "content"


def test_slash_focuses_the_search_box_and_enter_submits(open_page, served):
    tab = open_page("2024/germany-arrests-three-maritime-technology-china/")
    tab.page.keyboard.press("/")
    assert tab.page.evaluate("() => document.activeElement.id") == "site-search"
    tab.page.keyboard.type("maritime")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(served.url("search/?q=maritime"))
    assert wait_for_search(tab.page)
    assert MARITIME_TITLE in tab.page.locator("#search-results .brief-item-title").all_text_contents()
    # On the search page "/" focuses the page's own box (the header has none there).
    tab.page.evaluate("() => document.activeElement.blur()")
    tab.page.keyboard.press("/")
    assert tab.page.evaluate("() => document.activeElement.id") == "search-input"
    assert tab.page.locator("#site-search").count() == 0
    # Typing "/" inside a box types it.
    tab.page.keyboard.press("End")
    tab.page.keyboard.type("/")
    assert tab.page.input_value("#search-input") == "maritime/"
    assert not tab.problems.messages, tab.problems.text()


def test_the_search_page_works_from_the_keyboard(open_page):
    tab = open_page("search/")
    wait_for_search(tab.page)
    tab.page.keyboard.press("/")
    before = searches_done(tab.page)
    tab.page.keyboard.type("China")
    tab.page.keyboard.press("Enter")
    count = wait_for_search(tab.page, before)
    assert count and count > 1
    stops = tab_through(tab.page, 40)
    facet_at = next(i for i, s in enumerate(stops) if s["inFacets"] and s["tag"] == "SUMMARY")
    result_at = next(i for i, s in enumerate(stops) if s["inResults"] and s["tag"] == "A")
    assert facet_at < result_at
    assert any(s["type"] == "radio" and s["inFacets"] for s in stops[:result_at]), "the type filter"
    assert any(s["id"] == "search-sort" for s in stops[facet_at:result_at])
    assert all(s["outline"] for s in stops[: result_at + 1] if s["tag"] != "BODY"), "every stop shows its focus"

    # Open the country facet with Enter, Tab to its first value, Space ticks it: the results follow, focus stays.
    tab.page.focus('details[data-facet="country"] summary')
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector('details[data-facet="country"][data-loaded]', state="attached")
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate(DESCRIBE)
    assert (focused["name"], focused["type"]) == ("country", "checkbox")
    assert focused["outline"]
    value = focused["value"]
    before = searches_done(tab.page)
    tab.page.keyboard.press("Space")
    filtered = wait_for_search(tab.page, before)
    assert filtered is not None and filtered <= count
    focused = tab.page.evaluate(DESCRIBE)
    assert (focused["name"], focused["value"]) == ("country", value)
    assert tab.page.is_checked(f'#search-facets input[name="country"][value="{value}"]')
    assert not tab.problems.messages, tab.problems.text()


def test_show_all_is_a_disclosure_button(open_page):
    tab = open_page("search/")
    wait_for_search(tab.page)
    tab.page.focus('details[data-facet="actor"] summary')
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector('details[data-facet="actor"][data-loaded]', state="attached")
    toggle = tab.page.locator('details[data-facet="actor"] .search-show-all')
    assert toggle.is_visible(), "the example site has more actors than the folded list shows"
    hidden_before = tab.page.locator('#search-facets input[name="actor"]:visible').count()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    tab.page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert tab.page.locator('#search-facets input[name="actor"]:visible').count() > hidden_before
    controlled = toggle.get_attribute("aria-controls")
    assert tab.page.locator(f"#{controlled}").count() == 1


def tab_to(page, selector: str, limit: int = 80) -> dict:
    """Press Tab until the element matching ``selector`` has the focus; returns how it is described then."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return page.evaluate(DESCRIBE)
    raise AssertionError(f"Tab never reached {selector} in {limit} presses")


def test_the_by_role_nav_takes_the_keyboard_to_a_role_section(open_page, served):
    tab = open_page("actors/antony-blinken/")
    link = tab_to(tab.page, "nav.role-nav a")
    assert link["outline"], "the role link shows its focus"
    anchor = tab.page.evaluate("() => document.activeElement.getAttribute('href')")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(served.url("actors/antony-blinken/") + anchor)
    heading = tab.page.locator(anchor)
    assert heading.evaluate("h => h.closest('section').classList.contains('entity-role-briefs')")
    assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    # The section's first brief is the next stop after the heading the link led to.
    tab.page.keyboard.press("Tab")
    first = tab.page.evaluate(DESCRIBE)
    assert first["tag"] == "A" and "brief-item-title" in first["cls"]
    assert tab.page.evaluate(
        "(id) => document.getElementById(id).closest('section').contains(document.activeElement)", anchor[1:]
    )
    assert not tab.problems.messages, tab.problems.text()


def test_a_pair_page_leads_by_keyboard_to_each_countrys_page(open_page, served):
    tab = open_page("pairs/cn-us/")
    chip = tab_to(tab.page, '.chips[aria-label="The two countries"] a')
    assert chip["outline"], "the country chip shows its focus"
    assert "China" in chip["text"]
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(served.url("countries/cn/"))
    # China's page lists its frequent pairs; the first leads back to the pair.
    pair = tab_to(tab.page, "a.chip-pair")
    assert pair["outline"]
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(served.url("pairs/cn-us/"))
    assert not tab.problems.messages, tab.problems.text()


def test_the_world_map_is_a_set_of_named_links_the_keyboard_follows(open_page, served):
    tab = open_page("countries/")
    region = tab_to(tab.page, "a.map-region")
    name = tab.page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    country, _, count = name.partition(": ")
    assert count.split()[0].isdigit() and count.endswith(("brief", "briefs")), name
    # Its focus is shown on the shape (an SVG link has no box of its own to outline).
    stroke = tab.page.evaluate("() => getComputedStyle(document.activeElement.querySelector('path')).strokeWidth")
    assert float(stroke.removesuffix("px")) >= 2, stroke
    href = tab.page.evaluate("() => document.activeElement.href.baseVal ?? document.activeElement.href")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(lambda url: url.startswith(served.url("countries/")) and url != served.url("countries/"))
    assert tab.page.text_content("h1").strip().endswith(country)
    assert href and region["tag"].lower() == "a"
    assert not tab.problems.messages, tab.problems.text()
