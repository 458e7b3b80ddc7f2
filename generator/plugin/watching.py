"""What serve's server watches with (the operating system's notifications, where it has them), and what they said."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_OPENED,
    DirAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from ..build.snapshot import Changes, Signature, compare, snapshot, updated

log = logging.getLogger("mkdocs.plugins.briefing")


def watch_natively(server: Any) -> None:
    """Have serve's server hear of changes from the operating system (inotify on Linux) rather than by polling.

    MkDocs' server polls every watched folder twice a second: a save waits 0.25 s on average before it
    is seen, and at 10,000 briefs each poll (a stat of every file) takes a good part of a core away
    from the rebuild. The same folders are watched again through watchdog's native observer, where
    the platform has one; wherever that fails (no inotify, too many folders for its limit), the
    polling observer stays.
    """
    paths = list(getattr(server, "_watched_paths", {}))
    if server.observer.is_alive() or not paths:
        return
    native = Observer()
    if isinstance(native, PollingObserver):  # no native observer here: polling it is
        return
    native = ChangesObserver()
    polling_interval = server.observer.timeout
    for path in paths:
        server.unwatch(path)
    server.observer = native
    try:
        for path in paths:
            server.watch(path)
    except OSError as error:  # e.g. the inotify watch limit: back to polling, as MkDocs set it up
        log.info(f"briefing: watching for changes by polling ({error})")
        server._watched_paths.clear()
        server._watch_refs.clear()
        server.observer = PollingObserver(timeout=polling_interval)
        for path in paths:
            server.watch(path)


# What changes a file or folder. A native observer also hears files being read (opened, closed unwritten): MkDocs'
# server would rebuild for each, and a rebuild reads the files that changed, so one rebuild would follow another
# (for as long as a brief with an error is read again, each time).
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent, FileAttribEvent,
    DirCreatedEvent, DirModifiedEvent, DirMovedEvent, DirDeletedEvent, DirAttribEvent,
]  # fmt: skip


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, telling its handlers of `CHANGES` only (unless one asks for others)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False) -> ObservedWatch:  # fmt: skip
        watch: ObservedWatch = super().schedule(event_handler, path, recursive=recursive,
                                                event_filter=event_filter or CHANGES, follow_symlink=follow_symlink)  # fmt: skip
        return watch


class EditLog(FileSystemEventHandler):
    """The files under the briefs folder that the operating system said changed since the log was last taken:
    serve's rebuilds stat those alone, where a snapshot would stat every file (a good part of a second at
    100,000 briefs, see `build.snapshot`).

    Kept only where the server watches natively (`watch_natively`): a polling observer finds changes by taking
    snapshots itself. A folder created, moved or deleted (whose files may not each have an event of their own),
    and the first rebuild (what changed while the first build ran has no event), make the log unknown: the
    rebuild then takes a whole snapshot, as it does without a log. MkDocs' server waits for events to stop for
    a tenth of a second before it rebuilds, so an edit's events are logged by then.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = os.path.realpath(folder)
        self._lock = threading.Lock()
        self._paths: set[str] | None = None  # relative, with '/' separators; None: unknown

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):
            return
        if event.is_directory:
            if event.event_type != EVENT_TYPE_MODIFIED:  # a folder's own modification comes with its files' events
                with self._lock:
                    self._paths = None
            return
        paths = [self._relative(event.src_path), self._relative(event.dest_path)]
        with self._lock:
            if self._paths is not None:
                self._paths.update(path for path in paths if path)

    def take(self) -> set[str] | None:
        """The paths logged since the last call (None: unknown, take a snapshot); the log starts again, empty."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths

    def give_back(self, paths: set[str] | None) -> None:
        """Log ``paths`` (taken by a rebuild that failed) again: the next rebuild starts from the same build."""
        with self._lock:
            if paths is None:
                self._paths = None
            elif self._paths is not None:
                self._paths |= paths

    def _relative(self, path: str | bytes) -> str:
        if not path:
            return ""
        relative = os.path.relpath(os.fsdecode(path), self.folder)
        return "" if relative.startswith("..") else relative.replace(os.sep, "/")


def log_edits(server: Any, folder: str) -> EditLog | None:
    """An `EditLog` of ``folder``, on the server's observer when that observer is native (else None)."""
    if isinstance(server.observer, PollingObserver):
        return None
    edits = EditLog(Path(folder))
    try:
        server.observer.schedule(edits, edits.folder, recursive=True)
    except OSError:
        return None
    return edits


def changed_since(before: dict[str, Signature], folder: Path,
                  logged: set[str] | None) -> tuple[dict[str, Signature], Changes]:  # fmt: skip
    """The briefs folder now, and what changed since ``before``: the files the operating system logged looked at
    again (`snapshot.updated`), or every file where the log is unknown (or named a folder)."""
    if logged is not None:
        with contextlib.suppress(IsADirectoryError):
            return updated(before, folder, logged)
    sources = snapshot(folder)
    return sources, compare(before, sources)
