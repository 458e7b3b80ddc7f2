"""Render part of the briefs' Markdown in a forked process, while MkDocs renders the rest.

Markdown conversion is most of a build's time, and MkDocs does it one page after another on one
core. `RenderWorker` forks a child that renders the last part of the brief pages (see
`worker_share`) with a callable the adapter hands it (MkDocs' own page rendering, with the same
extensions and plugin hooks), and streams the results back; when MkDocs reaches those pages the
parent takes the worker's HTML instead of converting the Markdown again. Log records the worker's
rendering emits (broken links, say) travel with the page and are replayed in the parent, whole
(arguments, exception text), so handlers format them as usual and `--strict` still counts them.

When it starts and stops, and how the child knows it is the worker: see `processes`.
"""

from __future__ import annotations

import logging
import pickle
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


LogFields = dict[str, Any]  # a LogRecord's attributes, as `logging.makeLogRecord` takes them


@dataclass
class Rendered:
    html: str
    toc: Any
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target src_uri -> {anchor: original link}
    log_records: list[LogFields] = field(default_factory=list)


class Source(Protocol):
    """A page to render, known by the path of its source (MkDocs' File is one)."""

    @property
    def src_uri(self) -> str: ...


def portable(record: logging.LogRecord) -> LogFields:
    """A record's attributes, fit to cross the pipe: the traceback as text, the arguments kept when they pickle."""
    fields = dict(record.__dict__)
    if record.exc_info:
        fields["exc_text"] = record.exc_text or logging.Formatter().formatException(record.exc_info)
    fields["exc_info"] = None  # a traceback does not pickle; its text does
    fields["msg"] = str(record.msg)  # what getMessage() formats the arguments into
    if not _pickles(fields):  # an argument or extra attribute that does not pickle
        fields["msg"], fields["args"] = record.getMessage(), None  # the message as the handlers would show it
        fields = {key: value for key, value in fields.items() if _pickles(value)}
    return fields


def _pickles(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def replay(records: list[LogFields]) -> None:
    """Log, in this process, what the worker logged while it rendered a page: the same records, to the same loggers."""
    for fields in records:
        record = logging.makeLogRecord(fields)
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


class RecordCollector(logging.Handler):
    """Keeps what is logged while a page renders (INFO and up), to be replayed with the page's HTML."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[LogFields] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(portable(record))


class RenderWorker:
    """Renders ``files`` in a forked child with ``render`` and hands each result over once.

    ``become_worker`` runs first thing in the child: it tells the caller's objects (copied by the
    fork) that they are now the worker's, so they render rather than wait for the worker.
    """

    def __init__(self, context: BaseContext, files: Sequence[Source], render: Callable[[Any], Rendered],
                 become_worker: Callable[[], None]) -> None:  # fmt: skip
        self.src_uris = {f.src_uri for f in files}
        self._results: dict[str, Rendered | None] = {}
        self._arrived = threading.Condition()
        self._finished = False
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(become_worker, files, render, sender), name="briefing-render", daemon=True
        )
        self.process.start()
        sender.close()
        # Only now, after the fork: a child forked while this thread ran would inherit its held locks.
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
        """The worker's rendering of a page; None if the page is not the worker's or the worker could not render it."""
        if src_uri not in self.src_uris:
            return None
        with self._arrived:
            self._arrived.wait_for(lambda: src_uri in self._results or self._finished, timeout=WAIT_SECONDS)
            return self._results.pop(src_uri, None)

    def close(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _worker_main(become_worker: Callable[[], None], files: Sequence[Source], render: Callable[[Any], Rendered],
                 sender: Connection) -> None:  # fmt: skip
    become_worker()
    _render_all(files, render, sender)


def _render_all(files: Sequence[Source], render: Callable[[Any], Rendered], sender: Connection) -> None:
    logger = logging.getLogger("mkdocs")
    collect = RecordCollector()
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
