"""The example site in briefs/ checks clean: no errors and no warnings."""

from __future__ import annotations

import json

from core_support import REPO, run_cli

from generator.cli.site_config import read_site_settings
from generator.corpus.loader import load


def test_example_briefs_check_clean_with_strict() -> None:
    done = run_cli("check", "briefs", "--strict", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.strip().endswith(": 0 errors, 0 warnings")


def test_example_site_checks_clean_from_mkdocs_yml_as_json() -> None:
    done = run_cli("check", "--strict", "--format", "json", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_example_site_loads_whole() -> None:
    settings = read_site_settings(REPO / "mkdocs.yml")
    assert settings.docs_dir.resolve() == (REPO / "briefs").resolve()
    result = load(settings.docs_dir, settings.core, excluded=settings.exclude_docs)
    assert result.diagnostics == []
    # Every brief file became a brief (none was dropped silently), and every name resolved.
    assert len(result.corpus.briefs) == len(result.files.briefs) > 0
    assert len(result.corpus.actors) == len(result.files.actors) > 0
    for brief in result.corpus.briefs:
        assert brief.actors or brief.is_draft
        assert brief.countries or brief.is_draft
        assert set(brief.actors) <= set(result.corpus.actors)
        assert set(brief.countries) <= set(result.corpus.countries)
    slugs = [brief.slug for brief in result.corpus.briefs]
    assert len(slugs) == len(set(slugs))
