"""Every page kind in Chromium: no errors, no horizontal scroll on a phone, screenshots, accessibility (axe-core),
and a reader's path through the cross-links."""

from __future__ import annotations

import pytest

from tests.browser.support import AXE, DESKTOP, MARITIME_TITLE, MOBILE, PAGES, screenshot_path, wait_for_search

pytestmark = pytest.mark.browser


def settle(tab) -> None:
    """Wait until the page is complete: fonts, and on the search page the first search."""
    tab.page.wait_for_load_state("load")
    tab.page.evaluate("() => document.fonts.ready.then(() => true)")
    if tab.page.locator("#search").count():
        wait_for_search(tab.page)


@pytest.mark.parametrize("kind", list(PAGES))
def test_each_page_kind_renders_without_errors_and_fits_a_phone(open_page, kind):
    path = PAGES[kind]
    for name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
        tab = open_page(path, viewport=viewport)
        settle(tab)
        assert tab.page.locator("h1").count() >= 1, f"{kind}: no heading"
        stylesheet_applied = tab.page.evaluate("() => getComputedStyle(document.querySelector('.skip-link')).position")
        assert stylesheet_applied == "absolute", f"{kind} ({name}): the stylesheet did not load"
        tab.page.screenshot(path=screenshot_path(f"{kind}-{name}"), full_page=True)
        if name == "mobile":
            widths = tab.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            wide = tab.page.evaluate(
                """() => [...document.querySelectorAll("body *")]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 5).map(e => e.tagName + "." + e.className)"""
            )
            assert widths[0] <= widths[1], f"{kind}: horizontal scroll at 375 px ({widths}); too wide: {wide}"
        assert not tab.problems.messages, f"{kind} ({name}):\n{tab.problems.text()}"


def test_the_404_page_is_served_for_a_missing_address_with_working_links(open_page, served):
    tab = open_page(PAGES["404"])
    assert tab.page.text_content("h1").strip() == "Page not found"
    links = tab.page.eval_on_selector_all(".not-found-links a", "links => links.map(a => a.href)")
    assert served.url("search/") in links and served.url("archive/") in links


def test_brief_to_actor_to_another_brief_by_clicks(open_page, served):
    start = "2024/germany-arrests-three-maritime-technology-china/"
    tab = open_page(start)
    assert tab.page.text_content("h1").strip() == MARITIME_TITLE
    tab.page.locator(".facets a.chip", has_text="Nancy Faeser").click()
    tab.page.wait_for_url(served.url("actors/nancy-faeser/"))
    assert tab.page.text_content("h1").strip() == "Nancy Faeser"
    others = tab.page.locator(".entity-briefs a.brief-item-title").filter(has_not_text=MARITIME_TITLE)
    assert others.count() >= 1
    title = others.first.text_content().strip()
    href = others.first.get_attribute("href")
    others.first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url != served.url(start)
    assert tab.page.url.startswith(served.url("2024/")) or tab.page.url.startswith(served.url("2023/"))
    assert tab.page.url.endswith(href.lstrip("./"))
    assert tab.page.text_content("h1").strip() == title
    # ... and the new brief links back to the actor.
    assert tab.page.locator(".facets a.chip", has_text="Nancy Faeser").count() == 1
    assert not tab.problems.messages, tab.problems.text()


AXE_PAGES = ["home", "brief", "brief-fr", "actor", "actor-roles", "country", "topic", "listing", "pair", "pairs", "archive", "search",
             "404"]  # fmt: skip


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violations(open_page, kind):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` (make test does)")
    tab = open_page(PAGES[kind])
    settle(tab)
    if kind == "search":
        assert int(tab.page.get_attribute("#search-status", "data-count") or 0) > 0, "search with results expected"
    tab.page.add_script_tag(path=str(AXE))
    result = tab.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{kind}: axe-core violations\n{format_violations(bad)}"


@pytest.mark.parametrize(
    ("old", "live"),
    [
        ("2024/apt31-sanctions/", "2024/uk-us-sanction-apt31/"),  # redirect_from in the brief's front matter
        ("b/uk-us-sanction-apt31/", "2024/uk-us-sanction-apt31/"),  # its permanent link
    ],
)
def test_an_old_address_and_a_permanent_link_lead_to_the_brief_without_javascript(browser, served, old, live):
    context = browser.new_context(java_script_enabled=False)  # the redirect is a meta refresh, not a script
    try:
        page = context.new_page()
        page.goto(served.url(old))
        page.wait_for_url(served.url(live))
        assert page.text_content("h1").strip() == (
            "UK and US sanction APT31-linked company and individuals over cyber campaigns"
        )
    finally:
        context.close()


APT31_EN = "UK and US sanction APT31-linked company and individuals over cyber campaigns"
APT31_FR = ("Le Royaume-Uni et les États-Unis sanctionnent une société et deux individus liés à APT31 pour des "
            "campagnes informatiques")  # fmt: skip


def test_the_language_switcher_leads_between_a_brief_and_its_translation(open_page, served):
    tab = open_page("2024/uk-us-sanction-apt31/")
    switcher = tab.page.locator("nav.language-switcher")
    assert switcher.get_attribute("aria-label") == "Languages"
    assert switcher.locator('[aria-current="page"]').text_content() == "English"
    french = switcher.get_by_role("link", name="Français")
    assert french.get_attribute("hreflang") == "fr" and french.get_attribute("lang") == "fr"
    french.focus()  # a reader on the keyboard reaches it as any link
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(served.url("2024/uk-us-sanction-apt31-fr/"))
    assert tab.page.evaluate("() => document.documentElement.lang") == "fr"
    assert tab.page.text_content("h1").strip() == APT31_FR
    switcher = tab.page.locator("nav.language-switcher")
    assert switcher.get_attribute("aria-label") == "Langues"  # the page speaks its own language
    assert switcher.locator('[aria-current="page"]').text_content() == "Français"
    assert tab.page.locator("header nav").get_by_role("link", name="Acteurs").count() == 1
    switcher.get_by_role("link", name="English").click()
    tab.page.wait_for_url(served.url("2024/uk-us-sanction-apt31/"))
    assert tab.page.text_content("h1").strip() == APT31_EN
    assert not tab.problems.messages, tab.problems.text()
