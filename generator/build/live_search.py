"""Serve's search index, brought up to date in the background after each build, never delaying a reload.

Each `BackgroundSearch.refresh` starts indexing the site's records in a thread, through a short-lived
child process (`search_child`: the index never passes through the serve process), into a folder beside the site, then swaps it in for the site's ``pagefind/`` folder in
one rename, so the preview always serves a whole index: the last one until the new one is ready. A
newer refresh cancels an older one's indexing: an author saving twice waits for one index, not two.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

from ..site import urls
from ..site.index import SiteIndex
from ..site.locale import Locales
from ..site.search_shards import DEFAULT_SIZE, plan_shards
from .processes import give_back_freed_memory
from .search_child import ChildIndexer
from .search_index import SearchIndexError
from .sharded_search import ShardStore, index_shards, shard_records

log = logging.getLogger("mkdocs.plugins.briefing")

CLOSE_WAIT_SECONDS = 10.0  # at most, at shutdown: cancelled indexing stops between two records


class BackgroundSearch:
    def __init__(self, site_dir: Path, *, shard_size: int = DEFAULT_SIZE) -> None:
        self.site_dir = site_dir
        self.shard_size = shard_size
        # The shards indexed so far, by their records' digest: an edit re-indexes only the shard it changes.
        self._shards: ShardStore | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._indexer: ChildIndexer | None = None
        self._thread: threading.Thread | None = None
        self.finished = threading.Event()  # set once the latest refresh's index is in place (or failed)
        self._cancelled = threading.Event()  # set when the latest refresh is cancelled

    def refresh(self, index: SiteIndex, locales: Locales | None = None, *, after: float = 0.0) -> None:
        """Index ``index``'s records in the background, starting ``after`` seconds from now (saves in quick
        succession then start one index, not one each); cancels the indexing of an earlier refresh."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            indexer, self._indexer = self._indexer, None
            self._cancelled.set()  # wakes an earlier refresh still waiting to start
            self._cancelled = threading.Event()
            self.finished.clear()
        if indexer is not None:
            indexer.kill()
        self._thread = threading.Thread(target=self._index, args=(index, locales, generation, after), name="briefing-search",
                                        daemon=True)  # fmt: skip
        self._thread.start()

    def stop(self) -> None:
        """Cancel any indexing (a rebuild is starting: it has the cores to itself; or serve is shutting down)."""
        with self._lock:
            self._generation += 1
            indexer, self._indexer = self._indexer, None
            self._cancelled.set()
        if indexer is not None:
            indexer.kill()

    def close(self) -> None:
        """Serve is shutting down: cancel any indexing and wait (a little) for its thread to remove its folder.

        The thread is a daemon: without the wait, the interpreter's exit would end it before its cleanup."""
        self.stop()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=CLOSE_WAIT_SECONDS)

    def _store(self) -> ShardStore:
        if self._shards is None:
            folder = Path(tempfile.mkdtemp(prefix="briefing-search-shards-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            self._shards = ShardStore(folder)
        return self._shards

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _index(self, index: SiteIndex, locales: Locales | None, generation: int, after: float) -> None:
        with self._lock:
            cancelled = self._cancelled
        if cancelled.wait(after) or not self._current(generation):
            return
        started = time.perf_counter()
        staging = Path(tempfile.mkdtemp(prefix=".briefing-search-", dir=self.site_dir.parent))
        language = index.corpus.lang

        def start(folder: Path) -> ChildIndexer:
            indexer = ChildIndexer(folder, language=language)
            with self._lock:
                self._indexer = indexer
                if generation != self._generation:  # the caller sees it stopped, and kills it
                    self._indexer = None
            return indexer

        try:
            records = index_shards(plan_shards(index.members, self.shard_size),
                                   lambda shard: shard_records(index, shard, locales), staging, start,
                                   language=language, store=self._store(), going_on=lambda: self._current(generation))  # fmt: skip
            with self._lock:
                if generation != self._generation:
                    return
                self._swap_in(staging)
                self._indexer = None
                self.finished.set()
            log.info(f"briefing: search index updated for {records} records in {time.perf_counter() - started:.1f} s")
            give_back_freed_memory()
        except SearchIndexError as exc:
            if self._current(generation):
                log.warning(f"briefing: the preview's search index was not updated: {exc}")
                self.finished.set()
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _swap_in(self, staging: Path) -> None:
        """Replace the site's index folder by ``staging``'s in one rename (the old one removed after)."""
        target = self.site_dir / urls.SEARCH_INDEX.rstrip("/")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".briefing-search-old-", dir=self.site_dir.parent)) / "pagefind"
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old.parent, ignore_errors=True)
