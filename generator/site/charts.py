"""Briefs-per-month bar charts as inline SVG, made at build time: no JavaScript, no external assets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from .locale import Strings, english

WIDTH, HEIGHT, PAD_BOTTOM, PAD_TOP = 600, 120, 18, 14


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_chart(dates: list[dt.date], *, label: str, strings: Strings | None = None) -> str:
    """One bar per month from the first date to the last; empty months show as gaps. Months are named in
    ``strings``' ``date.month_short`` pattern ("Apr 2024")."""
    if not dates:
        return ""
    strings = strings or english()
    counts = Counter((d.year, d.month) for d in dates)
    months = _months(min(dates), max(dates))
    peak = max(counts.values())
    slot = WIDTH / len(months)
    bar = max(slot * 0.8, 1.0)
    usable = HEIGHT - PAD_BOTTOM - PAD_TOP
    months_label = strings.plural("count.months", len(months))
    title = strings.t("chart.title", label=label, count=len(dates), months=months_label, peak=peak)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for position, (year, month) in enumerate(months):
        count = counts.get((year, month), 0)
        if count:
            height = max(usable * count / peak, 2.0)
            x = position * slot + (slot - bar) / 2
            y = HEIGHT - PAD_BOTTOM - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}">'
                f"<title>{escape(strings.t('chart.bar', month=strings.month(year, month, 'date.month_short'), count=count))}"
                "</title></rect>"
            )
    first, last = months[0], months[-1]
    parts.append(
        f'<text x="0" y="{HEIGHT - 4}" class="chart-axis">{escape(strings.month(*first, "date.month_short"))}</text>'
    )
    if len(months) > 1:
        parts.append(
            f'<text x="{WIDTH}" y="{HEIGHT - 4}" text-anchor="end" class="chart-axis">'
            f"{escape(strings.month(*last, 'date.month_short'))}</text>"
        )
    parts.append(f'<text x="0" y="10" class="chart-axis">{peak}</text>')
    parts.append("</svg>")
    return "".join(parts)
