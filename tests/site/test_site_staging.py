"""A failed build never costs the published site: real `mkdocs build` runs, then the swap itself (`generator.staging`)."""

from __future__ import annotations

import errno
import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.utils import CountHandler

from generator import staging


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _beside(site: Path) -> list[str]:
    """What a build left beside the site folder: staging folders, an old site."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


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
