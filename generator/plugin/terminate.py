"""`mkdocs serve` ended by SIGTERM shuts down as it does after Ctrl-C, leaving nothing in the temporary folder."""

from __future__ import annotations

import signal
import threading


def serve_ends_cleanly_on_terminate(command: str) -> None:
    """In ``mkdocs serve``, SIGTERM (a CI job's time limit, ``kill``, a container stopping) acts as Ctrl-C does.

    Python's default for SIGTERM ends the process at once: serve's site folder (MkDocs' ``mkdocs_*``) and
    its search index's shards stayed in the temporary folder after every stop, hundreds of megabytes
    each for a large site. As a KeyboardInterrupt, SIGTERM takes MkDocs' own way out: the server shuts
    down, ``on_shutdown`` ends the search thread, MkDocs removes its folder, and exit hooks run.

    A handler installed by someone else is left alone, and so is a program running MkDocs outside
    its main thread (only the main thread may set handlers).
    """
    if command != "serve" or threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)
