"""Briefs' names resolved: one brief at a time against the registries, then the one check across briefs.

`resolve_brief` looks at one parsed brief, the registries and the role vocabulary only, so its result can be
kept by the brief's content and their fingerprints and reused while none changes (see `cache`).
`resolve_briefs` adds what needs every brief, duplicate slugs, in one pass over the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.languages import DEFAULT as DEFAULT_LANGUAGE
from ..base.model import Brief, Listed, Located
from ..base.roles import DEFAULT_ROLES, Role, RoleVocabulary
from ..base.text import MAX_SUGGESTIONS, did_you_mean
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
    actor_roles: tuple[tuple[str, str], ...]  # (slug, role key) of those given a known role, in the author's order
    country_roles: tuple[tuple[str, str], ...]
    listing: Listing
    brief: Brief | None  # None: a field is missing, or the brief has errors
    order: str  # where the brief goes among the others: its date, then its path, as one string
    lang: str  # canonical tag: its `lang:`, or the site's


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
    entry: ParsedBrief,
    registry: ActorRegistry,
    resolver: CountryResolver,
    earlier: ResolvedBrief | None = None,
    roles: RoleVocabulary = DEFAULT_ROLES,
    site_lang: str = DEFAULT_LANGUAGE,
) -> ResolvedBrief:
    """Resolve one brief's actors and countries, and the roles it gives them (against ``roles``); its Brief when
    it is complete and has no error.

    ``earlier``, the same brief resolved against other registries, is returned when the result is the same:
    an alias added resolves every brief again, and most keep their objects (and whatever was built from them).
    """
    sink = DiagnosticSink(entry.path)
    actors, actor_roles = _resolve_actors(entry, registry, roles.of("actor"), sink)
    countries, country_roles = _resolve_countries(entry, resolver, roles.of("country"), sink)
    if entry.status != "draft":
        for name in ("actors", "countries"):
            if name in entry.positions and not (entry.actors if name == "actors" else entry.countries):
                sink.error(*entry.positions[name], "empty-value", f"'{name}' needs at least one entry",
                           "only drafts may leave it empty")  # fmt: skip
    own = tuple(sink.items)
    lang = entry.lang.value if entry.lang is not None else site_lang
    if earlier is not None and (earlier.entry, earlier.actors, earlier.countries, earlier.actor_roles,
                                earlier.country_roles, earlier.diagnostics, earlier.lang) == (
        entry, actors, countries, actor_roles, country_roles, own, lang
    ):  # fmt: skip
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
            actor_roles=actor_roles,
            country_roles=country_roles,
            redirect_from=entry.redirect_from,
            lang=lang,
            translation_of=entry.translation_of.value if entry.translation_of is not None else "",
        )
    order = f"{entry.date.isoformat() if entry.date else ''}\0{entry.path}"  # ISO dates sort as dates; no path holds \0
    return ResolvedBrief(entry, entry.path, entry.slug.value, own, entry.diagnostics + own, actors, countries,
                         actor_roles, country_roles, listing, brief, order, lang)  # fmt: skip


def resolve_briefs(resolved: list[ResolvedBrief]) -> tuple[list[Brief], list[Listing], list[Diagnostic]]:
    """The briefs (by date, then path), every listing and every diagnostic, once slugs and translations are
    checked across briefs (`translation_diagnostics`).

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
    diagnostics += translation_diagnostics(resolved, owners)
    return list(map(_brief, published)), listings, diagnostics


_slug = attrgetter("slug")
_path = attrgetter("path")
_listing = attrgetter("listing")
_brief = attrgetter("brief")
_reported = attrgetter("reported")
_order = attrgetter("order")


def translation_diagnostics(resolved: list[ResolvedBrief], owners: Mapping[str, str]) -> list[Diagnostic]:
    """The checks of `translation_of`, which need every brief: it names a brief (by slug, ``owners``: slug ->
    path), an original and not a translation; one language per set (the original's included), reported at each
    brief sharing it; a translation lists the original's actors and countries (a warning: a translator may
    drop a name on purpose, but a listing would then show the set on a page where one member never names it).

    Linear: one pass to group the sets, one over their members."""
    by_path = {result.path: result for result in resolved}
    sets: dict[str, list[ResolvedBrief]] = {}  # the original's path -> its translations
    diagnostics: list[Diagnostic] = []
    unknown = 0
    for result in resolved:
        named = result.entry.translation_of
        if named is None:
            continue
        sink = DiagnosticSink(result.path)
        owner = owners.get(named.value)
        original = by_path[owner] if owner is not None else None
        if original is None:
            unknown += 1
            suggestion = did_you_mean(named.value, owners) if unknown <= MAX_SUGGESTIONS else None
            maybe = f"did you mean '{suggestion}'? " if suggestion else ""
            sink.error(named.line, named.column, "unknown-translation",
                       f"'translation_of' '{named.value}' names no brief",
                       f"{maybe}give the slug of the original brief (its file name, or its 'slug:')")  # fmt: skip
        elif original.path == result.path:
            sink.error(named.line, named.column, "translation-of-translation",
                       "'translation_of' names this brief itself", "remove it: an original names no brief")  # fmt: skip
        elif original.entry.translation_of is not None:
            root = original.entry.translation_of.value
            sink.error(named.line, named.column, "translation-of-translation",
                       f"'translation_of' names {original.path}, which is itself a translation (of '{root}')",
                       f"name the original instead: translation_of: {root}")  # fmt: skip
        else:
            sets.setdefault(original.path, []).append(result)
        diagnostics += sink.items
    for original_path, translations in sets.items():
        original = by_path[original_path]
        diagnostics += _languages_taken([original, *translations])
        diagnostics += [d for t in translations for d in _differs(t, original)]
    return diagnostics


def _languages_taken(members: list[ResolvedBrief]) -> list[Diagnostic]:
    by_lang: dict[str, list[ResolvedBrief]] = {}
    for member in members:
        by_lang.setdefault(member.lang, []).append(member)
    diagnostics: list[Diagnostic] = []
    for lang, sharing in by_lang.items():
        if len(sharing) < 2:
            continue
        for member in sharing:
            others = " and ".join(o.path for o in sharing if o is not member)
            written = member.entry.lang
            line, column = (written.line, written.column) if written is not None else _at_translation_of(member)
            sink = DiagnosticSink(member.path)
            how = "" if written is not None else " (the site's, as it names none)"
            sink.error(line, column, "translation-language-taken",
                       f"this brief is in '{lang}'{how}, as is {others}, of the same set of translations",
                       "one brief per language: give this one its own 'lang:', or remove one of them")  # fmt: skip
            diagnostics += sink.items
    return diagnostics


def _at_translation_of(member: ResolvedBrief) -> tuple[int, int]:
    written = member.entry.translation_of
    return (written.line, written.column) if written is not None else member.entry.positions.get("title", (1, 1))


def _differs(translation: ResolvedBrief, original: ResolvedBrief) -> list[Diagnostic]:
    sink = DiagnosticSink(translation.path)
    for field, mine, theirs in (("actors", translation.actors, original.actors),
                                ("countries", translation.countries, original.countries)):  # fmt: skip
        if set(mine) != set(theirs):
            missing, extra = sorted(set(theirs) - set(mine)), sorted(set(mine) - set(theirs))
            said = "; ".join(part for part in (f"it lacks {', '.join(missing)}" if missing else "",
                                               f"it adds {', '.join(extra)}" if extra else "") if part)  # fmt: skip
            line, column = translation.entry.positions.get(field, (1, 1))
            sink.warning(line, column, "translation-differs",
                         f"'{field}' differs from the original's ({original.path}): {said}",
                         f"list the same {field} as the original: a set of translations is listed as one brief")  # fmt: skip
    return sink.items


def _duplicate_slug(entry: ParsedBrief, owner: str) -> Diagnostic:
    sink = DiagnosticSink(entry.path)
    sink.error(entry.slug.line, entry.slug.column, "duplicate-slug", f"slug '{entry.slug.value}' is already used by {owner}",
               "rename the file, or set a different 'slug:' in its front matter")  # fmt: skip
    return sink.items[0]


class _Kind(NamedTuple):
    """What a brief lists: actors or countries, and the roles the site gives them."""

    noun: str
    field: str  # the front matter's
    roles: Mapping[str, Role]


Resolved = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]  # the keys listed, and (key, role) of those given one


def _resolve_actors(
    entry: ParsedBrief, registry: ActorRegistry, roles: Mapping[str, Role], sink: DiagnosticSink
) -> Resolved:
    def unknown(written: Located, suggest: bool) -> None:
        suggestion = registry.suggest(written.value) if suggest else None
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        hint += f'to register a new actor, run: python -m generator new actor "{written.value}"'
        sink.error(written.line, written.column, "unknown-actor", f"'{written.value}' is not a registered actor", hint)

    return _resolve_listed(entry.actors, registry.resolve, lambda slug: registry.actors[slug].name, unknown,
                           _Kind("actor", "actors", roles), sink)  # fmt: skip


def _resolve_countries(
    entry: ParsedBrief, resolver: CountryResolver, roles: Mapping[str, Role], sink: DiagnosticSink
) -> Resolved:
    def unknown(written: Located, suggest: bool) -> None:
        report_unknown_country(sink, written, resolver, suggest=suggest)

    return _resolve_listed(entry.countries, resolver.resolve, lambda code: resolver.countries[code].name, unknown,
                           _Kind("country", "countries", roles), sink)  # fmt: skip


def _resolve_listed(
    listed: Iterable[Listed],
    resolve: Callable[[str], str | None],
    name_of: Callable[[str], str],
    report_unknown: Callable[[Located, bool], None],
    kind: _Kind,
    sink: DiagnosticSink,
) -> Resolved:
    """The keys of what a brief lists, in order, each once, and the roles given them; an unknown entry is reported
    (with a did-you-mean for the first few only: each costs a comparison with every known name), and so is an
    unknown role, whether or not its name is known.

    A name listed twice is a warning, as a repetition changes nothing; given a role twice, an error, as the brief
    would say two things of it. Listed twice with one role, it has that role."""
    resolved: dict[str, None] = {}
    roles: dict[str, tuple[str, Located]] = {}  # key -> its role's key, and the entry that gave it
    unknown = 0
    for entry in listed:
        role = _known_role(entry.role, kind, sink) if entry.role is not None else None
        written = entry.name
        key = resolve(written.value)
        if key is None:
            unknown += 1
            report_unknown(written, unknown <= MAX_SUGGESTIONS)
            continue
        given = roles.get(key)
        if given is not None and entry.role is not None:
            sink.error(written.line, written.column, "duplicate-role",
                       f"'{written.value}' repeats {name_of(key)}, already given the role '{given[0]}' "
                       f"(line {given[1].line}, column {given[1].column})",
                       f"give each {kind.noun} one role, and list it once")  # fmt: skip
            continue
        if key in resolved:
            sink.warning(written.line, written.column, "duplicate-entry",
                         f"'{written.value}' repeats {name_of(key)}, already listed", f"list each {kind.noun} once")  # fmt: skip
        else:
            resolved[key] = None
        if role is not None:
            roles[key] = (role, written)
    return tuple(resolved), tuple((key, roles[key][0]) for key in resolved if key in roles)


def _known_role(written: Located, kind: _Kind, sink: DiagnosticSink) -> str | None:
    """The role's key if the site knows it (written in any case); else it is reported, with a did-you-mean
    whatever the number of unknown roles: a vocabulary is a handful of words, cheap to compare with."""
    key = written.value.casefold()
    if key in kind.roles:
        return key
    suggestion = did_you_mean(written.value, kind.roles)
    hint = f"did you mean '{suggestion}'? " if suggestion else ""
    known = (
        f"the roles of {kind.field} are: {', '.join(kind.roles)}"
        if kind.roles
        else f"this site gives {kind.field} no roles"
    )
    sink.error(written.line, written.column, "unknown-role", f"'{written.value}' is not a role of {kind.field}",
               f"{hint}{known} (plugin option 'roles' in mkdocs.yml)")  # fmt: skip
    return None
