"""Maps without MkDocs: the colour bins, the shapes file, and what a map view holds."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from generator.site import maps
from generator.site.view_types import EntityRef

TEMPLATES_WORLD = Path(__file__).resolve().parents[2] / "templates" / "assets" / "world.svg"


@pytest.mark.parametrize(
    ("maximum", "ranges"),
    [
        (0, ()),
        (1, ((1, 1),)),
        (3, ((1, 1), (2, 2), (3, 3))),
        (12, ((1, 1), (2, 2), (3, 4), (5, 7), (8, 12))),
        (1000, ((1, 3), (4, 15), (16, 63), (64, 251), (252, 1000))),
    ],
)
def test_bins_are_log_ranges_that_cover_every_count_once(maximum, ranges):
    assert maps.bins(maximum) == ranges
    covered = [n for low, high in ranges for n in range(low, high + 1)]
    assert covered == list(range(1, maximum + 1))


def test_the_shapes_cover_the_iso_countries_natural_earth_draws():
    world = maps.world()
    for code in ("CN", "US", "TW", "XK", "SG", "HK", "MT", "VA", "MC", "SO", "CY", "RU", "FJ"):
        assert code in world.shapes, code
    assert "TV" not in world.shapes  # Tuvalu: not in Natural Earth's 1:50m countries
    assert "AQ" not in world.shapes  # Antarctica: left out on purpose
    assert len(world.shapes) >= 230
    assert all(re.fullmatch(r"(M[-0-9 ]+[la][-0-9 ]+(a[-0-9 ]+)?z)+", d) for d in world.shapes.values())
    data = resources.files("generator.site").joinpath("world_shapes.json")
    assert len(data.read_bytes()) < 80_000  # a page with the whole world inline must stay light
    assert json.loads(data.read_text(encoding="utf-8"))["licence"].startswith("Natural Earth: public domain")
    # The base map every overlay is laid on has the same viewBox, and every country.
    base = TEMPLATES_WORLD.read_text(encoding="utf-8")
    assert f'viewBox="{world.view_box}"' in base
    assert base.count("<path ") == len(world.shapes)
    assert "<script" not in base and "href" not in base


def _country(code: str, name: str, count: int) -> EntityRef:
    return EntityRef("country", code, name, f"countries/{code.lower()}/", count)


def test_a_map_colours_counted_countries_and_lists_those_without_a_shape():
    view = maps.world_map(
        [_country("US", "United States", 1), _country("TV", "Tuvalu", 3), _country("CN", "China", 12),
         _country("FR", "France", 0)],
        title="Briefs by country",
    )  # fmt: skip
    assert [(r.url, r.label, r.step) for r in view.regions] == [
        ("countries/cn/", "China: 12 briefs", 5),
        ("countries/us/", "United States: 1 brief", 1),
    ]
    assert [e.name for e in view.missing] == ["Tuvalu"]
    assert [(s.step, s.label) for s in view.legend] == [
        (1, "1 brief"), (2, "2 briefs"), (3, "3 to 4 briefs"), (4, "5 to 7 briefs"), (5, "8 to 12 briefs"),
    ]  # fmt: skip
    assert view.own_label == "" and not view.small


def test_a_small_map_outlines_its_own_country_and_caps_the_others():
    partners = [_country(code, code, 20 - n) for n, code in enumerate(("US", "TW", "JP", "KR", "IN", "DE", "FR",
                                                                      "GB", "IT", "ES"))]  # fmt: skip
    view = maps.country_map(_country("CN", "China", 30), partners)
    assert view.small
    assert view.regions[-1].url == "countries/cn/" and view.regions[-1].own
    assert len(view.regions) == maps.SMALL_MAP_COUNTRIES + 1
    assert view.regions[0].label.endswith("shared briefs")
    assert view.own_label == "This country: China"
    assert maps.actor_map("Nobody", [], None) is None
    # An actor's own micro-state without a shape is listed under the map, if its briefs name it.
    view = maps.actor_map("Someone", [], _country("TV", "Tuvalu", 2))
    assert view is not None and view.regions == () and [e.name for e in view.missing] == ["Tuvalu"]
    assert view.own_label == "Country of Someone: Tuvalu"


def _ring_widths(path: str) -> list[int]:
    """The width of each ring of a path (dots left out), from its relative steps."""
    widths = []
    for ring in re.findall(r"M[^M]*", path):
        if "a" in ring:
            continue
        head, steps = ring[1:].rstrip("z").split("l")
        x = int(head.split()[0])
        xs = [x]
        for dx in [int(n) for n in re.findall(r"-?\d+", steps)][::2]:
            x += dx
            xs.append(x)
        widths.append(max(xs) - min(xs))
    return widths


def test_no_border_is_drawn_across_the_map_at_the_antimeridian():
    # Russia's mainland, the widest ring, is about a third of the map; a ring joined the wrong way round the
    # antimeridian (Chukotka, Fiji, the Aleutians) would span nearly all of it.
    world = maps.world()
    assert max(w for d in world.shapes.values() for w in _ring_widths(d)) < world.width / 2
    for code in ("RU", "FJ", "US"):
        assert all(w < world.width / 2 for w in _ring_widths(world.shapes[code])), code
