"""Real `mkdocs build`s of hostile briefs: refused in seconds with located errors; briefs at the bounds build.

A quadratic step anywhere would make the first test take hours; the second builds, with MkDocs' own stack
under Python-Markdown's recursion, a brief at every bound of generator/complexity.py.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import brief_text

pytestmark = pytest.mark.slow

EXTENSIONS = "markdown_extensions:\n  - toc\n  - tables\n  - footnotes\n  - attr_list\n"  # the example site's


def nested(depth: int, marker: str, last: str = "") -> str:
    lines = ["    " * level + f"{marker} level" for level in range(depth)]
    return "\n".join(lines) + last + "\n"


def test_hostile_briefs_stop_the_build_in_seconds_with_located_errors(fixture_site):
    hostile = {  # path -> (body, where the error is: line and column in the file, code)
        "2024/brackets.md": ("[" * 50_000, "8:1", "too-complex"),
        "2024/link-targets.md": ("](" * 30_000, "8:2", "too-complex"),
        "2024/tags.md": ("<a " * 20_000, "8:1", "too-complex"),
        "2024/comments.md": ("<!--" * 16_000, "8:1", "too-complex"),
        "2024/fences.md": ("```x\n" * 13_000, "8:1", "too-complex"),
        "2024/footnotes.md": ("[^1] " * 10_000 + "\n\n[^1]: The note.\n", "8:501", "too-complex"),
        "2024/deep.md": ("- " * 400 + "a", "8:1", "too-complex"),
        "2024/line.md": ("word " * (1024 * 1024 // 5), "8:1", "too-large"),
    }
    started = time.perf_counter()
    build = fixture_site({path: brief_text(body=body) for path, (body, _, _) in hostile.items()},
                         site_config=EXTENSIONS)  # fmt: skip
    elapsed = time.perf_counter() - started
    assert build.returncode == 1
    for path, (_, place, code) in hostile.items():
        assert f"briefs/{path}:{place}: error: " in build.output and f"[{code}]" in build.output, path
    assert "Traceback" not in build.output
    assert elapsed < 30  # about 2 s on an idle machine


def test_briefs_at_every_bound_build(fixture_site):
    at_bounds = {
        "2024/brackets.md": "[" * 1400,
        "2024/tags.md": "<a " * 1100,
        "2024/fences.md": "```x\n" * 1950,
        "2024/headings.md": "## a\n\n" * 1000,
        "2024/footnotes.md": "[^1] " * 100 + "\n\n[^1]: The note.\n",
        "2024/list-and-emphasis.md": nested(100, "-", " " + "*" * 200 + "a" + "*" * 200),
        "2024/list-on-a-line.md": "- " * 100 + "a",
        "2024/quotes.md": "> " * 100 + "a",
    }
    started = time.perf_counter()
    build = fixture_site({path: brief_text(body=body) for path, body in at_bounds.items()}, args=(),
                         site_config=EXTENSIONS)  # fmt: skip
    elapsed = time.perf_counter() - started
    assert build.returncode == 0, build.output[-3000:]
    assert "too-complex" not in build.output
    assert build.html("2024/list-and-emphasis/").count("<strong>") == 100  # 200 stars a side: nested 100 deep
    assert elapsed < 60  # about 5 s on an idle machine
