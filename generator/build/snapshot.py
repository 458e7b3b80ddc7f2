"""What is on disk under a few folders, by path: how serve's rebuilds tell which files changed.

MkDocs' watcher says that something changed, not what. A snapshot records each file's size, change
time and inode (as make, Hugo and MkDocs' own polling watcher do: a file written again is a file
changed); comparing two snapshots gives the files modified, added and deleted.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Signature = tuple[int, int, int]  # size, modification time (ns), inode


@dataclass(frozen=True)
class Changes:
    modified: frozenset[str]
    added: frozenset[str]
    deleted: frozenset[str]

    @property
    def paths(self) -> frozenset[str]:
        return self.modified | self.added | self.deleted

    def __bool__(self) -> bool:
        return bool(self.modified or self.added or self.deleted)


def snapshot(folder: Path) -> dict[str, Signature]:
    """Every file under ``folder`` (symbolic links not followed), by path relative to it with '/' separators."""
    found: dict[str, Signature] = {}
    pending = [("", os.fspath(folder))]
    while pending:
        prefix, current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))
                    continue
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[relative] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def compare(before: dict[str, Signature], after: dict[str, Signature]) -> Changes:
    return Changes(
        modified=frozenset(p for p, sig in after.items() if p in before and before[p] != sig),
        added=frozenset(after.keys() - before.keys()),
        deleted=frozenset(before.keys() - after.keys()),
    )


def updated(before: dict[str, Signature], folder: Path, paths: Iterable[str]) -> tuple[dict[str, Signature], Changes]:
    """The snapshot ``before`` with the files at ``paths`` (relative to ``folder``) looked at again, and what
    changed among them: what a new snapshot and `compare` give when nothing else under ``folder`` changed."""
    after = dict(before)
    for path in paths:
        try:
            status = os.lstat(os.path.join(folder, path))
        except OSError:
            after.pop(path, None)
            continue
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        after[path] = (status.st_size, status.st_mtime_ns, status.st_ino)
    changed = set(paths)
    return after, compare({p: before[p] for p in changed if p in before}, {p: after[p] for p in changed if p in after})
