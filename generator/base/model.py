"""Plain, frozen data: what the core reads from the briefs folder."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Located:
    """A value as the author wrote it, with where it stands in the file."""

    value: str
    line: int
    column: int


@dataclass(frozen=True)
class Listed:
    """An entry of a brief's `actors` or `countries`: the name as written, and the role it is given, if any
    (``Xi Jinping: perpetrator``), as written too: the site's vocabulary decides whether it is known."""

    name: Located
    role: Located | None = None


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str = ""
    url: str = ""
    archive_url: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str


@dataclass(frozen=True)
class Revision:
    """A commit that changed a brief's file (see `site.history`)."""

    sha: str
    date: str  # the author date, ISO 8601 with the author's offset
    message: str  # the first line of the commit message
    content: bool  # whether it changed the text: False for a move alone


@dataclass(frozen=True)
class Brief:
    """A validated brief with every actor and country resolved."""

    path: str  # relative to the briefs folder, with '/' separators
    slug: str
    title: str
    date: dt.date
    summary: str
    actors: tuple[str, ...]  # actor slugs, in the author's order
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2, upper case, in the author's order
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...] = ()
    status: str = "published"
    updated: dt.date | None = None
    confidence: str | None = None
    body: str = ""
    body_line: int = 1
    # (slug, role key) and (alpha-2, role key) of the names given a role, in the author's order.
    actor_roles: tuple[tuple[str, str], ...] = ()
    country_roles: tuple[tuple[str, str], ...] = ()
    # Earlier addresses of the brief (`redirect_from`), site-relative and not encoded (see `reading.redirects`),
    # where the author wrote them; with the folders git saw it renamed from, at (0, 0) (see `site.renames`).
    redirect_from: tuple[Located, ...] = ()
    # The commits that changed its file, newest first, through moves; and the day of the last that changed its
    # text, if any did after the one that added it (see `site.history`). Empty outside git.
    revisions: tuple[Revision, ...] = ()
    modified: dt.date | None = None
    # The canonical BCP 47 tag of its language ("pt-BR"): `lang:`, or the site's (the theme's locale).
    lang: str = "en"
    translation_of: str = ""  # the slug of the brief this one translates ('' for an original)

    def __hash__(self) -> int:
        # Briefs key the caches of what is made from each (data-file lines, feed entries): hashing every
        # field each time costs more than what is cached. Equal briefs have equal paths, so this agrees with ==.
        return hash(self.path)

    @property
    def last_modified(self) -> dt.date:
        """When the brief last changed (feeds, the sitemap, page dates): ``updated``, or else the last change of
        its text in git if later than its date, or else its date."""
        if self.updated is not None:
            return self.updated
        return max(self.date, self.modified) if self.modified is not None else self.date

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True)
class Actor:
    slug: str
    path: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    role: str = ""
    wikidata: str = ""
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True)
class Country:
    code: str  # alpha-2, upper case
    name: str
    alpha3: str = ""
    official_name: str = ""
    profile_path: str | None = None
    profile_body: str = ""
    profile_body_line: int = 1

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def flag(self) -> str:
        """The flag emoji: two regional indicator symbols."""
        return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in self.code)


@dataclass(frozen=True)
class Corpus:
    """Everything loaded from one briefs folder, ready to be indexed and rendered."""

    root: str
    briefs: tuple[Brief, ...]
    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(
        default_factory=dict
    )  # any brief (drafts too), profile or actor names; pages: SiteIndex.countries
    lang: str = "en"  # the site's language (the theme's locale), a canonical BCP 47 tag


def position_of(briefs: Sequence[Brief], date: dt.date, path: str) -> int | None:
    """Where the brief at ``path`` and ``date`` is in ``briefs``, in a corpus's order (by date, then path), found by
    bisection; None if it is not there."""
    number = bisect.bisect_left(briefs, (date, path), key=_date_and_path)
    return number if number < len(briefs) and briefs[number].path == path else None


def _date_and_path(brief: Brief) -> tuple[dt.date, str]:
    return brief.date, brief.path
