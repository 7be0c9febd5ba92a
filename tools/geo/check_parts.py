#!/usr/bin/env python3
"""Check the hand-drawn outlines of data/geo/parts.toml against Natural Earth and named places.

Usage (from the repository root; world-atlas as for tools/geo/land_mask.py):

    python3 tools/geo/check_parts.py /tmp/package/countries-10m.json

Checks, printing every failure and exiting 1 if there is any:
- Turkey: every vertex of Natural Earth 1:10m's East Thrace and Gökçeada polygons lies in
  XX-TR-THRACE, and no vertex of Anatolia, Bozcaada, Marmara Island or Avşa does (so the line
  runs in the water of the Bosporus, the Sea of Marmara and the Dardanelles all the way);
- Cyprus: every vertex of Natural Earth's 'N. Cyprus' lies in XX-CY-NORTH or on its edge, and
  no vertex of the Republic-controlled 'Cyprus' polygons lies inside it away from the shared line;
- towns: each listed place falls in the expected part (or in no drawn part, for the rest).

Python 3.11+ (tomllib), standard library only.
"""

from __future__ import annotations

import json
import math
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import land_mask  # noqa: E402  (decode_arcs, ring_points)

# (place, lat, lon, parent, expected part; None = no drawn part, i.e. the rest)
TOWNS = [
    ("Besiktas waterfront", 41.04, 29.00, "TR", "XX-TR-THRACE"),
    ("Uskudar", 41.02, 29.03, "TR", None),
    ("Kadikoy", 40.99, 29.03, "TR", None),
    ("Sariyer", 41.17, 29.05, "TR", "XX-TR-THRACE"),
    ("Beykoz", 41.13, 29.10, "TR", None),
    ("Edirne", 41.68, 26.56, "TR", "XX-TR-THRACE"),
    ("Tekirdag", 40.98, 27.51, "TR", "XX-TR-THRACE"),
    ("Gelibolu", 40.41, 26.67, "TR", "XX-TR-THRACE"),
    ("Eceabat", 40.18, 26.36, "TR", "XX-TR-THRACE"),
    ("Canakkale", 40.15, 26.41, "TR", None),
    ("Gokceada town", 40.20, 25.90, "TR", "XX-TR-THRACE"),
    ("Bozcaada", 39.84, 26.03, "TR", None),
    ("Buyukada", 40.86, 29.12, "TR", None),
    ("Bandirma", 40.35, 27.97, "TR", None),
    ("Ankara", 39.93, 32.85, "TR", None),
    ("Moscow", 55.75, 37.62, "RU", "XX-RU-EUROPE"),
    ("Saint Petersburg", 59.94, 30.31, "RU", "XX-RU-EUROPE"),
    ("Kaliningrad", 54.71, 20.51, "RU", "XX-RU-EUROPE"),
    ("Perm", 58.01, 56.25, "RU", "XX-RU-EUROPE"),
    ("Ufa", 54.74, 55.97, "RU", "XX-RU-EUROPE"),
    ("Orenburg", 51.77, 55.10, "RU", "XX-RU-EUROPE"),
    ("Vorkuta", 67.50, 64.03, "RU", "XX-RU-EUROPE"),
    ("Naryan-Mar", 67.64, 53.01, "RU", "XX-RU-EUROPE"),
    ("Novaya Zemlya", 73.00, 55.00, "RU", "XX-RU-EUROPE"),
    ("Franz Josef Land", 80.50, 55.00, "RU", "XX-RU-EUROPE"),
    ("Astrakhan", 46.35, 48.03, "RU", "XX-RU-EUROPE"),
    ("Makhachkala", 42.98, 47.50, "RU", "XX-RU-EUROPE"),
    ("Derbent", 42.06, 48.29, "RU", "XX-RU-EUROPE"),
    ("Vladikavkaz", 43.02, 44.68, "RU", "XX-RU-EUROPE"),
    ("Elbrus", 43.35, 42.44, "RU", "XX-RU-EUROPE"),
    ("Krasnodar", 45.04, 38.98, "RU", "XX-RU-EUROPE"),
    ("Anapa", 44.89, 37.32, "RU", "XX-RU-EUROPE"),
    ("Sochi (strict watershed)", 43.60, 39.73, "RU", None),
    ("Yekaterinburg", 56.84, 60.61, "RU", None),
    ("Chelyabinsk", 55.16, 61.40, "RU", None),
    ("Magnitogorsk", 53.42, 59.05, "RU", None),
    ("Salekhard", 66.53, 66.60, "RU", None),
    ("Yamal", 70.00, 70.00, "RU", None),
    ("Novosibirsk", 55.03, 82.92, "RU", None),
    ("Vladivostok", 43.12, 131.89, "RU", None),
    ("Oral", 51.23, 51.37, "KZ", "XX-KZ-EUROPE"),
    ("Ganyushkino", 46.60, 49.27, "KZ", "XX-KZ-EUROPE"),
    ("Aktobe", 50.28, 57.17, "KZ", None),
    ("Aktau", 43.65, 51.17, "KZ", None),
    ("Fort Shevchenko", 44.51, 50.26, "KZ", None),
    ("Astana", 51.17, 71.45, "KZ", None),
    ("Cairo", 30.04, 31.24, "EG", None),
    ("Alexandria", 31.20, 29.92, "EG", None),
    ("Port Said", 31.265, 32.302, "EG", None),
    ("Port Fuad", 31.245, 32.322, "EG", "XX-EG-SINAI"),
    ("Ismailia", 30.597, 32.272, "EG", None),
    ("Suez", 29.967, 32.550, "EG", None),
    ("Ain Sokhna", 29.60, 32.35, "EG", None),
    ("Ras Gharib", 28.36, 33.09, "EG", None),
    ("Hurghada", 27.26, 33.81, "EG", None),
    ("Shadwan Island", 27.50, 34.00, "EG", None),
    ("Ras Sudr", 29.58, 32.70, "EG", "XX-EG-SINAI"),
    ("El Tor", 28.24, 33.62, "EG", "XX-EG-SINAI"),
    ("Saint Catherine", 28.56, 33.95, "EG", "XX-EG-SINAI"),
    ("Sharm el-Sheikh", 27.91, 34.33, "EG", "XX-EG-SINAI"),
    ("El Arish", 31.13, 33.80, "EG", "XX-EG-SINAI"),
    ("Taba", 29.49, 34.89, "EG", "XX-EG-SINAI"),
    ("Kyrenia", 35.34, 33.32, "CY", "XX-CY-NORTH"),
    ("North Nicosia", 35.19, 33.36, "CY", "XX-CY-NORTH"),
    ("Famagusta", 35.12, 33.94, "CY", "XX-CY-NORTH"),
    ("Morphou", 35.20, 32.99, "CY", "XX-CY-NORTH"),
    ("Lefka", 35.11, 32.85, "CY", "XX-CY-NORTH"),
    ("Rizokarpaso", 35.60, 34.38, "CY", "XX-CY-NORTH"),
    ("Kokkina", 35.18, 32.62, "CY", "XX-CY-NORTH"),
    ("Nicosia (south)", 35.165, 33.36, "CY", None),
    ("Kato Pyrgos", 35.18, 32.68, "CY", None),
    ("Larnaca", 34.92, 33.63, "CY", None),
    ("Limassol", 34.68, 33.04, "CY", None),
    ("Paphos", 34.77, 32.42, "CY", None),
    ("Protaras", 35.01, 34.06, "CY", None),
]


def contains(ring: list[list[float]], lat: float, lon: float) -> bool:
    inside = False
    for (y1, x1), (y2, x2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def distance(ring: list[list[float]], lat: float, lon: float) -> float:
    best = math.inf
    for (y1, x1), (y2, x2) in zip(ring, ring[1:] + ring[:1]):
        dy, dx = y2 - y1, x2 - x1
        n = dx * dx + dy * dy
        t = 0.0 if n == 0 else max(0.0, min(1.0, ((lat - y1) * dy + (lon - x1) * dx) / n))
        best = min(best, math.hypot(y1 + t * dy - lat, x1 + t * dx - lon))
    return best


def in_part(part: dict, lat: float, lon: float) -> bool:
    return any(contains(r, lat, lon) for r in part.get("polygons", []))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    parts = tomllib.loads((ROOT / "data/geo/parts.toml").read_text())["part"]
    by_code = {p["code"]: p for p in parts}
    topo = json.loads(Path(sys.argv[1]).read_text())
    arcs = land_mask.decode_arcs(topo)
    countries: dict[str, list[list[tuple[float, float]]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        countries.setdefault(g["properties"]["name"], []).extend(
            land_mask.ring_points(p[0], arcs) for p in polys
        )

    failures: list[str] = []

    def polygon_at(country: str, lat: float, lon: float) -> list[tuple[float, float]]:
        for ring in countries[country]:
            if contains([[y, x] for x, y in ring], lat, lon):
                return ring
        raise SystemExit(f"no {country} polygon at {lat},{lon}")

    thrace = by_code["XX-TR-THRACE"]
    for what, lat, lon, want in [
        ("East Thrace", 41.5, 27.5, True),
        ("Gokceada", 40.17, 25.85, True),
        ("Anatolia", 39.0, 35.0, False),
        ("Bozcaada", 39.83, 26.05, False),
        ("Marmara Island", 40.62, 27.62, False),
        ("Avsa", 40.48, 27.62, False),
    ]:
        ring = polygon_at("Turkey", lat, lon)
        bad = [(y, x) for x, y in ring if x < 31.0 and in_part(thrace, y, x) != want]
        if bad:
            failures.append(f"{what}: {len(bad)} vertices on the wrong side, e.g. {bad[:3]}")

    north = by_code["XX-CY-NORTH"]
    for ring in countries["N. Cyprus"]:
        bad = [
            (y, x)
            for x, y in ring
            if not in_part(north, y, x) and min(distance(r, y, x) for r in north["polygons"]) > 1e-3
        ]
        if bad:
            failures.append(f"N. Cyprus: {len(bad)} vertices outside XX-CY-NORTH, e.g. {bad[:3]}")
    for ring in countries["Cyprus"]:
        bad = [
            (y, x)
            for x, y in ring
            if in_part(north, y, x) and min(distance(r, y, x) for r in north["polygons"]) > 3e-3
        ]
        if bad:
            failures.append(f"Cyprus: {len(bad)} vertices inside XX-CY-NORTH, e.g. {bad[:3]}")

    for name, lat, lon, parent, want in TOWNS:
        got = next((p["code"] for p in parts if p["parent"] == parent and in_part(p, lat, lon)), None)
        if got != want:
            failures.append(f"{name} ({lat}, {lon}): expected {want or 'the rest'}, got {got or 'the rest'}")

    for f in failures:
        print("FAIL", f)
    print(f"check_parts: {len(TOWNS)} towns and 8 Natural Earth polygons checked; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
