"""Cross-links: which briefs name each actor, country and topic, and who appears with whom.

Everything is computed once, in time linear in the number of (brief, name)
pairs, before any page is rendered.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..base.model import Brief, Corpus, Country, Topic

# How far around a brief, in each shared name's date-ordered list, to look for related briefs.
# Bounds the work for names shared by thousands of briefs (a country like US) to O(window).
RELATED_WINDOW = 16


@dataclass
class SiteIndex:
    corpus: Corpus
    briefs: list[Brief]  # published (or previewed) briefs, oldest first
    by_actor: dict[str, list[Brief]] = field(default_factory=dict)  # oldest first
    by_country: dict[str, list[Brief]] = field(default_factory=dict)
    by_topic: dict[str, list[Brief]] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    # The countries that get a page: named by an included brief, profiled, or an actor's country (never
    # one that only drafts name, in a published build).
    countries: dict[str, Country] = field(default_factory=dict)
    actor_with_actor: dict[str, Counter[str]] = field(default_factory=dict)
    actor_countries: dict[str, Counter[str]] = field(default_factory=dict)
    country_with_country: dict[str, Counter[str]] = field(default_factory=dict)
    country_actors: dict[str, Counter[str]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # brief path -> index in `briefs`
    actors_from: dict[str, list[str]] = field(default_factory=dict)  # country -> registered actors' slugs, by name
    # "actor:<slug>" / "country:<code>" -> positions of its briefs, ascending (so also by date)
    _positions: dict[str, list[int]] = field(default_factory=dict)
    _weights: dict[str, int] = field(default_factory=dict)  # the same keys -> weight of sharing that name

    @classmethod
    def build(cls, corpus: Corpus, *, include_drafts: bool = False) -> SiteIndex:
        briefs = [b for b in corpus.briefs if include_drafts or not b.is_draft]
        index = cls(corpus, briefs)
        by_actor: dict[str, list[Brief]] = defaultdict(list)
        by_country: dict[str, list[Brief]] = defaultdict(list)
        by_topic: dict[str, list[Brief]] = defaultdict(list)
        pairs: dict[str, Counter[str]] = defaultdict(Counter)
        actor_countries: dict[str, Counter[str]] = defaultdict(Counter)
        country_pairs: dict[str, Counter[str]] = defaultdict(Counter)
        country_actors: dict[str, Counter[str]] = defaultdict(Counter)
        for number, brief in enumerate(briefs):
            index.position[brief.path] = number
            for actor in brief.actors:
                by_actor[actor].append(brief)
                pairs[actor].update(a for a in brief.actors if a != actor)
                actor_countries[actor].update(brief.countries)
            for country in brief.countries:
                by_country[country].append(brief)
                country_pairs[country].update(c for c in brief.countries if c != country)
                country_actors[country].update(brief.actors)
            for topic in brief.topics:
                by_topic[topic.slug].append(brief)
                index.topics.setdefault(topic.slug, topic)
        index.by_actor = dict(by_actor)
        index.by_country = dict(by_country)
        index.by_topic = dict(by_topic)
        index.actor_with_actor = dict(pairs)
        index.actor_countries = dict(actor_countries)
        index.country_with_country = dict(country_pairs)
        index.country_actors = dict(country_actors)
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
                # Integer weights (an IDF in thousandths): sums are exact, so ties are stable across runs.
                index._weights[f"{prefix}:{key}"] = round(1000 * math.log(1 + len(briefs) / len(members)))
        return index

    def neighbours(self, brief: Brief) -> tuple[Brief | None, Brief | None]:
        """The previous and next brief in time."""
        number = self.position.get(brief.path)
        if number is None:
            return None, None
        previous = self.briefs[number - 1] if number > 0 else None
        following = self.briefs[number + 1] if number + 1 < len(self.briefs) else None
        return previous, following

    def related(self, brief: Brief, limit: int) -> list[Brief]:
        """Briefs sharing actors and countries, rarer names weighing more; newer first on ties."""
        own = self.position.get(brief.path)
        if limit <= 0 or own is None:
            return []
        scores: dict[int, int] = {}  # position in self.briefs -> score
        get = scores.get
        for key in [f"actor:{a}" for a in brief.actors] + [f"country:{c}" for c in brief.countries]:
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


def _newest_first(brief: Brief) -> tuple[int, str]:
    return (-brief.date.toordinal(), brief.path)


def newest_first(briefs: list[Brief]) -> list[Brief]:
    return sorted(briefs, key=_newest_first)


def top(counter: Counter[str] | None, limit: int) -> list[tuple[str, int]]:
    """Most common first; ties broken by key so output is stable."""
    if not counter:
        return []
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
