"""The view types: plain frozen objects with display-ready values, and the helpers that make those values.

`views.ViewBuilder` fills them from the index; templates/README.md documents every field for template authors.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..base.text import counted
from .map_types import MapView


@dataclass(frozen=True)
class EntityRef:
    """A link to an actor, country or topic page, as a chip or list entry."""

    kind: str  # "actor" | "country" | "topic" | "pair"
    key: str  # actor slug, country alpha-2, topic slug, pair's codes ("CN-US")
    name: str
    url: str
    count: int = 0  # briefs (or shared briefs, in "appears with" lists)
    flag: str = ""  # countries (a pair: both flags)
    detail: str = ""  # e.g. an actor's role, shown after the name in indexes
    role_label: str = ""  # on a brief's page, the role the brief gives it ("alleged perpetrator"), if any

    @property
    def count_label(self) -> str:
        """``count`` as briefs: "1 brief", "12 briefs"."""
        return counted(self.count, "brief", "briefs")


@dataclass(frozen=True)
class LanguageLink:
    """One member of a set of translations, as its language switcher and alternate links show it."""

    lang: str  # canonical BCP 47 tag: "fr", "pt-BR" (hreflang, lang)
    name: str  # the language's name in itself, capitalised: "Français"
    url: str  # site-relative: through the `url` filter
    absolute_url: str  # with site_url; '' without one
    current: bool = False  # the page's own language: marked, not linked
    original: bool = False  # the set's original: x-default


@dataclass(frozen=True)
class BriefRef:
    """A brief as an entry in a list."""

    title: str
    url: str
    date: dt.date
    date_iso: str
    date_display: str
    summary: str
    draft: bool
    actors: tuple[EntityRef, ...]
    countries: tuple[EntityRef, ...]
    lang: str = "en"  # the brief's language (canonical BCP 47 tag)
    # A set of translations' other members, by language ("also in"); () for a brief without translations.
    also_in: tuple[LanguageLink, ...] = ()


@dataclass(frozen=True)
class SourceView:
    publisher: str
    title: str
    url: str
    archive_url: str
    date_display: str
    date_iso: str = ""


@dataclass(frozen=True)
class RevisionView:
    """A commit that changed a brief's file (its page's "History")."""

    date_iso: str  # the author date, ISO 8601 with its offset: a <time datetime>
    date_display: str
    message: str  # the first line of the commit message, plain text
    url: str = ""  # the commit on the repository's host (from `repo_url`), or ""


@dataclass(frozen=True)
class BriefView(BriefRef):
    """Everything a brief page shows besides its body (``page.content``)."""

    slug: str = ""
    path: str = ""
    topics: tuple[EntityRef, ...] = ()
    sources: tuple[SourceView, ...] = ()
    confidence: str | None = None
    updated_iso: str = ""
    updated_display: str = ""
    related: tuple[BriefRef, ...] = ()
    previous: BriefRef | None = None
    next: BriefRef | None = None
    history: tuple[RevisionView, ...] = ()  # newest first; empty outside git or with `git_history: false`
    history_label: str = ""  # "3 revisions"
    # Every member of its set of translations, itself included (current), by language; () without translations.
    translations: tuple[LanguageLink, ...] = ()


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str = ""  # site-relative link, or "" for plain text
    external: str = ""  # an absolute http(s) link, or ""


@dataclass(frozen=True)
class RelatedGroup:
    heading: str
    entries: tuple[EntityRef, ...]


@dataclass(frozen=True)
class RoleSection:
    """The briefs giving an actor or country one role, as a section of its page (and an entry of its "By role" nav)."""

    key: str  # the role's key: "perpetrator"
    anchor: str  # the section's id: "role-perpetrator"
    label: str  # "alleged perpetrator"
    plural: str  # "alleged perpetrators"
    heading: str  # "As alleged perpetrator"
    count: int
    count_label: str  # "1 brief", "12 briefs"
    briefs: tuple[BriefRef, ...]  # newest first


@dataclass(frozen=True)
class PairDirection:
    """How many of a pair's briefs give one country a role and the other another (origin -> target)."""

    source: EntityRef  # the country with the first role ("origin")
    target: EntityRef  # the country with the second ("target")
    count: int
    count_label: str  # "3 briefs"
    roles_label: str  # the two roles' labels: "alleged origin → target"
    text: str  # the whole line: "China → United States: 3 briefs (alleged origin → target)"


@dataclass(frozen=True)
class EntityView:
    """An actor, country, topic or pair page. The profile body, if any, is ``page.content``."""

    kind: str
    key: str
    name: str
    url: str
    feed_url: str
    flag: str = ""
    facts: tuple[Fact, ...] = ()
    count: int = 0
    first_date_display: str = ""
    last_date_display: str = ""
    first_date_iso: str = ""
    last_date_iso: str = ""
    chart_svg: str = ""  # inline SVG markup (safe: built by the core from numbers and dates)
    briefs: tuple[BriefRef, ...] = ()  # newest first, every one
    groups: tuple[RelatedGroup, ...] = ()  # only those with entries
    count_noun: str = "briefs"  # "brief" or "briefs", to follow ``count``
    one_day: bool = False  # every brief has the same date: the page says "on <date>", not "from <date> to <date>"
    # Actors and countries: one per role its briefs give it, in the vocabulary's order; () when none gives one.
    role_sections: tuple[RoleSection, ...] = ()
    # Pairs: the two countries, in the order of their codes, and the directions their briefs give them
    # (each with at least one brief; () when no brief gives both roles).
    countries: tuple[EntityRef, ...] = ()
    directions: tuple[PairDirection, ...] = ()
    world_map: MapView | None = None  # actors and countries: a small map (`map_types.MapView`); None for topics


@dataclass(frozen=True)
class LetterGroup:
    letter: str  # "D": initials folded for case and accents
    anchor: str  # "letter-4"
    entries: tuple[EntityRef, ...]


@dataclass(frozen=True)
class ListingView:
    """The index of all actors, countries or topics."""

    kind: str
    title: str
    entries: tuple[EntityRef, ...]  # by name
    plural: str = ""  # "actors", "countries", "topics", "pairs"
    count_label: str = ""  # "1 actor", "12 countries"
    intro: str = ""  # the sentence under the title: what is listed, in what order
    letter_groups: tuple[LetterGroup, ...] = ()  # ``entries`` by first letter; empty when the index is short
    world_map: MapView | None = None  # the countries index only: the world map (`map_types.MapView`)
    see_also: EntityRef | None = None  # the countries index only: a link to the pairs index, with its count


@dataclass(frozen=True)
class ArchiveMonth:
    name: str  # "April 2024"
    anchor: str  # "2024-04"
    briefs: tuple[BriefRef, ...]  # on the year's page; () on the page of every year
    count_label: str = ""  # "3 briefs"
    count: int = 0


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    url: str
    count: int
    months: tuple[ArchiveMonth, ...]  # newest first
    count_label: str = ""  # "3 briefs"
    current: bool = False  # the year of the year page being shown


@dataclass(frozen=True)
class ArchiveView:
    years: tuple[ArchiveYear, ...]  # newest first; on a year page, just that year
    all_years: tuple[ArchiveYear, ...]  # for the year navigation: year, url and current only (no counts, no months)
    title: str = "Archive"  # "Archive" or "Archive: 2024"
    year_page: bool = False  # the page of one year (``years`` holds just it), not of every year
    count_label: str = ""  # the briefs shown: "12 briefs"
    month_nav: tuple[ArchiveMonth, ...] = ()  # a year page's jump bar to its months, when it has more than one


@dataclass(frozen=True)
class Stat:
    """A count in the home page's summary of the collection, linked to the page that lists what it counts."""

    count: int
    noun: str  # agrees with ``count``: "1 country", "2 countries"
    url: str

    @property
    def label(self) -> str:
        return f"{self.count} {self.noun}"


@dataclass(frozen=True)
class HomeView:
    latest: tuple[BriefRef, ...]
    top_actors: tuple[EntityRef, ...]
    top_countries: tuple[EntityRef, ...]
    brief_count: int
    actor_count: int
    country_count: int
    topic_count: int
    briefs: Stat
    actors: Stat
    countries: Stat
    topics: Stat

    @property
    def stats(self) -> tuple[Stat, ...]:
        """The collection in figures: briefs, actors, countries, topics."""
        return (self.briefs, self.actors, self.countries, self.topics)


@dataclass(frozen=True)
class SearchFacet:
    """A filter the search page offers besides actor, country, topic and year: one per role in use."""

    key: str  # Pagefind's filter and the URL parameter: "country_origin" (`urls.search_filter`)
    legend: str  # "Country: alleged origin"
    plural: str  # its values, counted: "alleged origins"


@dataclass(frozen=True)
class SearchView:
    role_facets: tuple[SearchFacet, ...]  # in the vocabulary's order, actors' roles first; only roles briefs give
    # The languages of the search index (one index each), the site's first; () when the site has only one.
    languages: tuple[LanguageLink, ...] = ()
    # The words of assets/search.js (the locale's ``search_js.*``, by name without the prefix; a plural string as
    # its forms by CLDR category, which the script chooses with Intl.PluralRules), as JSON, autoescaped into an
    # attribute.
    strings_json: str = "{}"
    # The search index's shards, newest first (`search_shards.shards_json`: each one's folder under the site root,
    # dates, briefs and briefs by year), as JSON, autoescaped into an attribute.
    shards_json: str = "[]"

    @property
    def role_facets_json(self) -> str:
        """The role facets as assets/search.js reads them from the page (autoescaped into an attribute)."""
        return json.dumps([{"key": f.key, "legend": f.legend, "plural": f.plural} for f in self.role_facets])
