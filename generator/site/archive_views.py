"""The archive's views: every year with its months and counts (``archive/``), or one year's briefs by month
(``archive/<year>/``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..base.model import Brief
from . import urls
from .locale import Strings
from .plan import archive_title
from .view_types import ArchiveMonth, ArchiveView, ArchiveYear, BriefRef

ByYear = dict[int, dict[tuple[int, int], list[Brief]]]


def by_year_and_month(briefs: Iterable[Brief]) -> ByYear:
    """The briefs by year, then by (year, month): grouped once for every archive page."""
    grouped: ByYear = {}
    for brief in briefs:
        grouped.setdefault(brief.date.year, {}).setdefault((brief.date.year, brief.date.month), []).append(brief)
    return grouped


def archive_view(by_year: ByYear, year: int | None, strings: Strings,
                 refs: Callable[[list[Brief]], tuple[BriefRef, ...]]) -> ArchiveView:  # fmt: skip
    """``refs``: a month's briefs as list entries, newest first."""
    # The year bar: years only (no counts, no months), so a year's page changes only with its own briefs.
    all_years = tuple(
        ArchiveYear(y, urls.archive_year_url(y), 0, (), "", current=y == year) for y in sorted(by_year, reverse=True)
    )
    chosen = [year] if year is not None else sorted(by_year, reverse=True)
    years = []
    for y in chosen:
        # The page of every year lists its months, each linking to its part of the year's page: a page
        # listing every brief would grow with the site (megabytes at 10,000 briefs) and change with each one.
        months = tuple(
            _month(y, m, by_year[y][(y, m)], strings, refs if year is not None else None)
            for (_, m) in sorted(by_year.get(y, {}), reverse=True)
        )
        count = sum(len(by_year[y][k]) for k in by_year[y])
        years.append(ArchiveYear(y, urls.archive_year_url(y), count, months, strings.plural("count.briefs", count),
                                 y == year))  # fmt: skip
    year_page = year is not None
    return ArchiveView(
        tuple(years), all_years, title=archive_title(year, strings), year_page=year_page,
        count_label=strings.plural("count.briefs", sum(y.count for y in years)),
        month_nav=years[0].months if year_page and len(years[0].months) > 1 else (),
    )  # fmt: skip


def _month(year: int, month: int, briefs: list[Brief], strings: Strings,
           refs: Callable[[list[Brief]], tuple[BriefRef, ...]] | None) -> ArchiveMonth:  # fmt: skip
    """A month of the archive: its briefs when ``refs`` is given (the year's page), else only their count."""
    return ArchiveMonth(strings.month(year, month), f"{year}-{month:02d}", refs(briefs) if refs is not None else (),
                        strings.plural("count.briefs", len(briefs)), len(briefs))  # fmt: skip
