"""The plugin's options, as MkDocs reads them from mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BriefingConfig(base.Config):
    """Options under `plugins: - briefing:` in mkdocs.yml (documented in the README)."""

    autolink = c.Type(bool, default=True)
    country_aliases = c.Type(dict, default={})
    not_briefs = c.ListOfItems(c.Type(str), default=[])
    related_count = c.Type(int, default=5)
    raw_html = c.Choice(("sanitize", "refuse"), default="sanitize")
    check_mentions = c.Type(bool, default=True)
    feed_entries = c.Type(int, default=50)
    home_latest = c.Type(int, default=10)
    search = c.Type(bool, default=True)
    # Sites with at least this many briefs render part of their Markdown in a second process (0: never).
    parallel_threshold = c.Type(int, default=1000)
