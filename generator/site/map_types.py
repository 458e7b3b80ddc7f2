"""What a map view holds (`maps` makes them; templates/partials/world_map.html draws them)."""

from __future__ import annotations

from dataclasses import dataclass

BASE_MAP = "assets/world.svg"  # the grey world under every map; site-relative, like every URL a view holds


@dataclass(frozen=True)
class MapLink:
    """A country with briefs that the shapes lack, listed under the map: "Tuvalu (3)"."""

    name: str
    url: str
    count: int


@dataclass(frozen=True)
class MapRegion:
    """A highlighted country: a link drawn over the base map. (No alpha-2 field: the build cache keys a page on its
    pickled view, and a code string shared with the corpus would pickle differently after a cached parse.)"""

    url: str
    label: str  # the link's accessible name, with the count: "China: 12 briefs"
    path: str  # SVG path data
    step: int  # 1..5, the colour step; 0 for no colour (an actor's own country named in none of its briefs)
    own: bool = False  # the page's own country (a country page) or the actor's country: drawn outlined


@dataclass(frozen=True)
class LegendStep:
    step: int
    label: str  # "3 to 4 briefs", "1 brief"


@dataclass(frozen=True)
class MapView:
    """A map as a template draws it (templates/partials/world_map.html)."""

    title: str  # the overlay's accessible name
    view_box: str
    width: int
    height: int
    regions: tuple[MapRegion, ...]  # by alpha-2, then the outlined country (drawn on top)
    legend: tuple[LegendStep, ...]
    missing: tuple[MapLink, ...]  # countries with briefs the shapes lack, by name: "Not on the map: Tuvalu (3)"
    own_label: str = (
        ""  # the legend's words for the outlined country, if any: "This country: China", "Country of Xi Jinping: China"
    )
    base_url: str = BASE_MAP
    small: bool = False  # an entity page's map, not the countries index's
