"""Briefs' names resolved: one brief at a time against the registries, then the one check across briefs.

`resolve_brief` looks at one parsed brief and the registries only, so its result can be kept by the
brief's content and the registries' `fingerprint` and reused while neither changes (see `cache`).
`resolve_briefs` adds what needs every brief, duplicate slugs, in one pass over the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.model import Brief, Located
from ..base.text import MAX_SUGGESTIONS
from ..reading.parse import ParsedActor, ParsedBrief
from .countries import CountryResolver
from .registry import ActorRegistry, report_unknown_country


@dataclass(frozen=True)
class Listing:
    """A brief's body and the actors and countries its front matter lists, as resolved."""

    path: str
    body: str
    body_line: int
    actors: frozenset[str]
    countries: frozenset[str]


@dataclass(frozen=True, slots=True)  # slots: `resolve_briefs` reads 10,000 of these on each rebuild
class ResolvedBrief:
    """One brief with its names resolved: what it alone decides, before duplicate slugs are looked for."""

    entry: ParsedBrief
    path: str
    slug: str
    diagnostics: tuple[Diagnostic, ...]  # of resolving (the parse's are the entry's)
    reported: tuple[Diagnostic, ...]  # the parse's diagnostics, then resolving's
    actors: tuple[str, ...]  # as resolved, in the author's order
    countries: tuple[str, ...]
    listing: Listing
    brief: Brief | None  # None: a field is missing, or the brief has errors
    order: str  # where the brief goes among the others: its date, then its path, as one string


def names_fingerprint(registry: ActorRegistry, resolver: CountryResolver) -> str:
    """What `resolve_brief` reads of the registries, as one digest: equal digests, equal results."""
    return f"{registry.fingerprint()}:{resolver.fingerprint()}"


class Registries(NamedTuple):
    """What briefs are resolved against: the actors and the countries, and their `names_fingerprint`."""

    actors: ActorRegistry
    countries: CountryResolver
    diagnostics: tuple[Diagnostic, ...]  # of registering the actors
    fingerprint: str


def build_registries(actors: Iterable[ParsedActor], country_aliases: Mapping[str, str]) -> Registries:
    """The actor registry of these actor files and the country resolver of these site aliases."""
    resolver = CountryResolver(country_aliases)
    registry, diagnostics = ActorRegistry.build(actors, resolver)
    return Registries(registry, resolver, tuple(diagnostics), names_fingerprint(registry, resolver))


def resolve_brief(
    entry: ParsedBrief, registry: ActorRegistry, resolver: CountryResolver, earlier: ResolvedBrief | None = None
) -> ResolvedBrief:
    """Resolve one brief's actors and countries; its Brief when it is complete and has no error.

    ``earlier``, the same brief resolved against other registries, is returned when the result is the same:
    an alias added resolves every brief again, and most keep their objects (and whatever was built from them).
    """
    sink = DiagnosticSink(entry.path)
    actors = tuple(_resolve_actors(entry, registry, sink))
    countries = tuple(_resolve_countries(entry, resolver, sink))
    if entry.status != "draft":
        for name in ("actors", "countries"):
            if name in entry.positions and not (entry.actors if name == "actors" else entry.countries):
                sink.error(*entry.positions[name], "empty-value", f"'{name}' needs at least one entry",
                           "only drafts may leave it empty")  # fmt: skip
    own = tuple(sink.items)
    if earlier is not None and (earlier.entry, earlier.actors, earlier.countries, earlier.diagnostics) == (
        entry,
        actors,
        countries,
        own,
    ):
        return earlier
    listing = Listing(entry.path, entry.body, entry.body_line, frozenset(actors), frozenset(countries))
    brief = None
    has_errors = sink.has_errors or any(d.is_error for d in entry.diagnostics)
    if entry.title and entry.date and entry.summary and not has_errors:
        brief = Brief(
            path=entry.path,
            slug=entry.slug.value,
            title=entry.title,
            date=entry.date,
            summary=entry.summary,
            actors=actors,
            countries=countries,
            topics=entry.topics,
            sources=entry.sources,
            status=entry.status,
            updated=entry.updated,
            confidence=entry.confidence,
            body=entry.body,
            body_line=entry.body_line,
        )
    order = f"{entry.date.isoformat() if entry.date else ''}\0{entry.path}"  # ISO dates sort as dates; no path holds \0
    return ResolvedBrief(entry, entry.path, entry.slug.value, own, entry.diagnostics + own, actors, countries, listing,
                         brief, order)  # fmt: skip


def resolve_briefs(resolved: list[ResolvedBrief]) -> tuple[list[Brief], list[Listing], list[Diagnostic]]:
    """The briefs (by date, then path), every listing and every diagnostic, once slugs are checked across briefs.

    A brief whose slug an earlier one (in the order given) took is an error, and is left out. Each brief's
    diagnostics come in the order of `resolve_brief`'s: the parse's, a duplicate slug, then resolving's.
    """
    # The first path of each slug: the last assignment wins, so assign in reverse. Built-ins loop in C: at
    # 10,000 briefs this runs on every rebuild of `mkdocs serve`.
    owners = dict(zip(map(_slug, reversed(resolved)), map(_path, reversed(resolved)), strict=True))
    listings = list(map(_listing, resolved))
    if len(owners) == len(resolved):  # no slug is taken twice
        diagnostics = list(chain.from_iterable(map(_reported, resolved)))
        published = list(filter(_brief, resolved))
    else:
        diagnostics, published = [], []
        for result in resolved:
            owner = owners[result.slug]
            diagnostics.extend(result.entry.diagnostics)
            if owner != result.path:
                diagnostics.append(_duplicate_slug(result.entry, owner))
            diagnostics.extend(result.diagnostics)
            if result.brief is not None and owner == result.path:
                published.append(result)
    published.sort(key=_order)  # by date, then path
    return list(map(_brief, published)), listings, diagnostics


_slug = attrgetter("slug")
_path = attrgetter("path")
_listing = attrgetter("listing")
_brief = attrgetter("brief")
_reported = attrgetter("reported")
_order = attrgetter("order")


def _duplicate_slug(entry: ParsedBrief, owner: str) -> Diagnostic:
    sink = DiagnosticSink(entry.path)
    sink.error(entry.slug.line, entry.slug.column, "duplicate-slug", f"slug '{entry.slug.value}' is already used by {owner}",
               "rename the file, or set a different 'slug:' in its front matter")  # fmt: skip
    return sink.items[0]


def _resolve_actors(entry: ParsedBrief, registry: ActorRegistry, sink: DiagnosticSink) -> list[str]:
    def unknown(written: Located, suggest: bool) -> None:
        suggestion = registry.suggest(written.value) if suggest else None
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        hint += f'to register a new actor, run: python -m generator new actor "{written.value}"'
        sink.error(written.line, written.column, "unknown-actor", f"'{written.value}' is not a registered actor", hint)

    return _resolve_listed(entry.actors, registry.resolve, lambda slug: registry.actors[slug].name, unknown, "actor",
                           sink)  # fmt: skip


def _resolve_countries(entry: ParsedBrief, resolver: CountryResolver, sink: DiagnosticSink) -> list[str]:
    def unknown(written: Located, suggest: bool) -> None:
        report_unknown_country(sink, written, resolver, suggest=suggest)

    return _resolve_listed(entry.countries, resolver.resolve, lambda code: resolver.countries[code].name, unknown,
                           "country", sink)  # fmt: skip


def _resolve_listed(
    listed: Iterable[Located],
    resolve: Callable[[str], str | None],
    name_of: Callable[[str], str],
    report_unknown: Callable[[Located, bool], None],
    noun: str,
    sink: DiagnosticSink,
) -> list[str]:
    """The keys of what a brief lists, in order, each once; an unknown entry is reported (with a
    did-you-mean for the first few only: each costs a comparison with every known name)."""
    resolved: dict[str, None] = {}
    unknown = 0
    for written in listed:
        key = resolve(written.value)
        if key is None:
            unknown += 1
            report_unknown(written, unknown <= MAX_SUGGESTIONS)
        elif key in resolved:
            sink.warning(written.line, written.column, "duplicate-entry",
                         f"'{written.value}' repeats {name_of(key)}, already listed", f"list each {noun} once")  # fmt: skip
        else:
            resolved[key] = None
    return list(resolved)
