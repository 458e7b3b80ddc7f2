"""Briefs-per-month bar charts as inline SVG, made at build time: no JavaScript, no external assets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from ..base.text import counted

WIDTH, HEIGHT, PAD_BOTTOM, PAD_TOP = 600, 120, 18, 14
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_chart(dates: list[dt.date], *, label: str) -> str:
    """One bar per month from the first date to the last; empty months show as gaps."""
    if not dates:
        return ""
    counts = Counter((d.year, d.month) for d in dates)
    months = _months(min(dates), max(dates))
    peak = max(counts.values())
    slot = WIDTH / len(months)
    bar = max(slot * 0.8, 1.0)
    usable = HEIGHT - PAD_BOTTOM - PAD_TOP
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(label)}: {len(dates)} in {counted(len(months), "month", "months")}, '
        f"at most {peak} in a month</title>",
    ]
    for position, (year, month) in enumerate(months):
        count = counts.get((year, month), 0)
        if count:
            height = max(usable * count / peak, 2.0)
            x = position * slot + (slot - bar) / 2
            y = HEIGHT - PAD_BOTTOM - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}">'
                f"<title>{MONTH_ABBR[month - 1]} {year}: {count}</title></rect>"
            )
    first, last = months[0], months[-1]
    parts.append(f'<text x="0" y="{HEIGHT - 4}" class="chart-axis">{MONTH_ABBR[first[1] - 1]} {first[0]}</text>')
    if len(months) > 1:
        parts.append(
            f'<text x="{WIDTH}" y="{HEIGHT - 4}" text-anchor="end" class="chart-axis">'
            f"{MONTH_ABBR[last[1] - 1]} {last[0]}</text>"
        )
    parts.append(f'<text x="0" y="10" class="chart-axis">{peak}</text>')
    parts.append("</svg>")
    return "".join(parts)
