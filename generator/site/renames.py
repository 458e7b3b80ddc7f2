"""Briefs renamed or moved in git's history: their old addresses redirect, as if written in `redirect_from`.

One ``git log`` for the whole briefs folder, never one per file (`git_log`): the renames it lists, oldest first, are
followed through chains (a.md -> b.md -> c.md: a and b both lead to c). Outside a git repository, without
git, or if git fails, there are none, silently: the history is a convenience, never a requirement. A
shallow clone has less history, so fewer renames. The result depends on the history alone.

An address found this way is dropped where the site has a use for it already: a live page (a brief
that now lives at the old path, any planned page), an address an author wrote in `redirect_from`, or
one two files' histories both lead from. The author did not write it, so it is never an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..base.model import Corpus, Located
from . import git_log, urls
from .git_log import GitLog

_IMPLICIT = 0  # the line and column of an address found in history: no line of the file wrote it


def renamed_from(docs_dir: Path) -> dict[str, set[str]]:
    """Every path (relative to ``docs_dir``) that files were renamed to, with all the paths they had before."""
    return renames_in(git_log.read(docs_dir))


def renames_in(log: GitLog | None) -> dict[str, set[str]]:
    """`renamed_from`, from a history already read."""
    if log is None:
        return {}
    moves = (change for commit in reversed(log.commits) for change in commit.changes if change.status == "R")
    return follow((change.old, change.path) for change in moves)


def follow(renames: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each path's earlier paths, from renames oldest first; a file renamed back does not lead from itself."""
    earlier: dict[str, set[str]] = {}
    for old, new in renames:
        moved = earlier.pop(old, set()) | {old}
        earlier.setdefault(new, set()).update(moved)
        earlier[new].discard(new)
    return {path: olds for path, olds in earlier.items() if olds}


def with_history(corpus: Corpus, earlier: dict[str, set[str]], pages: Iterable[str]) -> Corpus:
    """``corpus`` with each brief's old addresses from history added to its `redirect_from`, after those written
    (see the module's doc for those left out); ``pages``: the source paths of the site's ordinary pages."""
    if not earlier:
        return corpus
    found = {brief.path: _addresses(earlier.get(brief.path, ())) for brief in corpus.briefs}
    claims = Counter(address for addresses in found.values() for address in addresses)
    live = {urls.page_path(path) for path in pages} | {urls.page_path(brief.path) for brief in corpus.briefs}
    written = {old.value for brief in corpus.briefs for old in brief.redirect_from}
    briefs = []
    for brief in corpus.briefs:
        keep = [address for address in found[brief.path]
                if claims[address] == 1 and address not in live and address not in written and not _generated(address)]  # fmt: skip
        if keep:
            implicit = tuple(Located(address, _IMPLICIT, _IMPLICIT) for address in keep)
            brief = replace(brief, redirect_from=brief.redirect_from + implicit)
        briefs.append(brief)
    return replace(corpus, briefs=tuple(briefs))


def _generated(address: str) -> bool:
    """Whether the site makes something at ``address`` or owns its folder: the home page, or any folder the site
    generates pages or files in (a brief never lives there, but a file the author moved may have)."""
    top = address.partition("/")[0]
    return not address or top in _GENERATED_TOPS


_GENERATED_TOPS = frozenset(
    url.removesuffix("/")
    for url in (urls.ACTORS, urls.COUNTRIES, urls.TOPICS, urls.PAIRS, urls.ARCHIVE, urls.SEARCH, urls.PERMALINKS,
                urls.SEARCH_INDEX, urls.FEED, urls.BRIEFS_JSON, urls.BRIEFS_CSV, urls.REDIRECTS, "404.html", "sitemap.xml")
)  # fmt: skip


def _addresses(paths: Iterable[str]) -> list[str]:
    """The addresses of the pages of the Markdown files at ``paths``, sorted."""
    return sorted({urls.page_path(path) for path in paths if path.endswith(".md")})
