"""Golden output: the fixture site in tests/golden/site/, built for real, equals tests/golden/expected/ byte for byte.

Any change in what the generator writes shows here, and in review as a diff of the expected output. After an
intended change, regenerate the expected output and commit it with the change:

    python tests/golden/regenerate.py      (or: make golden)

The site is tiny (six briefs, a draft left out, two actors, a country profile, a home page) and built with
`search: false`, as Pagefind's index files are not byte-stable. Everything else is compared, sitemap.xml.gz too:
its gzip header holds the pages' latest date (MkDocs' get_build_timestamp), not the build time.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden.regenerate import EXPECTED, build


def files_under(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def first_difference(name: str, expected: bytes, built: bytes) -> str:
    try:
        before, after = expected.decode("utf-8"), built.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(expected)} bytes expected, {len(built)} built)"
    diff = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                f"expected/{name}", f"built/{name}")  # fmt: skip
    return "".join(diff)


def comparison(expected: dict[str, bytes], built: dict[str, bytes]) -> str:
    """What differs, for a reader: missing, extra and different files, and a diff of the first different one."""
    missing = sorted(expected.keys() - built.keys())
    extra = sorted(built.keys() - expected.keys())
    different = sorted(name for name in expected.keys() & built.keys() if expected[name] != built[name])
    if not (missing or extra or different):
        return ""
    lines = [f"missing (expected, not built): {name}" for name in missing]
    lines += [f"extra (built, not expected): {name}" for name in extra]
    lines += [f"different: {name}" for name in different]
    if different:
        lines.append(first_difference(different[0], expected[different[0]], built[different[0]]))
    lines.append("If the change is intended: python tests/golden/regenerate.py, and commit tests/golden/expected/")
    return "\n".join(lines)


def test_the_golden_site_builds_to_the_expected_output(tmp_path: Path) -> None:
    done = build(tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    report = comparison(files_under(EXPECTED), files_under(tmp_path / "site"))
    if report:
        pytest.fail(report, pytrace=False)


def test_the_comparison_names_every_kind_of_difference() -> None:
    expected = {"a.html": b"<p>one</p>\n<p>two</p>\n", "gone.xml": b"x", "same.css": b"y", "z.gz": b"\x1f\x8b\x00"}
    built = {"a.html": b"<p>one</p>\n<p>TWO</p>\n", "new.json": b"[]", "same.css": b"y", "z.gz": b"\x1f\x8b\xff"}
    report = comparison(expected, built)
    assert "missing (expected, not built): gone.xml" in report
    assert "extra (built, not expected): new.json" in report
    assert "different: a.html" in report and "different: z.gz" in report
    assert "-<p>two</p>\n+<p>TWO</p>" in report  # the diff of the first different file
    assert "same.css" not in report
    assert comparison(expected, dict(expected)) == ""
