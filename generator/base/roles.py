"""The roles a brief may give the actors and countries it lists, as the site declares them (plugin option `roles`).

A brief writes a role as a key (``Xi Jinping: perpetrator``); readers see its label ("alleged perpetrator"),
and its plural ("alleged perpetrators") where several are counted. The default vocabulary is made for
influence and interference reporting: who is alleged to have done it, against whom, who attributed it,
who responded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# Keys are written in front matter and in briefs.csv's `slug:role` cells, so they hold no ':' or ';'.
ROLE_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LABEL_MAX = 60  # a label is printed in a chip
KINDS = ("actors", "countries")
ROLE_FIELDS = ("label", "plural")


@dataclass(frozen=True)
class Role:
    key: str  # as authors write it: "perpetrator"
    label: str  # as readers see it: "alleged perpetrator"
    plural: str  # "alleged perpetrators"


DEFAULT_ACTOR_ROLES = (
    # "Alleged": the site reports attributions that others make; it does not make them itself.
    Role("perpetrator", "alleged perpetrator", "alleged perpetrators"),
    Role("target", "target", "targets"),
    Role("attributor", "attributing party", "attributing parties"),  # made the attribution or the claim
    Role("responder", "responder", "responders"),  # answered it: sanctions, expulsions, charges, statements
)
DEFAULT_COUNTRY_ROLES = (
    Role("origin", "alleged origin", "alleged origins"),
    Role("target", "target", "targets"),
    Role("responder", "responder", "responders"),
)


@dataclass(frozen=True)
class RoleVocabulary:
    """The roles of actors and of countries, each in the order the site declares them."""

    actors: tuple[Role, ...] = DEFAULT_ACTOR_ROLES
    countries: tuple[Role, ...] = DEFAULT_COUNTRY_ROLES

    @cached_property
    def _by_kind(self) -> dict[str, dict[str, Role]]:
        return {"actor": {r.key: r for r in self.actors}, "country": {r.key: r for r in self.countries}}

    def of(self, kind: str) -> dict[str, Role]:
        """The roles of ``kind`` ("actor" or "country") by key."""
        return self._by_kind[kind]

    def label(self, kind: str, key: str) -> str:
        """What readers see for a role key of ``kind``; "" for none."""
        role = self._by_kind[kind].get(key)
        return role.label if role is not None else ""

    @property
    def fingerprint(self) -> str:
        """Equal for equal vocabularies: what results checked against it are kept by (see `corpus.cache`)."""
        return repr((self.actors, self.countries))


DEFAULT_ROLES = RoleVocabulary()


def default_option() -> dict[str, dict[str, dict[str, str]]]:
    """The default vocabulary as the option writes it in mkdocs.yml."""
    return {kind: _as_option(getattr(DEFAULT_ROLES, kind)) for kind in KINDS}


def _as_option(roles: tuple[Role, ...]) -> dict[str, dict[str, str]]:
    return {role.key: {"label": role.label, "plural": role.plural} for role in roles}


def vocabulary_from_option(value: Mapping[str, Any] | None) -> RoleVocabulary:
    """The vocabulary of a valid `roles` option: a kind it leaves out (or leaves empty) keeps its defaults, and
    ``{}`` gives a kind no roles. Labels are read as prose: runs of spaces are one."""
    value = value or {}

    def roles(kind: str) -> tuple[Role, ...]:
        declared = value.get(kind)
        if declared is None:
            return tuple(getattr(DEFAULT_ROLES, kind))
        return tuple(Role(key, " ".join(role["label"].split()), " ".join(role["plural"].split()))
                     for key, role in declared.items())  # fmt: skip

    return RoleVocabulary(roles("actors"), roles("countries"))
