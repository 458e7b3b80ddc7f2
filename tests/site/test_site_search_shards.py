"""The search index in shards (`search_shards`, `sharded_search`): real builds with real Pagefind."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

from generator.base.model import Brief
from generator.site.search_shards import plan_shards
from tests.conftest import Build, brief_text
from tests.site.test_site_live_search import _indexed_text


def _brief(day: int, path: str = "") -> Brief:
    date = dt.date(2020, 1, 1) + dt.timedelta(days=day)
    return Brief(path=path or f"{date.year}/b{day:04}.md", slug=f"b{day:04}", title="T", date=date, summary="S",
                 actors=(), countries=(), topics=())  # fmt: skip


def test_shards_are_cut_from_the_oldest_and_the_newest_keeps_the_rest() -> None:
    briefs = [_brief(day) for day in range(23)]
    shards = plan_shards(list(reversed(briefs)), size=6)
    assert [len(s.briefs) for s in shards] == [5, 6, 6, 6]  # newest first: 23 - 3 * 6 (more than 9 would be cut)
    assert [s.folder for s in shards] == ["pagefind/", "pagefind/shards/3/", "pagefind/shards/2/", "pagefind/shards/1/"]
    assert [s.newest for s in shards] == [True, False, False, False]
    assert shards[-1].briefs[0] is briefs[0] and shards[0].briefs[-1] is briefs[-1]
    # Contiguous, never overlapping: a search sorted by date reads the shards one after another.
    for newer, older in itertools.pairwise(shards):
        assert older.briefs[-1].date <= newer.briefs[0].date


def test_older_shards_keep_their_briefs_as_the_site_grows() -> None:
    briefs = [_brief(day) for day in range(40)]
    before = {s.folder: s.briefs for s in plan_shards(briefs[:30], size=6)}
    after = {s.folder: s.briefs for s in plan_shards(briefs, size=6)}
    for folder, kept in before.items():
        if folder != "pagefind/":
            assert after[folder] == kept


def test_a_small_site_has_one_shard_without_briefs_or_with_all() -> None:
    assert [len(s.briefs) for s in plan_shards([], size=6)] == [0]
    assert [len(s.briefs) for s in plan_shards([_brief(d) for d in range(9)], size=6)] == [9]
    info = plan_shards([_brief(d) for d in range(400, 403)], size=6)[0].info
    assert (info.first, info.last, info.briefs, info.years) == ("2021-02-04", "2021-02-06", 3, (("2021", 3),))


def _briefs(count: int) -> dict[str, str]:
    return {
        f"2024/brief-{n:02}.md": brief_text(
            title=f"Brief {n:02}", date=f"2024-01-{1 + n:02}", body=f"Word{n:02}x here."
        )
        for n in range(count)
    }


def _shards_on_page(site: Path) -> list[dict[str, object]]:
    page = (site / "search" / "index.html").read_text()
    found = re.search(r'data-shards="([^"]*)"', page)
    assert found, "the search page lists its index's shards"
    return json.loads(html.unescape(found.group(1)))


def test_a_build_writes_each_shard_as_its_own_pagefind_bundle(fixture_site: Callable[..., Build]) -> None:
    build = fixture_site(_briefs(11), options="search: true\nsearch_shard_briefs: 4")
    assert build.returncode == 0, build.output
    shards = _shards_on_page(build.site)
    assert [(s["path"], s["briefs"]) for s in shards] == [("pagefind/", 3), ("pagefind/shards/2/", 4),
                                                          ("pagefind/shards/1/", 4)]  # fmt: skip
    assert shards[-1]["from"] == "2024-01-01" and shards[0]["to"] == "2024-01-11"
    assert shards[0]["years"] == {"2024": 3}
    texts = {s["path"]: _indexed_text(build.site / str(s["path"])) for s in shards}
    for path, text in texts.items():
        assert (build.site / str(path) / "pagefind-entry.json").is_file()
        found = sorted(set(re.findall(r"Word(\d\d)x", text)))
        expected = {"pagefind/": ["08", "09", "10"], "pagefind/shards/2/": ["04", "05", "06", "07"],
                    "pagefind/shards/1/": ["00", "01", "02", "03"]}[str(path)]  # fmt: skip
        assert found == expected, path
    # The actors and countries are found in the newest shard, once.
    assert "Secretary of State" in texts["pagefind/"]
    assert not any("Secretary of State" in texts[p] for p in texts if p != "pagefind/")
    assert "search index written for 16 briefs, actors and countries" in build.output  # 11 + 3 actors + 2 countries


def test_a_site_of_one_shard_keeps_its_index_where_it_was(fixture_site: Callable[..., Build]) -> None:
    build = fixture_site(_briefs(3), options="search: true")
    assert build.returncode == 0, build.output
    assert [s["path"] for s in _shards_on_page(build.site)] == ["pagefind/"]
    assert not (build.site / "pagefind" / "shards").exists()
    assert "Word02x" in _indexed_text(build.site / "pagefind")


def test_the_shard_size_must_be_a_whole_number_of_at_least_one(fixture_site: Callable[..., Build]) -> None:
    build = fixture_site(_briefs(1), options="search_shard_briefs: 0")
    assert build.returncode != 0
    assert "search_shard_briefs" in build.output and "must be at least 1, got 0" in build.output
    assert "Traceback" not in build.output


def test_a_cached_build_reuses_the_shards_it_can(tmp_path: Path, fixture_site: Callable[..., Build]) -> None:
    cache = tmp_path / "cache"
    options = f"search: true\nsearch_shard_briefs: 4\ncache_dir: {cache}"
    briefs = _briefs(11)
    first = fixture_site(briefs, options=options)
    assert first.returncode == 0, first.output
    store = cache / "search"
    kept = {entry.name for entry in store.iterdir()}
    assert len(kept) == 3
    inode = {p: (first.site / p / "pagefind-entry.json").stat().st_ino for p in ("pagefind/shards/1/", "pagefind/")}

    briefs["2024/brief-10.md"] = briefs["2024/brief-10.md"].replace("x here.", "x now says Word99x.")
    second = fixture_site(briefs, options=options)
    assert second.returncode == 0, second.output
    now = {entry.name for entry in store.iterdir()}
    assert len(now) == 3 and len(now & kept) == 2  # the newest shard indexed again, the older two kept
    assert (second.site / "pagefind/shards/1/pagefind-entry.json").stat().st_ino == inode["pagefind/shards/1/"]
    assert "Word99x" in _indexed_text(second.site / "pagefind")
    assert "Word00x" in _indexed_text(second.site / "pagefind/shards/1")
