"""What `load` keeps from one load to the next with the same cache: ``mkdocs serve``'s rebuilds.

Every result kept is a pure function of what its key holds, so a warm load equals a cold one:

- a file's parse, by path, parser and content hash (parsing reads nothing else, see `reading.parse`);
- a brief's resolved names, by path, content hash, the registries' fingerprint (`resolve.names_fingerprint`) and
  the role vocabulary's: an actor added, an alias or a role changed resolves every brief again, an edited brief
  only itself;
- a body's raw-HTML errors, by path and body; a brief's mention warnings, by its listing and the fingerprints
  of the registries and the mention finder; the finder itself, by the registries' fingerprint;
- the actor registry and country resolver, while the actor files and the country aliases are the same;
- the last walk of the folder, while `not_briefs` and the excluded pages stay the same (`sources.Walk`).

Each load keeps only what it used: the cache holds the current version of the current files, never every
version of every file a long serve session has seen. A load that fails half-way keeps what the last one used.

What is unchanged is kept as the very same objects, so a warm load allocates almost nothing that lasts: at
10,000 briefs, new tuples per file per load would wake the garbage collector's full collections, which then
scan the whole site (a quarter of a second each).
"""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..base.config import CoreConfig
from ..base.diagnostics import Diagnostic
from ..base.languages import DEFAULT as DEFAULT_LANGUAGE
from ..base.roles import DEFAULT_ROLES, RoleVocabulary
from ..reading.parse import ParsedActor, ParsedBrief, content_hash, parse_brief
from .countries import CountryResolver
from .mentions import MentionFinder
from .registry import ActorRegistry
from .resolve import Listing, Registries, ResolvedBrief, build_registries, resolve_brief
from .sources import RECENT_NS, StatKey, UnreadableSource, Walk, read_source, stat_key

P = TypeVar("P")


@dataclass(frozen=True, slots=True)  # slots: a warm load reads 10,000 of these
class FileRead(Generic[P]):
    """One file as read: its content hash and parse, and (when stats are trusted) its stat before it was read."""

    digest: str
    parse: Callable[[str, bytes], P]
    parsed: P
    stat: StatKey | None = None  # None: not to be trusted (not asked for, or the file had just changed)


@dataclass(frozen=True, slots=True)
class _Resolution:
    digest: str
    names: str  # `names_fingerprint` of the registries it was resolved against, and the roles' fingerprint
    result: ResolvedBrief


@dataclass
class _Kept:
    """What one load used, by path (see the module's docstring)."""

    folder: str = ""  # the briefs folder the stats are of
    files: dict[str, FileRead[Any]] = field(default_factory=dict)
    resolved: dict[str, _Resolution] = field(default_factory=dict)
    # With raw_html: refuse, each body's raw-HTML errors: (body, first line, errors).
    refused: dict[str, tuple[str, int, tuple[Diagnostic, ...]]] = field(default_factory=dict)
    finder: tuple[str, MentionFinder] | None = None  # the registries' fingerprint, their finder
    # The actor files' parses (in the order read) and the site's country aliases, and their registries.
    registries: tuple[list[ParsedActor], list[tuple[str, str]], Registries] | None = None


class ParseCache:
    """Results of earlier loads, kept for the next (see the module's docstring).

    ``ParseCache(trust_stat=True)`` is for ``mkdocs serve``: serve trusts stats, as make and Hugo's server
    trust modification times. A file whose stat (modification and change times, size, inode, device, mode) is
    as it was when it was last read is not read again, and a folder whose stat is unchanged is not listed
    again (`sources.Walk`). An edit that left all of these as they were (a second save within one tick of the
    file system's clock, of the same size) would go unseen, so what changed in the `recent_ns` before a load
    began is read again by the next load as well.

    ``ParseCache()`` (``mkdocs build``, ``generator check``, CI) reads and hashes every file on every load.
    """

    def __init__(self, *, trust_stat: bool = False) -> None:
        self.trust_stat = trust_stat
        self.recent_ns = RECENT_NS  # a file changed this recently is read again next time (see `sources.RECENT_NS`)
        self.walk: Walk | None = None
        self._kept = _Kept()  # what the last load used
        self._next: _Kept | None = None  # what the load under way has used so far
        self._started = 0  # when it began (time.time_ns)
        self._mentions: dict[str, tuple[Listing, str, tuple[Diagnostic, ...]]] = {}  # path -> listing, key, warnings

    # -- one load -------------------------------------------------------------------------------------
    def begin(self, root: Path, config: CoreConfig, excluded: tuple[str, ...]) -> Walk:
        """Start a load of ``root`` (forgetting what an unfinished one used); the last walk, for `discover`."""
        self._next = _Kept(os.fspath(root))
        self._started = time.time_ns()
        if self.walk is None or not self.walk.fits(config, excluded):
            self.walk = Walk(config, excluded, trust_stat=self.trust_stat)
        self.walk.recent_ns = self.recent_ns
        return self.walk

    def commit(self) -> None:
        """End the load: keep what it used, and nothing else."""
        self._kept, self._next = self._using(), None

    def _using(self) -> _Kept:
        if self._next is None:
            raise RuntimeError("a cache is used between begin() and commit()")
        return self._next

    def read(
        self, paths: Iterable[str], parse: Callable[[str, bytes], P], diagnostics: list[Diagnostic]
    ) -> Iterator[FileRead[P]]:
        """Each file read and parsed, or as it was; one that is not read (see `sources.read_source`) is reported."""
        used, kept = self._using(), self._kept
        kept_files, used_files = kept.files, used.files  # (locals: this loop runs 10,000 times a rebuild)
        prefix = os.path.join(used.folder, "")
        stats = self.trust_stat
        trusted = stats and kept.folder == used.folder  # the stats kept are of the same files
        recent = self._started - self.recent_ns
        for path in paths:
            file = prefix + path  # a plain string: ten thousand Path objects cost
            status = stat_key(file) if stats else None
            earlier = kept_files.get(path)
            if (
                trusted
                and earlier is not None
                and status is not None
                and earlier.stat == status
                and earlier.parse is parse
            ):
                used_files[path] = earlier  # unchanged since it was read: not read again
                yield earlier
                continue
            try:
                data = read_source(file, path)
            except UnreadableSource as exc:
                diagnostics.append(exc.diagnostic)
                continue
            digest = content_hash(data)
            if status is not None and max(status[:2]) >= recent:
                status = None  # changed just now: it may change again within the clock's tick
            if earlier is None or earlier.digest != digest or earlier.parse is not parse:
                earlier = FileRead(digest, parse, parse(path, data), status)
            elif earlier.stat != status:
                earlier = FileRead(digest, parse, earlier.parsed, status)
            used_files[path] = earlier
            yield earlier

    def registries(self, actors: list[ParsedActor], country_aliases: Mapping[str, str]) -> Registries:
        """The registries of these actors and aliases (`resolve.build_registries`), or the last load's when the
        actor files are the same (the same parses, in the same order) and so are the aliases."""
        aliases, earlier = list(country_aliases.items()), self._kept.registries
        same = earlier is not None and earlier[1] == aliases and len(earlier[0]) == len(actors)
        if earlier is not None and same and all(map(operator.is_, earlier[0], actors)):
            registries = earlier[2]
        else:
            registries = build_registries(actors, country_aliases)
        self._using().registries = (actors, aliases, registries)
        return registries

    def resolve(
        self,
        read: Iterable[FileRead[ParsedBrief]],
        registry: ActorRegistry,
        resolver: CountryResolver,
        names: str,
        roles: RoleVocabulary = DEFAULT_ROLES,
        site_lang: str = DEFAULT_LANGUAGE,
    ) -> list[ResolvedBrief]:
        """Each brief's names and roles resolved (`resolve.resolve_brief`), or the result kept from the last load;
        ``names`` is the registries' `names_fingerprint`; ``site_lang``, the language of briefs that name none."""
        used, kept = self._using(), self._kept.resolved
        names = f"{names}:{roles.fingerprint}:{site_lang}"
        results: list[ResolvedBrief] = []
        for file in read:
            path = file.parsed.path
            earlier = kept.get(path)
            if earlier is None or earlier.digest != file.digest:
                earlier = _Resolution(
                    file.digest, names, resolve_brief(file.parsed, registry, resolver, roles=roles, site_lang=site_lang)
                )
            elif earlier.names != names:  # the same brief, other registries or roles
                result = resolve_brief(file.parsed, registry, resolver, earlier.result, roles, site_lang)
                earlier = _Resolution(file.digest, names, result)
            used.resolved[path] = earlier
            results.append(earlier.result)
        return results

    def refused(
        self, bodies: Iterable[tuple[str, str, int]], check: Callable[[str, str, int], list[Diagnostic]]
    ) -> list[Diagnostic]:
        """``check(path, body, first line)`` of each body (the raw-HTML errors), or its result from the last load."""
        used, kept = self._using(), self._kept.refused
        diagnostics: list[Diagnostic] = []
        for path, body, body_line in bodies:
            earlier = kept.get(path)
            if earlier is None or earlier[0] != body or earlier[1] != body_line:
                earlier = (body, body_line, tuple(check(path, body, body_line)))
            used.refused[path] = earlier
            diagnostics.extend(earlier[2])
        return diagnostics

    def finder(self, names: str, make: Callable[[], MentionFinder]) -> MentionFinder:
        """The mention finder of the registries whose `names_fingerprint` is ``names`` (``make()``), or the last
        load's when it was of the same."""
        earlier = self._kept.finder
        finder = earlier[1] if earlier is not None and earlier[0] == names else make()
        self._using().finder = (names, finder)
        return finder

    # -- kept on disk between builds (the plugin's `cache_dir`) ------------------------------------------
    def portable(self) -> dict[str, Any]:
        """What the last load used that holds between processes: parses and resolutions by path and content hash
        (no stats, no registries: a fresh process rebuilds those), for `adopt` in a later process."""
        kept = self._kept
        files = {path: replace(read, stat=None) if read.stat is not None else read for path, read in kept.files.items()}
        return {"files": files, "resolved": dict(kept.resolved), "refused": dict(kept.refused)}

    def adopt(self, portable: Mapping[str, Any]) -> None:
        """Start from what `portable` returned in another process: each entry is still checked against the
        file's content hash (and registries' fingerprint) before it is used, so this changes no result."""
        self._kept = _Kept(
            folder="", files=dict(portable["files"]), resolved=dict(portable["resolved"]),
            refused=dict(portable["refused"]),
        )  # fmt: skip

    # -- mention warnings, checked after the load --------------------------------------------------------
    def mention_warnings(
        self, listings: Iterable[Listing], key: str, check: Callable[[Listing], list[Diagnostic]]
    ) -> list[Diagnostic]:
        """``check(listing)`` for each listing, or its result from the last check with the same ``key`` (the
        fingerprints of everything else the check reads); afterwards only these listings' results are kept."""
        used: dict[str, tuple[Listing, str, tuple[Diagnostic, ...]]] = {}
        diagnostics: list[Diagnostic] = []
        for listing in listings:
            earlier = self._mentions.get(listing.path)
            if earlier is None or earlier[0] != listing or earlier[1] != key:
                earlier = (listing, key, tuple(check(listing)))
            used[listing.path] = earlier
            diagnostics.extend(earlier[2])
        self._mentions = used
        return diagnostics

    @property
    def paths(self) -> set[str]:
        """Every path the cache holds something for: the files of the last load (and listings last checked)."""
        kept = self._kept
        return {*kept.files, *kept.resolved, *kept.refused, *self._mentions, *(self.walk.known if self.walk else ())}

    @property
    def briefs(self) -> dict[tuple[str, str], ParsedBrief]:
        """The parsed briefs kept, by path and content hash."""
        return {(path, f.digest): f.parsed for path, f in self._kept.files.items() if f.parse is parse_brief}
