"""The briefs folder's git history, read in one pass: what `renames` and `history` are derived from.

One ``git rev-parse`` (HEAD, and whether the clone is shallow), then one ``git log`` for the whole folder,
never one per file; its output is parsed in one linear pass. The result depends on the history alone
(the commits HEAD reaches), so it is kept for as long as HEAD stays the same: `mkdocs serve`'s rebuilds
run only the ``rev-parse`` again. Outside a git repository, without git, before the first commit, or if
git fails, there is no history, silently: history is a convenience, never a requirement.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_SECONDS = 60
_COMMIT = "\x01"  # starts each commit's header: its token cannot be taken for a status or a path
_FORMAT = f"--format={_COMMIT}%H%x00%aI%x00%s"


@dataclass(frozen=True, slots=True)
class Change:
    """One file a commit changed, with the status git gives it: A, M, D, T, or R (moved from ``old``)."""

    status: str
    path: str  # relative to the briefs folder, with '/' separators
    old: str = ""  # R: the path before the move
    similarity: int = 100  # R: how much of the text the move kept, in percent (100: a move alone)


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: str  # the author date, ISO 8601 with the author's offset ("2024-05-02T10:00:00+02:00")
    subject: str  # the first line of the message (git's subject)
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class GitLog:
    head: str
    shallow: bool  # a shallow clone: the history stops at the clone's depth
    commits: tuple[Commit, ...]  # newest first, as `git log` lists them


_last: tuple[tuple[str, str, str], GitLog] | None = (
    None  # (folder, HEAD, shallow) and its log: serve's rebuilds reuse it
)


def read(docs_dir: Path) -> GitLog | None:
    """The history of ``docs_dir`` (of the files under it), or None where there is none (see the module's doc)."""
    global _last
    git = shutil.which("git")
    if git is None:
        return None
    found = _git(git, docs_dir, "rev-parse", "--is-shallow-repository", "HEAD")
    if found is None:
        return None
    shallow, _, head = found.strip().partition("\n")
    key = (str(docs_dir.resolve()), head, shallow)  # a clone deepened or unshallowed has more history at one HEAD
    if _last is not None and _last[0] == key:
        return _last[1]
    output = _git(git, docs_dir, "log", "-M", "--name-status", "-z", _FORMAT, "--relative", "--", ".")
    if output is None:
        return None
    log = GitLog(head, shallow == "true", parse(output))
    _last = (key, log)
    return log


def _git(git: str, folder: Path, *args: str) -> str | None:
    # Settings that would change the output are set here, whatever the user's git configuration says.
    command = [git, "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:  # not a repository, or no commit yet
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def parse(output: str) -> tuple[Commit, ...]:
    """The commits of ``git log --name-status -z`` output in `_FORMAT`: each a header (sha, date and subject,
    NUL-separated), then its changes, a status and one path (two for R and C)."""
    tokens = output.split("\0")
    commits: list[Commit] = []
    at, end = 0, len(tokens)
    while at < end:
        token = tokens[at].lstrip("\n")
        if not token.startswith(_COMMIT) or at + 2 >= end:
            at += 1  # the empty token after the last NUL
            continue
        sha, date, subject = token[1:], tokens[at + 1], tokens[at + 2]
        at += 3
        changes: list[Change] = []
        while at < end:
            status = tokens[at].lstrip("\n")
            if not status or status.startswith(_COMMIT):
                break
            kind = status[0]
            if kind in "RC" and at + 2 < end:
                score = int(status[1:]) if status[1:].isdigit() else 0
                old, path = tokens[at + 1], tokens[at + 2]
                changes.append(Change("R", path, old, score) if kind == "R" else Change("A", path))
                at += 3
            elif at + 1 < end:
                changes.append(Change(kind, tokens[at + 1]))
                at += 2
            else:
                at += 1
        commits.append(Commit(sha, date, subject.partition("\n")[0], tuple(changes)))
    return tuple(commits)
