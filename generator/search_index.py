"""Full-text search with Pagefind, indexed while pages are written.

Pagefind's indexer runs as a separate process (``pagefind --service``). Pages
are streamed to it as MkDocs writes them, so indexing runs on another core
instead of re-reading the whole site afterwards.

We speak Pagefind's service protocol directly (base64-encoded JSON messages,
each followed by a comma) rather than through the ``pagefind`` package's
asyncio wrapper: that wrapper polls for replies every 100 ms, which caps it at
ten pages a second. The binary itself is still found the package's way.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

from pagefind.service import get_executable


class SearchIndexError(Exception):
    pass


_BODY_MARK = "data-pagefind-body"


def searchable_part(html: str) -> str:
    """The page cut down to what Pagefind reads: the title and the marked element onwards, to </main>.

    Pagefind indexes only the element with `data-pagefind-body`, but parses the whole page to find it;
    handing it a third of the bytes makes indexing (which competes with MkDocs for the CPU) faster.
    Pages without the mark are sent whole.
    """
    mark = html.find(_BODY_MARK)
    end = html.find("</main>", mark)
    if mark < 0 or end < 0:
        return html
    start = html.rfind("<", 0, mark)
    title_start, title_end = html.find("<title>"), html.find("</title>")
    title = html[title_start : title_end + len("</title>")] if 0 <= title_start < title_end < start else ""
    lang_at = html.find(' lang="', 0, start)
    lang = html[lang_at + 7 : html.find('"', lang_at + 7)] if lang_at >= 0 else "en"
    return f'<!doctype html><html lang="{lang}"><head>{title}</head><body><main>{html[start:end]}</main></body></html>'


class SearchIndexer:
    def __init__(self, *, language: str = "en") -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary was not found; install it with: pip install 'pagefind[bin]'")
        self._process = subprocess.Popen(  # noqa: S603 - a fixed binary and arguments
            [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition(self._lock)
        self._errors: list[str] = []
        self._indexed = 0
        self._reader = threading.Thread(target=self._read_replies, name="pagefind-replies", daemon=True)
        self._reader.start()
        reply = self._request({"type": "NewIndex", "config": {"force_language": language}}, wait=True)
        self._index_id = int(reply["index_id"])

    def add_page(self, html: str, url: str) -> None:
        """Queue a page and return at once. ``url`` is site-absolute, e.g. '/2024/a-brief/'."""
        self._request({"type": "AddFile", "index_id": self._index_id, "url": url, "file_path": None,
                       "file_contents": searchable_part(html)}, wait=False)  # fmt: skip

    def finish(self, output_path: Path) -> int:
        """Write the index once every queued page is in; returns the number of pages indexed."""
        try:
            self._request(
                {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output_path)}, wait=True
            )
            if self._errors:
                raise SearchIndexError(f"Pagefind reported {len(self._errors)} error(s); the first: {self._errors[0]}")
            return self._indexed
        finally:
            self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    # -- protocol ------------------------------------------------------------------------------
    def _request(self, payload: dict[str, Any], *, wait: bool) -> dict[str, Any]:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode())
        assert self._process.stdin is not None  # noqa: S101 - created with stdin=PIPE
        try:
            self._process.stdin.write(message + b",")
            self._process.stdin.flush()
        except BrokenPipeError as exc:
            raise SearchIndexError("Pagefind stopped unexpectedly") from exc
        if not wait:
            return {}
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
        buffer = b""
        while chunk := stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
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
