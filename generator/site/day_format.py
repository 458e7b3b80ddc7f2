"""Dates in a locale's Babel pattern, as Babel's ``format_date`` writes them, for a dictionary look-up a field.

Babel formats a date field by field (``d MMMM y``: the day, the month's name, the year), each field through its
locale-data machinery: about 100 µs a date, some 0.4 s of the main process for the 3,650 days of a 10,000-brief
site (a brief's date is printed on its page and wherever it is listed). The text of the fields patterns use
depends on one part of the date (the month's name on the month), so each is asked of Babel once per value, and a
date is the pattern's literal text and those pieces joined, as Babel joins them. A pattern with any other field
(an era, a week, a quarter) is formatted by Babel whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel import Locale
from babel.dates import DateTimeFormat, format_date, parse_pattern, tokenize_pattern

# The fields whose text depends on one part of the date only (see Babel's ``DateTimeFormat.__getitem__``: the
# lower-case years are the calendar year; 'e' and 'c' count from the locale's first weekday, fixed per locale).
_PART: dict[str, Callable[[dt.date], int]] = {
    "d": lambda day: day.day,
    "M": lambda day: day.month,
    "L": lambda day: day.month,
    "y": lambda day: day.year,
    "u": lambda day: day.year,
    "E": lambda day: day.weekday(),
    "e": lambda day: day.weekday(),
    "c": lambda day: day.weekday(),
}

# Babel's named formats ("long": the locale's own pattern), which format_date looks up: formatted by Babel whole.
_NAMED = frozenset({"full", "long", "medium", "short"})


class DayFormat:
    """``pattern`` (a Babel date pattern) in ``locale``: called with a date, its text."""

    def __init__(self, pattern: str, locale: Locale) -> None:
        self._pattern = pattern
        self._locale = locale
        self._fields: dict[tuple[str, int], str] = {}
        self._parts: tuple[tuple[str, Callable[[dt.date], int] | None], ...] | None = None
        if pattern in _NAMED:
            return
        parse_pattern(pattern)  # Babel's errors for a malformed pattern, as format_date would raise them
        parts: list[tuple[str, Callable[[dt.date], int] | None]] = []
        for _kind, value in tokenize_pattern(pattern):
            if isinstance(value, str):  # "chars": the pattern's literal text
                parts.append((value, None))
                continue
            char, count = value  # "field": its letter, repeated count times
            part = _PART.get(char)
            if part is None:
                parts = []
                break
            parts.append((char * count, part))
        self._parts = tuple(parts) if parts else None

    def __call__(self, day: dt.date) -> str:
        if self._parts is None or isinstance(day, dt.datetime):
            return format_date(day, self._pattern, locale=self._locale)
        pieces = []
        for text, part in self._parts:
            if part is None:
                pieces.append(text)
                continue
            key = (text, part(day))
            piece = self._fields.get(key)
            if piece is None:
                piece = self._fields[key] = DateTimeFormat(day, self._locale)[text]
            pieces.append(piece)
        return "".join(pieces)
