"""What does a reader download? Build N synthetic briefs with our plugin and Pagefind, serve the site, and count
every byte Chromium fetches for the home page, a brief page, and a first search with one filter.

    python benchmarks/reader_bench.py [N] [--site DIR] [--query WORD] [--country NAME]

N defaults to 10000 (try 1000 first). --site DIR keeps the built site in DIR and reuses it when it is already
there (the build is the slow part). Figures are the sizes of the response bodies as sent (Playwright's
request.sizes(), i.e. what went over the wire), for every request the page and Pagefind's web worker made, measured
twice: served as-is (python -m http.server: no compression; Pagefind's index files are gzipped by Pagefind itself)
and served with gzip for text files, as most static hosts do.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the repository, for the browser tests' settings
from synth import scratch_dir, write_config, write_site

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, SiteHandler, serve_folder

REPO = Path(__file__).resolve().parent.parent
TARGET_KB = 300
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")


# ---- the site ------------------------------------------------------------------------------------
def inputs_stamp(size: int) -> str:
    """What the built site depends on: the size, the theme, the generator and the synthesiser."""
    digest = hashlib.sha256(str(size).encode())
    for folder in ("templates", "generator"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(REPO).as_posix().encode() + path.read_bytes())
    digest.update((Path(__file__).parent / "synth.py").read_bytes())
    return digest.hexdigest()


def build_site(size: int, root: Path) -> Path:
    site = root / "site"
    stamp = inputs_stamp(size)
    stamp_file = root / ".inputs"
    if (site / "pagefind" / "pagefind.js").is_file() and stamp_file.is_file() and stamp_file.read_text() == stamp:
        print(f"reusing the {size}-brief site in {site} (same templates, generator and size)")
        return site
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    print(f"writing {size} synthetic briefs ...", flush=True)
    write_site(root, size)
    config = write_config(root, REPO / "templates", plugin=True, search=True)
    print("building with the plugin and Pagefind ...", flush=True)
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                               capture_output=True, text=True, cwd=root)  # fmt: skip
    if completed.returncode != 0:
        raise SystemExit(f"build failed:\n{completed.stderr[-3000:]}")
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    stamp_file.write_text(stamp)
    return site


# ---- serving -------------------------------------------------------------------------------------
class GzipHandler(SiteHandler):
    """Text files gzipped on the fly (level 6, cached), like a typical static host; everything else as-is."""

    cache: dict[str, bytes] = {}  # noqa: RUF012 - shared by the server's threads

    def send_head(self) -> Any:
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# ---- measuring -----------------------------------------------------------------------------------
@dataclass
class Tally:
    requests: list[Any] = field(default_factory=list)

    def measure(self) -> list[tuple[str, int]]:
        out = []
        for request in self.requests:
            response = request.response()
            if response is None:
                out.append((request.url, 0))
                continue
            # The body as sent. Chromium reports 0 for a worker's own script: fall back on Content-Length.
            size = request.sizes()["responseBodySize"]
            length = response.all_headers().get("content-length", "")
            if size <= 0 and length.isdigit():
                size = int(length)
            out.append((request.url, max(size, 0)))
        return out


def watch(context: Any) -> Tally:
    """Every request of the context: its pages and their workers (Pagefind searches in a web worker)."""
    tally = Tally()
    context.on("requestfinished", lambda request: tally.requests.append(request))
    return tally


def wait_for_search(page: Any, after: int = 0) -> None:
    page.wait_for_function(
        """(after) => Number(document.getElementById("search").getAttribute("data-searches") || 0) > after
                      && !document.getElementById("search-results").hasAttribute("aria-busy")""",
        arg=after,
        timeout=120_000,
    )


@dataclass
class Row:
    name: str
    total_requests: int
    total_kb: float  # everything, the page and its assets included
    search_requests: int = 0
    search_kb: float = 0.0  # beyond the page: Pagefind's files, and anything after the page settled
    detail: dict[str, float] = field(default_factory=dict)


def pagefind_kind(url: str) -> str:
    path = url.split("/pagefind/", 1)[1].split("?", 1)[0]
    if "/" in path:
        return path.split("/")[0]  # index, filter, fragment
    return "metadata" if path.endswith(".pf_meta") else path


def summarise(name: str, measured: list[tuple[str, int]], settled_at: int | None = None) -> Row:
    search = [(u, s) for i, (u, s) in enumerate(measured)
              if "/pagefind/" in u or (settled_at is not None and i >= settled_at)]  # fmt: skip
    detail: dict[str, float] = {}
    for url, size in search:
        kind = pagefind_kind(url) if "/pagefind/" in url else "other"
        detail[kind] = detail.get(kind, 0) + size / 1024
    return Row(name, len(measured), sum(s for _, s in measured) / 1024, len(search),
               sum(s for _, s in search) / 1024, detail)  # fmt: skip


def searches_done(page: Any) -> int:
    return int(page.get_attribute("#search", "data-searches") or 0)


def measure_site(base: str, brief_path: str, queries: list[str], country: str) -> dict[str, Row]:
    from playwright.sync_api import sync_playwright

    rows: dict[str, Row] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def fresh() -> tuple[Any, Any, Tally]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})  # a cold cache each time
            return context, context.new_page(), watch(context)

        def visit(name: str, view: dict[str, str]) -> str | None:
            """Open a search view from its URL with a cold cache; record what it fetched; its result count."""
            context, page, tally = fresh()
            page.goto(f"{base}/search/?{urlencode(view)}", wait_until="networkidle")
            wait_for_search(page)
            page.wait_for_load_state("networkidle")
            rows[name] = summarise(name, tally.measure())
            count = page.get_attribute("#search-status", "data-count")
            context.close()
            return count

        for name, path in (("home page", ""), ("brief page", brief_path), ("search page (no query)", "search/")):
            context, page, tally = fresh()
            page.goto(f"{base}/{path}", wait_until="networkidle")
            rows[name] = summarise(name, tally.measure())
            context.close()

        for query in queries:
            # By hand: open the search page, type the query, open the country facet and tick the country.
            name = f"'{query}' typed, {country} ticked"
            context, page, tally = fresh()
            page.goto(f"{base}/search/", wait_until="networkidle")
            wait_for_search(page)
            settled_at = len(tally.requests)
            done = searches_done(page)
            page.fill("#search-input", query)
            wait_for_search(page, done)
            page.click('details[data-facet="country"] summary')  # the country list loads when opened
            page.wait_for_selector('details[data-facet="country"][data-loaded]', state="attached")
            box = page.locator(f'#search-facets input[name="country"][value="{country}"]')
            if not box.is_visible() and page.is_visible('details[data-facet="country"] .search-show-all'):
                page.click('details[data-facet="country"] .search-show-all')
            if not box.is_visible():
                print(f"  ('{query}': no results in {country}; skipped)", flush=True)
                context.close()
                continue
            done = searches_done(page)
            box.click()
            wait_for_search(page, done)
            page.wait_for_load_state("networkidle")
            rows[name] = summarise(name, tally.measure(), settled_at)
            count = page.get_attribute("#search-status", "data-count")
            context.close()

            # The same view straight from its URL (a shared link).
            from_url = visit(f"'{query}' + {country}, from the URL", {"q": query, "country": country})
            assert from_url == count, "the URL gives the same results"
            print(f"  ('{query}' + country {country}: {count} results)", flush=True)

        # Facets without a query: Pagefind 1.5 fetches every index chunk for a search without words.
        visit(f"{country} only, no query (URL)", {"country": country})
        browser.close()
    return rows


SERVINGS: dict[str, type[SiteHandler]] = {"served as-is (no compression)": SiteHandler, "served with gzip": GzipHandler}


def measure_built_site(site: Path, queries: list[str], country: str,
                       servings: dict[str, type[SiteHandler]] = SERVINGS) -> dict[str, dict[str, Row]]:  # fmt: skip
    """Serve an already-built synthetic site each way of ``servings`` and measure what Chromium fetches from it.

    benchmarks/scale_bench.py calls it on the sites it builds."""
    brief = next(p for p in sorted(site.glob("20*/brief-*/index.html")))
    brief_path = brief.parent.relative_to(site).as_posix() + "/"
    results = {}
    for label, handler in servings.items():
        with serve_folder(site, host=handler) as base:
            results[label] = measure_site(base, brief_path, queries, country)
    return results


def first_search(rows: dict[str, Row], query: str, country: str) -> Row | None:
    """The row of the first search: ``query`` typed, then one filter ticked (None: no result in ``country``)."""
    return rows.get(f"'{query}' typed, {country} ticked")


def print_table(title: str, rows: dict[str, Row]) -> None:
    print(f"\n{title}")
    print(f"  {'':40} {'requests':>8} {'total KB':>9} {'search KB':>10}  search KB by file kind")
    for row in rows.values():
        search = f"{row.search_kb:10.1f}" if row.search_requests else ""
        parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(row.detail.items(), key=lambda kv: -kv[1]) if v >= 0.5)
        print(f"  {row.name:40} {row.total_requests:>8} {row.total_kb:>9.1f} {search:>10}  {parts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("briefs", nargs="?", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="build into (and reuse) this folder")
    parser.add_argument("--query", default="minister,Fischer",
                        help="comma-separated queries (default: a word in nearly every brief, and a surname)")  # fmt: skip
    parser.add_argument("--country", default="Germany", help="a country filter value (an English name)")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    queries = [q.strip() for q in args.query.split(",") if q.strip()]

    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        root = args.site or Path(tmp) / "bench"
        site = build_site(args.briefs, root)
        pagefind_mb = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 2**20
        fragments = len(list((site / "pagefind" / "fragment").iterdir()))
        print(f"site: {args.briefs} briefs, pagefind/ holds {pagefind_mb:.1f} MB ({fragments} fragments)")

        results = measure_built_site(site, queries, args.country)
        for label, rows in results.items():
            print_table(f"{args.briefs} briefs, {label}", rows)
        print("\n'search KB': Pagefind's files, plus anything fetched after the search page had loaded.")
        for label, rows in results.items():
            for query in queries:
                typed = first_search(rows, query, args.country)
                if typed is None:
                    continue
                verdict = "ok" if typed.search_kb < TARGET_KB else "OVER"
                print(f"first search query with one filter: {typed.search_kb:.0f} KB (target < {TARGET_KB} KB) [{verdict}]"
                      f"  ('{query}' + {args.country}, {label}; {typed.total_kb:.0f} KB with the search page)")  # fmt: skip


if __name__ == "__main__":
    main()
