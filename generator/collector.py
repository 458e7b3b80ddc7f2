"""The garbage collector during a one-shot build.

A build loads the whole site, then keeps it until the end: tens of thousands of objects that every
full collection scans again, for nothing (over a second of a 10,000-brief build). While a build
runs they are frozen out of the collector's way, and full collections are rarer; both are undone
when the build ends, for programs that run MkDocs' build in-process more than once.
"""

from __future__ import annotations

import gc

FULL_COLLECTION_EVERY = 100  # second-generation collections per full one (Python's default: 10)

_saved_threshold: tuple[int, int, int] | None = None


def settle_loaded_site() -> None:
    """Call once the site is loaded and before forking: forked workers then share its pages untouched."""
    global _saved_threshold
    if _saved_threshold is None:
        _saved_threshold = gc.get_threshold()
    gc.freeze()
    young, middle, _ = _saved_threshold
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


def release() -> None:
    global _saved_threshold
    if _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)
        _saved_threshold = None
        gc.unfreeze()
