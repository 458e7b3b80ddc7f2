"""Browser tests: the example site, built once with the real `mkdocs build`, served over HTTP, driven in Debian's Chromium.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it the tests are skipped, unless
BRIEFING_REQUIRE_BROWSER=1 or CI is set, where a missing browser fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    SUB_PATH,
    Problems,
    Served,
    Tab,
    require_chromium,
    serve_folder,
)
from tests.conftest import Build


@pytest.fixture(scope="session")
def chromium() -> Path:
    require_chromium()
    return CHROMIUM


@pytest.fixture(scope="session")
def served(chromium: Path, example_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # Serve a folder holding the site at its root and again under /sub/ (links, not copies).
    root = tmp_path_factory.mktemp("served")
    for item in example_build.site.iterdir():
        (root / item.name).symlink_to(item, target_is_directory=item.is_dir())
    (root / SUB_PATH.strip("/")).symlink_to(example_build.site, target_is_directory=True)
    with serve_folder(root, not_found=example_build.site / "404.html") as origin:
        yield Served(example_build, origin)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(browser: Any, served: Served) -> Iterator[Callable[..., Tab]]:
    """Open a site page in a fresh browser context; records console errors, page errors and failed requests."""
    contexts: list[Any] = []

    def open_(path: str = "", *, viewport: dict[str, int] | None = None, sub: bool = False,
              javascript: bool = True) -> Tab:  # fmt: skip
        context = browser.new_context(
            viewport=viewport or DESKTOP, reduced_motion="reduce", java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        problems = Problems()
        url = served.sub_url(path) if sub else served.url(path)

        def on_console(message: Any) -> None:
            if message.type != "error":
                return
            location = message.location or {}
            # The 404 page is served with status 404: Chromium logs that for the document itself. Not a page bug.
            if "status of 404" in message.text and location.get("url", "").split("?")[0] == url.split("?")[0]:
                return
            problems.messages.append(f"console error: {message.text} ({location.get('url', '')})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.messages.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: _record_failure(problems, request))
        page.goto(url)
        return Tab(page, problems)

    yield open_
    for context in contexts:
        context.close()


def _record_failure(problems: Any, request: Any) -> None:
    # A request the browser abandons because the page navigated away (a favicon, say) is not a failure.
    if "ERR_ABORTED" not in (request.failure or ""):
        problems.messages.append(f"request failed: {request.url} ({request.failure})")
