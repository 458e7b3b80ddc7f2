"""The actor registry: every actor by slug, name and alias."""

from __future__ import annotations

from collections.abc import Iterable

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.model import Actor, Located
from ..reading.parse import ParsedActor
from .countries import CountryResolver
from .names import NameResolver


class ActorRegistry(NameResolver):
    def __init__(self) -> None:
        super().__init__({})
        self.actors: dict[str, Actor] = {}

    @classmethod
    def build(
        cls, parsed: Iterable[ParsedActor], countries: CountryResolver, actors_dir: str = "actors"
    ) -> tuple[ActorRegistry, list[Diagnostic]]:
        """Register actors in path order; a slug, name or alias claimed twice is an error naming both files.

        Files directly in actors/ come before those in subfolders, so a stray copy in actors/old/ is the one
        reported, not the actor it copies.
        """
        registry = cls()
        actors = registry.actors
        slug_paths: dict[str, str] = {}
        diagnostics: list[Diagnostic] = []
        for entry in sorted(parsed, key=lambda a: (a.path.count("/"), a.path)):
            diagnostics.extend(entry.diagnostics)
            first = slug_paths.setdefault(entry.slug, entry.path)
            if first != entry.path:
                diagnostics.append(_duplicate_slug(entry, first))
                continue
            if entry.name is None:
                continue
            sink = DiagnosticSink(entry.path)
            country = None
            if entry.country is not None:
                country = countries.resolve(entry.country.value)
                if country is None:
                    report_unknown_country(sink, entry.country, countries)
            claims = [Located(entry.slug, 1, 1), entry.name, *entry.aliases]
            for claim in claims:
                owner = registry.claim(claim.value, entry.slug)
                if owner is not None:
                    other = actors[owner]
                    sink.error(
                        claim.line,
                        claim.column,
                        "duplicate-alias",
                        f"'{claim.value}' also names {other.name} in {other.path}",
                        "an alias must point at one actor; remove it from one of the two files",
                    )
            diagnostics.extend(sink.items)
            actors[entry.slug] = Actor(
                slug=entry.slug,
                path=entry.path,
                name=entry.name.value,
                aliases=tuple(a.value for a in entry.aliases),
                kind=entry.kind,
                country=country,
                role=entry.role,
                wikidata=entry.wikidata,
                body=entry.body,
                body_line=entry.body_line,
            )
        return registry, diagnostics

    def described(self) -> object:
        return [(a.slug, a.name, a.aliases) for a in self.actors.values()]

    def spellings(self) -> list[str]:
        """Every actor's name and aliases, as written in their files."""
        return [a.name for a in self.actors.values()] + [x for a in self.actors.values() for x in a.aliases]

    def names_in_prose(self, slug: str) -> list[str]:
        actor = self.actors[slug]
        return [actor.name, *actor.aliases]


def _duplicate_slug(entry: ParsedActor, first: str) -> Diagnostic:
    sink = DiagnosticSink(entry.path)
    sink.error(
        1,
        1,
        "duplicate-slug",
        f"actor slug '{entry.slug}' is already used by {first}: both files would be the page actors/{entry.slug}/",
        "an actor file is named by its slug, wherever it is under actors/; rename or remove one of the two",
    )
    return sink.items[0]


def report_unknown_country(
    sink: DiagnosticSink, written: Located, countries: CountryResolver, *, suggest: bool = True
) -> None:
    rejected = countries.rejected_alias(written.value)
    if rejected is not None:
        alias, target = rejected
        sink.error(
            written.line,
            written.column,
            "unknown-country",
            f"'{written.value}' is a site alias in country_aliases, but it points at '{target}', which is not a country",
            f"fix the entry '{alias}: {target}' under the plugin's country_aliases in mkdocs.yml, e.g. '{alias}: DE'",
        )
        return
    suggestion = countries.suggest(written.value) if suggest else None
    hint = (
        f"did you mean '{suggestion.upper() if len(suggestion) <= 3 else suggestion.title()}'? " if suggestion else ""
    )
    sink.error(
        written.line,
        written.column,
        "unknown-country",
        f"'{written.value}' is not a known country",
        f"{hint}use an ISO 3166-1 code (e.g. DE, DEU) or an English name; a site can add names under the plugin's country_aliases",
    )
