"""The search index's parts that need no Pagefind: the text of a record, and where Pagefind's files may go."""

from __future__ import annotations

import base64
import gc
from pathlib import Path

import pytest

from generator.build import collector
from generator.build.search_index import SearchIndexError, write_files
from generator.site.search_records import markdown_text


def test_markdown_text_keeps_words_and_drops_markup() -> None:
    markdown = (
        '# Talks in Geneva\n\nThe **minister** met _envoys_ from [the UN](https://un.org "UN") and `NATO`.\n\n'
        '- first point\n1. second point\n> a quote\n\n---\n<span class="x">tagged</span> text\n\n'
        "[un]: https://un.org\n"
    )
    assert markdown_text(markdown) == (
        "Talks in Geneva The minister met envoys from the UN and NATO. first point second point a quote tagged text"
    )


def test_markdown_text_collapses_whitespace() -> None:
    assert markdown_text("  one\t\ttwo\n\n\nthree  ") == "one two three"


def _file(path: str, content: bytes = b"x") -> dict[str, str]:
    return {"path": path, "content": base64.b64encode(content).decode()}


def test_pagefind_files_are_written_under_their_folder(tmp_path: Path) -> None:
    write_files(tmp_path / "pagefind", [_file("pagefind.js", b"js"), _file("fragment/en_1.pf_fragment", b"f")])
    assert (tmp_path / "pagefind" / "pagefind.js").read_bytes() == b"js"
    assert (tmp_path / "pagefind" / "fragment" / "en_1.pf_fragment").read_bytes() == b"f"


@pytest.mark.parametrize("path", ["../escape.js", "/etc/passwd", "fragment/../../escape.js", ""])
def test_a_pagefind_file_outside_its_folder_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(SearchIndexError, match="outside its folder"):
        write_files(tmp_path / "pagefind", [_file(path)])
    assert not (tmp_path / "escape.js").exists()


def test_the_collector_is_restored_after_a_build() -> None:
    before = gc.get_threshold()
    collector.settle_loaded_site()
    try:
        assert gc.get_threshold()[2] == collector.FULL_COLLECTION_EVERY
        assert gc.get_freeze_count() > 0
    finally:
        collector.leave_to_exit()
    assert gc.get_threshold() == before  # the build is over: usual collections
    assert gc.get_freeze_count() > 0  # and its objects are left for the exit
    collector.release()  # the next build in the same process, or a failed one
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    collector.release()  # twice changes nothing
    assert gc.get_threshold() == before
