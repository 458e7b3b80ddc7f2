"""The background's writer of data files: every file lands under the site folder, never outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.background import BackgroundError, write_data_files
from generator.site.plan import DataFile


def test_files_are_written_in_their_folders_made_once(tmp_path: Path) -> None:
    files = [DataFile("b/one/index.html", "<p>one</p>"), DataFile("b/two/index.html", "<p>två</p>\n"),
             DataFile("feed.xml", "<feed/>"), DataFile("b/one/extra.txt", "x")]  # fmt: skip
    write_data_files(tmp_path, files)
    assert (tmp_path / "b/one/index.html").read_text(encoding="utf-8") == "<p>one</p>"
    assert (tmp_path / "b/two/index.html").read_bytes() == "<p>två</p>\n".encode()
    assert (tmp_path / "feed.xml").read_text() == "<feed/>"
    assert (tmp_path / "b/one/extra.txt").read_text() == "x"


@pytest.mark.parametrize("path", ["../escape.html", "b/../../escape.html", "/etc/escape.html", ".", "b/.."])
def test_a_path_leading_out_of_the_site_is_refused(tmp_path: Path, path: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(BackgroundError, match="outside the site folder"):
        write_data_files(site, [DataFile(path, "x")])
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["site"]
