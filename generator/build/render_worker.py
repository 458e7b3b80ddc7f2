"""Render part of the briefs' Markdown in a forked process, while MkDocs renders the rest.

Markdown conversion is most of a build's time, and MkDocs does it one page after another on one
core. Before MkDocs starts, the plugin forks a worker that renders the last part of the brief
pages (see `worker_share`) exactly as MkDocs would (the same `Page.render`, the same extensions
and plugin hooks) and streams the results back; when MkDocs reaches those pages it takes the worker's HTML instead of
converting the Markdown again. Log messages the worker's rendering emits (broken links, say) are
replayed in the parent, so `--strict` still counts them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any, Protocol

WAIT_SECONDS = 600
# Pages per message: MkDocs reaches the worker's pages long after it has rendered them, so batching
# costs no waiting and saves a wake-up of the receiving thread per page.
BATCH = 32


def worker_share(*, search: bool) -> float:
    """The part of the briefs the worker renders: half, when the second core has nothing else to do.

    With search on, Pagefind's indexer needs most of the second core for as long as MkDocs renders
    (about 10 CPU-seconds at 10,000 briefs); at a quarter both cores finish together. (Measured by
    alternating builds of a 10,000-brief synthetic site: with half, builds took about 10% longer.)"""
    return 0.25 if search else 0.5


@dataclass
class Rendered:
    html: str
    toc: Any
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target src_uri -> {anchor: original link}
    log_records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)


class Source(Protocol):
    """A page to render, known by the path of its source (MkDocs' File is one)."""

    @property
    def src_uri(self) -> str: ...


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


class RenderWorker:
    """Renders ``files`` in a forked child with ``render`` and hands each result over once."""

    def __init__(self, context: BaseContext, files: Sequence[Source], render: Callable[[Any], Rendered]) -> None:
        self.src_uris = {f.src_uri for f in files}
        self._results: dict[str, Rendered | None] = {}
        self._arrived = threading.Condition()
        self._finished = False
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(  # type: ignore[attr-defined]
            target=_render_all, args=(files, render, sender), name="briefing-render", daemon=True
        )
        self._process.start()
        sender.close()
        self._reader = threading.Thread(
            target=self._receive, args=(receiver,), name="briefing-render-results", daemon=True
        )
        self._reader.start()

    def _receive(self, receiver: Connection) -> None:
        try:
            while True:
                batch = receiver.recv()
                with self._arrived:
                    self._results.update(batch)
                    self._arrived.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            with self._arrived:
                self._finished = True
                self._arrived.notify_all()

    def take(self, src_uri: str) -> Rendered | None:
        """The worker's rendering of a page, or None if it could not render it (the caller renders it then)."""
        with self._arrived:
            self._arrived.wait_for(lambda: src_uri in self._results or self._finished, timeout=WAIT_SECONDS)
            return self._results.pop(src_uri, None)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _render_all(files: Sequence[Source], render: Callable[[Any], Rendered], sender: Connection) -> None:
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    # The parent prints and counts log messages; the child only collects them, per page.
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(collect)
    batch: list[tuple[str, Rendered | None]] = []
    try:
        for file in files:
            collect.records = []
            try:
                rendered = render(file)
            except Exception:
                batch.append((file.src_uri, None))
            else:
                rendered.log_records = collect.records
                batch.append((file.src_uri, rendered))
            if len(batch) == BATCH:
                sender.send(batch)
                batch = []
        if batch:
            sender.send(batch)
    finally:
        sender.close()


def replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
