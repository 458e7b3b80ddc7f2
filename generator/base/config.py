"""The core's own settings, independent of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field

# Folders and files of the briefs folder that are never briefs.
RESERVED_DIRS = ("actors", "countries", "topics")
HOME_PAGE = "index.md"


@dataclass(frozen=True)
class CoreConfig:
    country_aliases: dict[str, str] = field(default_factory=dict)
    # gitignore-style patterns, relative to the briefs folder, of Markdown pages that are not briefs.
    not_briefs: tuple[str, ...] = ()
    check_mentions: bool = True
    # "sanitize": raw HTML in bodies is cleaned to a safe subset; "refuse": it is an error.
    raw_html: str = "sanitize"
