"""Helpers and constants for the browser tests (fixtures are in conftest.py)."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "tests" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
SUB_PATH = "sub/"  # the site is also served under /sub/, like a project page on a static host

# One page of each kind (site-relative URLs). 404 is a missing address: the server answers with the site's 404.html.
PAGES = {
    "home": "",
    "brief": "2024/germany-arrests-three-maritime-technology-china/",
    "brief-fr": "2024/uk-us-sanction-apt31-fr/",  # a translation: <html lang="fr">, the French theme, the switcher
    "actor": "actors/nancy-faeser/",
    "actor-roles": "actors/antony-blinken/",  # an actor some briefs give a role: its "By role" nav and sections
    "country": "countries/de/",
    "topic": "topics/espionage/",
    "listing": "countries/",  # the world map
    "pair": "pairs/cn-us/",
    "pairs": "pairs/",
    "archive": "archive/",
    "search": "search/?q=Blinken",
    "404": "no-such-page/",
}

SEED_TITLE = "Blinken says the US has seen evidence of Chinese attempts to influence its election"
MARITIME_TITLE = "Germany arrests three people suspected of passing maritime technology to Chinese intelligence"


def _browser_required() -> bool:
    return os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1" or bool(os.environ.get("CI"))


def require_chromium() -> None:
    """Skip the calling test when Chromium is missing, or fail it where the browser is required (CI)."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests"
    if _browser_required():
        pytest.fail(reason + " (required: BRIEFING_REQUIRE_BROWSER=1 or CI is set)", pytrace=False)
    pytest.skip(reason)


class SiteHandler(SimpleHTTPRequestHandler):
    """A static host: files as they are, the site's own 404.html for a missing page, no logging."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_folder(
    folder: Path, *, not_found: Path | None = None, host: type[SiteHandler] = SiteHandler
) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) from a thread; yields the origin, e.g. http://127.0.0.1:8123.

    ``host`` is how requests are answered (benchmarks/reader_bench.py also serves with gzip)."""
    handler = type("Handler", (host,), {"not_found_page": not_found})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Served:
    """The example site over HTTP: `url("actors/")` at the root, `sub_url(...)` under /sub/."""

    build: Build
    origin: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"

    def sub_url(self, path: str = "") -> str:
        return f"{self.origin}/{SUB_PATH}{path}"


@dataclass
class Problems:
    """Console errors, uncaught page errors and failed requests seen by one page."""

    messages: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.messages)


@dataclass
class Tab:
    page: Any
    problems: Problems


def searches_done(page: Any) -> int:
    """How many searches the search page has rendered (the `data-searches` counter on #search)."""
    return int(page.get_attribute("#search", "data-searches") or 0)


def wait_for_search(page: Any, after: int = 0, *, timeout: float = 10_000) -> int | None:
    """Wait until the search page has rendered a search beyond `after`; returns the result count (None: no search)."""
    page.wait_for_function(
        """(after) => {
            const root = document.getElementById("search");
            const list = document.getElementById("search-results");
            return Number(root.getAttribute("data-searches") || 0) > after && !list.hasAttribute("aria-busy");
        }""",
        arg=after,
        timeout=timeout,
    )
    count = page.get_attribute("#search-status", "data-count")
    return None if count is None else int(count)


def result_titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#search-results .brief-item-title").all_text_contents()]


def load_all_results(page: Any) -> None:
    """Press "Load more" until every result is shown."""
    while page.locator("#search-more").is_visible():
        before = searches_done(page)
        page.click("#search-more")
        wait_for_search(page, before)


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
