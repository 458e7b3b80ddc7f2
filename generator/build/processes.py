"""Every process trick of a build, in one object: `BuildProcesses`, with start, take, collect and abort.

A build of a large site uses both cores. That takes three tricks, and they all live here:

- the *background job* (`background`): the data files, the mention warnings and the search index,
  which need the loaded site but not MkDocs, made in a forked child while MkDocs renders pages;
- the *render worker* (`render_worker`): the Markdown of the last part of the briefs, rendered in a
  second forked child while MkDocs renders the first part;
- the *collector policy* (`CollectorPolicy`): the loaded site moved out of the garbage collector's way
  for the length of a one-shot build.

The lifecycle, as the MkDocs adapter drives it (one `BuildProcesses` per build):

1. **created** in ``on_config``. Nothing runs yet; the previous build's object, if this process
   ran one (``mkdocs serve``, a program calling MkDocs' build), is aborted first. A one-shot build
   then calls `loading`: full collections are made rarer before the site is loaded (see `CollectorPolicy`).
2. **start** in ``on_nav``, once MkDocs' file list and pages are final (the worker renders against
   them). In this order:

   a. a one-shot build settles the collector: every object loaded so far is frozen (`gc.freeze`),
      so full collections stop scanning it and forked children share its memory pages untouched;
   b. forking is decided, once, by `fork_allowed` (the platform forks, and this process runs a
      single thread: ``mkdocs serve`` rebuilds while its server threads run);
   c. the background job is forked in a one-shot build; without forking, or in ``mkdocs serve``
      (which keeps what it makes for its rebuilds), it is done here and now (Pagefind still indexes
      in its own process);
   d. the render worker is forked, when forking is allowed and the adapter gave it pages. Its
      first act in the child is `_become_render_worker`: the child's copy of this object then
      knows it is the worker, so `take` there answers None and the adapter renders each page
      itself instead of waiting for the worker's result;
   e. only then does the parent start a thread (the reader of the worker's results), so every
      fork happens while the process has one thread.
3. **take**, while MkDocs renders: the worker's rendering of a page, or None (render it here).
   `pages_from_worker` counts the pages whose HTML came from the worker.
4. **collect** in ``on_post_build``: the worker is stopped, the background job waited for (its
   outcome returned), and the collector given back: thresholds restored and the site unfrozen, so
   a program that runs the build in-process keeps the collector as it found it. An `atexit` hook
   freezes everything again just before the interpreter exits, so a one-shot ``mkdocs build``
   still leaves its objects to the operating system instead of freeing them one by one (about a
   second at 10,000 briefs).
5. **abort** in ``on_build_error``: both children terminated (Pagefind ends with its input), the
   collector given back. Safe before start, after collect, and twice.

Nothing here imports MkDocs: the adapter hands `start` the pages (anything with a ``src_uri``) and
the callable that renders one of them.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import gc
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .background import BackgroundError, ForkedJob, InProcessJob, Job, Outcome, Work
from .render_worker import Rendered, RenderWorker, Source

__all__ = ["BackgroundError", "BuildProcesses", "CollectorPolicy", "Outcome", "Work", "fork_allowed"]


def fork_allowed() -> bool:
    """Whether work may move to forked children now: the platform forks, and this process runs one thread.

    A child forked while another thread runs inherits the locks that thread held (logging's, an
    I/O buffer's) and can hang on them. ``mkdocs serve`` rebuilds while its server and file-watching
    threads run, and a program may run the build among threads of its own; those builds do the same
    work in this process, one thing after the other. Windows has no fork.
    """
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def give_back_freed_memory() -> None:
    """Return the heap memory freed since the last call to the operating system (glibc keeps it otherwise).

    A long ``mkdocs serve`` session makes and drops tens of megabytes at each rebuild (the new site's
    index and views beside the old ones) and at each search index (its records, at 10,000 briefs). glibc
    keeps what is freed for the process's own reuse, so without a trim every such peak stays resident."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


class CollectorPolicy:
    """The garbage collector during a one-shot build, and giving it back as it was.

    A build loads the whole site and keeps it to the end: tens of thousands of objects that every
    full collection would scan again, for nothing (over a second at 10,000 briefs). Full collections
    are made rarer before the load (`hold`): while loading, each one scans all that is loaded so far and
    frees nothing, so their cost grew with the square of the site (9 of them at 20,000 briefs, 1.5 s,
    freeing 16 objects). Once the site is loaded it is frozen out of the collector's way (`settle`).
    """

    FULL_COLLECTION_EVERY = 100  # second-generation collections per full one (Python's default: 10)

    def __init__(self) -> None:
        self._saved_threshold: tuple[int, int, int] | None = None  # set while the build holds the collector

    def hold(self) -> None:
        """Make full collections rarer (call before the site is loaded; `give_back` restores them)."""
        if self._saved_threshold is None:
            self._saved_threshold = gc.get_threshold()
        young, middle, _ = self._saved_threshold
        gc.set_threshold(young, middle, self.FULL_COLLECTION_EVERY)

    def settle(self) -> None:
        """Freeze what is loaded, full collections rarer (call once the site is loaded, before forking)."""
        self.hold()
        gc.freeze()

    @staticmethod
    def keep_until_next_edit() -> None:
        """``mkdocs serve``, after a build or rebuild: the site stays in memory until the next edit. Frozen, the
        collections a rebuild sets off do not scan it (a full one costs about 0.25 s at 10,000 briefs).
        Garbage is collected first (a full collection scans only what is not frozen yet: what the last
        build made), as what is frozen is only freed by reference counting. What the collection freed goes
        back to the operating system."""
        gc.collect()
        gc.freeze()
        give_back_freed_memory()

    @staticmethod
    def release_for_whole_build() -> None:
        """``mkdocs serve``, before a whole build: the site it replaces becomes collectable again."""
        gc.unfreeze()

    def give_back(self, *, freeze_at_exit: bool) -> None:
        """The collector's thresholds as they were, nothing frozen; with ``freeze_at_exit``, frozen again at exit.

        The exit hook is registered once per process however many builds it runs: freezing just
        before the interpreter's exit spares it freeing every remaining object one at a time.
        """
        if self._saved_threshold is None:
            return
        gc.set_threshold(*self._saved_threshold)
        self._saved_threshold = None
        gc.unfreeze()
        if freeze_at_exit:
            atexit.unregister(gc.freeze)
            atexit.register(gc.freeze)


class BuildProcesses:
    """The forked children of one build and the collector policy around them (see the module's docstring)."""

    def __init__(self, *, one_shot: bool) -> None:
        self.one_shot = one_shot  # `mkdocs build`: settle the collector (`mkdocs serve` frees each rebuild's site)
        self.forking: bool | None = None  # decided by `start`
        self.background: Job | None = None
        self.render_worker: RenderWorker | None = None
        self.pages_for_worker = 0  # pages handed to the worker
        self.pages_from_worker = 0  # pages whose worker rendering the build used
        self.collector = CollectorPolicy()
        self._is_render_worker = False

    def loading(self) -> None:
        """The site is about to be loaded: a one-shot build makes full collections rarer from now on."""
        if self.one_shot:
            self.collector.hold()

    def start(self, work: Work, worker_pages: Sequence[Source], render: Callable[[Any], Rendered]) -> None:
        """Start the background job and, where forking is allowed, the render worker on ``worker_pages``.

        Raises `BackgroundError` if the background job cannot start (then call `abort`)."""
        if self.one_shot:
            self.collector.settle()
        self.forking = fork_allowed()
        # `mkdocs serve` keeps what the background job makes (each brief's data-file lines and feed entries,
        # its mention findings) for its rebuilds: made here, the first edit finds them ready, and the serve
        # process is as large after its first build as after a hundred edits.
        if not self.forking or not self.one_shot:
            self.background = InProcessJob(work)
        if not self.forking:
            return
        context = multiprocessing.get_context("fork")  # only where the platform forks (never on Windows)
        if self.background is None:
            self.background = ForkedJob(context, work)
        if worker_pages:
            self.pages_for_worker = len(worker_pages)
            self.render_worker = RenderWorker(context, worker_pages, render, self._become_render_worker)

    def _become_render_worker(self) -> None:
        """In the worker's child, before it renders: pages are rendered here, never taken from a worker."""
        self._is_render_worker = True
        self.render_worker = self.background = None  # the parent's: this child must not wait for or stop them

    def take(self, src_uri: str) -> Rendered | None:
        """The worker's rendering of a page; None if there is none (the caller renders the page itself)."""
        if self._is_render_worker or self.render_worker is None:
            return None
        rendered = self.render_worker.take(src_uri)
        if rendered is not None:
            self.pages_from_worker += 1
        return rendered

    def collect(self) -> Outcome | None:
        """End the build's processes: the background job's outcome (None if none ran), the collector given back.

        Raises `BackgroundError` if the background job failed."""
        self._stop_render_worker()
        job, self.background = self.background, None
        try:
            return job.wait() if job is not None else None
        finally:
            self.collector.give_back(freeze_at_exit=True)

    def abort(self) -> None:
        """Stop everything this build started, and give the collector back."""
        self._stop_render_worker()
        if self.background is not None:
            job, self.background = self.background, None
            job.cancel()
        self.collector.give_back(freeze_at_exit=False)

    def _stop_render_worker(self) -> None:
        if self.render_worker is not None:
            worker, self.render_worker = self.render_worker, None
            worker.close()
