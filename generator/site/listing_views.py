"""The index pages of actors, countries, topics and pairs: every entry by name, grouped by first letter when long."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .locale import Strings
from .plan import LISTINGS
from .view_types import EntityRef, LetterGroup, ListingView

# An index of more entries than this is grouped by first letter, with a jump bar.
LETTER_GROUPS_ABOVE = 30


def listing_view(strings: Strings, kind: str, plural: str, refs: Iterable[EntityRef]) -> ListingView:
    entries = tuple(sorted(refs, key=lambda e: (e.name.casefold(), e.key)))
    title = strings.t(next(title for listed, title, _ in LISTINGS if listed == kind))
    count_label = strings.plural(f"count.{plural}", len(entries))
    return ListingView(kind, title, entries, plural=plural, count_label=count_label,
                       intro=strings.t("listing.intro", count_label=count_label),
                       letter_groups=letter_groups(entries) if len(entries) > LETTER_GROUPS_ABOVE else ())  # fmt: skip


def letter_groups(entries: tuple[EntityRef, ...]) -> tuple[LetterGroup, ...]:
    """``entries`` grouped by `initial`, in letter order; each group keeps the entries' order."""
    by_letter: dict[str, list[EntityRef]] = {}
    for entry in entries:
        by_letter.setdefault(initial(entry.name), []).append(entry)
    return tuple(LetterGroup(letter, f"letter-{number}", tuple(by_letter[letter]))
                 for number, letter in enumerate(sorted(by_letter), start=1))  # fmt: skip


def initial(name: str) -> str:
    """The letter a name is filed under in an A to Z index: case and accents folded, so "de Gaulle", "Dmitri"
    and "Élysée" file under D, D and E. A letter with no simpler form (Ø, Ł) stays itself."""
    return unicodedata.normalize("NFKD", name[:1].casefold())[:1].upper()
