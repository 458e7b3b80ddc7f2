"""Briefs whose bodies alone changed, read again without loading the whole folder: serve's commonest edit.

While an author writes, most saves change one brief's body and nothing else. Its page and its search
record change; no other page and no data file is made from a body (see `site.changes`). `reread_bodies`
reads the edited files alone and, when each is a brief of the last load that differs from it in its body
alone, returns them as a whole load would make them, with their diagnostics. Anything else (a changed name,
date, title or slug, a file that no longer parses or cannot be read, a file that is not a loaded brief)
returns None, and the caller loads the whole folder, as before. Tests compare the result with a whole load.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..base.config import CoreConfig
from ..base.diagnostics import Diagnostic, sort_diagnostics
from ..base.model import Brief, position_of
from ..reading.parse import parse_brief
from .loader import Listing, LoadResult, listing_warnings, raw_html_errors
from .resolve import resolve_brief
from .sources import UnreadableSource, read_source


@dataclass(frozen=True)
class BodyEdits:
    briefs: dict[str, Brief]  # by path: each brief as the load made it (before git history), with its new body
    positions: dict[str, int]  # by path: where each is in the load's briefs (an edit of a body alone keeps it)
    listings: dict[str, Listing]  # by path: what the mention check reads
    diagnostics: list[Diagnostic]  # the edited briefs' own, as a whole load reports them


def reread_bodies(
    result: LoadResult, authored: Sequence[Brief], paths: Iterable[str], config: CoreConfig
) -> BodyEdits | None:
    """The briefs at ``paths`` read again, if each differs in its body alone from the brief in ``authored`` (the
    last load's briefs, by date then path, as it resolved them: before git history is added); else None."""
    root = Path(result.corpus.root)
    briefs: dict[str, Brief] = {}
    positions: dict[str, int] = {}
    listings: dict[str, Listing] = {}
    diagnostics: list[Diagnostic] = []
    for path in sorted(paths):
        try:
            data = read_source(root / path, path)
        except UnreadableSource:
            return None
        entry = parse_brief(path, data)
        resolved = resolve_brief(entry, result.registry, result.resolver, roles=config.roles, site_lang=config.lang)
        brief = resolved.brief
        number = position_of(authored, brief.date, path) if brief is not None else None
        if brief is None or number is None:
            return None
        if replace(authored[number], body=brief.body, body_line=brief.body_line) != brief:
            return None
        briefs[path], positions[path], listings[path] = brief, number, resolved.listing
        diagnostics += resolved.reported
        if config.raw_html == "refuse":
            diagnostics += raw_html_errors(path, brief.body, brief.body_line)
        if config.check_mentions:
            diagnostics += listing_warnings(resolved.listing, result)
    return BodyEdits(briefs, positions, listings, sort_diagnostics(diagnostics))
