"""Text helpers shared by every stage: slugs, how names are compared, did-you-mean hints."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# Did-you-mean hints given for one list of a file (its actors, its countries, its unknown keys). A hint
# compares what was written with every known spelling (some 1,000 country names and codes, or every actor's
# names), which can take milliseconds: thousands of misspelt entries would take minutes. Past these, none.
MAX_SUGGESTIONS = 5


def slugify(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def normalise_key(value: str) -> str:
    """How names are compared: without regard to case or repeated spaces."""
    return _SPACES.sub(" ", value).strip().casefold()


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word``, compared without regard to case."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[matches[0]] if matches else None


def noun(count: int, singular: str, plural: str) -> str:
    """The form of a noun that agrees with ``count``: 1 brief, 0 briefs, 2 briefs."""
    return singular if count == 1 else plural


def counted(count: int, singular: str, plural: str) -> str:
    """``count`` and its noun: "1 brief", "12 countries"."""
    return f"{count} {noun(count, singular, plural)}"
