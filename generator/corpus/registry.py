"""The actor registry: every actor by slug, name and alias."""

from __future__ import annotations

from collections.abc import Iterable

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.model import Actor, Located
from ..base.text import did_you_mean, normalise_key
from ..reading.parse import ParsedActor
from .countries import CountryResolver


class ActorRegistry:
    def __init__(self, actors: dict[str, Actor], keys: dict[str, str]) -> None:
        self.actors = actors
        self._keys = keys
        self._suggested: dict[str, str | None] = {}  # a name missing from many briefs is compared once

    @classmethod
    def build(
        cls, parsed: Iterable[ParsedActor], countries: CountryResolver, actors_dir: str = "actors"
    ) -> tuple[ActorRegistry, list[Diagnostic]]:
        """Register actors in path order; a slug, name or alias claimed twice is an error naming both files.

        Files directly in actors/ come before those in subfolders, so a stray copy in actors/old/ is the one
        reported, not the actor it copies.
        """
        actors: dict[str, Actor] = {}
        keys: dict[str, str] = {}
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
                key = normalise_key(claim.value)
                owner = keys.get(key)
                if owner is None:
                    keys[key] = entry.slug
                elif owner != entry.slug:
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
        return cls(actors, keys), diagnostics

    def resolve(self, written: str) -> str | None:
        return self._keys.get(normalise_key(written))

    def suggest(self, written: str) -> str | None:
        """The registered name or alias closest to what was written."""
        if written not in self._suggested:
            spellings = [a.name for a in self.actors.values()] + [x for a in self.actors.values() for x in a.aliases]
            self._suggested[written] = did_you_mean(written, spellings)
        return self._suggested[written]

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
    suggestion = did_you_mean(written.value, countries.spellings(), cutoff=0.75) if suggest else None
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
