"""Full-text search with Pagefind, indexed on the second core while MkDocs renders.

Pagefind's indexer runs as a separate process (``pagefind --service``). The
plugin hands it every record (see ``search_records``) and asks for the index
to be written before MkDocs renders its first page; it only waits for the
write to finish once every page is written. Nothing re-reads the site.

We speak Pagefind's service protocol directly (base64-encoded JSON messages,
each followed by a comma) rather than through the ``pagefind`` package's
asyncio wrapper: that wrapper polls for replies every 100 ms, which caps it at
ten pages a second. The binary itself is still found the package's way.
"""

from __future__ import annotations

import base64
import io
import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from ..site.search_records import SearchRecord
from .written import OutsideFolder, write_under


class SearchIndexError(Exception):
    pass


def write_files(output_path: Path, files: list[dict[str, Any]]) -> None:
    """Write Pagefind's files (paths relative to its output folder, contents base64) under ``output_path``."""
    try:
        write_under(output_path, ((str(entry["path"]), base64.b64decode(entry["content"])) for entry in files))
    except OutsideFolder as exc:
        raise SearchIndexError(f"Pagefind returned a file outside its folder: {exc}") from None


class SearchIndexer:
    """One Pagefind process building one index: records in (`add_record`), then its files written to a folder."""

    def __init__(self, *, language: str = "en") -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary was not found; install it with: pip install 'pagefind[bin]'")
        self._process = subprocess.Popen(  # noqa: S603 - a fixed binary and arguments
            [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._next_id = 0
        self._language = language.lower()  # of records that name none: the site's
        self._write_id: int | None = None
        self._output_path: Path | None = None
        self._lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition(self._lock)
        self._errors: list[str] = []
        self._indexed = 0
        self._outbox: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read_replies, name="pagefind-replies", daemon=True)
        self._writer = threading.Thread(target=self._write_messages, name="pagefind-requests", daemon=True)
        self._reader.start()
        self._writer.start()
        # No force_language: each record says its language, and Pagefind writes one index per language
        # (pagefind-entry.json lists them); its JS loads the one of the page's <html lang>.
        reply = self._request({"type": "NewIndex", "config": {}}, wait=True)
        self._index_id = int(reply["index_id"])

    def add_record(self, record: SearchRecord) -> None:
        """Queue a record and return at once."""
        self._request({"type": "AddRecord", "index_id": self._index_id, "url": record.url, "content": record.content,
                       "language": record.language or self._language, "meta": record.meta, "filters": record.filters,
                       "sort": record.sort}, wait=False)  # fmt: skip

    def start_writing(self, output_path: Path) -> None:
        """Ask for the index's files once every queued record is in; returns at once.

        We take the files over the pipe and write them ourselves rather than asking Pagefind to write
        them: Pagefind answers its own WriteFiles before every file is on disk, and a build that ends
        then can leave some empty.
        """
        self._output_path = output_path
        self._write_id = self._send({"type": "GetFiles", "index_id": self._index_id})

    def finish(self) -> int:
        """Wait for the index and write its files; returns the number of records indexed."""
        try:
            if self._write_id is None or self._output_path is None:
                raise SearchIndexError("no index was asked to be written")
            reply = self._wait(self._write_id)
            if self._errors:
                raise SearchIndexError(f"Pagefind reported {len(self._errors)} error(s); the first: {self._errors[0]}")
            write_files(self._output_path, reply.get("files") or [])
            return self._indexed
        finally:
            self.close()

    def kill(self) -> None:
        """Stop Pagefind at once, its index unwritten (a newer one is wanted)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._outbox.put(None)

    def close(self) -> None:
        if self._process.poll() is None:
            self._outbox.put(None)
            self._writer.join(timeout=60)
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=300)  # it finishes writing its files before it exits
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    # -- protocol ------------------------------------------------------------------------------
    def _request(self, payload: dict[str, Any], *, wait: bool) -> dict[str, Any]:
        message_id = self._send(payload)
        return self._wait(message_id) if wait else {}

    def _send(self, payload: dict[str, Any]) -> int:
        """Queue a message for the writer thread, so the caller never waits on a full pipe."""
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        self._outbox.put({"message_id": message_id, "payload": payload})
        return message_id

    def _write_messages(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None  # noqa: S101 - created with stdin=PIPE
        while (message := self._outbox.get()) is not None:
            try:
                stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
                if self._outbox.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError):
                with self._arrived:
                    self._errors.append("Pagefind stopped unexpectedly")
                    self._arrived.notify_all()
                return

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._arrived:
            # Replies come in order, so once this one is here every earlier page is indexed.
            if not self._arrived.wait_for(lambda: message_id in self._replies or self._process.poll() is not None,
                                          timeout=600):  # fmt: skip
                raise SearchIndexError("Pagefind did not answer within 10 minutes")
            reply = self._replies.pop(message_id, None)
        if reply is None:
            raise SearchIndexError("Pagefind stopped unexpectedly")
        if reply.get("type") == "Error":
            raise SearchIndexError(str(reply.get("message")))
        return reply

    def _read_replies(self) -> None:
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)  # noqa: S101 - created with stdout=PIPE
        pending: list[bytes] = []  # a message in pieces: the index's files arrive as one message of many MB
        while chunk := stdout.read1(1 << 20):
            if b"," not in chunk:
                pending.append(chunk)
                continue
            head, _, rest = chunk.rpartition(b",")
            messages = b"".join([*pending, head]).split(b",")
            pending = [rest] if rest else []
            for raw in messages:
                self._receive(json.loads(base64.b64decode(raw)))
        with self._arrived:
            self._arrived.notify_all()

    def _receive(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        with self._arrived:
            if payload.get("type") == "IndexedFile":
                self._indexed += 1 if payload.get("page_word_count") else 0
            else:
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                if message_id is not None:
                    self._replies[int(message_id)] = payload
            self._arrived.notify_all()


class IndexingInto:
    """A `SearchIndexer` whose files go to ``folder`` (`sharded_search.Indexing`)."""

    def __init__(self, folder: Path, *, language: str) -> None:
        self._indexer = SearchIndexer(language=language)
        self._folder = folder

    def add_record(self, record: SearchRecord) -> None:
        self._indexer.add_record(record)

    def finish(self) -> int:
        self._indexer.start_writing(self._folder)
        return self._indexer.finish()

    def kill(self) -> None:
        self._indexer.kill()
