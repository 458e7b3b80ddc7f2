"""What serve's server watches with: the operating system's notifications where it has them."""

from __future__ import annotations

import logging
from typing import Any

from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

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
    if type(native) is type(server.observer):  # no native observer here: polling it is
        return
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
