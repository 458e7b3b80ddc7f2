"""What serve learns of edits from the operating system: the files logged, looked at again, give what a snapshot
of the whole folder gives; whatever the log cannot vouch for makes it unknown, and serve takes a snapshot."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.build.snapshot import compare, snapshot, updated
from generator.plugin.watching import ChangesObserver, EditLog


class Heard(FileSystemEventHandler):
    """Every event a handler is told of, as MkDocs' server's handler is (it rebuilds on any)."""

    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)


@pytest.fixture
def watched(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A folder with a few files, an `EditLog` of it on a native observer, and a way to wait for its events."""
    folder = tmp_path / "briefs"
    (folder / "2024").mkdir(parents=True)
    for name in ("a.md", "b.md", "2024/c.md"):
        (folder / name).write_text("text\n")
    if isinstance(Observer(), PollingObserver):
        pytest.skip("no native observer on this platform")
    observer = ChangesObserver()
    edits, heard = EditLog(folder), Heard()
    observer.schedule(edits, str(folder), recursive=True)
    observer.schedule(heard, str(folder), recursive=True)  # as MkDocs' server has its handler told
    observer.start()
    edits.take()  # known from here on

    def settled(action: Callable[[], None]) -> set[str] | None:
        action()
        time.sleep(0.3)  # as MkDocs' server waits for events to stop (0.1 s), with room to spare
        return edits.take()

    yield folder, edits, settled, heard
    observer.stop()
    observer.join()


def test_logged_files_looked_at_again_give_what_a_snapshot_gives(watched) -> None:  # type: ignore[no-untyped-def]
    folder, _, settled, _ = watched
    before = snapshot(folder)

    def edit() -> None:
        with open(folder / "a.md", "a") as file:
            file.write("more\n")
        (folder / "b.md").unlink()
        (folder / "2024/d.md").write_text("new\n")
        (folder / "2024/c.md").rename(folder / "2024/e.md")  # a move: both paths are logged
        temporary = folder / ".a.md.swp"  # an editor's atomic save: written beside, then moved over
        temporary.write_text("saved\n")
        os.replace(temporary, folder / "a.md")

    logged = settled(edit)
    assert logged is not None
    assert {"a.md", "b.md", "2024/d.md", "2024/c.md", "2024/e.md"} <= logged
    after, changes = updated(before, folder, logged)
    assert after == snapshot(folder)
    assert changes == compare(before, snapshot(folder))
    assert changes.modified == {"a.md"} and changes.added == {"2024/d.md", "2024/e.md"}
    assert changes.deleted == {"b.md", "2024/c.md"}


def test_a_folder_created_moved_or_deleted_makes_the_log_unknown(watched) -> None:  # type: ignore[no-untyped-def]
    folder, _, settled, _ = watched
    assert settled(lambda: (folder / "2025").mkdir()) is None
    assert settled(lambda: (folder / "2025").rename(folder / "2026")) is None
    assert settled(lambda: (folder / "2026").rmdir()) is None
    assert settled(lambda: (folder / "a.md").write_text("x\n")) == {"a.md"}  # known again once taken


def test_a_failed_rebuild_gives_its_paths_back(watched) -> None:  # type: ignore[no-untyped-def]
    folder, edits, settled, _ = watched
    logged = settled(lambda: (folder / "a.md").write_text("x\n"))
    assert logged == {"a.md"}
    edits.give_back(logged)
    assert settled(lambda: (folder / "b.md").write_text("y\n")) == {"a.md", "b.md"}
    edits.give_back(None)  # a failed rebuild that took a snapshot: unknown again
    assert edits.take() is None


def test_a_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(IsADirectoryError):
        updated({}, tmp_path, {"sub"})


def test_reading_a_file_is_no_change(watched) -> None:  # type: ignore[no-untyped-def]
    """A rebuild reads the files that changed: were reading an event, one rebuild would set off the next."""
    folder, _, settled, heard = watched
    heard.events.clear()
    assert settled(lambda: [(folder / name).read_bytes() for name in ("a.md", "2024/c.md")]) == set()
    assert heard.events == []
    settled(lambda: (folder / "a.md").write_text("changed\n"))
    assert heard.events
