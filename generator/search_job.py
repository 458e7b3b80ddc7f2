"""Build the search index beside the render: in a forked process where possible.

Making the records (the text of every brief) and talking to Pagefind cost the main process
time it would rather spend rendering. Forked, the child starts with the whole site index in
memory, builds the records and drives Pagefind on the second core; the parent only collects
a status line at the end. Where forking is not safe (``mkdocs serve``), the same work runs in
this process, Pagefind still indexing in its own.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path

from .index import SiteIndex
from .parallel import fork_context
from .search_index import SearchIndexer, SearchIndexError
from .search_records import search_records

TIMEOUT_SECONDS = 1800


class SearchJob:
    """Started by `start_search_job`; `wait` returns the number of records indexed or raises SearchIndexError."""

    def wait(self) -> int:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError


def start_search_job(index: SiteIndex, output_path: Path) -> SearchJob:
    context = fork_context()
    return (
        ForkedSearchJob(context, index, output_path) if context is not None else InProcessSearchJob(index, output_path)
    )


def _queue_everything(index: SiteIndex, output_path: Path) -> SearchIndexer:
    indexer = SearchIndexer(language="en")
    for record in search_records(index):
        indexer.add_record(record)
    indexer.start_writing(output_path)
    return indexer


class InProcessSearchJob(SearchJob):
    def __init__(self, index: SiteIndex, output_path: Path) -> None:
        self._indexer = _queue_everything(index, output_path)

    def wait(self) -> int:
        return self._indexer.finish()

    def cancel(self) -> None:
        self._indexer.close()


class ForkedSearchJob(SearchJob):
    def __init__(self, context: BaseContext, index: SiteIndex, output_path: Path) -> None:
        self._status, child_end = context.Pipe(duplex=False)
        self._process = context.Process(  # type: ignore[attr-defined]
            target=_run_in_child, args=(index, output_path, child_end), name="briefing-search", daemon=True
        )
        self._process.start()
        child_end.close()

    def wait(self) -> int:
        try:
            if not self._status.poll(TIMEOUT_SECONDS):
                raise SearchIndexError(f"the search index was not written within {TIMEOUT_SECONDS // 60} minutes")
            outcome, value = self._status.recv()
        except EOFError:
            raise SearchIndexError("the process building the search index stopped unexpectedly") from None
        finally:
            self._process.join(timeout=10)
            self.cancel()
        if outcome != "ok":
            raise SearchIndexError(str(value))
        return int(value)

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()  # the child's Pagefind process ends with it: its stdin closes
            self._process.join()


def _run_in_child(index: SiteIndex, output_path: Path, status: Connection) -> None:
    try:
        status.send(("ok", _queue_everything(index, output_path).finish()))
    except Exception as exc:
        status.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        status.close()
