"""The briefs as data for analysts: /briefs.json and /briefs.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..base.model import Brief
from . import urls

CSV_COLUMNS = (
    "slug", "title", "date", "updated", "summary", "url", "path",
    "actors", "countries", "topics", "confidence", "sources", "actor_roles", "country_roles", "permalink",
    "lang", "translation_of",
)  # fmt: skip


def brief_record(brief: Brief) -> dict[str, Any]:
    """One brief as JSON; keys are a public contract: extend, never rename."""
    return {
        "slug": brief.slug,
        "title": brief.title,
        "date": brief.date.isoformat(),
        "updated": brief.updated.isoformat() if brief.updated else None,
        "summary": brief.summary,
        "url": urls.page_url(brief.path),
        "path": brief.path,
        "actors": list(brief.actors),
        "countries": list(brief.countries),
        "topics": [t.slug for t in brief.topics],
        "confidence": brief.confidence,
        "sources": [
            {
                "publisher": s.publisher,
                "title": s.title or None,
                "url": s.url or None,
                "archive_url": s.archive_url or None,
                "date": s.date.isoformat() if s.date else None,
            }
            for s in brief.sources
        ],
        # Only the names given a role: an object, as a name has at most one.
        "actor_roles": dict(brief.actor_roles),
        "country_roles": dict(brief.country_roles),
        "permalink": urls.permalink_url(brief.slug),  # b/<slug>/: redirects to "url" wherever that is now
        "lang": brief.lang,  # BCP 47
        "translation_of": brief.translation_of or None,  # the original's slug
    }


# Each brief's line is kept (serve writes the files again after an edit: only the edited briefs' lines are new);
# its record is not, as a record is several times the size of its lines.
@lru_cache(maxsize=1 << 17)
def _json_line(brief: Brief) -> str:
    return json.dumps(brief_record(brief), ensure_ascii=False)


def briefs_json(briefs: Sequence[Brief]) -> str:
    """One brief per line: diffable and readable, and written by json's fast C encoder (no indent)."""
    lines = ",\n".join(map(_json_line, briefs))
    return f"[\n{lines}\n]\n" if briefs else "[]\n"


def _csv_line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


@lru_cache(maxsize=1 << 17)
def _csv_row(brief: Brief) -> str:
    record = brief_record(brief)
    cells = [
        record["slug"], record["title"], record["date"], record["updated"] or "", record["summary"],
        record["url"], record["path"], "; ".join(record["actors"]), "; ".join(record["countries"]),
        "; ".join(record["topics"]), record["confidence"] or "",
        "; ".join(s["publisher"] for s in record["sources"]),
        _pairs(record["actor_roles"]), _pairs(record["country_roles"]), record["permalink"],
        record["lang"], record["translation_of"] or "",
    ]  # fmt: skip
    return _csv_line([_defuse(cell) for cell in cells])


def _pairs(roles: dict[str, str]) -> str:
    """``slug:role`` pairs: neither slugs, alpha-2 codes nor role keys hold ':' or ';'."""
    return "; ".join(f"{key}:{role}" for key, role in roles.items())


def briefs_csv(briefs: Sequence[Brief]) -> str:
    """Lists are joined with '; ' so each brief stays one row. Every cell is defused, whatever its column."""
    return _csv_line(CSV_COLUMNS) + "".join(map(_csv_row, briefs))


def _defuse(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ (or a tab or carriage return before one) as formulas;
    a leading quote keeps them text (OWASP's advice for CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
