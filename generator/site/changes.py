"""What an edit changes in the site: the pages to render again, the pages gone, the data files to write again.

Dependencies are data. A page's output is its plan entry (`PageSpec`: title, body, date, place)
and its view (`ViewBuilder.for_page`: every brief, name and figure it prints), besides the templates
and the configuration, which no edit handled here changes. After an edit, the pages that may print
something the edit touched are the *candidates*, found from what the edited briefs name:

- the edited briefs' own pages, and the briefs next to them in time (previous and next links);
- the briefs whose related list may change (`related_affected`: near them in a shared name);
- the pages of every actor, country and topic they named before or name now, and the pages of the
  countries of those actors (which print each of their actors' brief counts);
- the pages of every pair of countries they named together before or name now (a pair's page that comes
  or goes as its count crosses `pair_min_briefs` is a new or removed page; its countries' pages, which
  link to their frequent pairs, are candidates already);
- the pages of the actors and countries given another role (or none) by a brief whose listing entry
  did not change: their sections by role list it; and the pages of its pairs, whose directions count it;
- the pages of the briefs of a topic whose label changed (a topic is labelled as its first brief
  writes it);
- the home page and the indexes of actors, countries, topics and pairs.

The redirect files of the changed briefs (their old addresses and permanent links) are written again when
what they say changed, and ``_redirects`` with them (`_redirect_files`).

The archive pages list every brief: building their views to compare would cost what rendering them
does, so their rule is applied directly (`_archive_changes`).

A candidate is rendered again only if its view differs from before; any page whose plan entry
differs is rendered again, and any new page rendered. MkDocs-agnostic: serve's rebuilds
(`plugin/live`) use it, and tests check it against views built from scratch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..base.model import Brief, Corpus
from . import urls
from .export import brief_record
from .index import SiteIndex, related_affected
from .pairs import pair_key, pairs_of
from .plan import PageKind, PageSpec, data_file_paths
from .redirects import redirect_inputs
from .views import ViewBuilder


@dataclass(frozen=True)
class SiteState:
    """One build's site model: what `site_change` compares."""

    index: SiteIndex
    views: ViewBuilder
    pages: dict[str, PageSpec]  # by source path


@dataclass(frozen=True)
class SiteChange:
    render: list[PageSpec]  # new pages, and pages whose plan entry or view changed, in plan order
    removed: list[PageSpec]  # pages no longer planned
    data_files: frozenset[str]  # data files (feeds, briefs.json, briefs.csv) to write again
    removed_data_files: frozenset[str]
    briefs: frozenset[str] = field(default_factory=frozenset)  # paths of the briefs that changed
    views: dict[str, dict[str, object]] = field(default_factory=dict)  # new views already built, by source path


def changed_briefs(old: Corpus, new: Corpus) -> set[str]:
    """Paths of the briefs added, removed or changed in any way between two loads."""
    before = {b.path: b for b in old.briefs}
    after = {b.path: b for b in new.briefs}
    return {path for path in before.keys() | after.keys() if not _same(before.get(path), after.get(path))}


def with_translations(old: SiteIndex, new: SiteIndex, changed: set[str]) -> set[str]:
    """``changed`` and every member of the sets of translations the changed briefs belong to, before or after:
    a member's page lists the others in its language switcher, its entry links to them ("also in"), and which
    member a set's listings show (its representative) depends on each member's language."""
    found = set(changed)
    for index in (old, new):
        for path in changed:
            brief = index.at_path.get(path)
            if brief is not None:
                found.update(member.path for member in index.translations_of(brief))
    return found


def _same(a: Brief | None, b: Brief | None) -> bool:
    return a is b or a == b


def site_change(old: SiteState, new: SiteState, briefs: set[str], pages: Iterable[str] = ()) -> SiteChange:
    """What changed from ``old`` to ``new``, when the briefs at ``briefs`` changed and nothing else did but
    the authored bodies of ``pages`` (actor and country profiles, the home page: their plan entries say so)."""
    render = []
    views: dict[str, dict[str, object]] = {}
    briefs = with_translations(old.index, new.index, briefs)
    listed = {path for path in briefs if _entry_changed(old, new, path)}  # their entries in listings changed
    candidates, reranked = _candidates(old, new, briefs, listed)
    candidates |= set(pages)
    archive = _archive_changes(old, new, listed)
    for src_uri, spec in new.pages.items():
        before = old.pages.get(src_uri)
        if before is None or before != spec:
            render.append(spec)
        elif spec.kind is PageKind.ARCHIVE:
            if archive(spec.year):
                render.append(spec)
        elif src_uri in candidates:
            if _count_changed(old, new, spec):  # it lists another number of briefs: no need to compare
                render.append(spec)
            elif old.views.for_page(before) != (view := new.views.for_page(spec)):
                render.append(spec)
                views[src_uri] = view
        elif src_uri in reranked and spec.brief is not None and _related(old, spec.brief) != _related(new, spec.brief):
            render.append(spec)
    removed = [spec for src_uri, spec in old.pages.items() if src_uri not in new.pages]
    old_data, new_data = set(data_file_paths(old.index)), set(data_file_paths(new.index))
    rewrite = _data_files(old, new, briefs) | _redirect_files(old, new, briefs)
    return SiteChange(render, removed, frozenset(rewrite & new_data | (new_data - old_data)),
                      frozenset(old_data - new_data), frozenset(briefs), views)  # fmt: skip


_MEMBERS = {PageKind.ACTOR: "by_actor", PageKind.COUNTRY: "by_country", PageKind.TOPIC: "by_topic"}


def _count_changed(old: SiteState, new: SiteState, spec: PageSpec) -> bool:
    """Whether an actor's, country's or topic's page lists another number of briefs than before."""
    lists = _MEMBERS.get(spec.kind)
    if lists is None:
        return False
    before, after = getattr(old.index, lists), getattr(new.index, lists)
    return len(before.get(spec.key, ())) != len(after.get(spec.key, ()))


def _related(state: SiteState, brief: Brief) -> list[object]:
    """What a brief's page prints of its related briefs."""
    return [state.views.brief_ref(b) for b in state.index.related(brief, state.views.related_count)]


def _candidates(old: SiteState, new: SiteState, changed: set[str], listed: set[str]) -> tuple[set[str], set[str]]:
    """Source paths of the pages that may print something the changed briefs touched (see the module's doc),
    and of the briefs whose related list alone may have changed (their whole view need not be compared);
    ``listed``: the changed briefs whose entry in listings changed.

    Other pages print a brief only as a listing entry (its ref: title, date, summary, names), listed in full
    and in the sections of the roles it gives: a brief whose entry is unchanged (only its body, topics, sources,
    roles or dates of update changed) touches only its own page, which its plan entry renders again, the pages
    of the topics it gained or lost, and the pages of the names whose role it changed."""
    named: set[tuple[PageKind, str]] = set()
    reranked = related_affected(old.index, new.index, listed) if listed else set()
    paths = set(listed)
    topical = listed | {path for path in changed - listed if _topics_changed(old, new, path)}
    for state in (old, new):
        index = state.index
        actors = index.corpus.actors
        for brief in _versions(index, listed):
            paths.update(b.path for b in index.neighbours(brief) if b is not None)
            named.update((PageKind.ACTOR, a) for a in brief.actors)
            named.update((PageKind.COUNTRY, c) for c in brief.countries)
            named.update(_pair_pages(brief))
            named.update((PageKind.COUNTRY, country) for a in brief.actors if (country := actors[a].country))
        for brief in _versions(index, topical):
            named.update((PageKind.TOPIC, t.slug) for t in brief.topics)
    for path in changed - listed:  # a listed brief's names are all candidates already
        named.update(_roles_changed(old, new, path))
    for slug in old.index.topics.keys() & new.index.topics.keys():
        if old.index.topics[slug] != new.index.topics[slug]:  # relabelled: every brief of it shows the label
            paths.update(b.path for b in new.index.by_topic.get(slug, []))
    # Pages that print site-wide facts (counts, the latest briefs): compared when an entry or a topic changed.
    always = {PageKind.HOME, PageKind.LISTING} if listed or any(kind is PageKind.TOPIC for kind, _ in named) else set()
    always.add(PageKind.SEARCH)  # its facets are the roles briefs give; one page, whose view is cheap to compare
    # A translation's page shows its set's listed member's neighbours and related briefs: where that member's
    # page is a candidate, so are its set's. And a changed set's members: their switchers.
    candidates = _with_members(new.index, paths) | changed
    reranked = _with_members(new.index, reranked)
    for spec in new.pages.values():
        kind = spec.kind
        if (kind, spec.key) in named or kind in always:
            candidates.add(spec.src_uri)
    return candidates, reranked - candidates


def _with_members(index: SiteIndex, paths: set[str]) -> set[str]:
    """``paths`` and the other members of their sets of translations."""
    found = set(paths)
    for path in paths:
        brief = index.at_path.get(path)
        if brief is not None:
            found.update(member.path for member in index.translations_of(brief))
    return found


def _topics_changed(old: SiteState, new: SiteState, path: str) -> bool:
    before, after = _both(old, new, path)
    return before is None or after is None or before.topics != after.topics


def _roles_changed(old: SiteState, new: SiteState, path: str) -> set[tuple[PageKind, str]]:
    """The pages of the actors and countries that a brief, in both versions, gives a role in one version and
    not the same in the other."""
    before, after = _both(old, new, path)
    if before is None or after is None:
        return set()  # it came or went: its entry changed, so every name it lists is a candidate
    actors = set(before.actor_roles) ^ set(after.actor_roles)
    countries = set(before.country_roles) ^ set(after.country_roles)
    pairs = _pair_pages(before) | _pair_pages(after) if countries else set()
    return {(PageKind.ACTOR, slug) for slug, _ in actors} | {(PageKind.COUNTRY, code) for code, _ in countries} | pairs


def _pair_pages(brief: Brief) -> set[tuple[PageKind, str]]:
    """The pages of the pairs of countries a brief names (those that have a page, and any that may get one)."""
    return {(PageKind.PAIR, pair_key(pair)) for pair in pairs_of(brief.countries)}


def _entry_changed(old: SiteState, new: SiteState, path: str) -> bool:
    """Whether a brief's entry in listings changed (or it came or went)."""
    before, after = _both(old, new, path)
    return before is None or after is None or old.views.brief_ref(before) != new.views.brief_ref(after)


def _archive_changes(old: SiteState, new: SiteState, listed: set[str]) -> Callable[[int | None], bool]:
    """Whether the archive page of a year (None: of every year) changed. Each lists the years; a year's page
    the refs of its briefs, the page of every year each month's count. Building the view of a year's
    page to compare costs as much as the briefs it lists, so the rule is applied directly."""
    years: set[int] = set()  # the years of the changed briefs whose entry in a listing changed
    for path in listed:
        years.update(b.date.year for b in _both(old, new, path) if b is not None)
    old_months, new_months = _month_counts(old.index), _month_counts(new.index)
    years_changed = {year for year, _ in old_months} != {year for year, _ in new_months}
    return lambda year: old_months != new_months if year is None else years_changed or year in years


def _month_counts(index: SiteIndex) -> Counter[tuple[int, int]]:
    return Counter((brief.date.year, brief.date.month) for brief in index.briefs)


def _both(old: SiteState, new: SiteState, path: str) -> tuple[Brief | None, Brief | None]:
    """The brief at ``path`` before and after (None where it is not)."""
    return _version(old.index, path), _version(new.index, path)


def _version(index: SiteIndex, path: str) -> Brief | None:
    number = index.position.get(path)
    return index.briefs[number] if number is not None else None


def _versions(index: SiteIndex, paths: set[str]) -> list[Brief]:
    return [index.briefs[number] for path in paths if (number := index.position.get(path)) is not None]


def _members(index: SiteIndex, paths: set[str]) -> list[Brief]:
    """The briefs at ``paths``, listed or not (`_versions`: those listings show)."""
    return [brief for path in paths if (brief := index.at_path.get(path)) is not None]


def _data_files(old: SiteState, new: SiteState, changed: set[str]) -> set[str]:
    """The data files that may list a changed brief: briefs.json and briefs.csv, the site's feed, and the
    feeds of every name and pair the changed briefs named before or name now; none if only bodies changed (data
    files hold no body). Every translation has its record, listed or not."""
    before, after = _members(old.index, changed), _members(new.index, changed)
    if sorted(map(_exported, before)) == sorted(map(_exported, after)):
        return set()
    files = {urls.BRIEFS_JSON, urls.BRIEFS_CSV, urls.feed_url(urls.HOME)}
    for brief in before + after:
        files.update(urls.feed_url(urls.actor_url(a)) for a in brief.actors)
        files.update(urls.feed_url(urls.country_url(c)) for c in brief.countries)
        files.update(urls.feed_url(urls.topic_url(t.slug)) for t in brief.topics)
        files.update(urls.feed_url(urls.pair_url(*pair)) for pair in pairs_of(brief.countries))
    return files


def _redirect_files(old: SiteState, new: SiteState, changed: set[str]) -> set[str]:
    """The redirect files whose target, title or status changed (the changed briefs' old addresses, their
    permanent links, moved or renamed), and ``_redirects`` if any did or any came or went."""
    if not changed:
        return set()
    before = redirect_inputs(_members(old.index, changed))
    after = redirect_inputs(_members(new.index, changed))
    files = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return files | {urls.REDIRECTS} if files else files


def _exported(brief: Brief) -> tuple[str, bool, str, tuple[str, ...], dt.date]:
    """What the data files say of a brief: its record, the labels its feed entries give its topics (the
    record has their slugs only, and "Cyber" for "cyber" changes no slug), and their date of last change (a
    commit can change it, see `history`, and the record has `updated` only)."""
    return (brief.path, brief.is_draft, repr(brief_record(brief)), tuple(topic.label for topic in brief.topics),
            brief.last_modified)  # fmt: skip
