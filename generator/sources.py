"""Find a briefs folder's files and read them: which files there are, in which role, and their bytes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from .config import HOME_PAGE, RESERVED_DIRS, CoreConfig
from .diagnostics import Diagnostic, DiagnosticSink


@dataclass(frozen=True)
class SourceFiles:
    """The Markdown files of a briefs folder, by role, as paths relative to it."""

    briefs: tuple[str, ...]
    actors: tuple[str, ...]
    countries: tuple[str, ...]


def discover(root: Path, config: CoreConfig, excluded: Iterable[str] = ()) -> SourceFiles:
    """Every Markdown file under ``root`` by role; hidden files and folders are skipped, as MkDocs does."""
    ignore = pathspec.PathSpec.from_lines("gitwildmatch", [*config.not_briefs, *excluded])
    briefs: list[str] = []
    actors: list[str] = []
    countries: list[str] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative_dir = Path(directory).relative_to(root).as_posix()
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            relative = name if relative_dir == "." else f"{relative_dir}/{name}"
            top = relative.split("/", 1)[0] if "/" in relative else ""
            if top == "actors":
                actors.append(relative)
            elif top == "countries":
                countries.append(relative)
            elif top in RESERVED_DIRS or relative == HOME_PAGE or ignore.match_file(relative):
                continue
            else:
                briefs.append(relative)
    return SourceFiles(tuple(briefs), tuple(actors), tuple(countries))


def read_files(root: Path, paths: Iterable[str], diagnostics: list[Diagnostic]) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each file; one that cannot be read (say, a broken symlink) is reported and skipped."""
    for path in paths:
        try:
            data = (root / path).read_bytes()
        except OSError as exc:
            sink = DiagnosticSink(path)
            sink.error(
                1,
                1,
                "unreadable",
                f"cannot read this file: {exc.strerror or exc}",
                "check that it exists and is readable; a symbolic link may point at a missing file",
            )
            diagnostics.extend(sink.items)
            continue
        yield path, data
