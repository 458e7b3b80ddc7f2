"""Load a whole briefs folder: discover files, parse them, resolve names, report everything."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from ..base.config import HOME_PAGE, CoreConfig
from ..base.diagnostics import Diagnostic, DiagnosticSink, sort_diagnostics
from ..base.model import Brief, Corpus, Country, Located
from ..base.text import MAX_SUGGESTIONS
from ..reading.body_rules import refuse_raw_html
from ..reading.parse import (
    ParsedBrief,
    ParsedProfile,
    content_hash,
    parse_actor,
    parse_brief,
    parse_page,
    parse_profile,
)
from .countries import CountryResolver
from .mentions import MentionFinder
from .registry import ActorRegistry, report_unknown_country
from .sources import SourceFiles, discover, read_files


@dataclass(frozen=True)
class Listing:
    """A brief's body and the actors and countries its front matter lists, as resolved."""

    path: str
    body: str
    body_line: int
    actors: frozenset[str]
    countries: frozenset[str]


@dataclass
class LoadResult:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    files: SourceFiles
    registry: ActorRegistry
    resolver: CountryResolver
    mentions: MentionFinder  # every actor and country name of the site
    home: ParsedProfile | None = None  # the home page, index.md, if there is one
    # Every brief read, published or not and with errors or not, with the names it lists: what
    # `mention_diagnostics` checks, whenever the caller asks for it.
    listings: list[Listing] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    @property
    def files_checked(self) -> int:
        return len(self.files.markdown)


@dataclass
class ParseCache:
    """Parsed briefs by path and content hash, so an unchanged file is never parsed twice (e.g. in `mkdocs serve`).

    Each load keeps only the entries it used: the cache holds the current version of the current files,
    not every version of every file a long `mkdocs serve` session has seen.
    """

    briefs: dict[tuple[str, str], ParsedBrief] = field(default_factory=dict)

    def parse_briefs(self, files: Iterable[tuple[str, bytes]]) -> list[ParsedBrief]:
        """Each file parsed, or taken from the cache; afterwards the cache holds these files and no others."""
        kept: dict[tuple[str, str], ParsedBrief] = {}
        parsed: list[ParsedBrief] = []
        for path, data in files:
            key = (path, content_hash(data))
            entry = kept.get(key) or self.briefs.get(key)
            if entry is None:
                entry = parse_brief(path, data)
            kept[key] = entry
            parsed.append(entry)
        self.briefs = kept  # only now: a load that fails half-way leaves the cache as it was
        return parsed


def load(
    root: Path,
    config: CoreConfig | None = None,
    *,
    excluded: Iterable[str] = (),
    cache: ParseCache | None = None,
) -> LoadResult:
    config = config or CoreConfig()
    cache = cache or ParseCache()
    files = discover(root, config, excluded)
    diagnostics: list[Diagnostic] = list(files.diagnostics)
    resolver = CountryResolver(config.country_aliases)
    registry, actor_diagnostics = ActorRegistry.build(
        (parse_actor(path, data) for path, data in read_files(root, files.actors, diagnostics)), resolver
    )
    diagnostics.extend(actor_diagnostics)
    profiles: dict[str, ParsedProfile] = {}
    for path, data in read_files(root, files.countries, diagnostics):
        profile = parse_profile(path, data)
        diagnostics.extend(profile.diagnostics)
        code = _profile_code(path, resolver)
        if code is None:
            diagnostics.append(_bad_profile_name(path, resolver))
        else:
            profiles[code] = profile

    pages: list[ParsedProfile] = []  # the home page (its title and summary are checked) and ordinary pages
    for path, data in read_files(root, files.pages, diagnostics):
        page = parse_profile(path, data) if path == HOME_PAGE else parse_page(path, data)
        diagnostics.extend(page.diagnostics)
        pages.append(page)

    mentions = _mention_finder(registry, resolver)
    parsed = cache.parse_briefs(read_files(root, files.briefs, diagnostics))
    briefs, listings, brief_diagnostics = resolve_briefs(parsed, registry, resolver)
    diagnostics.extend(brief_diagnostics)
    if config.raw_html == "refuse":
        bodies = [(b.path, b.body, b.body_line) for b in parsed]
        bodies += [(a.path, a.body, a.body_line) for a in registry.actors.values()]
        bodies += [(p.path, p.body, p.body_line) for p in [*profiles.values(), *pages]]
        diagnostics.extend(_refuse_raw_html(bodies))

    named = {code for brief in briefs for code in brief.countries} | set(profiles)
    named |= {a.country for a in registry.actors.values() if a.country}
    countries = {code: _with_profile(resolver.countries[code], profiles.get(code)) for code in sorted(named)}
    corpus = Corpus(str(root), tuple(briefs), dict(sorted(registry.actors.items())), countries)
    home = next((page for page in pages if page.path == HOME_PAGE), None)
    result = LoadResult(corpus, [], files, registry, resolver, mentions, home, listings)
    if config.check_mentions:  # else the caller checks them later, with the same `mention_diagnostics`
        diagnostics.extend(mention_diagnostics(result))
    result.diagnostics = sort_diagnostics(diagnostics)
    return result


def _refuse_raw_html(bodies: Iterable[tuple[str, str, int]]) -> list[Diagnostic]:
    """(path, body, first line) of every body that reaches a page: with raw_html: refuse, none may hold raw HTML."""
    sink = DiagnosticSink("")
    for path, body, body_line in bodies:
        sink.file = path
        refuse_raw_html(body, body_line, sink)
    return sink.items


def _profile_code(path: str, resolver: CountryResolver) -> str | None:
    """The country a profile is for: it must be countries/<alpha-2 in lower case>.md, as its page URL is."""
    stem = PurePosixPath(path).stem
    in_subfolder = path.count("/") > 1
    if in_subfolder or len(stem) != 2 or not stem.islower() or resolver.get(stem) is None:
        return None
    return stem.upper()


def _bad_profile_name(path: str, resolver: CountryResolver) -> Diagnostic:
    stem = PurePosixPath(path).stem
    code = resolver.resolve(stem)
    if path.count("/") > 1:
        message = f"'{path}' is in a subfolder: country profiles sit directly in countries/"
    elif code is not None:
        message = f"'{path}' is not named by the country's lower-case ISO 3166-1 alpha-2 code"
    else:
        message = f"'{path}' does not name a country: profiles are named by ISO 3166-1 alpha-2 code"
    verb = "move" if path.count("/") > 1 else "rename"
    hint = f"{verb} it to countries/{code.lower()}.md" if code else "name the file like countries/de.md"
    sink = DiagnosticSink(path)
    sink.error(1, 1, "unknown-country-profile", message, hint)
    return sink.items[0]


def _with_profile(country: Country, profile: ParsedProfile | None) -> Country:
    if profile is None:
        return country
    return replace(country, profile_path=profile.path, profile_body=profile.body, profile_body_line=profile.body_line)


def _mention_finder(registry: ActorRegistry, resolver: CountryResolver) -> MentionFinder:
    names: list[tuple[str, str]] = []
    for slug in registry.actors:
        names.extend((f"actor:{slug}", name) for name in registry.names_in_prose(slug))
    for code in resolver.countries:
        names.extend((f"country:{code}", name) for name in resolver.names_in_prose(code))
    return MentionFinder(names)


def resolve_briefs(
    parsed: list[ParsedBrief],
    registry: ActorRegistry,
    resolver: CountryResolver,
) -> tuple[list[Brief], list[Listing], list[Diagnostic]]:
    """Resolve every brief's names against the registries and check site-wide uniqueness."""
    briefs: list[Brief] = []
    listings: list[Listing] = []
    diagnostics: list[Diagnostic] = []
    slug_owner: dict[str, str] = {}
    for entry in parsed:
        diagnostics.extend(entry.diagnostics)
        sink = DiagnosticSink(entry.path)
        owner = slug_owner.setdefault(entry.slug.value, entry.path)
        if owner != entry.path:
            sink.error(
                entry.slug.line,
                entry.slug.column,
                "duplicate-slug",
                f"slug '{entry.slug.value}' is already used by {owner}",
                "rename the file, or set a different 'slug:' in its front matter",
            )
        actors = _resolve_actors(entry, registry, sink)
        countries = _resolve_countries(entry, resolver, sink)
        if entry.status != "draft":
            for name in ("actors", "countries"):
                if name in entry.positions and not _has_entries(entry, name):
                    sink.error(
                        *entry.positions[name],
                        "empty-value",
                        f"'{name}' needs at least one entry",
                        "only drafts may leave it empty",
                    )
        listings.append(Listing(entry.path, entry.body, entry.body_line, frozenset(actors), frozenset(countries)))
        diagnostics.extend(sink.items)
        if entry.title and entry.date and entry.summary and not sink.has_errors and not _has_error(entry):
            briefs.append(
                Brief(
                    path=entry.path,
                    slug=entry.slug.value,
                    title=entry.title,
                    date=entry.date,
                    summary=entry.summary,
                    actors=tuple(actors),
                    countries=tuple(countries),
                    topics=entry.topics,
                    sources=entry.sources,
                    status=entry.status,
                    updated=entry.updated,
                    confidence=entry.confidence,
                    body=entry.body,
                    body_line=entry.body_line,
                )
            )
    briefs.sort(key=lambda b: (b.date, b.path))
    return briefs, listings, diagnostics


def _has_error(entry: ParsedBrief) -> bool:
    return any(d.is_error for d in entry.diagnostics)


def _has_entries(entry: ParsedBrief, name: str) -> bool:
    return bool(entry.actors if name == "actors" else entry.countries)


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


def mention_diagnostics(result: LoadResult) -> list[Diagnostic]:
    """The unlisted-actor and unlisted-country warnings of every brief read: the one mention check, which
    `load` runs when check_mentions is on, and a caller that turned it off runs later (e.g. beside rendering)."""
    diagnostics: list[Diagnostic] = []
    for listing in result.listings:
        sink = DiagnosticSink(listing.path)
        _check_mentions(listing, result.registry, result.resolver, result.mentions, sink)
        diagnostics.extend(sink.items)
    return sort_diagnostics(diagnostics)


def _check_mentions(
    listing: Listing, registry: ActorRegistry, resolver: CountryResolver, finder: MentionFinder, sink: DiagnosticSink
) -> None:
    actors, countries = listing.actors, listing.countries
    reported: set[str] = set()
    for mention in finder.find(listing.body, listing.body_line):
        if mention.target in reported:
            continue
        kind, key = mention.target.split(":", 1)
        if kind == "actor" and key not in actors:
            name = registry.actors[key].name
            sink.warning(
                mention.line,
                mention.column,
                "unlisted-actor",
                f"the body names {name} (as '{mention.written}'), but 'actors' does not list them",
                f"add '{name}' to actors, so the brief appears on their page",
            )
        elif kind == "country" and key not in countries:
            name = resolver.countries[key].name
            sink.warning(
                mention.line,
                mention.column,
                "unlisted-country",
                f"the body names {name} (as '{mention.written}'), but 'countries' does not list it",
                f"add {key} to countries, so the brief appears on its page",
            )
        else:
            continue
        reported.add(mention.target)
