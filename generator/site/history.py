"""Each brief's revisions: the commits that changed its file, from the one pass over git (`git_log`).

A brief's file is followed back through its moves: a file moved from a.md to b.md keeps a.md's commits.
Its history starts at the commit that added the file (an older file deleted from that path is another
file). The move itself is a revision (its commit says why the brief moved), but not a change of the text:
a move alone (git's similarity 100) does not date the brief's last change. Nor does the commit that added
the file: that is when it was written, which its own date says better; and in a shallow clone every file
seems added by the oldest commit there is.

The walk goes once over the log, newest commit first, with a map from each path, as it was at that point
of the history, to the file it held (by its path now): linear in the number of changes. The result depends
on the history alone, and is kept with the log it came from (serve's rebuilds reuse both while HEAD stays).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..base.model import Brief, Corpus, Revision
from .git_log import GitLog


@dataclass(frozen=True)
class FileHistory:
    revisions: tuple[Revision, ...]  # newest first
    modified: dt.date | None  # the day of the last change of the text after the file was added


_derived: tuple[GitLog, dict[str, FileHistory]] | None = None
# Each brief given its history in the last load, with what it was made from: serve's loads keep unchanged briefs
# as the very same objects (see `corpus.cache`), and so does this, instead of a new copy of each at every edit.
_dated: dict[str, tuple[Brief, FileHistory, Brief]] = {}


def histories(log: GitLog) -> dict[str, FileHistory]:
    """The history of every file the log's commits reach, by its path now."""
    global _derived
    if _derived is not None and _derived[0] is log:
        return _derived[1]
    holder: dict[str, str | None] = {}  # a path, as it was at this point of the walk -> its file now (None: none)
    found: dict[str, list[Revision]] = {}
    modified: dict[str, str] = {}
    for commit in log.commits:
        gone: list[str] = []
        moved: list[tuple[str, str]] = []
        # Every change of a commit is looked up in the map as it was after the commit, then the map is set
        # to before it: a commit can move a.md away and add another a.md.
        for change in commit.changes:
            owner = holder.get(change.path, change.path)
            if owner is None:
                continue
            if change.status in ("A", "D", "R"):  # before this commit, the path held another file, or nothing
                gone.append(change.path)
            if change.status == "D":  # a file deleted before the one there now was added (or never committed)
                continue
            content = change.status != "R" or change.similarity < 100
            found.setdefault(owner, []).append(Revision(commit.sha, commit.date, commit.subject, content))
            if change.status == "R":
                moved.append((change.old, owner))
            if content and change.status != "A":
                day = commit.date[:10]  # the author's day
                if day > modified.get(owner, ""):
                    modified[owner] = day
        holder.update(dict.fromkeys(gone))
        holder.update(moved)
    result = {
        path: FileHistory(tuple(revisions), dt.date.fromisoformat(modified[path]) if path in modified else None)
        for path, revisions in found.items()
    }
    _derived = (log, result)
    return result


def with_revisions(corpus: Corpus, log: GitLog | None) -> Corpus:
    """``corpus`` with each brief's revisions and the day of its last change from ``log`` (none without one)."""
    if log is None or not log.commits:
        return corpus
    global _dated
    found = histories(log)
    briefs = []
    dated: dict[str, tuple[Brief, FileHistory, Brief]] = {}
    for brief in corpus.briefs:
        history = found.get(brief.path)
        if history is not None:
            last = _dated.get(brief.path)
            if last is not None and last[0] is brief and last[1] is history:
                with_history = last[2]
            else:
                with_history = replace(brief, revisions=history.revisions, modified=history.modified)
            dated[brief.path] = (brief, history, with_history)
            brief = with_history
        briefs.append(brief)
    _dated = dated
    return replace(corpus, briefs=tuple(briefs))


def commit_link(repo_url: str | None) -> str:
    """What a commit's id is appended to, to link to it on the repository's host ('' for no link): ``repo_url``
    as MkDocs has it, an http(s) address of GitHub, GitLab, Bitbucket, Gitea, Codeberg or another forge."""
    parsed = urlsplit(repo_url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return ""
    base = (repo_url or "").rstrip("/").removesuffix(".git")
    host = parsed.hostname or ""
    if "gitlab" in host:
        return f"{base}/-/commit/"
    if "bitbucket" in host:
        return f"{base}/commits/"
    return f"{base}/commit/"  # GitHub, Gitea and Forgejo (Codeberg), and most others
