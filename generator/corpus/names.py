"""What the actor registry and the country resolver share: names that resolve to one key each."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod

from ..base.text import did_you_mean, normalise_key


class NameResolver(ABC):
    """Turns what an author wrote (a name, an alias, a code) into a key: an actor's slug, a country's code.

    Names are compared by `normalise_key`, so case and repeated spaces never matter. A name that resolves to
    nothing gets the closest spelling as a did-you-mean hint, computed once per name: a name missing from
    many briefs is compared with every spelling only once.
    """

    suggestion_cutoff = 0.6  # how close a spelling must be to be suggested (difflib's ratio)

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys  # normalised name -> key
        self._suggested: dict[str, str | None] = {}
        self._resolved: dict[str, str | None] = {}  # as written -> key: briefs list the same few names again and again

    def resolve(self, written: str) -> str | None:
        try:
            return self._resolved[written]
        except KeyError:
            key = self._resolved[written] = self._keys.get(normalise_key(written))
            return key

    def claim(self, name: str, key: str) -> str | None:
        """Let ``name`` stand for ``key``; the key it already stands for, if it stands for another."""
        self._resolved.clear()
        owner = self._keys.setdefault(normalise_key(name), key)
        return owner if owner != key else None

    def suggest(self, written: str) -> str | None:
        """The accepted spelling closest to what was written."""
        if written not in self._suggested:
            self._suggested[written] = did_you_mean(written, self.spellings(), cutoff=self.suggestion_cutoff)
        return self._suggested[written]

    def fingerprint(self) -> str:
        """Everything names resolve by and are suggested from, and what the subclass adds (`described`), as a
        digest: two resolvers with equal fingerprints give equal answers (a cache's key)."""
        state = (list(self._keys.items()), self.spellings(), self.suggestion_cutoff, self.described())
        return hashlib.blake2b(repr(state).encode(), digest_size=16).hexdigest()

    @abstractmethod
    def described(self) -> object:
        """What else messages and mention detection read (e.g. display names), as plain comparable data."""

    @abstractmethod
    def spellings(self) -> list[str]:
        """The spellings offered as did-you-mean hints."""

    @abstractmethod
    def names_in_prose(self, key: str) -> list[str]:
        """The names a body of text uses for ``key``, for mention detection and autolinking."""
