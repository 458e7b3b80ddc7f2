"""`new brief` reads the slugs in use with the checker's parser, so it never writes a brief the checker refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import TITLE, VALID_FIELDS, brief, check, rows, write_site

from generator.base.config import CoreConfig
from generator.cli.scaffold import ScaffoldError, new_brief

OTHER_FIELDS = tuple(f for f in VALID_FIELDS if f != TITLE)


@pytest.mark.parametrize(
    "slug_line",
    [
        "slug: a-meeting",
        "slug: 'a-meeting'  # set by hand",
        '"slug": a-meeting',  # a quoted key
        "slug: >-\n  a-meeting",  # a folded scalar
    ],
)
def test_new_brief_refuses_a_slug_set_in_another_brief(tmp_path: Path, slug_line: str) -> None:
    root = write_site(tmp_path, {"2023/other.md": brief("title: Other", *OTHER_FIELDS, slug_line)})
    with pytest.raises(ScaffoldError, match=r"the slug 'a-meeting' is already used by .*2023/other\.md"):
        new_brief(root, CoreConfig(), title="A meeting", date="2024-05-01", summary="", actors=[], countries=[],
                  topics=[])  # fmt: skip


def test_new_brief_ignores_an_invalid_slug_as_the_checker_does(tmp_path: Path) -> None:
    # 'A Meeting' is no slug: the checker reports it and names the brief by its file, so 'a-meeting' is free.
    root = write_site(tmp_path, {"2023/other.md": brief("title: Other", *OTHER_FIELDS, "slug: A Meeting")})
    written = new_brief(root, CoreConfig(), title="A meeting", date="2024-05-01", summary="", actors=["Xi"],
                        countries=[], topics=[])  # fmt: skip
    assert written == root / "2024" / "a-meeting.md"
    assert [r for r in rows(check(root)) if r[0] == "2024/a-meeting.md"] == []
