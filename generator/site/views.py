"""What templates receive: plain view objects, computed in the core, with display-ready values.

Templates hold no logic beyond loops and conditionals; every figure, label and
URL they show is decided here. URLs are site-relative (``actors/xi-jinping/``)
and go through MkDocs' ``url`` filter in templates.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..base.model import Brief, Country, Source
from . import urls
from .charts import monthly_chart
from .index import SiteIndex, newest_first, top
from .plan import LISTINGS, PageKind, PageSpec, archive_title

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


# An index of more entries than this is grouped by first letter, with a jump bar.
LETTER_GROUPS_ABOVE = 30


def display_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def noun(count: int, singular: str, plural: str) -> str:
    """The form of a noun that agrees with ``count``: 1 brief, 0 briefs, 2 briefs."""
    return singular if count == 1 else plural


def counted(count: int, singular: str, plural: str) -> str:
    """``count`` and its noun: "1 brief", "12 countries"."""
    return f"{count} {noun(count, singular, plural)}"


def initial(name: str) -> str:
    """The letter a name is filed under in an A to Z index: case and accents folded, so "de Gaulle", "Dmitri"
    and "Élysée" file under D, D and E. A letter with no simpler form (Ø, Ł) stays itself."""
    return unicodedata.normalize("NFKD", name[:1].casefold())[:1].upper()


@dataclass(frozen=True)
class EntityRef:
    """A link to an actor, country or topic page, as a chip or list entry."""

    kind: str  # "actor" | "country" | "topic"
    key: str  # actor slug, country alpha-2, topic slug
    name: str
    url: str
    count: int = 0  # briefs (or shared briefs, in "appears with" lists)
    flag: str = ""  # countries only
    detail: str = ""  # e.g. an actor's role, shown after the name in indexes

    @property
    def count_label(self) -> str:
        """``count`` as briefs: "1 brief", "12 briefs"."""
        return counted(self.count, "brief", "briefs")


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


@dataclass(frozen=True)
class SourceView:
    publisher: str
    title: str
    url: str
    archive_url: str
    date_display: str
    date_iso: str = ""


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
class EntityView:
    """An actor, country or topic page. The profile body, if any, is ``page.content``."""

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
    plural: str = ""  # "actors", "countries", "topics"
    count_label: str = ""  # "1 actor", "12 countries"
    letter_groups: tuple[LetterGroup, ...] = ()  # ``entries`` by first letter; empty when the index is short


@dataclass(frozen=True)
class ArchiveMonth:
    name: str  # "April 2024"
    anchor: str  # "2024-04"
    briefs: tuple[BriefRef, ...]
    count_label: str = ""  # "3 briefs"


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
    all_years: tuple[ArchiveYear, ...]  # for the year navigation (months left empty)
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


@dataclass
class ViewBuilder:
    """Builds views from the index; memoises brief refs, which appear on many pages."""

    index: SiteIndex
    related_count: int = 5
    home_latest: int = 10
    _refs: dict[str, BriefRef] = field(default_factory=dict)

    def for_page(self, spec: PageSpec) -> dict[str, object]:
        """What a planned page's template receives besides ``briefing`` and ``page``, by name."""
        match spec.kind:
            case PageKind.BRIEF if spec.brief is not None:
                return {"brief": self.brief(spec.brief)}
            case PageKind.ACTOR:
                return {"entity": self.actor(spec.key)}
            case PageKind.COUNTRY:
                return {"entity": self.country(spec.key)}
            case PageKind.TOPIC:
                return {"entity": self.topic(spec.key)}
            case PageKind.LISTING:
                return {"listing": self.listing(spec.key)}
            case PageKind.ARCHIVE:
                return {"archive": self.archive(spec.year)}
            case PageKind.HOME:
                return {"home": self.home(latest=self.home_latest)}
        return {}

    # -- references ---------------------------------------------------------------------
    def actor_ref(self, slug: str, count: int = 0) -> EntityRef:
        actor = self.index.corpus.actors[slug]
        return EntityRef("actor", slug, actor.name, urls.actor_url(slug), count, detail=actor.role)

    def country_ref(self, code: str, count: int = 0) -> EntityRef:
        country = self._country(code)
        return EntityRef("country", code, country.name, urls.country_url(code), count, flag=country.flag)

    def topic_ref(self, slug: str, count: int = 0) -> EntityRef:
        return EntityRef("topic", slug, self.index.topics[slug].label, urls.topic_url(slug), count)

    def _country(self, code: str) -> Country:
        return self.index.corpus.countries[code]

    def brief_ref(self, brief: Brief) -> BriefRef:
        ref = self._refs.get(brief.path)
        if ref is None:
            ref = self._refs[brief.path] = BriefRef(
                title=brief.title, url=urls.page_url(brief.path), date=brief.date,
                date_iso=brief.date.isoformat(), date_display=display_date(brief.date), summary=brief.summary,
                draft=brief.is_draft, actors=tuple(self.actor_ref(a) for a in brief.actors),
                countries=tuple(self.country_ref(c) for c in brief.countries),
            )  # fmt: skip
        return ref

    def _refs_newest_first(self, briefs: list[Brief]) -> tuple[BriefRef, ...]:
        return tuple(self.brief_ref(b) for b in newest_first(briefs))

    # -- pages --------------------------------------------------------------------------
    def brief(self, brief: Brief) -> BriefView:
        ref = self.brief_ref(brief)
        previous, following = self.index.neighbours(brief)
        return BriefView(
            **{name: getattr(ref, name) for name in BriefRef.__dataclass_fields__},
            slug=brief.slug, path=brief.path,
            topics=tuple(self.topic_ref(t.slug) for t in brief.topics),
            sources=tuple(_source_view(s) for s in brief.sources),
            confidence=brief.confidence,
            updated_iso=brief.updated.isoformat() if brief.updated else "",
            updated_display=display_date(brief.updated) if brief.updated else "",
            related=tuple(self.brief_ref(b) for b in self.index.related(brief, self.related_count)),
            previous=self.brief_ref(previous) if previous else None,
            next=self.brief_ref(following) if following else None,
        )  # fmt: skip

    def _entity(self, kind: str, key: str, name: str, url: str, briefs: list[Brief],
                groups: tuple[RelatedGroup, ...], **extra: object) -> EntityView:  # fmt: skip
        dates = [b.date for b in briefs]
        return EntityView(
            kind=kind, key=key, name=name, url=url, feed_url=urls.feed_url(url), count=len(briefs),
            first_date_display=display_date(min(dates)) if dates else "",
            last_date_display=display_date(max(dates)) if dates else "",
            first_date_iso=min(dates).isoformat() if dates else "",
            last_date_iso=max(dates).isoformat() if dates else "",
            chart_svg=monthly_chart(dates, label=f"Briefs per month naming {name}"),
            briefs=self._refs_newest_first(briefs), groups=tuple(g for g in groups if g.entries),
            count_noun=noun(len(briefs), "brief", "briefs"), one_day=bool(dates) and min(dates) == max(dates),
            **extra,  # type: ignore[arg-type]
        )  # fmt: skip

    def actor(self, slug: str) -> EntityView:
        actor = self.index.corpus.actors[slug]
        facts = [Fact("Kind", actor.kind.capitalize())] if actor.kind else []
        if actor.role:
            facts.append(Fact("Role", actor.role))
        if actor.country:
            facts.append(Fact("Country", self._country(actor.country).name, urls.country_url(actor.country)))
        if actor.aliases:
            facts.append(Fact("Also known as", ", ".join(actor.aliases)))
        if actor.wikidata:
            facts.append(Fact("Wikidata", actor.wikidata, external=f"https://www.wikidata.org/wiki/{actor.wikidata}"))
        groups = (
            RelatedGroup(
                "Appears most often with", self._entities(self.actor_ref, self.index.actor_with_actor.get(slug))
            ),
            RelatedGroup("Countries", self._entities(self.country_ref, self.index.actor_countries.get(slug))),
        )
        return self._entity("actor", slug, actor.name, urls.actor_url(slug), self.index.by_actor.get(slug, []),
                            facts=tuple(facts), groups=groups)  # fmt: skip

    def country(self, code: str) -> EntityView:
        country = self._country(code)
        facts = [Fact("ISO 3166-1", f"{country.code} / {country.alpha3}" if country.alpha3 else country.code)]
        if country.official_name and country.official_name != country.name:
            facts.append(Fact("Official name", country.official_name))
        groups = (
            RelatedGroup("Actors of this country", tuple(
                self.actor_ref(slug, len(self.index.by_actor.get(slug, []))) for slug in self.index.actors_from.get(code, []))),
            RelatedGroup("Actors in its briefs", self._entities(self.actor_ref, self.index.country_actors.get(code))),
            RelatedGroup("Appears most often with", self._entities(self.country_ref, self.index.country_with_country.get(code))),
        )  # fmt: skip
        return self._entity("country", code, country.name, urls.country_url(code), self.index.by_country.get(code, []),
                            flag=country.flag, facts=tuple(facts), groups=groups)  # fmt: skip

    def topic(self, slug: str) -> EntityView:
        briefs = self.index.by_topic.get(slug, [])
        actors: dict[str, int] = {}
        for brief in briefs:
            for actor in brief.actors:
                actors[actor] = actors.get(actor, 0) + 1
        groups = (RelatedGroup("Actors", self._entities(self.actor_ref, Counter(actors))),)
        label = self.index.topics[slug].label
        return self._entity("topic", slug, label, urls.topic_url(slug), briefs, groups=groups)

    @staticmethod
    def _entities(make: Callable[[str, int], EntityRef], counter: object, limit: int = 12) -> tuple[EntityRef, ...]:
        return tuple(make(key, count) for key, count in top(counter, limit))  # type: ignore[arg-type]

    def listing(self, kind: str) -> ListingView:
        """The index of every actor, country or topic (``kind``: the ``key`` of a listing page)."""
        return {"actor": self.actors_listing, "country": self.countries_listing, "topic": self.topics_listing}[kind]()

    def actors_listing(self) -> ListingView:
        return _listing("actor", "actors",
                        (self.actor_ref(s, len(self.index.by_actor.get(s, []))) for s in self.index.corpus.actors))  # fmt: skip

    def countries_listing(self) -> ListingView:
        return _listing("country", "countries",
                        (self.country_ref(c, len(self.index.by_country.get(c, []))) for c in self.index.countries))  # fmt: skip

    def topics_listing(self) -> ListingView:
        return _listing("topic", "topics", (self.topic_ref(t, len(self.index.by_topic[t])) for t in self.index.topics))

    def archive(self, year: int | None = None) -> ArchiveView:
        by_year: dict[int, dict[tuple[int, int], list[Brief]]] = {}
        for brief in self.index.briefs:
            by_year.setdefault(brief.date.year, {}).setdefault((brief.date.year, brief.date.month), []).append(brief)
        all_years = tuple(
            _archive_year(y, sum(len(v) for v in by_year[y].values()), (), current=y == year)
            for y in sorted(by_year, reverse=True)
        )
        chosen = [year] if year is not None else sorted(by_year, reverse=True)
        years = []
        for y in chosen:
            months = tuple(
                self._archive_month(y, m, by_year[y][(y, m)]) for (_, m) in sorted(by_year.get(y, {}), reverse=True)
            )
            years.append(_archive_year(y, sum(len(mo.briefs) for mo in months), months, current=y == year))
        year_page = year is not None
        return ArchiveView(
            tuple(years), all_years, title=archive_title(year), year_page=year_page,
            count_label=counted(sum(y.count for y in years), "brief", "briefs"),
            month_nav=years[0].months if year_page and len(years[0].months) > 1 else (),
        )  # fmt: skip

    def _archive_month(self, year: int, month: int, briefs: list[Brief]) -> ArchiveMonth:
        return ArchiveMonth(f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}", self._refs_newest_first(briefs),
                            counted(len(briefs), "brief", "briefs"))  # fmt: skip

    def home(self, latest: int = 10, top_count: int = 8) -> HomeView:
        actors = {slug: len(b) for slug, b in self.index.by_actor.items()}
        countries = {code: len(b) for code, b in self.index.by_country.items()}
        brief_count, actor_count = len(self.index.briefs), len(self.index.corpus.actors)
        country_count, topic_count = len(self.index.by_country), len(self.index.topics)
        return HomeView(
            latest=tuple(self.brief_ref(b) for b in newest_first(self.index.briefs)[:latest]),
            top_actors=self._entities(self.actor_ref, Counter(actors), top_count),
            top_countries=self._entities(self.country_ref, Counter(countries), top_count),
            brief_count=brief_count, actor_count=actor_count, country_count=country_count, topic_count=topic_count,
            briefs=Stat(brief_count, noun(brief_count, "brief", "briefs"), urls.ARCHIVE),
            actors=Stat(actor_count, noun(actor_count, "actor", "actors"), urls.ACTORS),
            countries=Stat(country_count, noun(country_count, "country", "countries"), urls.COUNTRIES),
            topics=Stat(topic_count, noun(topic_count, "topic", "topics"), urls.TOPICS),
        )  # fmt: skip


def _listing(kind: str, plural: str, refs: Iterable[EntityRef]) -> ListingView:
    entries = tuple(sorted(refs, key=lambda e: (e.name.casefold(), e.key)))
    title = next(title for listed, title, _ in LISTINGS if listed == kind)
    return ListingView(kind, title, entries, plural=plural, count_label=f"{len(entries)} {noun(len(entries), kind, plural)}",
                       letter_groups=letter_groups(entries) if len(entries) > LETTER_GROUPS_ABOVE else ())  # fmt: skip


def letter_groups(entries: tuple[EntityRef, ...]) -> tuple[LetterGroup, ...]:
    """``entries`` grouped by `initial`, in letter order; each group keeps the entries' order."""
    by_letter: dict[str, list[EntityRef]] = {}
    for entry in entries:
        by_letter.setdefault(initial(entry.name), []).append(entry)
    return tuple(LetterGroup(letter, f"letter-{number}", tuple(by_letter[letter]))
                 for number, letter in enumerate(sorted(by_letter), start=1))  # fmt: skip


def _archive_year(year: int, count: int, months: tuple[ArchiveMonth, ...], *, current: bool) -> ArchiveYear:
    return ArchiveYear(year, urls.archive_year_url(year), count, months, counted(count, "brief", "briefs"), current)


def _source_view(source: Source) -> SourceView:
    return SourceView(source.publisher, source.title, source.url, source.archive_url,
                      display_date(source.date) if source.date else "",
                      source.date.isoformat() if source.date else "")  # fmt: skip
