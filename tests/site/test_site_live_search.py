"""Serve's search index: made by a short-lived child process (real Pagefind), swapped in whole."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.build.live_search import BackgroundSearch
from generator.build.search_child import ChildIndexer
from generator.build.search_index import SearchIndexError
from generator.cli.site_config import read_site_settings
from generator.corpus.loader import load
from generator.site.index import SiteIndex
from generator.site.search_records import SearchRecord
from tests.conftest import REPO


def _record(slug: str, words: str) -> SearchRecord:
    return SearchRecord(url=f"/{slug}/", content=words, meta={"title": slug.title()}, filters={"type": ["Brief"]})


def _indexed_text(index_folder: Path) -> str:
    """Every fragment's JSON (Pagefind gzips each, after a marker), as one string."""
    texts = []
    for fragment in sorted((index_folder / "fragment").iterdir()):
        texts.append(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd").decode())
    return "\n".join(texts)


def test_the_child_writes_the_index_and_counts_the_records(tmp_path: Path) -> None:
    indexer = ChildIndexer(tmp_path / "pagefind")
    for slug, words in [("alpha", "Blinken met Xi in Beijing."), ("beta", "Élysée talks: « café » – ünïcode.")]:
        indexer.add_record(_record(slug, words))
    assert indexer.finish() == 2
    assert json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())["languages"]
    text = _indexed_text(tmp_path / "pagefind")
    assert "Blinken met Xi" in text and "« café »" in text


def test_a_killed_child_writes_nothing(tmp_path: Path) -> None:
    indexer = ChildIndexer(tmp_path / "pagefind")
    indexer.add_record(_record("alpha", "words"))
    indexer.kill()
    assert not (tmp_path / "pagefind").exists()


def test_a_child_that_cannot_write_says_why(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the index's folder would go")
    indexer = ChildIndexer(tmp_path / "taken")
    indexer.add_record(_record("alpha", "words"))
    with pytest.raises(SearchIndexError, match="taken"):
        indexer.finish()


@pytest.fixture(scope="module")
def example_index() -> SiteIndex:
    settings = read_site_settings(REPO / "mkdocs.yml")
    return SiteIndex.build(load(settings.docs_dir, settings.core, excluded=settings.exclude_docs).corpus)


def test_the_latest_refresh_is_swapped_in_whole(tmp_path: Path, example_index: SiteIndex) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "stale.txt").write_text("the last index")
    search = BackgroundSearch(site)
    search.refresh(example_index, after=5)  # cancelled by the next refresh before it starts
    search.refresh(example_index)
    assert search.finished.wait(60)
    assert not (site / "pagefind" / "stale.txt").exists()
    assert "Blinken" in _indexed_text(site / "pagefind")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # no staging folder left behind
    search.stop()


def test_serve_indexes_again_only_the_shards_whose_records_changed(tmp_path: Path, example_index: SiteIndex) -> None:
    site = tmp_path / "site"
    site.mkdir()
    search = BackgroundSearch(site, shard_size=4)
    search.refresh(example_index)
    assert search.finished.wait(120)
    shards = sorted((site / "pagefind" / "shards").iterdir())
    assert len(shards) >= 2 and "Blinken" in _indexed_text(site / "pagefind")
    entries = [site / "pagefind" / "pagefind-entry.json", *(shard / "pagefind-entry.json" for shard in shards)]
    first = [entry.stat().st_ino for entry in entries]

    search.refresh(example_index)  # the same records: every shard's files come from the store, none indexed again
    assert search.finished.wait(120)
    assert [entry.stat().st_ino for entry in entries] == first
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    search.stop()
