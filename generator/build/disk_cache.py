"""The build cache's files on disk (the plugin's `cache_dir`): sealed entries, written atomically, never trusted.

Layout of the cache folder::

    parsed-<versions>.pickle     the loader's parses, by path and content hash (see `corpus.cache`)
    pages-<site>/index.pickle    each page's key, the digest of its output and its rendering
    pages-<site>/<sha256>        a page's output, named by the SHA-256 of its bytes

``<versions>`` is the digest of what parsing depends on (the generator and library versions), ``<site>``
the digest of everything every page depends on (versions, mkdocs.yml, the theme, the options). Writing an
entry under one digest deletes the entries under other digests, so the folder holds one site's cache.

A pickle is sealed: a header line, then the SHA-256 of the payload, then the payload. An entry that is
missing, truncated, corrupt, or fails to unpickle is a miss, reported at info level (never a warning: a
broken cache must not fail ``--strict``) and written again; a page's output is checked against its name
each time it is read. Every file is written to a temporary file in its folder and renamed into place, so
an interrupted build leaves whole entries or none. Deleting the folder at any time costs only speed.

Pickles run code when they are loaded: the cache is the project's own, like its virtual environment.
Never restore a cache folder from a source you do not trust.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefing")

MAGIC = b"briefing-cache 1\n"
_DIGEST_LENGTH = 64  # hex characters of a SHA-256


def sealed(payload: bytes) -> bytes:
    return MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unsealed(data: bytes) -> bytes | None:
    """The payload of a sealed entry, or None when it is not whole."""
    start = len(MAGIC) + _DIGEST_LENGTH + 1
    if not data.startswith(MAGIC) or len(data) < start or data[start - 1 : start] != b"\n":
        return None
    payload = data[start:]
    return payload if hashlib.sha256(payload).hexdigest().encode() == data[len(MAGIC) : start - 1] else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def corrupt(entry: str) -> None:
    log.info(f"briefing: cache entry {entry} is corrupt; rebuilding it")


class DiskCache:
    """One site's cache in ``root``: ``versions`` and ``site`` are the digests its entries are kept under."""

    def __init__(self, root: Path, versions: str, site: str) -> None:
        self.root = root
        self.parsed_path = root / f"parsed-{versions[:32]}.pickle"
        self.pages_dir = root / f"pages-{site[:32]}"
        self.index_path = self.pages_dir / "index.pickle"
        self._verified: set[str] = set()  # page outputs read (and found whole) or written by this build
        self._reported = False

    # -- pickles -----------------------------------------------------------------------------------------
    def load(self, path: Path) -> Any | None:
        """The object a sealed pickle holds; None when there is none or it is not whole (reported)."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.info(f"briefing: cache entry {self._name(path)} cannot be read ({exc}); rebuilding it")
            return None
        payload = unsealed(data)
        if payload is not None:
            try:
                return pickle.loads(payload)  # noqa: S301 - the project's own cache (see the module's docstring)
            except Exception as exc:  # any failure to unpickle (a class renamed, say) means the entry cannot be used
                log.debug(f"briefing: {self._name(path)}: {exc!r}")
        corrupt(self._name(path))
        return None

    def store(self, path: Path, value: object) -> None:
        """Seal and write ``value``; the same kind of entry under other digests is deleted."""
        write_atomic(path, sealed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        self._prune(path if path.parent == self.root else path.parent)

    def _prune(self, kept: Path) -> None:
        prefix = kept.name.split("-", 1)[0] + "-"
        for other in self.root.iterdir():
            if other.name.startswith(prefix) and other != kept:
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink(missing_ok=True)

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)

    # -- page outputs ------------------------------------------------------------------------------------
    def page(self, digest: str) -> bytes | None:
        """A page's output, if its entry is whole; a missing or damaged one is reported (once a build)."""
        try:
            data = (self.pages_dir / digest).read_bytes()
        except OSError:
            data = None
        if data is not None and hashlib.sha256(data).hexdigest() == digest:
            self._verified.add(digest)
            return data
        self._verified.discard(digest)
        if not self._reported:
            self._reported = True
            log.info(f"briefing: cache entry {self._name(self.pages_dir / digest)} is corrupt or missing; "
                     "rendering its page again (and any other such page)")  # fmt: skip
        return None

    def store_page(self, data: bytes) -> str:
        """Keep a page's output (unless this build found the same bytes there already); its digest."""
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self._verified:
            write_atomic(self.pages_dir / digest, data)
            self._verified.add(digest)
        return digest

    def keep_only(self, digests: set[str]) -> None:
        """Delete the page outputs no entry of the index refers to, and temporary files left by a crash."""
        if not self.pages_dir.is_dir():
            return
        for path in self.pages_dir.iterdir():
            if path.name != self.index_path.name and path.name not in digests:
                path.unlink(missing_ok=True)
