"""Publish a build only when it has succeeded: build into a staging folder, then swap it in.

MkDocs empties ``site_dir`` right after ``on_pre_build``, before a plugin has seen a single file,
so an error found later (a brief with a bad date, a template that fails while pages render, a
worker process that dies) would leave an empty or partial site. Instead, the plugin points
``config.site_dir`` at a hidden folder beside the site (``site/`` → ``.site.staging/``, in the
same parent folder so that a rename moves it) in ``on_config``, and MkDocs builds there. In
``on_post_build``, after every other plugin's (they may still write into the site), `publish`
swaps it in:

1. the site folder is renamed away (``.site.old/``), the staging folder renamed in its place:
   two renames, so readers see the old site or the new one, never a mixture;
2. hidden entries of the old site (``.git``, ``.well-known``, …) are moved over, as MkDocs'
   own cleaning keeps them;
3. the old site is deleted: the same work MkDocs' cleaning did before the build, moved after it.
   It is renamed to a trash folder (``.site.deleting-<id>/``) and deleted by a process of its own
   that the build does not wait for (some 34,000 files and their folders at 10,000 briefs: most of a
   second the build would spend after its last page). Where no such process can start (Windows), it is deleted at
   once; a trash folder left by a deleter that was stopped, the next build hands to one again.

Where the site folder cannot be renamed (a mount point, a folder another program holds open on
Windows) or is a symbolic link (a rename would replace the link), its contents are replaced
instead: that is not atomic, but it happens only once the build has succeeded. On an error,
``on_build_error`` calls `StagedBuild.discard`; a build that was killed leaves its staging
folder behind, and the next build's `begin` removes it (and finishes or undoes a swap that was
stopped half-way). Two builds into the same site folder at once are not supported (as in MkDocs).

``mkdocs serve`` builds into a temporary folder of its own and is not staged. ``--dirty`` asks
MkDocs to reuse the site folder, so it builds in place as it always has (`begin` returns None).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import stat
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path


class StagingError(Exception):
    pass


def staging_dir(site_dir: Path) -> Path:
    """Where a build of ``site_dir`` goes until it has succeeded."""
    return site_dir.parent / f".{site_dir.name}.staging"


def _old_dir(site_dir: Path) -> Path:
    """Where the published site goes for the moment of the swap."""
    return site_dir.parent / f".{site_dir.name}.old"


@dataclass(frozen=True)
class StagedBuild:
    site_dir: Path  # the published folder
    staging_dir: Path  # where the build goes

    def publish(self) -> None:
        """Swap the staged build in place of the site folder (see the module's docstring)."""
        site, staging, old = self.site_dir, self.staging_dir, _old_dir(self.site_dir)
        try:
            if not os.path.lexists(site):
                os.rename(staging, site)
                return
            if site.is_symlink() or not self._rename_in(site, staging, old):
                self._replace_contents()
                return
        except OSError as exc:
            raise StagingError(f"could not publish the built site into {site}: {_reason(exc)}") from exc
        try:
            _keep_hidden(old, site)
            _remove_later(old, _trash_dir(site))
        except OSError:
            pass  # the new site is published; the next build finishes tidying up (see `begin`)

    def discard(self) -> None:
        """Remove the staging folder after a failed build; what cannot be removed now, the next build removes."""
        shutil.rmtree(self.staging_dir, ignore_errors=True)

    @staticmethod
    def _rename_in(site: Path, staging: Path, old: Path) -> bool:
        """The two renames; False, with the site as it was, where the platform cannot rename it."""
        with contextlib.suppress(OSError):  # the site folder's permissions, not the umask's
            os.chmod(staging, stat.S_IMODE(site.stat().st_mode))
        try:
            os.rename(site, old)
        except OSError:
            return False
        try:
            os.rename(staging, site)
        except OSError:
            os.rename(old, site)  # the published site back in place, then its contents replaced instead
            return False
        return True

    def _replace_contents(self) -> None:
        """Empty the site folder as MkDocs' cleaning does (hidden entries stay), then move the build into it."""
        site, staging = self.site_dir, self.staging_dir
        for name in os.listdir(site):
            if not name.startswith("."):
                _remove(site / name)
        for name in os.listdir(staging):
            if os.path.lexists(site / name):  # a hidden entry the build made too: the build's wins
                _remove(site / name)
            shutil.move(staging / name, site / name)  # a rename on the same file system, a copy across
        staging.rmdir()


def begin(site_dir: Path, *, dirty: bool = False) -> StagedBuild | None:
    """Clean up after an earlier build that was killed, then make an empty staging folder for this one.

    With ``dirty`` (MkDocs' ``--dirty``: reuse the site folder) only the clean-up is done, and None
    returned: the build goes into the site folder itself.
    """
    site_dir = Path(os.path.abspath(site_dir))
    if site_dir.parent == site_dir:
        raise StagingError(f"the site folder {site_dir} has no parent folder to build beside it in")
    if os.path.lexists(site_dir) and not site_dir.is_dir():
        raise StagingError(f"the site folder {site_dir} is not a folder")
    staging, old = staging_dir(site_dir), _old_dir(site_dir)
    try:
        if os.path.lexists(old):
            if not os.path.lexists(site_dir):
                os.rename(old, site_dir)  # killed between the swap's two renames: the site as it was
            else:
                _keep_hidden(old, site_dir)  # killed after the swap: finish it
                _remove(old)
        if os.path.lexists(staging):
            _remove(staging)
        for trash in _trash_dirs(site_dir):  # a deleter stopped before it finished, or still at work
            if not _delete_detached(trash):
                shutil.rmtree(trash, ignore_errors=True)
        if dirty:
            return None
        staging.mkdir(parents=True)
    except OSError as exc:
        raise StagingError(f"cannot prepare the staging folder {staging}: {_reason(exc)}") from exc
    return StagedBuild(site_dir, staging)


def warnings_counted(logger: logging.Logger) -> bool:
    """Whether a handler that ``logger``'s messages reach has counted any: MkDocs' strict mode is about to fail the build.

    With ``--strict`` (or ``strict: true``), MkDocs counts warnings with a handler on its logger and
    aborts the build right after ``on_post_build``, then calls ``on_build_error``. A build that is
    about to be aborted must not be published. The handler is found by what it does (``get_counts``).
    """
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            get_counts = getattr(handler, "get_counts", None)
            if callable(get_counts) and get_counts():
                return True
        current = current.parent if current.propagate else None
    return False


def _keep_hidden(old: Path, site: Path) -> None:
    for name in os.listdir(old):
        if name.startswith(".") and not os.path.lexists(site / name):
            os.rename(old / name, site / name)


def _remove(path: Path) -> None:
    """Remove a file, a link (not what it points to) or a folder with everything in it."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


TRASH = "deleting-"  # `.site.deleting-<id>`: an old site being deleted


def _trash_dir(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.{TRASH}{uuid.uuid4().hex[:12]}"


def _trash_dirs(site_dir: Path) -> list[Path]:
    prefix = f".{site_dir.name}.{TRASH}"
    if not site_dir.parent.is_dir():
        return []
    return [site_dir.parent / name for name in os.listdir(site_dir.parent) if name.startswith(prefix)]


def _remove_later(old: Path, trash: Path) -> None:
    """Delete the old site in a process of its own; at once where none can start (or the rename fails)."""
    try:
        os.rename(old, trash)
    except OSError:
        _remove(old)
        return
    if not _delete_detached(trash):
        _remove(trash)


# Removes the folder it is given; errors are ignored (a deleter for the same folder may be at work already).
_DELETER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_deleters: list[int] = []  # process ids, reaped when the next one starts


def _delete_detached(folder: Path) -> bool:
    """Start a process that deletes ``folder``, with no pipe to this one (whoever reads this build's output
    is not kept waiting): True if it started."""
    spawn = getattr(os, "posix_spawn", None)
    if spawn is None or not sys.executable:
        return False
    for pid in list(_deleters):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        _deleters.remove(pid)
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    try:
        _deleters.append(spawn(sys.executable, [sys.executable, "-I", "-S", "-c", _DELETER, str(folder)], os.environ,
                               file_actions=quiet))  # fmt: skip
    except (OSError, NotImplementedError):
        return False
    return True


def _reason(exc: OSError) -> str:
    return f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
