"""The garbage collector during a one-shot `mkdocs build`.

A build loads the whole site and keeps it to the end: tens of thousands of objects that every
full collection would scan again, for nothing (over a second at 10,000 briefs). Once the site is
loaded it is frozen out of the collector's way, and full collections become rarer.

When the build is done the process is about to exit, and freeing every page one object at a time
takes about a second more. Everything is frozen again then and left to the operating system. A
program that runs MkDocs' build in-process gets that memory back at its next build, which calls
`release` first, or by calling `gc.unfreeze()` itself. `mkdocs serve` uses none of this.
"""

from __future__ import annotations

import gc

FULL_COLLECTION_EVERY = 100  # second-generation collections per full one (Python's default: 10)

_saved_threshold: tuple[int, int, int] | None = None
_frozen = False


def settle_loaded_site() -> None:
    """Call once the site is loaded and before forking: forked workers then share its pages untouched."""
    global _saved_threshold, _frozen
    if _saved_threshold is None:
        _saved_threshold = gc.get_threshold()
    gc.freeze()
    _frozen = True
    young, middle, _ = _saved_threshold
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


def leave_to_exit() -> None:
    """Call when the build has succeeded: the process's objects are left for its exit to discard."""
    global _frozen
    _restore_threshold()
    gc.freeze()
    _frozen = True


def release() -> None:
    """Back to the collector's usual ways: after a failed build, and before another build in this process."""
    global _frozen
    _restore_threshold()
    if _frozen:
        gc.unfreeze()
        _frozen = False


def _restore_threshold() -> None:
    global _saved_threshold
    if _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)
        _saved_threshold = None
