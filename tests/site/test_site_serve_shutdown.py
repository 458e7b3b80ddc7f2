"""`mkdocs serve` ended by a signal, Ctrl-C's or a CI job's SIGTERM, leaves nothing in the temporary folder."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.site.test_site_serve_live import Serve, golden_site

SEARCH_UPDATED = "briefing: search index updated"


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_ended_by_a_signal_removes_its_site_and_search_folders(tmp_path: Path, ending: signal.Signals) -> None:
    project = tmp_path / "project"
    golden_site(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("search: false", "search: true"))  # its index's shards in TMPDIR
    serve = Serve(project, tmp_path)
    serve.start()
    try:
        assert serve.process is not None
        made = [path.name for path in serve.tmpdir.iterdir()]
        assert any(name.startswith("mkdocs_") for name in made), made  # serve's site, in TMPDIR
        deadline = time.monotonic() + 120
        while SEARCH_UPDATED not in serve.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert SEARCH_UPDATED in serve.log(), serve.tail()
        assert any(path.name.startswith("briefing-search-shards-") for path in serve.tmpdir.iterdir())
        serve.process.send_signal(ending)
        assert serve.process.wait(timeout=60) == 0, serve.tail()
    finally:
        serve.stop()
    assert sorted(path.name for path in serve.tmpdir.iterdir()) == [], serve.tail()
    assert "Traceback" not in serve.log()
