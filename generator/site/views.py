"""What templates receive: the view of each planned page (`ViewBuilder.for_page`), with display-ready values.

Templates hold no logic beyond loops and conditionals; every figure, label and
URL they show is decided here (the view types are in `view_types`). URLs are site-relative (``actors/xi-jinping/``)
and go through MkDocs' ``url`` filter in templates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..base.model import Brief, Country, Revision, Source
from ..base.roles import DEFAULT_ROLES, RoleVocabulary
from . import maps, urls
from .archive_views import archive_view, by_year_and_month
from .charts import monthly_chart
from .index import SiteIndex, newest_first, top
from .listing_views import listing_view
from .locale import Locales, Strings, english
from .pairs import Pair, pair_from_key, pair_key
from .plan import PageKind, PageSpec, pair_title
from .previews import PreviewSite, preview_for
from .search_shards import DEFAULT_SIZE as DEFAULT_SHARD_SIZE
from .search_view import search_view
from .translations import language_links
from .view_types import (
    ArchiveView,
    BriefRef,
    BriefView,
    EntityRef,
    EntityView,
    Fact,
    HomeView,
    ListingView,
    PairDirection,
    RelatedGroup,
    RevisionView,
    RoleSection,
    SearchView,
    SourceView,
    Stat,
)


def display_date(day: dt.date, strings: Strings | None = None) -> str:
    """ "16 April 2024": ``day`` in the locale's ``date.day`` pattern."""
    return (strings or english()).date(day)


# A country's page links to this many of its pairs (those with a page, most briefs first).
FREQUENT_PAIRS = 5
# A pair's direction: briefs giving one country the first role and the other the second.
DIRECTION = ("origin", "target")


@dataclass
class ViewBuilder:
    """Builds views from the index; memoises brief refs, which appear on many pages."""

    index: SiteIndex
    related_count: int = 5
    home_latest: int = 10
    roles: RoleVocabulary = DEFAULT_ROLES
    site: PreviewSite = field(default_factory=PreviewSite)  # what every page's `preview` shares
    commit_link: str = ""  # a commit's id appended to it links to the commit (`history.commit_link`); '': no link
    strings: Strings = field(default_factory=english)  # the site's locale: every word the views print
    # The theme's locales: a brief in another language is shown in its language's words where the theme has them.
    locales: Locales | None = None
    search_shard_briefs: int = DEFAULT_SHARD_SIZE  # the search index's shards, listed on the search page
    _by_language: dict[str, ViewBuilder] = field(default_factory=dict)
    _refs: dict[str, BriefRef] = field(default_factory=dict)
    _years: dict[int, dict[tuple[int, int], list[Brief]]] | None = None

    def for_page(self, spec: PageSpec) -> dict[str, object]:
        """What a planned page's template receives besides ``briefing`` and ``page``, by name: its content's
        view, and its ``preview`` (`previews`), in the words of the page's language (`language_of`)."""
        builder = self._in(self.language_of(spec))
        return {**builder._content(spec), "preview": preview_for(builder.site, builder.index, spec, builder.strings)}

    def language_of(self, spec: PageSpec) -> Strings:
        """The strings of a planned page: a brief's language's, where the theme has a locale for it; else the site's."""
        if self.locales is None or spec.kind is not PageKind.BRIEF or spec.brief is None:
            return self.strings
        return self.locales.locale_for(spec.brief.lang)

    def _in(self, strings: Strings) -> ViewBuilder:
        """This builder, or one that speaks ``strings`` (made once per language: each keeps its own memo)."""
        if strings is self.strings:
            return self
        builder = self._by_language.get(strings.code)
        if builder is None:
            builder = self._by_language[strings.code] = replace(self, strings=strings, _refs={}, _years=None,
                                                                _by_language={})  # fmt: skip
        return builder

    def _content(self, spec: PageSpec) -> dict[str, object]:
        match spec.kind:
            case PageKind.BRIEF if spec.brief is not None:
                return {"brief": self.brief(spec.brief), "page_lang": spec.brief.lang}
            case PageKind.ACTOR:
                return {"entity": self.actor(spec.key)}
            case PageKind.COUNTRY:
                return {"entity": self.country(spec.key)}
            case PageKind.TOPIC:
                return {"entity": self.topic(spec.key)}
            case PageKind.PAIR:
                return {"entity": self.pair(pair_from_key(spec.key))}
            case PageKind.LISTING:
                return {"listing": self.listing(spec.key)}
            case PageKind.ARCHIVE:
                return {"archive": self.archive(spec.year)}
            case PageKind.HOME:
                return {"home": self.home(latest=self.home_latest)}
            case PageKind.SEARCH:
                return {"search": self.search()}
        return {}

    def adopt_refs(self, earlier: ViewBuilder, changed: set[str]) -> None:
        """Take ``earlier``'s brief refs, but those of the briefs at ``changed``: for a site whose names
        (actors, countries) are as ``earlier``'s, so its refs of unchanged briefs are the same."""
        self._refs.update((path, ref) for path, ref in earlier._refs.items() if path not in changed)

    # -- references ---------------------------------------------------------------------
    def actor_ref(self, slug: str, count: int = 0) -> EntityRef:
        actor = self.index.corpus.actors[slug]
        return EntityRef("actor", slug, actor.name, urls.actor_url(slug), count, detail=actor.role)

    def country_ref(self, code: str, count: int = 0) -> EntityRef:
        country = self._country(code)
        return EntityRef("country", code, country.name, urls.country_url(code), count, flag=country.flag)

    def topic_ref(self, slug: str, count: int = 0) -> EntityRef:
        return EntityRef("topic", slug, self.index.topics[slug].label, urls.topic_url(slug), count)

    def pair_ref(self, pair: Pair) -> EntityRef:
        """A link to a pair's page, with its count; both flags, in the order of the names."""
        flags = " ".join(self._country(code).flag for code in pair if self._country(code).flag)
        return EntityRef("pair", pair_key(pair), pair_title(self.index, pair, self.strings), urls.pair_url(*pair),
                         len(self.index.by_pair.get(pair, ())), flag=flags)  # fmt: skip

    def _country(self, code: str) -> Country:
        return self.index.corpus.countries[code]

    def brief_ref(self, brief: Brief) -> BriefRef:
        ref = self._refs.get(brief.path)
        if ref is None:
            ref = self._refs[brief.path] = BriefRef(
                title=brief.title, url=urls.page_url(brief.path), date=brief.date,
                date_iso=brief.date.isoformat(), date_display=self.strings.date(brief.date), summary=brief.summary,
                draft=brief.is_draft, actors=tuple(self.actor_ref(a) for a in brief.actors),
                countries=tuple(self.country_ref(c) for c in brief.countries), lang=brief.lang,
                also_in=tuple(link for link in language_links(self.index, self.site, brief) if not link.current),
            )  # fmt: skip
        return ref

    def _refs_newest_first(self, briefs: list[Brief]) -> tuple[BriefRef, ...]:
        return tuple(self.brief_ref(b) for b in newest_first(briefs))

    # -- pages --------------------------------------------------------------------------
    def brief(self, brief: Brief) -> BriefView:
        ref = self.brief_ref(brief)
        previous, following = self.index.neighbours(brief)
        fields = {name: getattr(ref, name) for name in BriefRef.__dataclass_fields__}
        # Only the brief's own page labels chips with roles: lists print no chips. (An actor's or country's page
        # lists its briefs by role, so `changes` compares those pages when a role is edited.)
        fields["actors"] = self._with_roles(ref.actors, brief.actor_roles, "actor")
        fields["countries"] = self._with_roles(ref.countries, brief.country_roles, "country")
        return BriefView(
            **fields,
            slug=brief.slug, path=brief.path,
            topics=tuple(self.topic_ref(t.slug) for t in brief.topics),
            sources=tuple(_source_view(s, self.strings) for s in brief.sources),
            confidence=brief.confidence,
            updated_iso=brief.updated.isoformat() if brief.updated else "",
            updated_display=self.strings.date(brief.updated) if brief.updated else "",
            related=tuple(self.brief_ref(b) for b in self.index.related(brief, self.related_count)),
            previous=self.brief_ref(previous) if previous else None,
            next=self.brief_ref(following) if following else None,
            history=tuple(self._revision(r) for r in brief.revisions),
            history_label=self.strings.plural("count.revisions", len(brief.revisions)) if brief.revisions else "",
            translations=language_links(self.index, self.site, brief),
        )  # fmt: skip

    def _revision(self, revision: Revision) -> RevisionView:
        day = dt.date.fromisoformat(revision.date[:10])
        url = f"{self.commit_link}{revision.sha}" if self.commit_link else ""
        return RevisionView(revision.date, self.strings.date(day), revision.message or self.strings.t("brief.no_message"),
                            url)  # fmt: skip

    def _with_roles(
        self, chips: tuple[EntityRef, ...], roles: tuple[tuple[str, str], ...], kind: str
    ) -> tuple[EntityRef, ...]:
        if not roles:
            return chips
        labels = {key: self.roles.label(kind, role) for key, role in roles}
        return tuple(replace(chip, role_label=labels[chip.key]) if chip.key in labels else chip for chip in chips)

    def _entity(self, kind: str, key: str, name: str, url: str, briefs: list[Brief],
                groups: tuple[RelatedGroup, ...], **extra: object) -> EntityView:  # fmt: skip
        dates = [b.date for b in briefs]
        t = self.strings
        return EntityView(
            kind=kind, key=key, name=name, url=url, feed_url=urls.feed_url(url), count=len(briefs),
            first_date_display=t.date(min(dates)) if dates else "",
            last_date_display=t.date(max(dates)) if dates else "",
            first_date_iso=min(dates).isoformat() if dates else "",
            last_date_iso=max(dates).isoformat() if dates else "",
            chart_svg=monthly_chart(dates, label=t.t("chart.label", name=name), strings=t),
            briefs=self._refs_newest_first(briefs), groups=tuple(g for g in groups if g.entries),
            count_noun=t.plural("noun.briefs", len(briefs)), one_day=bool(dates) and min(dates) == max(dates),
            **extra,  # type: ignore[arg-type]
        )  # fmt: skip

    def actor(self, slug: str) -> EntityView:
        actor, t = self.index.corpus.actors[slug], self.strings.t
        # The kind is the author's word (person, organisation...), as written in the actor's file.
        facts = [Fact(t("fact.kind"), actor.kind.capitalize())] if actor.kind else []
        if actor.role:
            facts.append(Fact(t("fact.role"), actor.role))
        if actor.country:
            facts.append(Fact(t("fact.country"), self._country(actor.country).name, urls.country_url(actor.country)))
        if actor.aliases:
            facts.append(Fact(t("fact.aliases"), ", ".join(actor.aliases)))
        if actor.wikidata:
            facts.append(Fact(t("fact.wikidata"), actor.wikidata,
                              external=f"https://www.wikidata.org/wiki/{actor.wikidata}"))  # fmt: skip
        counts = self.index.actor_countries(slug)
        countries = self._entities(self.country_ref, counts)
        groups = (
            RelatedGroup(t("group.appears_with"), self._entities(self.actor_ref, self.index.actor_with_actor(slug))),
            RelatedGroup(t("group.countries"), countries),
        )
        own = self.country_ref(actor.country, counts[actor.country]) if actor.country else None
        return self._entity("actor", slug, actor.name, urls.actor_url(slug), self.index.by_actor.get(slug, []),
                            facts=tuple(facts), groups=groups, world_map=maps.actor_map(actor.name, countries, own, self.strings),
                            role_sections=self._role_sections("actor", self.index.by_actor_role.get(slug, {})))  # fmt: skip

    def country(self, code: str) -> EntityView:
        country, t = self._country(code), self.strings.t
        partners = self._entities(self.country_ref, self.index.country_with_country(code))
        facts = [Fact(t("fact.iso"), f"{country.code} / {country.alpha3}" if country.alpha3 else country.code)]
        if country.official_name and country.official_name != country.name:
            facts.append(Fact(t("fact.official_name"), country.official_name))
        groups = (
            RelatedGroup(t("group.actors_of_country"), tuple(
                self.actor_ref(slug, len(self.index.by_actor.get(slug, []))) for slug in self.index.actors_from.get(code, []))),
            RelatedGroup(t("group.actors_in_briefs"), self._entities(self.actor_ref, self.index.country_actors(code))),
            RelatedGroup(t("group.appears_with"), partners),
            RelatedGroup(t("group.frequent_pairs"), tuple(self.pair_ref(p) for p in self.index.pairs_with.get(code, [])[:FREQUENT_PAIRS])),
        )  # fmt: skip
        briefs = self.index.by_country.get(code, [])
        return self._entity("country", code, country.name, urls.country_url(code), briefs,
                            flag=country.flag, facts=tuple(facts), groups=groups,
                            world_map=maps.country_map(self.country_ref(code, len(briefs)), partners, self.strings),
                            role_sections=self._role_sections("country", self.index.by_country_role.get(code, {})))  # fmt: skip

    def _role_sections(self, kind: str, by_role: dict[str, list[Brief]]) -> tuple[RoleSection, ...]:
        """A section per role in ``by_role`` (an entity's briefs by the role they give it), in the vocabulary's
        order; a role the vocabulary does not know gets none."""
        return tuple(
            RoleSection(role.key, f"role-{role.key}", role.label, role.plural,
                        self.strings.t("entity.as_role", role=role.label), len(briefs),
                        self.strings.plural("count.briefs", len(briefs)), self._refs_newest_first(briefs))
            for role in self.roles.of(kind).values()
            if (briefs := by_role.get(role.key))
        )  # fmt: skip

    def pair(self, pair: Pair) -> EntityView:
        briefs = self.index.by_pair.get(pair, [])
        title = pair_title(self.index, pair, self.strings)
        actors = Counter(actor for brief in briefs for actor in brief.actors)
        groups = (RelatedGroup(self.strings.t("group.actors_most"), self._entities(self.actor_ref, actors)),)
        return self._entity("pair", pair_key(pair), title, urls.pair_url(*pair), briefs, groups=groups,
                            flag=self.pair_ref(pair).flag, countries=tuple(self.country_ref(code) for code in pair),
                            directions=self._directions(pair, briefs))  # fmt: skip

    def _directions(self, pair: Pair, briefs: list[Brief]) -> tuple[PairDirection, ...]:
        """Both directions of `DIRECTION` between the pair's countries that at least one brief gives; none when the
        site's vocabulary lacks either role."""
        first, second = DIRECTION
        labels = (self.roles.label("country", first), self.roles.label("country", second))
        if not all(labels):
            return ()
        counts: Counter[Pair] = Counter()
        for brief in briefs:
            roles = dict(brief.country_roles)
            for source, target in (pair, pair[::-1]):
                if roles.get(source) == first and roles.get(target) == second:
                    counts[(source, target)] += 1
        directions = []
        for source, target in (pair, pair[::-1]):
            if count := counts[(source, target)]:
                source_ref, target_ref = self.country_ref(source), self.country_ref(target)
                label, roles_label = self.strings.plural("count.briefs", count), f"{labels[0]} → {labels[1]}"
                text = self.strings.t("pair.direction_text", source=source_ref.name, target=target_ref.name,
                                      count_label=label, roles=roles_label)  # fmt: skip
                directions.append(PairDirection(source_ref, target_ref, count, label, roles_label, text))
        return tuple(directions)

    def topic(self, slug: str) -> EntityView:
        briefs = self.index.by_topic.get(slug, [])
        actors: dict[str, int] = {}
        for brief in briefs:
            for actor in brief.actors:
                actors[actor] = actors.get(actor, 0) + 1
        groups = (RelatedGroup(self.strings.t("group.actors"), self._entities(self.actor_ref, Counter(actors))),)
        label = self.index.topics[slug].label
        return self._entity("topic", slug, label, urls.topic_url(slug), briefs, groups=groups)

    @staticmethod
    def _entities(make: Callable[[str, int], EntityRef], counter: object, limit: int = 12) -> tuple[EntityRef, ...]:
        return tuple(make(key, count) for key, count in top(counter, limit))  # type: ignore[arg-type]

    def search(self) -> SearchView:
        return search_view(self.index, self.roles, self.strings, self.search_shard_briefs)

    def listing(self, kind: str) -> ListingView:
        """The index of every actor, country or topic (``kind``: the ``key`` of a listing page)."""
        listings = {"actor": self.actors_listing, "country": self.countries_listing, "topic": self.topics_listing,
                    "pair": self.pairs_listing}  # fmt: skip
        return listings[kind]()

    def actors_listing(self) -> ListingView:
        return listing_view(self.strings, "actor", "actors",
                        (self.actor_ref(s, len(self.index.by_actor.get(s, []))) for s in self.index.corpus.actors))  # fmt: skip

    def countries_listing(self) -> ListingView:
        listing = listing_view(self.strings, "country", "countries",
                           (self.country_ref(c, len(self.index.by_country.get(c, []))) for c in self.index.countries))  # fmt: skip
        pairs = len(self.index.by_pair)
        t = self.strings
        see_also = EntityRef("listing", "pair", t.t("nav.pairs"), urls.PAIRS, pairs,
                             detail=t.plural("count.pairs", pairs)) if pairs else None  # fmt: skip
        return replace(listing, see_also=see_also,
                       world_map=maps.world_map(listing.entries, title=t.t("listing.map_title"), strings=t))  # fmt: skip

    def topics_listing(self) -> ListingView:
        return listing_view(
            self.strings, "topic", "topics", (self.topic_ref(t, len(self.index.by_topic[t])) for t in self.index.topics)
        )

    def pairs_listing(self) -> ListingView:
        """Every pair with a page, most briefs first (then by name): the pairs that matter most lead."""
        entries = tuple(sorted((self.pair_ref(pair) for pair in self.index.by_pair),
                               key=lambda e: (-e.count, e.name.casefold(), e.key)))  # fmt: skip
        t = self.strings
        count_label = t.plural("count.pairs", len(entries))
        return ListingView("pair", t.t("nav.pairs"), entries, plural="pairs", count_label=count_label,
                           intro=t.t("listing.pairs_intro", count_label=count_label))  # fmt: skip

    def archive(self, year: int | None = None) -> ArchiveView:
        """The archive (``year`` None) or a year's page of it (see `archive_views`)."""
        if self._years is None:
            self._years = by_year_and_month(self.index.briefs)
        return archive_view(self._years, year, self.strings, self._refs_newest_first)

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
            briefs=Stat(brief_count, self.strings.plural("noun.briefs", brief_count), urls.ARCHIVE),
            actors=Stat(actor_count, self.strings.plural("noun.actors", actor_count), urls.ACTORS),
            countries=Stat(country_count, self.strings.plural("noun.countries", country_count), urls.COUNTRIES),
            topics=Stat(topic_count, self.strings.plural("noun.topics", topic_count), urls.TOPICS),
        )  # fmt: skip


def _source_view(source: Source, strings: Strings) -> SourceView:
    return SourceView(source.publisher, source.title, source.url, source.archive_url,
                      strings.date(source.date) if source.date else "",
                      source.date.isoformat() if source.date else "")  # fmt: skip
