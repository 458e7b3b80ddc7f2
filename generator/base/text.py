"""Did-you-mean hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Did-you-mean hints given for one list of a file (its actors, its countries, its unknown keys). A hint
# compares what was written with every known spelling (some 1,000 country names and codes, or every actor's
# names), which can take milliseconds: thousands of misspelt entries would take minutes. Past these, none.
MAX_SUGGESTIONS = 5


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word``, compared without regard to case."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[matches[0]] if matches else None
