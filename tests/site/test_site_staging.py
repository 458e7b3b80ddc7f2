"""A failed build never costs the published site: real `mkdocs build` runs, then the swap itself (`generator.build.staging`)."""

from __future__ import annotations

import errno
import json
import logging
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.utils import CountHandler

from generator.build import staging
from tests.conftest import TEMPLATES, Build, brief_text, run_build

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the background process and render worker are forked"
)


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _beside(site: Path) -> list[str]:
    """What a build left beside the site folder: staging folders, an old site, once the old site's deleter (a
    process the build does not wait for) is done."""
    deleting = f".{site.name}.{staging.TRASH}"
    for _ in range(300):
        if not any(p.name.startswith(deleting) for p in site.parent.iterdir()):
            break
        time.sleep(0.1)
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def _published(fixture_site, briefs: dict[str, str] | None = None, **kwargs) -> tuple[Build, dict[str, bytes]]:
    """A good site built into `site/`, and its files."""
    build = fixture_site(briefs or {"2024/a.md": brief_text(title="Brief A"), "2024/b.md": brief_text(title="Brief B")},
                         **kwargs)  # fmt: skip
    assert build.returncode == 0, build.output
    tree = _tree(build.site)
    assert "index.html" in tree and "404.html" in tree
    return build, tree


def _rebuild(build: Build, *args: str) -> Build:
    return run_build(build.project, build.site, "--strict", *args)


def _add_hook(build: Build, code: str) -> None:
    """A MkDocs hook (a plugin in a Python file) for the next builds of ``build``'s project."""
    (build.project / "hooks.py").write_text(code, encoding="utf-8")
    with (build.project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")


# Records which files the published folder holds just before briefing publishes (every page is
# written by then), and `config.site_dir` once it has (what `mkdocs gh-deploy` reads next).
WATCH_HOOK = """\
import json
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

SITE = Path({site!r})
RECORD = Path({record!r})
seen = {{}}


def _before_publishing(config, **kwargs):
    seen["published"] = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*") if p.is_file())


@event_priority(-200)
def _after_publishing(config, **kwargs):
    seen["site_dir"] = config.site_dir
    RECORD.write_text(json.dumps(seen))


on_post_build = CombinedEvent(_before_publishing, _after_publishing)
"""


def _watch(build: Build, extra: str = "") -> Path:
    record = build.project / "record.json"
    _add_hook(build, WATCH_HOOK.format(site=str(build.site), record=str(record)) + extra)
    return record


# -- a failed build leaves the published site as it was ---------------------------------------------------


def test_a_brief_with_an_invalid_date_leaves_every_published_file_as_it_was(fixture_site):
    build, before = _published(fixture_site)
    (build.project / "briefs" / "2024" / "c.md").write_text(brief_text(date="2024-02-30"), encoding="utf-8")
    failed = _rebuild(build)
    assert failed.returncode != 0
    assert "briefs/2024/c.md:3:7: error: 'date' 2024-02-30 is not a real calendar date" in failed.output
    assert _tree(build.site) == before
    assert _beside(build.site) == []


def test_a_template_error_while_pages_render_leaves_every_published_file_as_it_was(fixture_site):
    build, before = _published(fixture_site)
    theme = build.project / "theme"
    shutil.copytree(TEMPLATES, theme)
    (theme / "brief.html").write_text("{{ missing.attribute }}\n", encoding="utf-8")
    config = build.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(TEMPLATES), str(theme)), encoding="utf-8")
    failed = _rebuild(build)
    assert failed.returncode != 0
    assert "'missing' is undefined" in failed.output
    assert _tree(build.site) == before
    assert _beside(build.site) == []


def test_a_strict_build_that_fails_on_warnings_leaves_every_published_file_as_it_was(fixture_site):
    # MkDocs aborts a strict build on warnings only after on_post_build, once every file is written.
    build, before = _published(fixture_site)
    unlisted = brief_text(body="Blinken met Xi Jinping.")  # a warning: neither is in its 'actors'
    (build.project / "briefs" / "2024" / "c.md").write_text(unlisted, encoding="utf-8")
    failed = _rebuild(build)
    assert failed.returncode != 0
    assert "[unlisted-actor]" in failed.output and "Aborted with 1 warnings in strict mode" in failed.output
    assert _tree(build.site) == before
    assert _beside(build.site) == []


@needs_fork
def test_a_killed_background_process_fails_the_build_and_leaves_every_published_file_as_it_was(fixture_site):
    build, before = _published(fixture_site)
    (build.project / "briefs" / "2024" / "c.md").write_text(brief_text(title="Brief C"), encoding="utf-8")
    # The forked process that writes the data files dies (as if killed) before it writes them.
    _add_hook(build, """\
import os
import signal

import generator.build.background

PARENT = os.getpid()


def _die(*args, **kwargs):
    assert os.getpid() != PARENT, "the data files are written in the forked process"
    os.kill(os.getpid(), signal.SIGKILL)


generator.build.background.plan_data_files = _die
""")  # fmt: skip
    failed = _rebuild(build)
    assert failed.returncode != 0
    assert "stopped unexpectedly" in failed.output
    assert _tree(build.site) == before
    assert _beside(build.site) == []


@needs_fork
def test_a_killed_render_worker_still_publishes_the_complete_site_and_only_at_the_end(fixture_site, tmp_path):
    briefs = {f"2024/brief-{n}.md": brief_text(title=f"Brief {n}", date=f"2024-03-{n + 1:02d}") for n in range(8)}
    options = "search: false\nparallel_threshold: 2"
    build, before = _published(fixture_site, briefs, options=options)
    (build.project / "briefs" / "2024" / "late.md").write_text(brief_text(title="Late"), encoding="utf-8")
    reference = run_build(build.project, tmp_path / "reference", "--strict")  # the same site, no worker killed
    assert reference.returncode == 0, reference.output
    # The worker renders two pages, sends them and dies (as if killed) on the third; MkDocs renders the rest.
    record = _watch(build, """
import os
import signal

import generator.build.render_worker

generator.build.render_worker.BATCH = 1
_render_all = generator.build.render_worker._render_all


def _render_two_then_die(files, render, sender):
    done = []

    def render_or_die(file):
        if len(done) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        done.append(file)
        return render(file)

    _render_all(files, render_or_die, sender)


generator.build.render_worker._render_all = _render_two_then_die


def on_env(env, config, **kwargs):
    processes = config.plugins["briefing"].processes
    processes.render_worker.process.join(timeout=60)
    seen["worker_exit"] = processes.render_worker.process.exitcode
    seen["pages_from_worker"] = processes.pages_from_worker
    return env
""")  # fmt: skip
    rebuilt = _rebuild(build)
    assert rebuilt.returncode == 0, rebuilt.output
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen["worker_exit"] == -9
    assert seen["pages_from_worker"] == 2  # the two it sent; MkDocs rendered the rest itself
    assert seen["published"] == sorted(before)  # while pages were written, the published site was the old one
    assert _tree(build.site) == _tree(reference.site)
    assert _beside(build.site) == []


# -- a build that succeeds replaces the site ----------------------------------------------------------------


def test_a_successful_rebuild_replaces_the_site_once_it_is_complete(fixture_site):
    build, before = _published(fixture_site)
    (build.project / "briefs" / "2024" / "b.md").unlink()
    (build.site / ".well-known").mkdir()  # MkDocs' cleaning keeps hidden files: so does the swap
    (build.site / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    record = _watch(build)
    rebuilt = _rebuild(build)
    assert rebuilt.returncode == 0, rebuilt.output
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen["published"] == sorted([*before, ".well-known/security.txt"])
    assert seen["site_dir"] == str(build.site)
    assert not (build.site / "2024" / "b").exists()
    assert "Brief A" in rebuilt.html("2024/a/") and "Brief B" not in rebuilt.html("")
    assert (build.site / ".well-known" / "security.txt").read_text(encoding="utf-8") == "Contact: x\n"
    assert _beside(build.site) == []


def test_a_leftover_staging_folder_is_cleaned_by_the_next_build(fixture_site):
    build, _ = _published(fixture_site)
    leftover = build.site.parent / f".{build.site.name}.staging"  # as a killed build leaves it
    (leftover / "2024" / "half").mkdir(parents=True)
    (leftover / "2024" / "half" / "index.html").write_text("<p>half", encoding="utf-8")
    rebuilt = _rebuild(build)
    assert rebuilt.returncode == 0, rebuilt.output
    assert _beside(build.site) == []
    assert not (build.site / "2024" / "half").exists()


def test_a_dirty_build_goes_into_the_site_folder_and_cleans_leftovers(fixture_site):
    build, _ = _published(fixture_site)
    (build.site / "extra.txt").write_text("kept by --dirty", encoding="utf-8")
    (build.site.parent / f".{build.site.name}.staging").mkdir()
    rebuilt = _rebuild(build, "--dirty")
    assert "A 'dirty' build is being performed" in rebuilt.output  # MkDocs warns, so no --strict here
    assert (build.site / "extra.txt").read_text(encoding="utf-8") == "kept by --dirty"
    assert "Brief A" in rebuilt.html("2024/a/")
    assert _beside(build.site) == []


# -- the swap itself ---------------------------------------------------------------------------------------


def _write(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


def _texts(folder: Path) -> dict[str, str]:
    return {path: data.decode() for path, data in _tree(folder).items()}


OLD = {"index.html": "old home", "2024/gone/index.html": "removed brief", ".git/HEAD": "ref: gh-pages", ".nojekyll": ""}
NEW = {"index.html": "new home", "2024/new/index.html": "new brief", ".nojekyll": "from the build"}
PUBLISHED = {"index.html": "new home", "2024/new/index.html": "new brief", ".git/HEAD": "ref: gh-pages",
             ".nojekyll": "from the build"}  # fmt: skip


def _staged(tmp_path: Path) -> staging.StagedBuild:
    site = tmp_path / "site"
    _write(site, OLD)
    staged = staging.begin(site)
    assert staged is not None and staged.staging_dir == tmp_path / ".site.staging"
    _write(staged.staging_dir, NEW)
    return staged


def test_publish_renames_the_build_in_keeps_hidden_entries_and_removes_the_old_site(tmp_path):
    staged = _staged(tmp_path)
    staged.site_dir.chmod(0o750)
    staged.publish()
    assert _texts(staged.site_dir) == PUBLISHED
    assert staged.site_dir.stat().st_mode & 0o777 == 0o750
    assert _beside(staged.site_dir) == []


def test_publish_without_a_site_folder_renames_the_build_in(tmp_path):
    staged = staging.begin(tmp_path / "new" / "site")
    assert staged is not None
    _write(staged.staging_dir, NEW)
    staged.publish()
    assert _texts(tmp_path / "new" / "site") == NEW
    assert _beside(staged.site_dir) == []


def _refuse_renames(monkeypatch: pytest.MonkeyPatch, refused: tuple[Path, Path]) -> list[tuple[Path, Path]]:
    """Make ``os.rename(*refused)`` fail as it does for a mount point; other renames happen."""
    rename = os.rename
    calls: list[tuple[Path, Path]] = []

    def refusing(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        calls.append((Path(src), Path(dst)))
        if (Path(src), Path(dst)) == refused:
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        rename(src, dst)

    monkeypatch.setattr(os, "rename", refusing)
    return calls


def test_publish_replaces_the_contents_when_the_site_folder_cannot_be_renamed(tmp_path, monkeypatch):
    staged = _staged(tmp_path)
    folder = staged.site_dir.stat().st_ino
    _refuse_renames(monkeypatch, (staged.site_dir, tmp_path / ".site.old"))
    staged.publish()
    assert _texts(staged.site_dir) == PUBLISHED
    assert staged.site_dir.stat().st_ino == folder  # the same folder, its contents replaced
    assert _beside(staged.site_dir) == []


def test_publish_puts_the_site_back_and_replaces_its_contents_if_the_build_cannot_move_in(tmp_path, monkeypatch):
    staged = _staged(tmp_path)
    calls = _refuse_renames(monkeypatch, (staged.staging_dir, staged.site_dir))
    staged.publish()
    assert (tmp_path / ".site.old", staged.site_dir) in calls  # moved away, then back
    assert _texts(staged.site_dir) == PUBLISHED
    assert _beside(staged.site_dir) == []


def test_publish_through_a_symbolic_link_replaces_the_linked_folder_contents(tmp_path):
    target = tmp_path / "www"
    _write(target, OLD)
    site = tmp_path / "site"
    try:
        site.symlink_to(target, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available here")
    staged = staging.begin(site)
    assert staged is not None
    _write(staged.staging_dir, NEW)
    staged.publish()
    assert site.is_symlink()
    assert _texts(target) == PUBLISHED
    assert _beside(site) == []


def test_a_failure_to_publish_is_a_staging_error_naming_the_site(tmp_path, monkeypatch):
    staged = _staged(tmp_path)
    monkeypatch.setattr(shutil, "move", lambda *args: (_ for _ in ()).throw(OSError(errno.EACCES, "Permission denied")))
    _refuse_renames(monkeypatch, (staged.site_dir, tmp_path / ".site.old"))
    with pytest.raises(staging.StagingError, match=f"could not publish the built site into {staged.site_dir}"):
        staged.publish()


def test_discard_removes_the_staging_folder_and_leaves_the_site(tmp_path):
    staged = _staged(tmp_path)
    staged.discard()
    assert _texts(staged.site_dir) == OLD
    assert _beside(staged.site_dir) == []


def test_begin_removes_a_killed_builds_staging_folder(tmp_path):
    _write(tmp_path / "site", OLD)
    _write(tmp_path / ".site.staging", {"2024/half/index.html": "half"})
    staged = staging.begin(tmp_path / "site")
    assert staged is not None and list(staged.staging_dir.iterdir()) == []
    assert _texts(tmp_path / "site") == OLD


def test_begin_puts_back_a_site_moved_away_by_a_swap_killed_between_its_renames(tmp_path):
    _write(tmp_path / ".site.old", OLD)
    _write(tmp_path / ".site.staging", NEW)
    staged = staging.begin(tmp_path / "site")
    assert staged is not None
    assert _texts(tmp_path / "site") == OLD
    assert _beside(tmp_path / "site") == [".site.staging"] and list(staged.staging_dir.iterdir()) == []


def test_begin_finishes_a_swap_killed_before_the_old_site_was_removed(tmp_path):
    _write(tmp_path / "site", NEW)
    _write(tmp_path / ".site.old", OLD)
    staging.begin(tmp_path / "site")
    assert _texts(tmp_path / "site") == PUBLISHED
    assert _beside(tmp_path / "site") == [".site.staging"]


def test_begin_for_a_dirty_build_only_cleans_up(tmp_path):
    _write(tmp_path / "site", OLD)
    _write(tmp_path / ".site.staging", NEW)
    assert staging.begin(tmp_path / "site", dirty=True) is None
    assert _texts(tmp_path / "site") == OLD
    assert _beside(tmp_path / "site") == []


def test_publish_leaves_the_old_site_to_a_process_of_its_own(tmp_path, monkeypatch):
    started: list[Path] = []
    monkeypatch.setattr(staging, "_delete_detached", lambda folder: started.append(folder) or True)
    staged = _staged(tmp_path)
    staged.publish()
    assert _texts(staged.site_dir) == PUBLISHED
    (trash,) = started
    assert trash.parent == tmp_path and trash.name.startswith(".site.deleting-")
    assert _texts(trash) == {path: text for path, text in OLD.items() if not path.startswith(".git/")}  # kept: moved
    monkeypatch.undo()
    assert staging._delete_detached(trash)
    assert _beside(staged.site_dir) == []


def test_publish_deletes_the_old_site_itself_where_no_process_can_start(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "posix_spawn", raising=False)
    staged = _staged(tmp_path)
    staged.publish()
    assert _texts(staged.site_dir) == PUBLISHED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no deleter to wait for


def test_begin_hands_an_unfinished_deletion_to_a_deleter_again(tmp_path):
    _write(tmp_path / "site", OLD)
    _write(tmp_path / ".site.deleting-0123456789ab", {"2024/half/index.html": "half"})
    staged = staging.begin(tmp_path / "site")
    assert staged is not None
    assert _texts(tmp_path / "site") == OLD
    assert _beside(tmp_path / "site") == [".site.staging"]


def test_begin_refuses_a_site_that_is_a_file(tmp_path):
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(staging.StagingError, match="is not a folder"):
        staging.begin(tmp_path / "site")


def test_warnings_counted_finds_mkdocs_strict_mode_counter_up_the_loggers():
    top, plugin = logging.getLogger("staging-test"), logging.getLogger("staging-test.plugins.briefing")
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    top.addHandler(counter)
    try:
        plugin.info("fine")
        assert not staging.warnings_counted(plugin)
        plugin.warning("a warning")
        assert staging.warnings_counted(plugin)
        plugin.propagate = False  # a logger that does not propagate: its parents' handlers never see it
        assert not staging.warnings_counted(plugin)
    finally:
        top.removeHandler(counter)
        plugin.propagate = True
