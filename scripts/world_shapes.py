"""Make the map's country shapes from world-atlas (development only; the output is committed).

    python scripts/world_shapes.py path/to/world-atlas/package/countries-50m.json

world-atlas 2.0.2 (ISC, Mike Bostock) packs Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON.
This script decodes it, projects it with Equal Earth, simplifies each shared arc once (so neighbours keep one
border), drops islands too small to see, and writes:

- generator/site/world_shapes.json: {"source", "licence", "viewBox", "shapes": {alpha-2: SVG path data}}, which
  `generator.site.maps` draws the highlighted countries from;
- templates/assets/world.svg: every country in grey, the base every map is laid over (one file, cached by browsers,
  instead of the whole world inline in each page).

Same input, same bytes: no dict or set order leaks into the output.
"""

from __future__ import annotations

import json
import math
import sys
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "generator" / "site" / "world_shapes.json"
BASE_SVG = ROOT / "templates" / "assets" / "world.svg"

WIDTH = 1000  # the viewBox's width; integer coordinates are then about 35 km apart at the equator
TOLERANCE = 0.35  # Douglas–Peucker: how far (viewBox units) a simplified border may stray from the original
DOT = 4  # a country smaller than this each way (viewBox units) is drawn as a dot this wide
MIN_RING = 4.0  # drop a ring smaller than this (squared viewBox units), but a country's largest

# Natural Earth features with no ISO numeric id. Kosovo has the user-assigned XK that the registry uses; Somaliland
# and Northern Cyprus are drawn as part of the states ISO counts them in, as the briefs' codes do (SO, CY).
# Siachen Glacier (disputed) and the Australian Indian Ocean Territories are left out: no brief can name them.
NO_ID = {"Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY"}
# Antarctica (010) is left out: no brief is about it and, in any projection, it takes a fifth of the height.
LEFT_OUT = {"010"}

Point = tuple[float, float]


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth (Šavrič, Patterson and Jenny, 2018, doi:10.1080/13658816.2018.1504949), in radians' units."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(lon)
        * math.cos(theta)
        / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    )
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, -y  # SVG's y grows downwards


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The arcs in longitude and latitude: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: Point, a: Point, b: Point) -> float:
    """From ``p`` to the segment ``a``–``b`` (to ``a`` when the segment is a point: a closed arc)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify_indices(points: list[Point], tolerance: float) -> list[int]:
    """Douglas–Peucker: keep the point farthest from the chord while it is farther than ``tolerance``. The ends
    stay, so arcs still meet their neighbours. Returns the indices of the points kept."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        if last - first < 2:
            continue
        far, index = max((_distance(points[i], points[first], points[last]), i) for i in range(first + 1, last))
        if far > tolerance:
            keep[index] = True
            spans += [(first, index), (index, last)]
    return [i for i, kept in enumerate(keep) if kept]


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring's points from its arcs (a negative index ``~i`` is arc ``i`` reversed); each arc starts where the last
    ended, so that point is taken once, and is moved by whole turns to start at the same longitude."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        if points:
            turn = 360 * round((points[-1][0] - arc[0][0]) / 360)
            points.extend((lon + turn, lat) for lon, lat in arc[1:])
        else:
            points.extend(arc)
    return points


def ring_area(points: list[Point]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1], strict=True))) / 2


def _numbers(values: list[int]) -> str:
    """Numbers for path data: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        text += str(value) if value < 0 or not text else f" {value}"
    return text


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Compact SVG path data: per ring an absolute move, then relative integer steps."""
    parts = []
    for ring in rings:
        steps = [d for a, b in pairwise(ring) for d in (b[0] - a[0], b[1] - a[1])]
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{_numbers(steps)}z")
    return "".join(parts)


def quantize(points: list[Point], top: float) -> list[tuple[int, int]]:
    """Integer viewBox coordinates (y from the northernmost point), without repeated points."""
    ring: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x), round(y - top))
        if not ring or ring[-1] != q:
            ring.append(q)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def country_code(geometry: dict) -> str | None:
    numeric = geometry.get("id")
    if numeric is None:
        return NO_ID.get(geometry["properties"]["name"])
    if numeric in LEFT_OUT:
        return None
    record = pycountry.countries.get(numeric=numeric)
    return record.alpha_2 if record else None


def unwrap(arc: list[Point]) -> list[Point]:
    """The arc with continuous longitudes: TopoJSON for the sphere lets a border cross the antimeridian (Chukotka,
    Fiji, the Aleutians) as a jump of nearly 360°, which would draw a band across the whole map."""
    points = [arc[0]]
    for lon, lat in arc[1:]:
        previous = points[-1][0]
        points.append((lon + 360 * round((previous - lon) / 360), lat))
    return points


def ring_copies(ring: list[Point]) -> list[list[Point]]:
    """A ring (continuous longitudes) cut to -180..180: the ring and its copy a turn east or west, each with its
    longitudes clamped to the map, so a country across the antimeridian shows on both edges. (Clamping moves the
    points beyond the edge onto it: a few kilometres off at 1:50m, invisible at this scale.)"""
    low, high = min(lon for lon, _ in ring), max(lon for lon, _ in ring)
    copies = []
    for turn in (-360, 0, 360):
        if low + turn < 180 and high + turn > -180:
            copies.append([(max(-180.0, min(180.0, lon + turn)), lat) for lon, lat in ring])
    return copies


def build(topology: dict) -> tuple[str, dict[str, str]]:
    """(viewBox, {alpha-2: path data})."""
    # The whole sphere's width is the viewBox's: 180° east at the equator is Equal Earth's widest point.
    scale = WIDTH / (2 * equal_earth(180, 0)[0])

    def to_view(lon: float, lat: float) -> Point:
        x, y = equal_earth(lon, lat)
        return x * scale + WIDTH / 2, y * scale

    # Simplify each arc once, in viewBox units, so neighbours keep one shared border.
    arcs = []
    for arc in decode_arcs(topology):
        continuous = unwrap(arc)
        kept = set(simplify_indices([to_view(lon, lat) for lon, lat in continuous], TOLERANCE))
        arcs.append([point for i, point in enumerate(continuous) if i in kept])
    by_code: dict[str, list[list[Point]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = country_code(geometry)
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        shells = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in shells:
            for ring in polygon:
                for copy in ring_copies(ring_points(ring, arcs)):
                    by_code.setdefault(code, []).append([to_view(lon, lat) for lon, lat in copy])
    top = min(y for rings in by_code.values() for ring in rings for _, y in ring)
    bottom = max(y for rings in by_code.values() for ring in rings for _, y in ring)
    shapes = {}
    for code, rings in sorted(by_code.items()):
        areas = [ring_area(r) for r in rings]
        largest = max(range(len(rings)), key=areas.__getitem__)
        kept = [quantize(r, top) for i, r in enumerate(rings) if i == largest or areas[i] >= MIN_RING]
        shapes[code] = path_data([r for r in kept if len(r) >= 3]) if _extent(kept) > DOT else _dot(kept)
    return f"0 0 {WIDTH} {math.ceil(bottom - top)}", shapes


def _extent(rings: list[list[tuple[int, int]]]) -> int:
    xs, ys = [x for r in rings for x, _ in r], [y for r in rings for _, y in r]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _dot(rings: list[list[tuple[int, int]]]) -> str:
    """A circle of radius DOT / 2 at the middle of a country too small to see (Singapore, Malta, the Vatican), so
    that it can still be seen, coloured and clicked."""
    xs, ys = [x for r in rings for x, _ in r], [y for r in rings for _, y in r]
    x, y, r = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2, DOT // 2
    return f"M{x - r} {y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0-{2 * r} 0z"


def base_svg(view_box: str, shapes: dict[str, str]) -> str:
    paths = "".join(f'<path d="{escape(d)}"/>' for _, d in sorted(shapes.items()))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">'
        f"<!-- Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC). -->"
        f'<g fill="#d5d8dc" stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">{paths}</g></svg>\n'
    )


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    view_box, shapes = build(topology)
    data = {
        "source": "Natural Earth 1:50m admin-0 countries, via world-atlas 2.0.2 (countries-50m.json)",
        "licence": "Natural Earth: public domain. world-atlas: ISC, Copyright 2013-2019 Michael Bostock.",
        "projection": "Equal Earth",
        "viewBox": view_box,
        "shapes": shapes,
    }
    SHAPES.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    BASE_SVG.write_text(base_svg(view_box, shapes), encoding="utf-8")
    print(
        f"{len(shapes)} countries, viewBox {view_box}: {SHAPES.stat().st_size} bytes, {BASE_SVG.stat().st_size} bytes"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
