"""Find the files of a briefs folder and read them: which files there are, in which role, and their bytes.

Every entry under the folder is looked at, not only Markdown: MkDocs copies every other file into
the site, so a named pipe there would hang the build and a link to /dev/zero would fill the disk.
Discovery only reads folder entries (``os.scandir``'s cheap file types, and where a symbolic link
leads) and never opens a file; what it refuses is reported at once, in the file's place. Reading
(`read_source`) checks again, on the open file, and reads no more than the size limit allows.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

import pathspec

from ..base.config import HOME_PAGE, RESERVED_DIRS, CoreConfig
from ..base.diagnostics import UNSAFE_CHARACTERS, Diagnostic, DiagnosticSink
from ..reading.frontmatter import MAX_FILE_BYTES, report_too_large

MARKDOWN = ".md"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
UNREADABLE_HINT = "check that it exists and is readable; a symbolic link may point at a missing file"
NOT_REGULAR_HINT = "remove it from the briefs folder: only regular files, or symbolic links to them inside the folder, belong there"  # fmt: skip


@dataclass(frozen=True)
class SourceFiles:
    """The Markdown files of a briefs folder by role, as paths relative to it, and what was refused on the way."""

    briefs: tuple[str, ...]
    actors: tuple[str, ...]
    countries: tuple[str, ...]
    # Markdown that MkDocs publishes as ordinary pages: the home page, pages `not_briefs` matches, topics/.
    pages: tuple[str, ...]
    # Files and folders that are not processed: not regular files, links out of the folder, unsafe names.
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def markdown(self) -> tuple[str, ...]:
        """Every Markdown file in a role, in the order of the roles."""
        return self.briefs + self.actors + self.countries + self.pages


class Roles:
    """Which role a Markdown file has, from its path alone."""

    def __init__(self, config: CoreConfig, excluded: Iterable[str]) -> None:
        self.excluded = pathspec.GitIgnoreSpec.from_lines(excluded)  # MkDocs' exclude_docs
        self.not_briefs = pathspec.GitIgnoreSpec.from_lines(config.not_briefs)

    def of(self, relative: str) -> str | None:
        top = relative.split("/", 1)[0] if "/" in relative else ""
        if top in ("actors", "countries"):
            return top
        if self.excluded.match_file(relative):
            return None
        if relative == HOME_PAGE or top in RESERVED_DIRS or self.not_briefs.match_file(relative):
            return "pages"
        return "briefs"


# A file or folder changed (its content, or its stat's times) less than this before a walk or a load began is
# looked at again by the next one, whatever its stat says: file systems stamp times from a coarse clock, so a
# second change within the same tick could leave the stat as it was (git's "racily clean" entries).
RECENT_NS = 2_000_000_000
StatKey = tuple[int, int, int, int, int, int]


def stat_key(path: str) -> StatKey | None:
    """What the stat of a file or folder says of its content (times, size, inode, device, mode), if it has one."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_mtime_ns, s.st_ctime_ns, s.st_size, s.st_ino, s.st_dev, s.st_mode  # the times first


@dataclass(frozen=True)
class _Folder:
    """One folder as walked: its Markdown files' roles (in name order) and its subfolders."""

    stat: StatKey | None  # before it was walked, when stats are trusted
    roles: dict[str, str | None]
    by_role: dict[str | None, tuple[str, ...]]
    subfolders: tuple[str, ...]
    reusable: bool  # nothing in it was reported, and it holds no symbolic link


class Walk:
    """What `discover` keeps from one walk to the next (``mkdocs serve``'s rebuilds): each Markdown path's role
    and, with ``trust_stat``, each folder's entries, used again while the folder's stat is as it was (adding,
    removing or renaming an entry changes it). A folder with a symbolic link or a reported entry is walked
    every time: where a link leads can change while the folder does not."""

    def __init__(self, config: CoreConfig, excluded: tuple[str, ...], *, trust_stat: bool = False) -> None:
        self.options = (config.not_briefs, excluded)
        self.roles = Roles(config, excluded)
        self.trust_stat = trust_stat
        self.recent_ns = RECENT_NS  # a folder changed this recently is walked again next time
        self.root = ""  # the real path of the folder last walked
        self.known: dict[str, str | None] = {}  # its Markdown files' roles (None: excluded)
        self.folders: dict[str, _Folder] = {}  # its folders that may be used again, by relative path

    def fits(self, config: CoreConfig, excluded: tuple[str, ...]) -> bool:
        """Whether this walk's roles are those of ``config`` and ``excluded``."""
        return self.options == (config.not_briefs, excluded)


def discover(root: Path, config: CoreConfig, excluded: Iterable[str] = (), *, walk: Walk | None = None) -> SourceFiles:
    """Every Markdown file under ``root`` by role, after checking every entry under it.

    Hidden files and folders are skipped, as MkDocs leaves them out. Any other entry that is not a
    regular file or a folder (a named pipe, a device, a socket), a symbolic link that leads out of
    the folder or to a folder, and a name that is not UTF-8 or holds a control character, is reported
    and left alone; so are the contents of such a folder. Folders are walked in name order, each
    one's files before its subfolders, the order of ``os.walk``.

    ``walk``, the last walk's `Walk` (for ``config`` and ``excluded``: `Walk.fits`), spares work it did.
    """
    walk = walk or Walk(config, tuple(excluded))
    found: dict[str | None, list[str]] = {"briefs": [], "actors": [], "countries": [], "pages": [], None: []}
    sink = DiagnosticSink("")
    real_root = os.path.realpath(root)
    kept = walk.folders if walk.root == real_root else {}
    recent = time.time_ns() - walk.recent_ns
    known: dict[str, str | None] = {}
    reusable: dict[str, _Folder] = {}
    folders = [""]  # relative paths still to walk, the next one last
    while folders:
        folder = folders.pop()
        status = stat_key(os.path.join(root, folder)) if walk.trust_stat else None
        walked = kept.get(folder)
        if walked is None or status is None or walked.stat != status:
            walked = _walk_folder(root, folder, real_root, sink, walk, status)
        if walked.reusable and walked.stat is not None and max(walked.stat[:2]) < recent:
            reusable[folder] = walked
        known.update(walked.roles)
        for role, paths in walked.by_role.items():
            found[role].extend(paths)
        folders.extend(reversed(walked.subfolders))
    walk.root, walk.known, walk.folders = real_root, known, reusable
    return SourceFiles(
        tuple(found["briefs"]), tuple(found["actors"]), tuple(found["countries"]), tuple(found["pages"]),
        tuple(sink.items),
    )  # fmt: skip


def _walk_folder(
    root: Path, folder: str, real_root: str, sink: DiagnosticSink, walk: Walk, status: StatKey | None
) -> _Folder:
    """One folder's entries, each checked: what is refused is reported to ``sink``."""
    reported = len(sink.items)
    linked = False
    roles: dict[str, str | None] = {}
    subfolders: list[str] = []
    for entry in _entries(root, folder, sink):
        name = entry.name
        relative = f"{folder}/{name}" if folder else name
        if entry.is_file(follow_symlinks=False) and UNSAFE_CHARACTERS.search(name) is None:
            kind: str | None = "file"  # the common case, decided as `_kind` would, with fewer calls
        else:
            sink.file = relative
            linked = linked or entry.is_symlink()
            kind = _kind(entry, real_root, sink)
        if kind == "folder":
            subfolders.append(relative)
        elif kind == "file" and name.endswith(MARKDOWN):
            role = walk.known.get(relative, "")  # "": a path the last walk did not see
            roles[relative] = walk.roles.of(relative) if role == "" else role
    by_role: dict[str | None, list[str]] = {}
    for relative, role in roles.items():
        by_role.setdefault(role, []).append(relative)
    return _Folder(status, roles, {role: tuple(paths) for role, paths in by_role.items()}, tuple(subfolders),
                   reusable=not linked and len(sink.items) == reported)  # fmt: skip


def _entries(root: Path, folder: str, sink: DiagnosticSink) -> list[os.DirEntry[str]]:
    """The entries of one folder that are not hidden, by name."""
    try:
        with os.scandir(root / folder) as scan:
            entries = [entry for entry in scan if not entry.name.startswith(".")]
    except OSError as exc:
        sink.file = folder or "."
        sink.error(1, 1, "unreadable", f"cannot read this folder: {exc.strerror or exc}", "check that it is readable")
        return []
    return sorted(entries, key=attrgetter("name"))


def _kind(entry: os.DirEntry[str], real_root: str, sink: DiagnosticSink) -> str | None:
    """'file', 'folder', or None for an entry that is reported (to ``sink``) and left alone."""
    unsafe = UNSAFE_CHARACTERS.search(entry.name)
    if unsafe is not None:
        _report_unsafe_name(unsafe, "folder" if entry.is_dir(follow_symlinks=False) else "file", sink)
        return None
    if entry.is_symlink():
        return _link_kind(entry, real_root, sink)
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    if entry.is_file(follow_symlinks=False):
        return "file"
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        mode = 0
    sink.error(1, 1, "not-a-regular-file", f"this is {describe_mode(mode)}, not a regular file", NOT_REGULAR_HINT)
    return None


def _report_unsafe_name(unsafe: re.Match[str], what: str, sink: DiagnosticSink) -> None:
    """A name MkDocs cannot handle (not UTF-8), or one a log must not show as it is (control characters)."""
    if _SURROGATE.search(unsafe.string):  # how Python decodes the bytes of a name that are not UTF-8
        problem = "is not valid UTF-8"
    else:
        problem = f"holds the control character U+{ord(unsafe.group()):04X}"
    skipped = "; nothing in it is checked or built" if what == "folder" else ""
    sink.error(1, 1, "unsafe-file-name", f"the name of this {what} {problem}{skipped}",
               "rename it with printable UTF-8 characters: letters, digits, '-' and '_' are safest")  # fmt: skip


def _link_kind(entry: os.DirEntry[str], real_root: str, sink: DiagnosticSink) -> str | None:
    """A symbolic link is followed only to a regular file inside the briefs folder."""
    target = os.path.realpath(entry.path)
    inside = os.path.normcase(target).startswith(os.path.normcase(real_root.rstrip(os.sep) + os.sep))
    if target != real_root and not inside:
        sink.error(1, 1, "symlink-outside", f"this symbolic link leads out of the briefs folder, to {target}",
                   "copy the file into the briefs folder, or link to a file inside it")  # fmt: skip
        return None
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        sink.error(1, 1, "unreadable", f"cannot read this file: {exc.strerror or exc}", UNREADABLE_HINT)
        return None
    if stat.S_ISDIR(mode):
        sink.error(1, 1, "symlinked-folder", "this is a symbolic link to a folder, which the site does not follow",
                   "move the folder here, or link each file in it: MkDocs would publish the folder's files twice")  # fmt: skip
        return None
    if not stat.S_ISREG(mode):
        sink.error(1, 1, "not-a-regular-file", f"this symbolic link leads to {describe_mode(mode)}, not a regular file",
                   NOT_REGULAR_HINT)  # fmt: skip
        return None
    return "file"


def describe_mode(mode: int) -> str:
    """What a file that is not regular is, in words, from its ``st_mode``."""
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))  # fmt: skip
    return next((words for test, words in kinds if test(mode)), "a special file")


class UnreadableSource(Exception):
    """A file that is not read: ``diagnostic`` says why, at 1:1 of the file."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_files(root: Path, paths: Iterable[str], diagnostics: list[Diagnostic]) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each file; one that is not read (see `read_source`) is reported and skipped."""
    folder = os.fspath(root)
    for path in paths:
        try:
            data = read_source(os.path.join(folder, path), path)  # a plain string: ten thousand Path objects cost
        except UnreadableSource as exc:
            diagnostics.append(exc.diagnostic)
            continue
        yield path, data


def read_source(file: str | Path, shown_as: str) -> bytes:
    """The bytes of ``file``, a regular file of at most MAX_FILE_BYTES; `UnreadableSource` (with
    ``shown_as`` as the diagnostic's path) otherwise. Never blocks, and never reads more than the
    limit and one byte.

    ``stat`` comes first, so a file over the limit (a sparse one of terabytes, say) is reported
    unread. The file is opened non-blocking, so a named pipe swapped in since does not block the
    open, and the open descriptor is checked again: what is read is what was checked.
    """
    sink = DiagnosticSink(shown_as)
    data = _read_checked(file, sink)
    if data is None:
        raise UnreadableSource(sink.items[0])
    return data


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 64 * 1024


def _read_checked(file: str | Path, sink: DiagnosticSink) -> bytes | None:
    try:
        if not _regular_and_small(os.stat(file), sink):
            return None
        descriptor = os.open(file, _OPEN_FLAGS)
        try:
            opened = os.fstat(descriptor)
            if not _regular_and_small(opened, sink):
                return None
            data = _read_at_most(descriptor, MAX_FILE_BYTES + 1, opened.st_size)
        finally:
            os.close(descriptor)
    except OSError as exc:
        sink.error(1, 1, "unreadable", f"cannot read this file: {exc.strerror or exc}", UNREADABLE_HINT)
        return None
    if len(data) > MAX_FILE_BYTES:  # it grew after the check
        report_too_large(sink, None)
        return None
    return data


def _regular_and_small(status: os.stat_result, sink: DiagnosticSink) -> bool:
    if not stat.S_ISREG(status.st_mode):
        sink.error(1, 1, "not-a-regular-file", f"this is {describe_mode(status.st_mode)}, not a regular file",
                   NOT_REGULAR_HINT)  # fmt: skip
        return False
    if status.st_size > MAX_FILE_BYTES:
        report_too_large(sink, status.st_size)
        return False
    return True


def _read_at_most(descriptor: int, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes: a file of the ``expected`` size takes one read, and one more to find its end."""
    chunks: list[bytes] = []
    total = 0
    while total < most:
        asked = min(most - total, max(expected + 1 - total, _CHUNK))
        chunk = os.read(descriptor, asked)
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < asked:  # a regular file reads short only at its end
            break
    return b"".join(chunks)
