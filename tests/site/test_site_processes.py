"""The build's processes (`generator.build.processes`): the worker really renders its share, every fallback
gives the same bytes, log records cross from the worker whole, the collector is given back, and the one patch
of MkDocs still matches what MkDocs does."""

from __future__ import annotations

import gc
import inspect
import json
import logging
import multiprocessing
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.build.processes import BuildProcesses, CollectorPolicy
from generator.build.render_worker import portable, replay
from generator.plugin.worker_pages import (
    empty_body_renders_empty,
    render_empty_body,
    render_in_worker,
    skip_markdown_conversion,
    use_worker_rendering,
)
from tests.conftest import REPO, Build, brief_text, run_build

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the background process and render worker are forked"
)

BRIEFS = 8  # with parallel_threshold 2 and search off, the worker renders the last half: 4
BODY = """\
## Talks {n}

Antony Blinken met officials in Geneva. See [the first brief](brief-0.md#talks-0) and [below](#next-steps).

| Side | Seats |
|:-----|------:|
| A    | {n}   |

## Next steps

Xi Jinping was not there.[^1]

[^1]: A footnote.
"""
EXTENSIONS = "markdown_extensions: [toc, tables, footnotes, attr_list]\n"

# Records what the build's processes did, after every plugin's post_build (briefing's collect among them).
RECORD_HOOK = """\
import json
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-200)
def on_post_build(config, **kwargs):
    processes = config.plugins["briefing"].processes
    Path({record!r}).write_text(json.dumps({{
        "forking": processes.forking,
        "pages_for_worker": processes.pages_for_worker,
        "pages_from_worker": processes.pages_from_worker,
    }}))
"""

# A thread that runs for the whole build, as `mkdocs serve`'s server threads do: forking is not allowed.
THREAD_HOOK = """
import threading

_release = threading.Event()


def on_config(config, **kwargs):
    threading.Thread(target=_release.wait, daemon=True).start()
    return config


def on_shutdown(**kwargs):
    _release.set()
"""


def _briefs(extra: str = "") -> dict[str, str]:
    actors = "[Antony Blinken, Xi Jinping]"
    return {
        f"2024/brief-{n}.md": brief_text(
            title=f"Brief {n}",
            date=f"2024-03-{n + 1:02d}",
            actors=actors,
            body=BODY.format(n=n) + (extra if n == BRIEFS - 1 else ""),
        )
        for n in range(BRIEFS)  # the last brief gets ``extra``: the worker renders it
    }


def _configure(build: Build, *, threshold: int, thread: bool = False) -> Path:
    """Set parallel_threshold and the hooks for the next builds of ``build``'s project; the record's path."""
    record = build.project / "record.json"
    (build.project / "record_hook.py").write_text(RECORD_HOOK.format(record=str(record)), encoding="utf-8")
    (build.project / "thread_hook.py").write_text(THREAD_HOOK, encoding="utf-8")
    config = build.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").split("hooks:")[0]
    text = text.replace("parallel_threshold: 2", f"parallel_threshold: {threshold}")
    hooks = "hooks:\n  - record_hook.py\n" + ("  - thread_hook.py\n" if thread else "")
    config.write_text(text + hooks, encoding="utf-8")
    return record


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _forked_build(fixture_site, extra: str = "", args: tuple[str, ...] = ("--strict",)) -> tuple[Build, dict]:
    build = fixture_site(_briefs(extra), options="search: false\nparallel_threshold: 2", args=args,
                         site_config=EXTENSIONS)  # fmt: skip
    record = _configure(build, threshold=2)
    forked = run_build(build.project, build.site, *args)
    assert forked.returncode == 0, forked.output
    return forked, json.loads(record.read_text(encoding="utf-8"))


@needs_fork
def test_the_worker_renders_its_share_and_the_build_uses_every_page_of_it(fixture_site):
    _, seen = _forked_build(fixture_site)
    assert seen == {"forking": True, "pages_for_worker": BRIEFS // 2, "pages_from_worker": BRIEFS // 2}


@needs_fork
@pytest.mark.parametrize(
    ("threshold", "thread"), [(0, False), (2, True)], ids=["parallel_threshold-0", "a-thread-runs"]
)
def test_a_build_without_the_worker_writes_the_same_bytes(fixture_site, tmp_path, threshold, thread):
    forked, _ = _forked_build(fixture_site)
    record = _configure(forked, threshold=threshold, thread=thread)
    alone = run_build(forked.project, tmp_path / "alone", "--strict")
    assert alone.returncode == 0, alone.output
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen == {"forking": not thread, "pages_for_worker": 0, "pages_from_worker": 0}
    assert _tree(alone.site) == _tree(forked.site)


@needs_fork
def test_what_the_worker_logs_is_logged_as_mkdocs_would_have(fixture_site, tmp_path):
    broken = "\nA link to [nowhere](missing.md).\n"  # in the last brief, which the worker renders
    forked, seen = _forked_build(fixture_site, broken, args=())
    assert seen["pages_from_worker"] == BRIEFS // 2
    _configure(forked, threshold=0)
    alone = run_build(forked.project, tmp_path / "alone")
    assert alone.returncode == 0, alone.output

    def warnings(build: Build) -> list[str]:
        return [line for line in build.output.splitlines() if line.startswith("WARNING")]

    assert warnings(forked) == warnings(alone)
    assert any("brief-7.md' contains a link 'missing.md'" in line for line in warnings(forked))


# -- log records cross the pipe whole ------------------------------------------------------------------------


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _kept(level: int = logging.INFO) -> Iterator[_Keep]:
    """What a test logger, set to ``level``, hands its handler."""
    logger, keep = logging.getLogger("processes-test.worker"), _Keep()
    logger.setLevel(level)
    logger.addHandler(keep)
    try:
        yield keep
    finally:
        logger.removeHandler(keep)
        logger.setLevel(logging.NOTSET)


def _logged(emit: Callable[[logging.Logger], None]) -> tuple[logging.LogRecord, str]:
    """The one record ``emit`` logs to the test logger, and its text as a handler formats it."""
    with _kept() as keep:
        emit(logging.getLogger("processes-test.worker"))
    (record,) = keep.records
    return record, keep.format(record)


def _crossed(record: logging.LogRecord) -> list[dict[str, object]]:
    """The record as the pipe from the worker carries it."""
    return pickle.loads(pickle.dumps([portable(record)]))  # noqa: S301 - the test's own bytes


def _replayed(record: logging.LogRecord) -> tuple[logging.LogRecord, str]:
    crossed = _crossed(record)
    return _logged(lambda logger: replay(crossed))


def _fail(logger: logging.Logger) -> None:
    try:
        raise ValueError("bad anchor")
    except ValueError:
        logger.warning("page %s: %d problems", "2024/a.md", 2, exc_info=True)


def test_a_replayed_record_keeps_its_arguments_and_its_exception():
    record, text = _logged(_fail)
    again, text_again = _replayed(record)
    assert (again.msg, again.args) == ("page %s: %d problems", ("2024/a.md", 2))
    assert (again.name, again.levelno, again.lineno, again.funcName) == ("processes-test.worker", logging.WARNING,
                                                                          record.lineno, "_fail")  # fmt: skip
    assert again.exc_text is not None and "ValueError: bad anchor" in again.exc_text
    assert text_again == text and "Traceback" in text


def test_a_record_whose_arguments_do_not_pickle_crosses_as_its_message():
    unpicklable = lambda: None  # noqa: E731 - a lambda does not pickle
    record, text = _logged(lambda logger: logger.info("hook %s", unpicklable, extra={"hook": unpicklable}))
    again, text_again = _replayed(record)
    assert again.args is None and again.msg == record.getMessage()
    assert text_again == text


def test_replay_respects_the_level_of_the_logger():
    record, _ = _logged(lambda logger: logger.info("detail"))
    crossed = _crossed(record)
    with _kept(logging.WARNING) as keep:
        replay(crossed)
    assert keep.records == []


# -- the collector ------------------------------------------------------------------------------------------


def test_the_collector_is_settled_for_a_build_and_given_back_unfrozen():
    before = gc.get_threshold()
    policy = CollectorPolicy()
    policy.settle()
    try:
        assert gc.get_threshold()[2] == CollectorPolicy.FULL_COLLECTION_EVERY
        assert gc.get_freeze_count() > 0
    finally:
        policy.give_back(freeze_at_exit=False)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
    policy.give_back(freeze_at_exit=False)  # twice changes nothing
    assert gc.get_threshold() == before


def test_a_one_shot_build_makes_full_collections_rare_before_it_loads_and_gives_them_back():
    before = gc.get_threshold()
    serving = BuildProcesses(one_shot=False)
    serving.loading()  # `mkdocs serve` frees each rebuild's site: its collector is left alone
    assert gc.get_threshold() == before
    one_shot = BuildProcesses(one_shot=True)
    one_shot.loading()
    try:
        assert gc.get_threshold() == (*before[:2], CollectorPolicy.FULL_COLLECTION_EVERY)
        assert gc.get_freeze_count() == 0  # nothing is frozen before the site is loaded
    finally:
        one_shot.abort()  # a build that fails before it starts its processes
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


def _python(code: str, cwd: Path = REPO) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_build_run_in_process_leaves_the_collector_as_it_found_it_and_freezes_only_at_exit(tmp_path):
    shown = _python(f"""
        import atexit, gc
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        # Registered before the build's hook, so it runs after it: what the interpreter's exit finds.
        atexit.register(lambda: print("at exit, frozen:", gc.get_freeze_count() > 0))
        before = gc.get_threshold()
        from generator.plugin import events
        load_site = events.load_site

        def loading(*args, **kwargs):
            print("while loading, full collections every", gc.get_threshold()[2])
            return load_site(*args, **kwargs)

        events.load_site = loading
        build(load_config(config_file="mkdocs.yml", site_dir={str(tmp_path / "site")!r}))
        print("after the build:", gc.get_freeze_count(), gc.get_threshold() == before)
    """)
    assert shown.splitlines() == [f"while loading, full collections every {CollectorPolicy.FULL_COLLECTION_EVERY}",
                                  "after the build: 0 True", "at exit, frozen: True"]  # fmt: skip


# -- the one patch of MkDocs --------------------------------------------------------------------------------


def test_a_page_the_worker_rendered_ends_as_mkdocs_own_render_leaves_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Heading A\n\nSee [b](b.md#part) and [here](#heading-a).\n\n## Part two\n")
    (docs / "b.md").write_text("# B\n\n## Part\n")
    config = load_config(config_file=None, docs_dir=str(docs), site_dir=str(tmp_path / "site"), site_name="Test",
                         markdown_extensions=["toc"])  # fmt: skip
    files = get_files(config)
    file = files.get_file_from_path("a.md")
    assert file is not None

    def unchanged(text: str, **kwargs: object) -> str:
        return text

    rendered = render_in_worker(file, config=config, files=files, on_markdown=unchanged, on_content=unchanged)
    by_mkdocs = file.page  # rendered by MkDocs' own Page.render, in the "worker"
    assert by_mkdocs is not None
    by_mkdocs.meta["title"] = "Title from the plan"  # as the plugin's on_page_markdown sets it for every page

    taken = Page(None, file, config)  # the same page in the build, which takes the worker's rendering
    taken.read_source(config)
    taken.meta["title"] = "Title from the plan"
    skip_markdown_conversion(taken)
    taken.markdown = ""  # what the plugin's on_page_markdown returns for it
    taken.render(config, files)  # as MkDocs' _populate_page calls it
    taken.content = use_worker_rendering(taken, rendered, files)

    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    assert taken.title == by_mkdocs.title == "Title from the plan"
    assert by_mkdocs.links_to_anchors and by_mkdocs.present_anchor_ids  # the test exercises both
    # Everything Page.render sets, the worker's rendering sets too (the title aside: meta's comes first).
    skipped = {"markdown", "render", "_title_from_render"}
    assert {k: v for k, v in vars(taken).items() if k not in skipped} == {
        k: v for k, v in vars(by_mkdocs).items() if k not in skipped
    }


APPENDER = """\
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor


class Append(Postprocessor):
    def run(self, text):
        return text + "<p>Appended to every page.</p>"


class AppendExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Append(md), "append", 0)


def makeExtension(**kwargs):
    return AppendExtension(**kwargs)
"""


def test_an_empty_body_skips_conversion_and_ends_as_mkdocs_own_render_leaves_it(tmp_path, monkeypatch):
    """A generated page without a body (a pair's, a topic's) is not converted: Python-Markdown makes nothing of an
    empty text whatever its extensions (even one that appends to every page), and the page ends as MkDocs' own
    Page.render leaves it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pairs.md").write_text("")
    (tmp_path / "appender.py").write_text(APPENDER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    config = load_config(config_file=None, docs_dir=str(docs), site_dir=str(tmp_path / "site"), site_name="Test",
                         markdown_extensions=["toc", "footnotes", "abbr", "appender"])  # fmt: skip
    assert empty_body_renders_empty(config)
    files = get_files(config)
    file = files.get_file_from_path("pairs.md")
    assert file is not None
    pages = []
    for skip in (False, True):
        page = Page(None, file, config)
        page.read_source(config)
        page.meta["title"] = "Title from the plan"
        if skip:
            render_empty_body(page)
        page.render(config, files)  # as MkDocs' _populate_page calls it
        pages.append(page)
    by_mkdocs, skipped = pages
    assert by_mkdocs.content == skipped.content == ""
    assert list(skipped.toc) == list(by_mkdocs.toc) == []  # (a TableOfContents has no equality of its own)
    assert {k: v for k, v in vars(skipped).items() if k not in ("render", "toc")} == {
        k: v for k, v in vars(by_mkdocs).items() if k != "toc"
    }
