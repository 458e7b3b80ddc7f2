"""Work the rendered pages don't need, done beside the render: in a forked process where possible.

The data files (feeds, briefs.json, briefs.csv), the search index and the mention warnings only
need the loaded site, not MkDocs. Forked, a child starts with the whole site in memory and does
them on the second core while MkDocs renders on the first; the parent collects the warnings and a
count at the end. Where forking is not allowed (see `processes`, which starts and collects the
job), the same work runs in this process: the data files and warnings at once, and Pagefind still
indexes in its own process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path

from ..base.diagnostics import Diagnostic
from ..corpus.loader import LoadResult, mention_diagnostics
from ..site import urls
from ..site.index import SiteIndex
from ..site.locale import Locales
from ..site.plan import DataFile, plan_data_files
from ..site.search_shards import DEFAULT_SIZE, plan_shards
from .search_index import IndexingInto, SearchIndexError
from .sharded_search import ShardStore, index_shards, shard_records
from .written import OutsideFolder, write_under

TIMEOUT_SECONDS = 1800


class BackgroundError(Exception):
    pass


@dataclass(frozen=True)
class Work:
    result: LoadResult
    index: SiteIndex
    site_dir: Path
    site_name: str
    site_url: str
    feed_entries: int
    search: bool
    check_mentions: bool
    # The theme's words for the search records (a forked child inherits them; nothing is pickled). None: English.
    locales: Locales | None = None
    shard_size: int = DEFAULT_SIZE  # briefs a search shard holds (`search_shards`)
    shard_store: Path | None = None  # indexed shards kept between builds (in `cache_dir`); None: none kept


@dataclass(frozen=True)
class Outcome:
    records_indexed: int | None  # None: no search index asked for
    diagnostics: list[Diagnostic]


class Job:
    def wait(self) -> Outcome:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError


def write_data_files(site_dir: Path, files: Iterable[DataFile]) -> None:
    """Write each file under ``site_dir`` (`written`: at 10,000 briefs, ten thousand permanent-link pages, written
    beside Pagefind on the second core)."""
    try:
        write_under(site_dir, ((data.path, data.content.encode("utf-8")) for data in files))
    except OutsideFolder as exc:
        raise BackgroundError(f"refusing to write {exc} outside the site folder") from None


class _Steps:
    """The work itself, the same in a child or in this process: the search index's shards one after another in a
    thread (each in its own Pagefind process, so at most one holds memory), the data files meanwhile."""

    def __init__(self, work: Work) -> None:
        self.work = work
        self._indexed: int | None = None
        self._failure: BaseException | None = None
        self._stopping = threading.Event()
        self._search: threading.Thread | None = None
        if work.search:
            self._search = threading.Thread(target=self._index, name="briefing-search-shards", daemon=True)
            self._search.start()
        write_data_files(work.site_dir, plan_data_files(work.index, site_name=work.site_name, site_url=work.site_url,
                                                        feed_entries=work.feed_entries))  # fmt: skip
        self.diagnostics = mention_diagnostics(work.result) if work.check_mentions else []

    def _index(self) -> None:
        work = self.work
        language = work.index.corpus.lang
        try:
            self._indexed = index_shards(
                plan_shards(work.index.members, work.shard_size),
                lambda shard: shard_records(work.index, shard, work.locales, remember=False),
                work.site_dir / urls.SEARCH_INDEX,
                lambda folder: IndexingInto(folder, language=language),
                language=language,
                store=ShardStore(work.shard_store) if work.shard_store is not None else None,
                going_on=lambda: not self._stopping.is_set(),
            )
        except BaseException as exc:  # handed to `finish`, in the thread that reports
            self._failure = exc

    def finish(self) -> Outcome:
        if self._search is not None:
            self._search.join()
            if self._failure is not None:
                raise self._failure
        return Outcome(self._indexed, self.diagnostics)

    def cancel(self) -> None:
        self._stopping.set()


class InProcessJob(Job):
    def __init__(self, work: Work) -> None:
        try:
            self._steps = _Steps(work)
        except (SearchIndexError, OSError) as exc:
            raise BackgroundError(str(exc)) from exc

    def wait(self) -> Outcome:
        try:
            return self._steps.finish()
        except (SearchIndexError, OSError) as exc:
            raise BackgroundError(str(exc)) from exc

    def cancel(self) -> None:
        self._steps.cancel()


class ForkedJob(Job):
    def __init__(self, context: BaseContext, work: Work) -> None:
        self._status, child_end = context.Pipe(duplex=False)
        self._process = context.Process(  # type: ignore[attr-defined]
            target=_run_in_child, args=(work, child_end), name="briefing-background", daemon=True
        )
        self._process.start()
        child_end.close()

    def wait(self) -> Outcome:
        try:
            if not self._status.poll(TIMEOUT_SECONDS):
                raise BackgroundError(f"the data files and search index took over {TIMEOUT_SECONDS // 60} minutes")
            kind, value = self._status.recv()
        except EOFError:
            raise BackgroundError("the process writing the data files and search index stopped unexpectedly") from None
        finally:
            self._process.join(timeout=10)
            self.cancel()
        if kind != "ok":
            raise BackgroundError(str(value))
        assert isinstance(value, Outcome)  # noqa: S101 - sent by _run_in_child
        return value

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()  # its Pagefind process ends too: its input closes
            self._process.join()


def _run_in_child(work: Work, status: Connection) -> None:
    try:
        status.send(("ok", _Steps(work).finish()))
    except Exception as exc:
        status.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        status.close()
