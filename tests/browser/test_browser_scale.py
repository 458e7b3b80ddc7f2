"""The scale check: a synthetic site of BRIEFING_SCALE_BRIEFS briefs (default 20,000; issue 13's shape: briefs of
about 450 words, 600 actors, 40 countries), built with the real `mkdocs build` while its memory is sampled.

Every brief has its page, every actor and country theirs, briefs.json lists every brief, and Pagefind's index
answers a search in Chromium. The build's figures (time, CPU, each process's peak memory and all together, the
output) are printed for CI's log (`pytest -s` shows them): nothing here asserts on time, as CI machines vary;
benchmarks/scale_bench.py is the measuring tool. About 75 s of build at 20,000 briefs on a two-core machine.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from benchmarks.proc_memory import describe, megabytes, run_sampled
from benchmarks.synth import COUNTRIES, MORE_COUNTRIES, SCALE_SHAPE, build_env, write_config, write_site
from tests.browser.support import serve_folder, wait_for_search
from tests.conftest import TEMPLATES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BRIEFS = int(os.environ.get("BRIEFING_SCALE_BRIEFS", "20000"))
TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)
SHARDS = re.compile(r'data-shards="([^"]*)"')
SHARD = re.compile(r"/pagefind/shards/([^/]+)/")
SURNAME = re.compile(r"^Brief \d+ on \S+ (\S+) and ")  # synth's titles: "Brief 6 on Chen Novak and NL"


def title_of(source: Path) -> str:
    found = TITLE.search(source.read_text(encoding="utf-8"))
    assert found, source
    return found.group(1)


def search_count(browser: Any, site: Path, query: str, scope: str = "") -> tuple[int | None, list[str], list[str]]:
    """Search the served site in Chromium like a reader's shared link: the result count, the listed links and the
    search index's shards it fetched from (``scope``: "all" searches every shard, "" the newest).
    ``browser``: the session's (one Playwright a test process: a second would find the first's event loop)."""
    shards: set[str] = set()
    with serve_folder(site, not_found=site / "404.html") as origin:
        page = browser.new_page()
        page.on("request", lambda request: shards.update(SHARD.findall(request.url)))
        try:
            page.goto(f"{origin}/search/?q={query}" + (f"&scope={scope}" if scope else ""))
            count = wait_for_search(page, timeout=120_000)  # a large index loads its first chunks slower
            links = page.eval_on_selector_all("#search-results .brief-item-title", "links => links.map(a => a.href)")
        finally:
            page.close()
    return count, [link.removeprefix(origin + "/") for link in links], sorted(shards)


def test_a_large_site_builds_complete_and_searchable(tmp_path: Path, browser: Any):
    # `browser` needs Chromium before the long build: skipped without it here, failed in CI.
    docs = write_site(tmp_path, BRIEFS, **SCALE_SHAPE)
    write_config(tmp_path, TEMPLATES, plugin=True, search=True)
    site = tmp_path / "site"
    run = run_sampled([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=tmp_path,
                      env=build_env(), timeout=3600)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]

    files = [path for path in site.rglob("*") if path.is_file()]
    print(f"\nscale check: {BRIEFS:,} briefs built in {run.wall:.1f} s ({run.wall / BRIEFS * 1000:.2f} ms a brief), "
          f"CPU {run.cpu:.1f} s; output {megabytes(sum(p.stat().st_size for p in files))} in {len(files):,} files")  # fmt: skip
    print("\n".join(f"  {line}" for line in describe(run.memory)))

    # Every brief has its page, and nothing else sits in the year folders.
    sources = sorted(docs.glob("20*/brief-*.md"))
    assert len(sources) == BRIEFS
    pages = sorted(site.glob("20*/*/index.html"))
    assert len(pages) == BRIEFS
    assert {(p.parent.parent.name, p.parent.name) for p in pages} == {(s.parent.name, s.stem) for s in sources}
    for source in sources[:: max(1, BRIEFS // 5)]:
        html = (site / source.parent.name / source.stem / "index.html").read_text(encoding="utf-8")
        title = title_of(source)
        assert f'<h1 class="brief-title">{title}</h1>' in html, source
        assert f"<title>{title} · Synthetic briefs</title>" in html, source

    actors = sorted((docs / "actors").glob("*.md"))
    assert len(actors) == SCALE_SHAPE["actors"]
    assert all((site / "actors" / actor.stem / "index.html").is_file() for actor in actors)
    codes = (COUNTRIES + MORE_COUNTRIES)[: SCALE_SHAPE["countries"]]
    assert all((site / "countries" / code.lower() / "index.html").is_file() for code in codes)

    records = json.loads((site / "briefs.json").read_text(encoding="utf-8"))
    assert len(records) == BRIEFS
    assert {record["url"] for record in records} == {f"{s.parent.name}/{s.stem}/" for s in sources}

    # Search: the surname most titles name; Pagefind finds at least the briefs with it in their title.
    surnames = Counter(m.group(1) for s in sources if (m := SURNAME.match(title_of(s))))
    surname, titled = surnames.most_common(1)[0]
    # The index in shards (`search_shards`): a first search reads the newest alone, "all" every one.
    listed = json.loads(unescape(SHARDS.search((site / "search" / "index.html").read_text()).group(1)))  # type: ignore[union-attr]
    older = sorted(path.name for path in (site / "pagefind" / "shards").iterdir())
    assert sorted(shard["path"] for shard in listed[1:]) == sorted(f"pagefind/shards/{name}/" for name in older)
    assert sum(shard["briefs"] for shard in listed) == BRIEFS and len(older) >= 1
    recent, _, fetched = search_count(browser, site, surname)
    assert fetched == [], "a first search fetches nothing of the older shards"
    count, links, fetched = search_count(browser, site, surname, scope="all")
    print(f"  search '{surname}': {count} results in {len(older) + 1} shards, {recent} in the newest "
          f"({titled} briefs name it in their title)")  # fmt: skip
    assert fetched == older
    assert count is not None and recent is not None and count >= titled and count > recent
    assert links, "the first results are listed"
    assert all((site / link.split("#")[0] / "index.html").is_file() for link in links), links
