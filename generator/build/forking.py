"""Using the second core: when work can move to a forked process.

Forking is cheap and shares everything already loaded, but it is only safe in a process with
a single thread (``mkdocs serve`` runs a server thread, for one), and only where the platform
forks. Elsewhere the same work runs in-process, one after the other.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.context import BaseContext


def fork_context() -> BaseContext | None:
    """A context that forks, when forking is safe here; otherwise None."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")
