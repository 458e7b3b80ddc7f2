"""Countries: ISO 3166-1 from pycountry, plus the everyday names ISO spells differently."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pycountry

from ..base.config import CoreConfig
from ..base.model import Country
from ..base.text import normalise_key
from .names import NameResolver

# Names readers and reporters use that ISO spells differently, or codes ISO lacks.
EVERYDAY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "US", "USA", "U.S.", "U.S.A.", "America", "United States of America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "TW": ("Taiwan",),
    "SY": ("Syria",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine",),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "CV": ("Cape Verde",),
    "MO": ("Macau",),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "NL": ("Holland",),
    "XK": ("Kosovo",),
}

# Display names where pycountry's own name is the formal, inverted form.
DISPLAY_NAMES = {
    "RU": "Russia",
    "IR": "Iran",
    "KR": "South Korea",
    "KP": "North Korea",
    "TW": "Taiwan",
    "SY": "Syria",
    "VN": "Vietnam",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "VA": "Vatican City",
    "PS": "Palestine",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "XK": "Kosovo",
}

# Codes outside ISO 3166-1 that are in common use.
EXTRA_COUNTRIES = {"XK": ("XKX", "Kosovo", "Republic of Kosovo")}


@cache
def _iso_countries() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for record in pycountry.countries:
        code = record.alpha_2
        name = DISPLAY_NAMES.get(code) or getattr(record, "common_name", None) or record.name
        table[code] = Country(code, name, record.alpha_3, getattr(record, "official_name", ""))
    for code, (alpha3, name, official) in EXTRA_COUNTRIES.items():
        table[code] = Country(code, name, alpha3, official)
    return table


@cache
def _iso_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for record in pycountry.countries:
        for spelling in (
            record.alpha_2,
            record.alpha_3,
            record.name,
            getattr(record, "common_name", None),
            getattr(record, "official_name", None),
        ):
            if spelling:
                keys.setdefault(normalise_key(spelling), record.alpha_2)
    for code, (alpha3, name, official) in EXTRA_COUNTRIES.items():
        for spelling in (code, alpha3, name, official):
            keys.setdefault(normalise_key(spelling), code)
    for code, names in EVERYDAY_NAMES.items():
        for spelling in names:
            keys.setdefault(normalise_key(spelling), code)
    return keys


class CountryResolver(NameResolver):
    """Turns what an author wrote (code, name, alias) into an alpha-2 code."""

    # Stricter than for actors: among some 1,000 country spellings, a loose match is more often wrong than helpful.
    suggestion_cutoff = 0.75

    def __init__(self, extra_aliases: Mapping[str, str] | None = None) -> None:
        super().__init__(dict(_iso_keys()))
        self.countries = _iso_countries()
        self.site_aliases: dict[str, str] = {}  # alias -> alpha-2
        # Site aliases whose target names no country, by normalised alias: (alias, target). They are left out,
        # so a brief using one gets an unknown-country error that can say why.
        self.rejected_aliases: dict[str, tuple[str, str]] = {}
        for alias, target in (extra_aliases or {}).items():
            # A target may be written as any ISO spelling (DE, DEU, Germany), never as another site alias.
            code = _iso_keys().get(normalise_key(target))
            if code is None:
                self.rejected_aliases[normalise_key(alias)] = (alias, target)
                continue
            self._keys[normalise_key(alias)] = code
            self.site_aliases[alias] = code

    def get(self, code: str) -> Country | None:
        return self.countries.get(code.upper())

    def rejected_alias(self, written: str) -> tuple[str, str] | None:
        """(alias, target) when ``written`` is a site alias that was left out because its target is unknown."""
        return self.rejected_aliases.get(normalise_key(written))

    def described(self) -> object:
        names = [(code, country.name) for code, country in self.countries.items()]
        return names, list(self.site_aliases.items()), list(self.rejected_aliases.items())

    def spellings(self) -> list[str]:
        """Every name and code accepted, normalised."""
        return sorted(self._keys)

    def names_in_prose(self, code: str) -> list[str]:
        """The names a body of text uses for a country, for mention detection."""
        country = self.countries[code]
        names = {country.name, *EVERYDAY_NAMES.get(code, ())}
        names.update(alias for alias, target in self.site_aliases.items() if target == code)
        record = pycountry.countries.get(alpha_2=code)
        if record is not None and "," not in record.name:
            names.add(record.name)
        return sorted(names)


def country_alias_problem(core: CoreConfig) -> str | None:
    """Refuse an alias to no country up front: in the briefs it would only show up as puzzling unknown-country errors.

    The checker and the MkDocs plugin both call this, so they accept and refuse the same aliases.
    """
    rejected = CountryResolver(core.country_aliases).rejected_aliases.values()
    if not rejected:
        return None
    listed = "; ".join(f"'{alias}' points at '{target}'" for alias, target in rejected)
    return (
        f"plugin option country_aliases: {listed}, which is not a country; "
        "use an ISO 3166-1 code (DE, DEU) or an English country name, quoting codes YAML reads as yes/no (e.g. 'NO')"
    )
