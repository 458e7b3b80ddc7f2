"""A search index of several shards (`site.search_shards`), built one after another, one Pagefind at a time.

Pagefind's memory grows with the records it holds; a fresh process per shard gives it back, so the
peak is one shard's, whatever the site's size. A shard whose records are those of an earlier build
is not indexed again: each indexed shard is kept in a store folder under the digest of its records
(and of the Pagefind that indexed them), and its files are linked from there into the output.
`mkdocs serve` keeps a store in a temporary folder, so an edit re-indexes only the shard it falls in;
`mkdocs build` keeps one in its `cache_dir` where there is one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Protocol

from ..site import urls
from ..site.index import SiteIndex
from ..site.locale import Locales
from ..site.search_records import SearchRecord, brief_records, entity_records
from ..site.search_shards import Shard

STORE_FORMAT = "1"


class Indexing(Protocol):
    """One shard's index under way: records in, then its files written."""

    def add_record(self, record: SearchRecord) -> None: ...

    def finish(self) -> int: ...

    def kill(self) -> None: ...


# Start indexing into a folder (it need not exist); the site's language for records that name none.
StartIndexing = Callable[[Path], Indexing]


def shard_records(index: SiteIndex, shard: Shard, locales: Locales | None, *,
                  remember: bool = True) -> Iterator[SearchRecord]:  # fmt: skip
    """A shard's records: its briefs', and in the newest shard the actors' and countries' too (``remember``: see
    `brief_records`)."""
    yield from brief_records(index, shard.briefs, locales, remember=remember)
    if shard.newest:
        yield from entity_records(index, locales)


@functools.cache  # asked once a shard; the installed package does not change during a build
def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return ""


def records_digest(records: Sequence[SearchRecord], language: str) -> str:
    """What decides a shard's files: its records, the site's language and the Pagefind that indexes them."""
    digest = hashlib.sha256(f"{STORE_FORMAT}\0{_pagefind_version()}\0{language}\0".encode())
    for record in records:
        digest.update(json.dumps(asdict(record), ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:32]


class ShardStore:
    """Indexed shards kept under their digest in ``folder``; the ones a build did not use are removed after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def get(self, digest: str) -> Path | None:
        kept = self.folder / digest
        if (kept / "pagefind-entry.json").is_file():
            self._used.add(digest)
            return kept
        return None

    def staging(self, digest: str) -> Path:
        """A fresh folder to index a shard into; `keep` makes it the stored copy."""
        staging = self.folder / f".{digest}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        return staging

    def keep(self, digest: str, staging: Path) -> Path:
        kept = self.folder / digest
        shutil.rmtree(kept, ignore_errors=True)
        staging.rename(kept)
        self._used.add(digest)
        return kept

    def prune(self) -> None:
        """Remove every shard the last build did not use."""
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in self._used:
                    shutil.rmtree(entry, ignore_errors=True)
        self._used = set()


def link_tree(source: Path, target: Path) -> None:
    """``source``'s files at ``target``, hard-linked where the file system allows (copied elsewhere)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, dirs_exist_ok=True)


def index_shards(
    shards: Iterable[Shard],
    records_of: Callable[[Shard], Iterable[SearchRecord]],
    output: Path,
    start: StartIndexing,
    *,
    language: str,
    store: ShardStore | None = None,
    going_on: Callable[[], bool] = lambda: True,
) -> int:
    """Index each shard into ``output``/<its folder under pagefind/>, one after another; the records indexed.

    Stops early (returning what was indexed) once ``going_on`` says no: a newer index is wanted."""
    indexed = 0
    for shard in shards:
        if not going_on():
            break
        target = output / shard.folder.removeprefix(urls.SEARCH_INDEX)
        if store is None:
            indexed += _index(records_of(shard), start(target), going_on)
            continue
        records = []
        for record in records_of(shard):  # serve's records of an unchanged shard are made too: stop at once if told
            if not going_on():
                return indexed
            records.append(record)
        digest = records_digest(records, language)
        kept = store.get(digest)
        if kept is None:
            staging = store.staging(digest)
            _index(records, start(staging), going_on)
            if not going_on():
                break
            kept = store.keep(digest, staging)
        link_tree(kept, target)
        indexed += sum(1 for record in records if record.content)
    if store is not None and going_on():
        store.prune()
    return indexed


def _index(records: Iterable[SearchRecord], indexing: Indexing, going_on: Callable[[], bool]) -> int:
    try:
        for record in records:
            if not going_on():
                indexing.kill()
                return 0
            indexing.add_record(record)
        return indexing.finish()
    except BaseException:
        with contextlib.suppress(Exception):
            indexing.kill()
        raise
