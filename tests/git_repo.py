"""A git repository in a temporary folder, with commits at given dates: history that repeats exactly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(folder: Path, *args: str, date: str = "2024-01-01T12:00:00+00:00") -> str:
    """Run git in ``folder``, as a fixed author at ``date``, whatever the user's git configuration says."""
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull}  # fmt: skip
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
               "-c", "init.defaultBranch=main", *args]  # fmt: skip
    done = subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def commit_all(folder: Path, message: str, date: str) -> str:
    """Commit every change under ``folder``; the new commit's id."""
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(folder, "rev-parse", "HEAD").strip()
