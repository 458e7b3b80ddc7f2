"""Load a whole briefs folder: discover files, parse them, resolve names, report everything."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from pathlib import Path, PurePosixPath

from ..base.config import HOME_PAGE, CoreConfig
from ..base.diagnostics import Diagnostic, DiagnosticSink, sort_diagnostics
from ..base.model import Corpus, Country
from ..reading.body_rules import refuse_raw_html
from ..reading.parse import ParsedProfile, parse_actor, parse_brief, parse_page, parse_profile
from .cache import ParseCache
from .countries import CountryResolver
from .mentions import MentionFinder
from .registry import ActorRegistry
from .resolve import Listing, names_fingerprint, resolve_briefs
from .sources import SourceFiles, discover

__all__ = ["Listing", "LoadResult", "ParseCache", "listing_warnings", "load", "mention_diagnostics", "raw_html_errors"]


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
    cache: ParseCache | None = None  # the cache the load used: `mention_diagnostics` keeps its results there too

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    @property
    def files_checked(self) -> int:
        return len(self.files.markdown)


def load(
    root: Path,
    config: CoreConfig | None = None,
    *,
    excluded: Iterable[str] = (),
    cache: ParseCache | None = None,
) -> LoadResult:
    """Discover, read, parse and resolve every file under ``root``; every problem is a diagnostic.

    With a ``cache`` that earlier loads used, what did not change is taken from it (see `cache`): the
    result is the same as without one.
    """
    config = config or CoreConfig()
    cache = cache or ParseCache()
    excluded = tuple(excluded)
    files = discover(root, config, excluded, walk=cache.begin(root, config, excluded))
    diagnostics: list[Diagnostic] = list(files.diagnostics)
    actors = [read.parsed for read in cache.read(files.actors, parse_actor, diagnostics)]
    registry, resolver, actor_diagnostics, names = cache.registries(actors, config.country_aliases)
    diagnostics.extend(actor_diagnostics)
    profiles: dict[str, ParsedProfile] = {}
    for read in cache.read(files.countries, parse_profile, diagnostics):
        profile = read.parsed
        diagnostics.extend(profile.diagnostics)
        code = _profile_code(profile.path, resolver)
        if code is None:
            diagnostics.append(_bad_profile_name(profile.path, resolver))
        else:
            profiles[code] = profile

    pages: list[ParsedProfile] = []  # the home page (its title and summary are checked) and ordinary pages
    for read in cache.read(files.pages, _parse_page, diagnostics):
        page = read.parsed
        diagnostics.extend(page.diagnostics)
        pages.append(page)

    mentions = cache.finder(names, lambda: _mention_finder(registry, resolver))
    parsed = list(cache.read(files.briefs, parse_brief, diagnostics))
    briefs, listings, brief_diagnostics = resolve_briefs(
        cache.resolve(parsed, registry, resolver, names, config.roles, config.lang)
    )
    diagnostics.extend(brief_diagnostics)
    if config.raw_html == "refuse":
        bodies = [(b.parsed.path, b.parsed.body, b.parsed.body_line) for b in parsed]
        bodies += [(a.path, a.body, a.body_line) for a in registry.actors.values()]
        bodies += [(p.path, p.body, p.body_line) for p in [*profiles.values(), *pages]]
        diagnostics.extend(cache.refused(bodies, raw_html_errors))

    named = set(chain.from_iterable(map(attrgetter("countries"), briefs))) | set(profiles)
    named |= {a.country for a in registry.actors.values() if a.country}
    countries = {code: _with_profile(resolver.countries[code], profiles.get(code)) for code in sorted(named)}
    corpus = Corpus(str(root), tuple(briefs), dict(sorted(registry.actors.items())), countries, config.lang)
    home = next((page for page in pages if page.path == HOME_PAGE), None)
    result = LoadResult(corpus, [], files, registry, resolver, mentions, home, listings, cache)
    cache.commit()
    if config.check_mentions:  # else the caller checks them later, with the same `mention_diagnostics`
        diagnostics.extend(mention_diagnostics(result))
    result.diagnostics = sort_diagnostics(diagnostics)
    return result


def _parse_page(path: str, data: bytes) -> ParsedProfile:
    """The home page is read as a profile (its title and summary are checked), other pages only for their bodies."""
    return parse_profile(path, data) if path == HOME_PAGE else parse_page(path, data)


def raw_html_errors(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """With raw_html: refuse, no body that reaches a page may hold raw HTML."""
    sink = DiagnosticSink(path)
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


def mention_diagnostics(result: LoadResult) -> list[Diagnostic]:
    """The unlisted-actor and unlisted-country warnings of every brief read: the one mention check, which
    `load` runs when check_mentions is on, and a caller that turned it off runs later (e.g. beside rendering).
    A brief whose warnings the load's cache holds from an earlier check is not checked again."""

    def check(listing: Listing) -> list[Diagnostic]:
        return listing_warnings(listing, result)

    if result.cache is None:
        return sort_diagnostics(d for listing in result.listings for d in check(listing))
    # A listing's warnings read its body and names, the finder, and the registries' names (in messages).
    key = f"{result.mentions.fingerprint}:{names_fingerprint(result.registry, result.resolver)}"
    return sort_diagnostics(result.cache.mention_warnings(result.listings, key, check))


def listing_warnings(listing: Listing, result: LoadResult) -> list[Diagnostic]:
    """The unlisted-actor and unlisted-country warnings of one brief, against the names of ``result``'s site."""
    sink = DiagnosticSink(listing.path)
    _check_mentions(listing, result.registry, result.resolver, result.mentions, sink)
    return sink.items


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
