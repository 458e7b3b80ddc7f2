"""Country pairs: which briefs name two countries together, for the pairs named by enough briefs to get a page.

Counted in one pass over the briefs, in time linear in the sum over briefs of (countries per brief)²: a brief
naming k countries makes k(k-1)/2 pairs, and no pair of briefs is ever compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..base.model import Brief

Pair = tuple[str, str]  # two alpha-2 codes, in alphabetical order


def pairs_of(countries: Iterable[str]) -> Iterator[Pair]:
    """Every unordered pair among ``countries``, each in alphabetical order (a country named twice pairs once)."""
    codes = sorted(set(countries))
    for number, first in enumerate(codes):
        for second in codes[number + 1 :]:
            yield first, second


def count_pairs(briefs: Iterable[Brief], min_briefs: int) -> dict[Pair, list[Brief]]:
    """The pairs named together by at least ``min_briefs`` of ``briefs``, each with its briefs in the order given
    (oldest first, for an index's briefs); the pairs sorted by their codes."""
    by_pair: dict[Pair, list[Brief]] = {}
    for brief in briefs:
        for pair in pairs_of(brief.countries):
            by_pair.setdefault(pair, []).append(brief)
    return {pair: members for pair, members in sorted(by_pair.items()) if len(members) >= min_briefs}


def pair_key(pair: Pair) -> str:
    """A pair as one string, as a page's ``key`` holds it: ("CN", "US") -> "CN-US"."""
    return f"{pair[0]}-{pair[1]}"


def pair_from_key(key: str) -> Pair:
    first, _, second = key.partition("-")
    return first, second
