"""Many generated files written under one folder: Pagefind's index, the data files and redirect pages.

Ten thousand and more a build, so the folder is resolved once, each subfolder made once, and each path checked as
a string (paths come from validated slugs or from Pagefind; the folders written hold no links that could lead out).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class OutsideFolder(ValueError):
    """A path that would leave the folder (or name the folder itself); its message is the path."""


def write_under(root: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write each (relative path, content) under ``root``, making folders as needed; refuse a path leaving it."""
    base = os.path.realpath(root)
    made: set[str] = set()
    for path, content in files:
        target = os.path.normpath(os.path.join(base, path))
        if target == base or os.path.commonpath((base, target)) != base:
            raise OutsideFolder(path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "wb") as file:
            file.write(content)
