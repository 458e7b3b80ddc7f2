"""The search index in shards: contiguous date ranges of briefs, each its own Pagefind bundle.

Pagefind holds a whole index in memory while it builds it (about 250 KB a record) and the browser loads
a bundle's whole metadata before its first search (about 9 bytes a page, gzipped). One bundle for
100,000 briefs needs over 20 GB to build and 1 MB before a first result. So the briefs are cut, oldest
first, into shards of ``size`` briefs; the newest shard keeps what is left (between half and one and a
half times ``size``), with the actors and countries, at ``pagefind/``, where a site of one shard has its
whole index. Older shards sit at ``pagefind/shards/<n>/``, numbered from the oldest: a new brief changes
only the newest, so the older ones keep their folders, their contents and any cached copy.

The search page searches the newest shard first and the older ones on demand (assets/search.js); it
learns the shards from the page (`ShardInfo`, in `SearchView`). Shards never overlap in dates, so a
search sorted by date reads them one after another.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..base.config import SEARCH_SHARD_BRIEFS
from ..base.model import Brief
from . import urls

DEFAULT_SIZE = SEARCH_SHARD_BRIEFS.default


@dataclass(frozen=True)
class Shard:
    folder: str  # site-relative, ending in '/': "pagefind/" or "pagefind/shards/3/"
    briefs: tuple[Brief, ...]  # oldest first, every language
    newest: bool  # holds the actors' and countries' records too

    @property
    def info(self) -> ShardInfo:
        years = Counter(str(brief.date.year) for brief in self.briefs)
        return ShardInfo(self.folder, self.briefs[0].date.isoformat() if self.briefs else "",
                         self.briefs[-1].date.isoformat() if self.briefs else "", len(self.briefs),
                         tuple(sorted(years.items(), reverse=True)))  # fmt: skip


@dataclass(frozen=True)
class ShardInfo:
    """What the search page knows of a shard: where it is, the dates it covers and its briefs by year."""

    folder: str
    first: str  # ISO date of its oldest brief; '' for a shard without briefs
    last: str
    briefs: int
    years: tuple[tuple[str, int], ...]  # newest year first

    def as_json(self) -> dict[str, object]:
        return {"path": self.folder, "from": self.first, "to": self.last, "briefs": self.briefs,
                "years": dict(self.years)}  # fmt: skip


def plan_shards(members: Sequence[Brief], size: int = DEFAULT_SIZE) -> tuple[Shard, ...]:
    """``members`` (every brief with a page, oldest first) in shards, the newest first."""
    ordered = sorted(members, key=lambda brief: (brief.date, brief.path))
    older: list[Shard] = []
    start = 0
    while len(ordered) - start > size + size // 2:
        older.append(Shard(f"{urls.SEARCH_SHARDS}{len(older) + 1}/", tuple(ordered[start : start + size]), False))
        start += size
    return (Shard(urls.SEARCH_INDEX, tuple(ordered[start:]), True), *reversed(older))


def shards_json(shards: Sequence[Shard], date_text: Callable[[dt.date], str]) -> str:
    """The shards as the search page hands them to its script (newest first; autoescaped into an attribute), each
    with its first brief's date in the page's words (``since``: "since 3 March 2025", as result dates read)."""
    return json.dumps([{**shard.info.as_json(), "since": date_text(shard.briefs[0].date) if shard.briefs else ""}
                       for shard in shards], separators=(",", ":"), ensure_ascii=False)  # fmt: skip
