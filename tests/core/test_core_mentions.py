"""Mentions are checked in one pass: the checker and the build report the same warnings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from core_support import write_site

from generator.base.config import CoreConfig
from generator.cli.main import main
from generator.corpus.loader import load, mention_diagnostics

UNLISTED = """\
---
title: A meeting
date: 2024-05-01
summary: Who met whom.
actors: [Antony Blinken]
countries: [US]
---
Blinken met Xi Jinping in Beijing, and China said so; Xi spoke of Russia.
"""
# An error (an unknown actor) does not stop its body from being checked for mentions.
BROKEN = UNLISTED.replace("[Antony Blinken]", "[Nobody Known]").replace("title: A meeting", "title: Broken")


def _site(root: Path) -> Path:
    return write_site(
        root,
        {
            "actors/antony-blinken.md": "---\nname: Antony Blinken\naliases: [Blinken]\ncountry: US\n---\n",
            "2024/meeting.md": UNLISTED,
            "2024/broken.md": BROKEN,
        },
    )


def test_load_checks_mentions_with_the_function_a_build_calls_later(tmp_path: Path) -> None:
    root = _site(tmp_path / "briefs")
    checked = [d for d in load(root).diagnostics if d.code.startswith("unlisted-")]
    deferred = load(root, replace(CoreConfig(), check_mentions=False))
    assert not any(d.code.startswith("unlisted-") for d in deferred.diagnostics)
    assert mention_diagnostics(deferred) == checked
    assert {(d.file, d.code) for d in checked} == {
        (path, code)
        for path in ("2024/broken.md", "2024/meeting.md")
        for code in ("unlisted-actor", "unlisted-country")
    }


def test_check_and_build_report_the_same_mention_warnings(
    fixture_site: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build = fixture_site({"2024/meeting.md": UNLISTED}, args=())
    assert build.returncode == 0, build.output
    built = sorted(re.findall(r"^WARNING +- +(.*\[unlisted-[a-z]+\].*)$", build.output, re.MULTILINE))
    monkeypatch.chdir(build.project)  # both show paths from the project folder
    assert main(["check"]) == 0
    checked = sorted(line for line in capsys.readouterr().out.splitlines() if "[unlisted-" in line)
    assert len(checked) == 3  # Xi Jinping, China, Russia
    assert built == checked
