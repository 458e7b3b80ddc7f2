"""Rebuild the golden site's expected output: ``python tests/golden/regenerate.py`` (or ``make golden``).

Run it after an intended change to the output, then review ``git diff tests/golden/expected`` and commit the
expected output with the change. tests/site/test_site_golden.py builds the same site the same way and compares.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
SITE = GOLDEN / "site"  # mkdocs.yml and its briefs
EXPECTED = GOLDEN / "expected"  # the complete built output, committed


def build(dest: Path) -> subprocess.CompletedProcess[str]:
    """Build the golden site into ``dest`` with the real `mkdocs build --strict`."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(SITE / "mkdocs.yml"), "-d", str(dest)]
    # This checkout's code, whatever is installed or PYTHONPATH says relative to another folder.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(GOLDEN.parent.parent), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(command, cwd=SITE, capture_output=True, text=True, timeout=600, env=env)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "site"
        done = build(built)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            print("regenerate: the golden site did not build; expected output left as it was", file=sys.stderr)
            return 1
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(built, EXPECTED)
    print(f"regenerate: wrote {EXPECTED.relative_to(GOLDEN.parent.parent)}; review it with git diff before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
