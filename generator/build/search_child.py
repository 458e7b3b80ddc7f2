"""A search index made by a short-lived child process, so the process that asks for it never holds it.

Pagefind hands its whole index back as one message (tens of megabytes of base64 at 10,000 briefs).
A long-lived process that takes that message after every edit (``mkdocs serve``) keeps the peak as
resident memory. `ChildIndexer` streams the records, one JSON line each, to a child Python process
that runs `SearchIndexer` and writes the files; the child exits, and its memory with it.

The child imports this very package (its folder is put first on the child's path): a folder named
``generator`` in the site's project can never stand in for it.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import IO

from ..site.search_records import SearchRecord
from .search_index import SearchIndexer, SearchIndexError

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_CHILD_MAIN = (
    f"import sys; sys.path.insert(0, {_PACKAGE_PARENT!r}); from generator.build.search_child import main; main()"
)


class ChildIndexer:
    """`SearchIndexer`'s interface (add, finish, kill), its work done in a child process."""

    def __init__(self, output_path: Path, *, language: str = "en") -> None:
        self._process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed program
            [sys.executable, "-c", _CHILD_MAIN, str(output_path), language],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        self._errors: list[bytes] = []
        # Read while writing: a child that fails early and says so at length must never block on a full pipe.
        self._stderr_reader = threading.Thread(target=self._read_errors, name="search-child-errors", daemon=True)
        self._stderr_reader.start()

    def add_record(self, record: SearchRecord) -> None:
        stdin = self._stdin()
        try:
            stdin.write(json.dumps(asdict(record), ensure_ascii=False).encode() + b"\n")
        except (BrokenPipeError, ValueError):  # the child stopped, or was killed (a newer index is wanted)
            failure = self._failure()
            self._close_pipes()
            raise SearchIndexError(failure) from None

    def finish(self) -> int:
        """Wait for the files to be written; returns the number of records indexed."""
        with contextlib.suppress(BrokenPipeError):
            self._stdin().close()
        stdout = self._process.stdout.read() if self._process.stdout else b""
        try:
            if self._process.wait() != 0:
                raise SearchIndexError(self._failure())
            return int(stdout.decode().strip() or 0)
        finally:
            self._close_pipes()

    def kill(self) -> None:
        """Stop at once, the index unwritten (its Pagefind process ends too: its input closes)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        self._stderr_reader.join()  # it reads stderr to its end, which the child's exit brings
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()

    def _stdin(self) -> IO[bytes]:
        assert self._process.stdin is not None  # noqa: S101 - created with stdin=PIPE
        return self._process.stdin

    def _read_errors(self) -> None:
        if self._process.stderr is not None:
            self._errors.append(self._process.stderr.read())

    def _failure(self) -> str:
        self._process.wait()
        self._stderr_reader.join()
        said = b"".join(self._errors).decode(errors="replace").strip().splitlines()
        return said[-1] if said else f"the search indexing process stopped (exit status {self._process.returncode})"


def main() -> None:
    """The child: records as JSON lines on stdin; the index written to the folder given; the count on stdout."""
    output_path, language = Path(sys.argv[1]), sys.argv[2]
    try:
        indexer = SearchIndexer(language=language)
        for line in sys.stdin.buffer:
            indexer.add_record(SearchRecord(**json.loads(line)))
        indexer.start_writing(output_path)
        print(indexer.finish())
    except (SearchIndexError, OSError) as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
