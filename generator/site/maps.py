"""Static world maps: countries coloured by their number of briefs, each a link, with a legend in words.

Every map is the grey world of ``assets/world.svg`` (one file, cached by the browser) under an inline overlay
that holds only the highlighted countries. The shapes are Natural Earth's, made by ``scripts/world_shapes.py``
into ``world_shapes.json``; a country they lack (a micro-state such as Tuvalu) is listed under the map instead.
No JavaScript and nothing from another host: the page works offline and from file://.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .locale import Strings, english
from .map_types import LegendStep, MapLink, MapRegion, MapView
from .view_types import EntityRef

STEPS = 5  # colour steps: classes map-step-1 (lightest) to map-step-5 (darkest)


@dataclass(frozen=True)
class World:
    view_box: str
    width: int
    height: int
    shapes: dict[str, str]  # alpha-2 → SVG path data


@cache
def world() -> World:
    """The shapes, read once per process from the package's data file."""
    data = json.loads(resources.files(__package__).joinpath("world_shapes.json").read_text(encoding="utf-8"))
    _, _, width, height = (int(n) for n in data["viewBox"].split())
    return World(data["viewBox"], width, height, data["shapes"])


def bins(maximum: int, steps: int = STEPS) -> tuple[tuple[int, int], ...]:
    """Count ranges for the colour steps, on a log scale from 1 to ``maximum``: the lower bounds are 1 and
    ⌊maximum^(i/steps)⌋ + 1, so a few very frequent countries do not wash out the rest. Fewer than ``steps``
    ranges when ``maximum`` is small (every range holds at least one count)."""
    if maximum < 1:
        return ()
    lows = sorted({1} | {int(maximum ** (i / steps)) + 1 for i in range(1, steps)} - {maximum + 1})
    highs = [low - 1 for low in lows[1:]] + [maximum]
    return tuple(zip(lows, highs, strict=True))


def _step_classes(ranges: tuple[tuple[int, int], ...]) -> list[int]:
    """The colour step of each range: spread over 1..STEPS, so two ranges are the lightest and darkest."""
    if len(ranges) == 1:
        return [STEPS]
    return [1 + round(i * (STEPS - 1) / (len(ranges) - 1)) for i in range(len(ranges))]


def _range_label(low: int, high: int, strings: Strings) -> str:
    return strings.plural("count.briefs", low) if low == high else strings.t("map.range", low=low, high=high)


def world_map(
    entries: Iterable[EntityRef],
    *,
    title: str,
    own: EntityRef | None = None,
    own_role: str = "",
    small: bool = False,
    noun: str = "",
    strings: Strings | None = None,
) -> MapView:
    """A map of ``entries`` (countries; those with a count of 0 are left out), coloured by count. ``own`` (the page's
    country) is drawn on top, outlined in a colour of its own, and kept out of the scale: its count is of another kind.
    ``own_role`` says in the legend what ``own`` is to the page ("This country", "Country of Xi Jinping").
    ``noun`` qualifies counts in link names: "shared" gives "Canada: 3 shared briefs"."""
    strings = strings or english()
    shapes = world()
    counted_entries = sorted((e for e in entries if e.count > 0), key=lambda e: e.key)
    if own is not None:
        counted_entries = [e for e in counted_entries if e.key != own.key]
    ranges = bins(max((e.count for e in counted_entries), default=0))
    classes = _step_classes(ranges) if ranges else []

    def step(count: int) -> int:
        return next((c for (low, high), c in zip(ranges, classes, strict=True) if low <= count <= high), 0)

    def label(entry: EntityRef, qualifier: str) -> str:
        briefs = strings.plural(f"count.{qualifier}_briefs" if qualifier else "count.briefs", entry.count)
        return strings.t("map.link", name=entry.name, briefs=briefs)

    regions = [
        MapRegion(e.url, label(e, noun), shapes.shapes[e.key], step(e.count))
        for e in counted_entries
        if e.key in shapes.shapes
    ]
    missing = [e for e in counted_entries if e.key not in shapes.shapes]
    own_label = ""
    if own is not None:
        own_label = strings.t("map.own", role=own_role, name=own.name)
        if own.key in shapes.shapes:
            name = label(own, "") if own.count else own.name
            regions.append(MapRegion(own.url, name, shapes.shapes[own.key], 0, own=True))
        elif own.count:
            missing.append(own)
    legend = tuple(
        LegendStep(c, _range_label(low, high, strings)) for (low, high), c in zip(ranges, classes, strict=True)
    )
    return MapView(
        title=title, view_box=shapes.view_box, width=shapes.width, height=shapes.height,
        regions=tuple(regions), legend=legend,
        missing=tuple(MapLink(e.name, e.url, e.count) for e in sorted(missing, key=lambda e: (e.name.casefold(), e.key))),
        own_label=own_label, small=small,
    )  # fmt: skip


# A small map shows the page's own country and this many others: the most frequent, as the page's lists do.
SMALL_MAP_COUNTRIES = 8


def country_map(own: EntityRef, partners: Iterable[EntityRef], strings: Strings | None = None) -> MapView:
    """A country page's map: the country, outlined, and the countries it appears with most often, by shared briefs."""
    strings = strings or english()
    return world_map(list(partners)[:SMALL_MAP_COUNTRIES], own=own, own_role=strings.t("map.this_country"), small=True,
                     noun="shared", title=strings.t("map.country_title", name=own.name), strings=strings)  # fmt: skip


def actor_map(name: str, countries: Iterable[EntityRef], own: EntityRef | None,
              strings: Strings | None = None) -> MapView | None:  # fmt: skip
    """An actor page's map: the countries its briefs name most often, and its own country (outlined) if it has one;
    None when there are neither."""
    countries = list(countries)
    if not countries and own is None:
        return None
    strings = strings or english()
    return world_map(list(countries)[:SMALL_MAP_COUNTRIES], own=own, own_role=strings.t("map.country_of", name=name),
                     small=True, title=strings.t("map.actor_title", name=name), strings=strings)  # fmt: skip
