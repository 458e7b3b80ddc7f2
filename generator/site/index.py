"""Cross-links: which briefs name each actor, country and topic, and who appears with whom.

The lists are computed once, in time linear in the number of (brief, name) pairs, before any
page is rendered. Who appears with whom is counted for one name when its page asks, from that
name's briefs: a whole build asks for every name (the same work as counting every pair once),
a serve rebuild for the few whose pages an edit may change.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from ..base.model import Brief, Corpus, Country, Topic, position_of
from .pairs import Pair, count_pairs, pairs_of

# How far around a brief, in each shared name's date-ordered list, to look for related briefs.
# Bounds the work for names shared by thousands of briefs (a country like US) to O(window).
RELATED_WINDOW = 16
_EARLIEST = dt.date.min
# Sharing a name named by a single brief weighs ln(1 + this); see `name_weight`.
_RAREST = 1 << 16


def name_weight(count: int) -> int:
    """How much sharing a name counts towards two briefs being related, for a name ``count`` briefs share.

    Rarer names weigh more (an inverse document frequency, in thousandths so sums are exact and ties
    stable), in steps of a factor of √2 in ``count`` (1, 2, 3, 4, 6, 8, 12, 16, ...: `_step`). The weight
    does not depend on the size of the site, so adding or removing a brief changes the weights of its
    own names only, and only when a count crosses a step: an edit re-ranks only the briefs near it in
    time (see `related_affected`).
    """
    return round(1000 * math.log(1 + _RAREST / math.sqrt(2) ** _step(count)))


def _step(count: int) -> int:
    """The largest k with √2^k ≤ count, in integers: 2^k ≤ count²."""
    return (count * count).bit_length() - 1


def _ranking_class(count: int) -> tuple[int, bool]:
    """What of a name's brief count `related` depends on: its weight's step, and whether it is windowed."""
    return _step(count), count > 2 * RELATED_WINDOW + 2


@dataclass
class SiteIndex:
    """The briefs' cross-links. A set of translations (an original and the briefs whose `translation_of` names
    it) is listed as one brief, its *representative*: the member in the site's language if there is one, else
    the original (else, the original being a draft left out, the first member by language). So `briefs` and
    every list made from it (names, topics, pairs, related, previous and next, feeds, counts) hold
    representatives only, and `members` every brief that gets a page."""

    corpus: Corpus
    briefs: list[Brief]  # published (or previewed) briefs, oldest first: one per set of translations
    members: list[Brief] = field(default_factory=list)  # every published (or previewed) brief, oldest first
    # The original's slug -> the set's members (the original first, then by language), for sets of two or more.
    translations: dict[str, tuple[Brief, ...]] = field(default_factory=dict)
    representative: dict[str, Brief] = field(default_factory=dict)  # a member's path -> its set's representative
    at_path: dict[str, Brief] = field(default_factory=dict)  # every member by path
    by_actor: dict[str, list[Brief]] = field(default_factory=dict)  # oldest first
    by_country: dict[str, list[Brief]] = field(default_factory=dict)
    by_topic: dict[str, list[Brief]] = field(default_factory=dict)
    # slug (alpha-2) -> role key -> the briefs giving the actor (country) that role, oldest first: an entity
    # page's sections by role are looked up, not filtered from its thousands of briefs.
    by_actor_role: dict[str, dict[str, list[Brief]]] = field(default_factory=dict)
    by_country_role: dict[str, dict[str, list[Brief]]] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    # The countries that get a page: named by an included brief, profiled, or an actor's country (never
    # one that only drafts name, in a published build).
    countries: dict[str, Country] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # brief path -> index in `briefs`
    actors_from: dict[str, list[str]] = field(default_factory=dict)  # country -> registered actors' slugs, by name
    # "actor:<slug>" / "country:<code>" -> positions of its briefs, ascending (so also by date)
    _positions: dict[str, list[int]] = field(default_factory=dict)
    _weights: dict[str, int] = field(default_factory=dict)  # the same keys -> weight of sharing that name
    # "actor:<slug>" / "country:<code>" / "topic:<slug>" -> the latest change among its briefs (its pages' date)
    latest: dict[str, dt.date] = field(default_factory=dict)
    # The pairs of countries with a page (named together by at least `pair_min_briefs` briefs) -> their briefs,
    # oldest first; by codes. `pairs_with`: a country -> its pairs with a page, most briefs first.
    by_pair: dict[Pair, list[Brief]] = field(default_factory=dict)
    pairs_with: dict[str, list[Pair]] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: Corpus, *, include_drafts: bool = False, pair_min_briefs: int = 2) -> SiteIndex:
        members = [b for b in corpus.briefs if include_drafts or not b.is_draft]
        translations, representative = _translation_sets(members, corpus.lang)
        briefs = [b for b in members if representative.get(b.path, b) is b]
        index = cls(corpus, briefs, members, translations, representative, {b.path: b for b in members})
        by_actor: dict[str, list[Brief]] = defaultdict(list)
        by_country: dict[str, list[Brief]] = defaultdict(list)
        by_topic: dict[str, list[Brief]] = defaultdict(list)
        latest = index.latest
        for number, brief in enumerate(briefs):
            index.position[brief.path] = number
            changed = brief.last_modified
            for actor in brief.actors:
                by_actor[actor].append(brief)
                _keep_latest(latest, f"actor:{actor}", changed)
            for country in brief.countries:
                by_country[country].append(brief)
                _keep_latest(latest, f"country:{country}", changed)
            for topic in brief.topics:
                by_topic[topic.slug].append(brief)
                _keep_latest(latest, f"topic:{topic.slug}", changed)
                index.topics.setdefault(topic.slug, topic)
            for actor, role in brief.actor_roles:
                index.by_actor_role.setdefault(actor, {}).setdefault(role, []).append(brief)
            for country, role in brief.country_roles:
                index.by_country_role.setdefault(country, {}).setdefault(role, []).append(brief)
        index.by_actor = dict(by_actor)
        index.by_country = dict(by_country)
        index.by_topic = dict(by_topic)
        index.topics = dict(sorted(index.topics.items()))
        paged = set(by_country) | {a.country for a in corpus.actors.values() if a.country}
        index.countries = {
            code: country for code, country in corpus.countries.items() if code in paged or country.profile_path
        }
        for registered in sorted(corpus.actors.values(), key=lambda a: (a.name, a.slug)):
            if registered.country:
                index.actors_from.setdefault(registered.country, []).append(registered.slug)
        for prefix, lists in (("actor", by_actor), ("country", by_country)):
            for key, members in lists.items():
                index._positions[f"{prefix}:{key}"] = [index.position[b.path] for b in members]
                index._weights[f"{prefix}:{key}"] = name_weight(len(members))
        index.by_pair = count_pairs(briefs, pair_min_briefs)
        for pair, _members in sorted(index.by_pair.items(), key=lambda item: (-len(item[1]), item[0])):
            for code in pair:
                index.pairs_with.setdefault(code, []).append(pair)
        return index

    def with_bodies(self, edited: Mapping[str, Brief]) -> SiteIndex:
        """This index with the briefs at the paths of ``edited`` replaced by those briefs, which differ from them in
        their bodies alone, so in nothing an index is made from: what `build` makes of the corpus with them. Lists
        the edited briefs are not in are shared with this index, not copied (serve's body edits, see `plugin.live`)."""
        swap = {id(self.corpus.briefs[number]): brief for number, brief in _corpus_positions(self.corpus, edited)}

        def swapped(briefs: list[Brief]) -> list[Brief]:
            return [swap.get(id(brief), brief) for brief in briefs]

        def lists(by_key: dict[str, list[Brief]], keys: set[str]) -> dict[str, list[Brief]]:
            return {**by_key, **{key: swapped(by_key[key]) for key in keys if key in by_key}}

        old = [self.at_path[path] for path in edited if path in self.at_path]
        actors = {actor for brief in old for actor in brief.actors}
        countries = {country for brief in old for country in brief.countries}
        topics = {topic.slug for brief in old for topic in brief.topics}
        pairs = {pair for brief in old for pair in pairs_of(brief.countries) if pair in self.by_pair}
        sets = {brief.translation_of or brief.slug for brief in old} & self.translations.keys()
        members = {member.path for slug in sets for member in self.translations[slug]}
        return replace(
            self,
            corpus=replace(self.corpus, briefs=tuple(swap.get(id(b), b) for b in self.corpus.briefs)),
            briefs=swapped(self.briefs),
            members=swapped(self.members),
            translations={**self.translations, **{slug: tuple(swapped(list(self.translations[slug]))) for slug in sets}},
            representative={**self.representative,
                            **{path: swap.get(id(self.representative[path]), self.representative[path]) for path in members}},
            at_path={**self.at_path, **{path: brief for path, brief in edited.items() if path in self.at_path}},
            by_actor=lists(self.by_actor, actors),
            by_country=lists(self.by_country, countries),
            by_topic=lists(self.by_topic, topics),
            by_actor_role={**self.by_actor_role, **{key: lists(self.by_actor_role[key], set(self.by_actor_role[key]))
                                                    for key in actors & self.by_actor_role.keys()}},
            by_country_role={**self.by_country_role, **{key: lists(self.by_country_role[key], set(self.by_country_role[key]))
                                                        for key in countries & self.by_country_role.keys()}},
            by_pair={**self.by_pair, **{pair: swapped(self.by_pair[pair]) for pair in pairs}},
        )  # fmt: skip

    # -- who appears with whom: counted for a name when its page asks (a rebuild asks for a few) ------
    def actor_with_actor(self, slug: str) -> Counter[str]:
        return Counter(other for b in self.by_actor.get(slug, ()) for other in b.actors if other != slug)

    def actor_countries(self, slug: str) -> Counter[str]:
        return Counter(country for b in self.by_actor.get(slug, ()) for country in b.countries)

    def country_with_country(self, code: str) -> Counter[str]:
        return Counter(other for b in self.by_country.get(code, ()) for other in b.countries if other != code)

    def country_actors(self, code: str) -> Counter[str]:
        return Counter(actor for b in self.by_country.get(code, ()) for actor in b.actors)

    def translations_of(self, brief: Brief) -> tuple[Brief, ...]:
        """The members of ``brief``'s set of translations, itself included; () when it has no translation."""
        return self.translations.get(brief.translation_of or brief.slug, ())

    def listed(self, brief: Brief) -> Brief:
        """The brief that stands for ``brief`` in listings: its set's representative, or itself."""
        return self.representative.get(brief.path, brief)

    def neighbours(self, brief: Brief) -> tuple[Brief | None, Brief | None]:
        """The previous and next brief in time (those of its set's representative, for a translation)."""
        number = self.position.get(self.listed(brief).path)
        if number is None:
            return None, None
        previous = self.briefs[number - 1] if number > 0 else None
        following = self.briefs[number + 1] if number + 1 < len(self.briefs) else None
        return previous, following

    def name_keys(self, brief: Brief) -> list[str]:
        """The keys of `related`'s name lists that ``brief`` is in."""
        return [f"actor:{a}" for a in brief.actors] + [f"country:{c}" for c in brief.countries]

    def related(self, brief: Brief, limit: int) -> list[Brief]:
        """Briefs sharing actors and countries, rarer names weighing more; newer first on ties (those of its
        set's representative, for a translation)."""
        brief = self.listed(brief)
        own = self.position.get(brief.path)
        if limit <= 0 or own is None:
            return []
        scores: dict[int, int] = {}  # position in self.briefs -> score
        get = scores.get
        for key in self.name_keys(brief):
            members = self._positions[key]
            weight = self._weights[key]
            if len(members) > 2 * RELATED_WINDOW:  # only the members nearest in time
                at = bisect.bisect_left(members, own)
                members = members[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]
            for number in members:
                scores[number] = get(number, 0) + weight
        scores.pop(own, None)
        # Highest score first; on ties the later brief in time (higher position) first: one integer holds
        # both, so the ranking compares plain integers.
        span = len(self.briefs)
        best = heapq.nlargest(limit, [score * span + number for number, score in scores.items()])
        return [self.briefs[ranked % span] for ranked in best]


def related_affected(old: SiteIndex, new: SiteIndex, changed: set[str]) -> set[str]:
    """The briefs of ``new`` whose `related` list may differ from their list in ``old``, when the briefs at
    the paths ``changed`` were edited, added or removed (and no other brief changed).

    A brief's list is drawn from its window in each of its names' lists (the whole list when short),
    weighted by each name's `name_weight`. A changed brief can therefore only enter, leave or re-rank
    the lists of briefs within a window of it in a name they share, unless that name's count crossed
    a power of two or the windowing threshold: then every brief of that name may re-rank.
    """
    affected = {path for path in changed if path in new.position}
    reach = RELATED_WINDOW + 2  # a window's width on each side, and the shift one insertion makes
    for index in (old, new):
        for path in changed:
            number = index.position.get(path)
            if number is None:
                continue
            for key in index.name_keys(index.briefs[number]):
                before, after = len(old._positions.get(key, ())), len(new._positions.get(key, ()))
                members = index._positions[key]
                if _ranking_class(before) != _ranking_class(after) or len(members) <= 2 * reach:
                    nearby = members
                else:
                    at = bisect.bisect_left(members, number)
                    nearby = members[max(0, at - reach) : at + reach + 1]
                affected.update(index.briefs[n].path for n in nearby)
    return {path for path in affected if path in new.position}


def _translation_sets(members: list[Brief], site_lang: str) -> tuple[dict[str, tuple[Brief, ...]], dict[str, Brief]]:
    """The sets of two or more members, by the original's slug, and each member's representative (see
    `SiteIndex`). Linear; the order of a set does not depend on the order of ``members``."""
    grouped: dict[str, list[Brief]] = {}
    for brief in members:
        grouped.setdefault(brief.translation_of or brief.slug, []).append(brief)
    sets: dict[str, tuple[Brief, ...]] = {}
    representative: dict[str, Brief] = {}
    for slug, group in grouped.items():
        if len(group) < 2:
            continue
        ordered = tuple(sorted(group, key=lambda b: (bool(b.translation_of), b.lang, b.path)))
        sets[slug] = ordered
        chosen = next((b for b in ordered if b.lang == site_lang), ordered[0])
        for brief in ordered:
            representative[brief.path] = chosen
    return dict(sorted(sets.items())), representative


def _keep_latest(latest: dict[str, dt.date], key: str, changed: dt.date) -> None:
    if changed > latest.get(key, _EARLIEST):
        latest[key] = changed


def _newest_first(brief: Brief) -> tuple[int, str]:
    return (-brief.date.toordinal(), brief.path)


def newest_first(briefs: list[Brief]) -> list[Brief]:
    return sorted(briefs, key=_newest_first)


def top(counter: Counter[str] | None, limit: int) -> list[tuple[str, int]]:
    """Most common first; ties broken by key so output is stable."""
    if not counter:
        return []
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _corpus_positions(corpus: Corpus, edited: Mapping[str, Brief]) -> Iterator[tuple[int, Brief]]:
    """Where in ``corpus.briefs`` each edited brief's earlier version is (an edit of the body alone keeps the date
    and the path), and the edited brief."""
    for path, brief in edited.items():
        number = position_of(corpus.briefs, brief.date, path)
        if number is None:
            raise ValueError(f"{path}: not a brief of this index with the same date")
        yield number, brief
