"""The core's own settings, independent of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def core_config_from_options(options: dict[str, Any]) -> CoreConfig:
    aliases = options.get("country_aliases") or {}
    not_briefs = options.get("not_briefs") or []
    return CoreConfig(
        country_aliases={str(k): str(v) for k, v in aliases.items()} if isinstance(aliases, dict) else {},
        not_briefs=tuple(str(p) for p in not_briefs) if isinstance(not_briefs, list) else (),
        check_mentions=bool(options.get("check_mentions", True)),
        raw_html=str(options.get("raw_html", "sanitize")),
    )
