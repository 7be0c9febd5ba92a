#!/usr/bin/env python3
"""Generate data/geo/land.txt, the land mask casus-geo uses to tell land from sea.

Usage (from the repository root):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # gives package/
    python3 tools/geo/land_mask.py /tmp/package/land-50m.json \
        --islands /tmp/package/land-10m.json --out data/geo/land.txt
    python3 tools/geo/land_mask.py --fine /tmp/package/land-10m.json --out data/geo/land-10m.txt

The second command writes the fine coast (`--fine`): every 1:10m polygon, vertices in thousandths
of a degree, which casus-geo consults only within the coarse mask's coast tolerance (harbours,
coastal cities, the water just off them).

Inputs: `land-50m.json` and `land-10m.json` from the npm package world-atlas 2.0.2 (ISC licence,
Mike Bostock), a TopoJSON redistribution of Natural Earth's 1:50m and 1:10m land polygons,
version 4.1.0 (public domain).

What it does:
- decodes the TopoJSON arcs and assembles every polygon's rings (outer ring, then holes);
- cuts the few rings that cross the antimeridian there (TopoJSON rings are spherical: Wrangel
  Island, Chukotka and a Fiji islet cross it, and Antarctica's coast encircles the South Pole and
  is closed here along latitude -90), so that every ring is plane in latitude/longitude;
- takes every 1:50m polygon, and from the 1:10m data only the polygons the 1:50m data lacks
  altogether (small islands: Wake, Midway, Kwajalein, Heligoland, Lampedusa, ...): a 1:10m
  polygon is added when none of its vertices (nor points every 0.05 degree along its longer
  edges) is on 1:50m land or within 0.05 degree of a 1:50m coast, and no 1:50m ring lies inside
  it, so added polygons never overlap the others and the even-odd rule stays valid;
- rounds every vertex to 0.01 degree, drops repeated vertices and rings left degenerate (fewer
  than three distinct vertices, or no area);
- writes one record per ring: a line `o N` (outer ring) or `h N` (a hole, such as the Caspian
  Sea), then its N vertices as `lat lon` pairs of integers in hundredths of a degree, ten pairs
  a line. Rings close implicitly.

The output is checked before it is written (each ring has at least three distinct vertices and
some area, every coordinate is on the globe, no edge spans more than 180 degrees of longitude
unless it runs along a parallel) and the counts go to stderr. Python 3.9+, standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

PAIRS_PER_LINE = 10
# Units per degree of the vertices written: hundredths for the coarse mask, thousandths for the
# fine coast (--fine).
UNIT = 100
# Distance (degrees) within which a 1:10m polygon counts as already drawn by the 1:50m data; the
# same as casus-geo's coast tolerance.
NEAR = 0.05

Point = tuple[float, float]  # (lon, lat)

HEADER = """\
# casus land mask: where the land is, for telling a point on land from a point at sea.
# Made with Natural Earth: physical vectors, "Land" polygons, version 4.1.0: every 1:50m polygon,
# plus the 1:10m polygons (small islands) that the 1:50m data lacks. Natural Earth data is in the
# public domain (https://www.naturalearthdata.com/about/terms-of-use/).
# Taken from land-50m.json and land-10m.json of the npm package world-atlas 2.0.2 (a TopoJSON
# redistribution of Natural Earth 4.1.0; ISC licence, Copyright 2013-2019 Michael Bostock),
# converted by tools/geo/land_mask.py: rings cut at the antimeridian, vertices rounded to
# 0.01 degree (about 1.1 km), repeated vertices and degenerate rings dropped, Natural Earth's
# made-up "Null Island" at 0N 0E left out.
# Generated: do not edit by hand; re-run the script instead.
#
# Format: a record per ring. A line `o N` starts an outer ring of a polygon, `h N` a hole in one
# (the Caspian Sea is a hole in Eurasia); the next lines hold its N vertices as `lat lon` pairs
# of integers in hundredths of a degree (north and east positive), ten pairs a line. Rings close
# implicitly and never cross the antimeridian. Readers use the even-odd rule over all rings.
#
# Known limits: generalisation moves coasts by up to a few kilometres, so casus-geo counts a point
# within a small tolerance (0.05 degree) of a coast as coastal and lets the boundary data decide.
# Islets that even the 1:10m data lacks, or draws farther than that from where they are
# (Okinotorishima, the Matsu Islands, Spratly Island, Woody Island, Scarborough Shoal, Bikini's
# islets), come out at sea unless a regions.toml box marks them (the Senkakus have one).
"""


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The arcs as (lon, lat) lists, undoing the delta encoding and the quantization."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Concatenates a ring's arcs (a negative index ~i is arc i reversed)."""
    pts: list[tuple[float, float]] = []
    for i in ring:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def unwrap(pts: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], float]:
    """Longitudes made continuous (no step over 180 degrees) and the ring's net turn round the
    globe: 0 for an ordinary ring, +-360 for one that encircles a pole."""
    out = [pts[0]]
    for x, y in pts[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append((x, y))
    d = pts[0][0] - out[-1][0]
    while d > 180:
        d -= 360
    while d < -180:
        d += 360
    return out, round((out[-1][0] + d) - out[0][0])


def clip(pts: list[tuple[float, float]], x0: float, keep_above: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a ring by the vertical line x = x0, keeping x >= x0
    (keep_above) or x <= x0. Concave rings may come out with zero-width bridges along the line,
    which the even-odd rule ignores (their two edges cancel)."""
    inside = (lambda p: p[0] >= x0) if keep_above else (lambda p: p[0] <= x0)
    out: list[tuple[float, float]] = []
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur, x0))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur, x0))
    return out


def cross(a: tuple[float, float], b: tuple[float, float], x0: float) -> tuple[float, float]:
    t = (x0 - a[0]) / (b[0] - a[0])
    return (x0, a[1] + t * (b[1] - a[1]))


def split_at_antimeridian(pts: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring as one or more rings within -180..180 that never cross the antimeridian. The
    TopoJSON rings are spherical: a few cross it (Wrangel Island, Chukotka, a Fiji islet), and
    Antarctica's coast encircles the South Pole; the latter is closed along the pole's latitude."""
    u, turn = unwrap(pts)
    if turn != 0:
        pole = -90.0 if sum(y for _, y in u) < 0 else 90.0
        x_start, x_end = u[0][0], u[0][0] + turn
        u = u + [(x_end, u[0][1]), (x_end, pole), (x_start, pole)]
    lo = min(x for x, _ in u)
    hi = max(x for x, _ in u)
    out = []
    k = -1
    while -180 + 360 * k < hi:
        w0, w1 = -180 + 360 * k, 180 + 360 * k
        if hi > w0 and lo < w1:
            piece = clip(clip(u, w0, True), w1, False)
            if len(piece) >= 3:
                out.append([(x - 360 * k, y) for x, y in piece])
        k += 1
    return out


def area2(ring: list[tuple[int, int]]) -> int:
    """Twice the signed area (shoelace), in squared hundredths of a degree."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1]))


def quantize(pts: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """(lon, lat) floats to (lat, lon) in UNITs, without repeats and without the closing vertex."""
    out: list[tuple[int, int]] = []
    for lon, lat in pts:
        v = (round(lat * UNIT), round(lon * UNIT))
        v = (max(-90 * UNIT, min(90 * UNIT, v[0])), max(-180 * UNIT, min(180 * UNIT, v[1])))
        if not out or out[-1] != v:
            out.append(v)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def check(role: str, ring: list[tuple[int, int]]) -> None:
    if len(set(ring)) < 3:
        raise ValueError(f"{role} ring with {len(set(ring))} distinct vertices")
    for lat, lon in ring:
        if not (-90 * UNIT <= lat <= 90 * UNIT and -180 * UNIT <= lon <= 180 * UNIT):
            raise ValueError(f"vertex off the globe: {lat} {lon}")
    for (la, lo1), (lb, lo2) in zip(ring, ring[1:] + ring[:1]):
        if abs(lo1 - lo2) > 180 * UNIT and la != lb:
            raise ValueError(f"edge across the antimeridian: {la} {lo1} -> {lb} {lo2}")



def polygons(topo: dict) -> list[list[list[Point]]]:
    """Every polygon of the `land` object as its rings, (lon, lat), cut at the antimeridian: a
    polygon is [outer pieces..., hole pieces...] with the outer ring's pieces first."""
    arcs = decode_arcs(topo)
    land = topo["objects"]["land"]
    geoms = land["geometries"] if land["type"] == "GeometryCollection" else [land]
    out = []
    for g in geoms:
        for poly in g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]:
            out.append([split_at_antimeridian(ring_points(ring, arcs)) for ring in poly])
    return out


def bbox(r: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in r]
    ys = [p[1] for p in r]
    return (min(xs), min(ys), max(xs), max(ys))


def contains(r: list[Point], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


class Mask:
    """The 1:50m rings with a 1-degree grid of their edges, for the islands test."""

    def __init__(self, rings: list[list[Point]]):
        self.rings = [(bbox(r), r) for r in rings]
        self.grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
        for r in rings:
            for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
                for gx in range(math.floor(min(x1, x2) - NEAR), math.floor(max(x1, x2) + NEAR) + 1):
                    for gy in range(math.floor(min(y1, y2) - NEAR), math.floor(max(y1, y2) + NEAR) + 1):
                        self.grid[(gx, gy)].append((x1, y1, x2, y2))

    def inside(self, x: float, y: float) -> bool:
        hit = False
        for (x0, y0, x1, y1), r in self.rings:
            if x0 <= x <= x1 and y0 <= y <= y1 and contains(r, x, y):
                hit = not hit
        return hit

    def near(self, x: float, y: float) -> bool:
        for x1, y1, x2, y2 in self.grid.get((math.floor(x), math.floor(y)), ()):
            dx, dy = x2 - x1, y2 - y1
            n = dx * dx + dy * dy
            t = 0.0 if n == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / n))
            if math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= NEAR:
                return True
        return False

    def lacks(self, outer: list[list[Point]]) -> bool:
        """Does the 1:50m data lack this polygon altogether (no overlap, no nesting)?"""
        for piece in outer:
            for (x1, y1), (x2, y2) in zip(piece, piece[1:] + piece[:1]):
                steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1) / NEAR))
                for k in range(steps):
                    x, y = x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps
                    if self.near(x, y):
                        return False
        # No 1:50m coast near: the polygon is inside 1:50m land, or outside all of it.
        if self.inside(*outer[0][0]):
            return False
        for piece in outer:
            b = bbox(piece)
            for (x0, y0, x1, y1), r in self.rings:
                if b[0] <= x0 and x1 <= b[2] and b[1] <= y0 and y1 <= b[3] and contains(piece, *r[0]):
                    return False
        return True


def is_null_island(poly: list[list[Point]]) -> bool:
    """Natural Earth's 1:10m land has "Null Island", a made-up islet of a few metres at 0N 0E
    (a marker for data wrongly geocoded to 0,0). It is no land: the point is in the Gulf of
    Guinea."""
    return all(abs(x) < 0.1 and abs(y) < 0.1 for ring in poly for piece in ring for (x, y) in piece)


def records_of(poly: list[list[Point]], stats: dict[str, int]) -> list[tuple[str, list[tuple[int, int]]]]:
    out = []
    for k, pieces in enumerate(poly):
        role = "o" if k == 0 else "h"
        for piece in pieces:
            q = quantize(piece)
            if len(set(q)) < 3 or area2(q) == 0:
                stats["dropped"] += 1
                continue
            check(role, q)
            out.append((role, q))
    return out


FINE_HEADER = """\
# casus fine coast: the 1:10m land, for telling land from water near a coast.
# Made with Natural Earth: physical vectors, "Land" polygons, version 4.1.0, every 1:10m polygon
# but "Null Island" (public domain, https://www.naturalearthdata.com/about/terms-of-use/).
# Taken from land-10m.json of the npm package world-atlas 2.0.2 (a TopoJSON redistribution of
# Natural Earth 4.1.0, quantised to about 0.004 degree of longitude; ISC licence, Copyright
# 2013-2019 Michael Bostock), converted by tools/geo/land_mask.py --fine: rings cut at the
# antimeridian, vertices rounded to 0.001 degree, repeated vertices and degenerate rings dropped.
# Generated: do not edit by hand; re-run the script instead.
#
# Format: as data/geo/land.txt (`o N` / `h N` records of `lat lon` pairs), in thousandths of a
# degree. casus-geo reads it only for points within the coarse mask's coast tolerance (0.05
# degree): there the coast is drawn to a few hundred metres, not a few kilometres.
"""


def main() -> int:
    global UNIT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("land50", type=Path, nargs="?", help="world-atlas land-50m.json")
    ap.add_argument("--islands", type=Path, help="world-atlas land-10m.json: add the polygons 1:50m lacks")
    ap.add_argument("--fine", type=Path, help="world-atlas land-10m.json: write the fine coast instead")
    ap.add_argument("--out", type=Path, help="output file (default: standard output)")
    args = ap.parse_args()

    stats = {"dropped": 0}
    if args.fine:
        UNIT = 1000
        polys = [p for p in polygons(json.loads(args.fine.read_text())) if not is_null_island(p)]
        records = [rec for poly in polys for rec in records_of(poly, stats)]
        return write(FINE_HEADER, records, args.out, f"fine coast: {len(polys)} polygons at 1:10m", stats)
    if not args.land50:
        ap.error("give land-50m.json, or --fine land-10m.json")
    p50 = polygons(json.loads(args.land50.read_text()))
    records = [rec for poly in p50 for rec in records_of(poly, stats)]
    n50 = len(records)
    added = 0
    if args.islands:
        mask = Mask([piece for poly in p50 for ring in poly for piece in ring])
        for poly in polygons(json.loads(args.islands.read_text())):
            if poly and poly[0] and not is_null_island(poly) and mask.lacks(poly[0]):
                recs = records_of(poly, stats)
                added += bool(recs)
                records.extend(recs)

    return write(
        HEADER,
        records,
        args.out,
        f"land_mask: {len(p50)} polygons at 1:50m ({n50} rings); {added} polygons added from 1:10m"
        f" ({len(records) - n50} rings)",
        stats,
    )


def write(header: str, records, out: Path | None, summary: str, stats: dict[str, int]) -> int:
    lines = [header.rstrip("\n")]
    for role, ring in records:
        lines.append(f"{role} {len(ring)}")
        for i in range(0, len(ring), PAIRS_PER_LINE):
            lines.append(" ".join(f"{lat} {lon}" for lat, lon in ring[i : i + PAIRS_PER_LINE]))
    text = "\n".join(lines) + "\n"
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    else:
        sys.stdout.write(text)
    holes = sum(1 for r, _ in records if r == "h")
    vertices = sum(len(r) for _, r in records)
    print(
        f"{summary}; {holes} holes; {vertices} vertices; dropped {stats['dropped']} rings that"
        f" rounding to 1/{UNIT} degree left degenerate; {len(text)} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
