#!/usr/bin/env python3
"""Generate data/states.toml, the casus state registry (docs/format.md, section 1).

Usage (from the repository root):

    python3 tools/registry/gen_states.py --reference ../shared/reference > data/states.toml
    python3 tools/registry/gen_states.py --reference ../shared/reference --out data/states.toml

Inputs: the COW state system list v2016 (cow/states2016.csv), the Gleditsch-Ward list with
microstates (crosswalk/states_pkg_gwstates.csv), the countrycode crosswalk
(crosswalk/countrycode_crosswalk_core.csv) and the curated overrides in
tools/registry/curated.toml. Python 3.11+, standard library only.

The registry holds every COW state (keyed by ccode), every G-W state without a COW state of its
own (`gw-state` in curated.toml, keyed by G-W code) and a few states in neither list
(`other-state`, keyed by id, with their own sourced `exists` periods).

The generated text is checked before it is written: it is parsed back with tomllib, every COW
row must be reproduced, `exists` must cover every COW and GW period, every GW row must be
accounted for, and no two states that exist on the same day may answer to the same code
(iso3/codes, and cow-abb/id). Any failure aborts with exit status 1 and writes nothing.
Counts and review notes go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

Date = dt.date
OPEN = None  # an interval end of None is open
COW_END_OF_COVERAGE = Date(2016, 12, 31)
GW_ONGOING = Date(9999, 12, 31)
DAY = dt.timedelta(days=1)
AMERICAS = range(2, 166)  # COW ccodes 2..165 are the states of the Americas

SOURCES = [
    {
        "id": "cow-2016",
        "citation": 'Correlates of War Project. 2017. "State System Membership List, v2016."',
        "url": "https://correlatesofwar.org/data-sets/state-system-membership/",
    },
    {
        "id": "gw",
        "citation": 'Gleditsch, Kristian S. & Michael D. Ward. 1999. "A Revised List of Independent '
        'States since the Congress of Vienna." International Interactions 25(4): 393-413.',
        "url": "http://ksgleditsch.com/statelist.html",
    },
    {
        "id": "iso-3166",
        "citation": "ISO 3166-1: Codes for the representation of names of countries and their "
        "subdivisions - Part 1: Country code. International Organization for Standardization.",
        "url": "https://www.iso.org/iso-3166-country-codes.html",
    },
]


class Fail(Exception):
    pass


# ---------------------------------------------------------------------------------- intervals

def overlaps(a: tuple, b: tuple) -> bool:
    """Half-open intervals (from, until-or-None) share at least one day."""
    a0, a1 = a
    b0, b1 = b
    return (a1 is OPEN or b0 < a1) and (b1 is OPEN or a0 < b1)


def intersect(a: tuple, b: tuple):
    lo = max(a[0], b[0])
    if a[1] is OPEN:
        hi = b[1]
    elif b[1] is OPEN:
        hi = a[1]
    else:
        hi = min(a[1], b[1])
    if hi is not OPEN and hi <= lo:
        return None
    return (lo, hi)


def merge(intervals: list[tuple]) -> list[tuple]:
    """Union of half-open intervals; ones that overlap or touch are merged."""
    out: list[list] = []
    for lo, hi in sorted(intervals, key=lambda iv: iv[0]):
        if out and (out[-1][1] is OPEN or lo <= out[-1][1]):
            if out[-1][1] is not OPEN and (hi is OPEN or hi > out[-1][1]):
                out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [tuple(iv) for iv in out]


def covers(outer: list[tuple], inner: tuple) -> bool:
    return any(
        o[0] <= inner[0] and (o[1] is OPEN or (inner[1] is not OPEN and inner[1] <= o[1]))
        for o in outer
    )


# ---------------------------------------------------------------------------------- reading

def read_csv(path: Path) -> list[dict]:
    # keep_default_na does not exist in csv: every field is a string, "NA" (Namibia) stays "NA"
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_cow(ref: Path) -> list[dict]:
    rows = []
    for r in read_csv(ref / "cow" / "states2016.csv"):
        start = Date(int(r["styear"]), int(r["stmonth"]), int(r["stday"]))
        end = Date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"]))
        until = OPEN if end == COW_END_OF_COVERAGE else end + DAY  # COW end dates are inclusive
        rows.append(dict(ccode=int(r["ccode"]), abb=r["stateabb"], name=r["statenme"],
                         start=start, end=end, iv=(start, until)))
    return rows


def read_gw(ref: Path) -> list[dict]:
    rows = []
    for r in read_csv(ref / "crosswalk" / "states_pkg_gwstates.csv"):
        start = Date.fromisoformat(r["start"])
        end = Date.fromisoformat(r["end"])
        until = OPEN if end == GW_ONGOING else end + DAY  # GW end dates are inclusive
        rows.append(dict(code=int(r["gwcode"]), abb=r["gwc"], name=r["country_name"],
                         micro=r["microstate"] == "1", iv=(start, until)))
    return rows


def read_crosswalk(ref: Path) -> dict[int, dict]:
    by_cown: dict[int, dict] = {}
    for r in read_csv(ref / "crosswalk" / "countrycode_crosswalk_core.csv"):
        if not r["cown"]:
            continue
        c = int(r["cown"])
        if c in by_cown:
            raise Fail(f"crosswalk: cown {c} twice ({by_cown[c]['country.name.en']}, {r['country.name.en']})")
        by_cown[c] = r
    return by_cown


# ---------------------------------------------------------------------------------- building

def build(ref: Path, curated: dict, sources: set[str], warn) -> list[dict]:
    cow_rows = read_cow(ref)
    gw_rows = read_gw(ref)
    xwalk = read_crosswalk(ref)
    cur_cow = {int(k): v for k, v in curated.get("cow", {}).items()}
    cur_gw_state = {int(k): v for k, v in curated.get("gw-state", {}).items()}
    gw_skip = set(curated.get("gw-skip", []))
    gw_map = defaultdict(list)
    for rule in curated.get("gw-map", []):
        gw_map[rule["gw"]].append((rule["cow"], (rule.get("from", Date.min), rule.get("until", OPEN))))

    states: dict[int, dict] = {}  # keyed by COW ccode, or GW code for GW-only states
    for r in cow_rows:
        s = states.get(r["ccode"])
        if s is None:
            s = states[r["ccode"]] = dict(
                key=r["ccode"], id=r["abb"], name=r["name"], cow=r["ccode"], cow_abb=r["abb"],
                cow_system=[], gw=[], aliases=[], codes=[], iso3=None, iso2=None,
                source="cow-2016", note=None)
        if s["cow_abb"] != r["abb"]:
            raise Fail(f"COW {r['ccode']}: two abbreviations {s['cow_abb']} / {r['abb']}")
        s["cow_system"].append(r["iv"])
    for code, c in cur_gw_state.items():
        if code in states:
            raise Fail(f"gw-state {code} clashes with COW ccode {code}")
        unknown = set(c) - {"id", "name", "aliases", "iso3", "iso2", "codes", "note"} - PLACE_KEYS
        if unknown:
            raise Fail(f"curated gw-state.{code}: unknown keys {sorted(unknown)}")
        states[code] = dict(key=code, id=c["id"], name=c["name"], cow=None, cow_abb=None,
                            cow_system=[], gw=[], aliases=[], codes=[], iso3=None, iso2=None,
                            source="gw", note=c.get("note"), cur=c)

    # GW periods -> states
    gw_skipped = []
    gw_names: dict[int, list[str]] = defaultdict(list)
    for r in gw_rows:
        code = r["code"]
        if code in gw_map:
            pieces = []
            for target, window in gw_map[code]:
                piece = intersect(r["iv"], window)
                if piece:
                    pieces.append((target, piece))
            if not pieces:
                raise Fail(f"GW {code} {r['iv']}: no gw-map rule covers it")
            if merge([p for _, p in pieces]) != [r["iv"]]:
                raise Fail(f"GW {code} {r['iv']}: gw-map rules do not cover the whole period")
        elif code in states:
            pieces = [(code, r["iv"])]
        elif code in gw_skip:
            gw_skipped.append(r)
            continue
        else:
            raise Fail(f"GW {code} {r['abb']} {r['name']}: no COW state with this code, "
                       "no gw-map rule, not in gw-skip and not a gw-state")
        for target, piece in pieces:
            if target not in states:
                raise Fail(f"gw-map: GW {code} -> unknown state {target}")
            states[target]["gw"].append((code, piece))
            if target == code:
                gw_names[target].append(r["name"])
            elif states[target]["name"] != r["name"]:
                warn(f"review: GW {code} {r['name']} {fmt_iv(piece)} -> {target} {states[target]['name']}")

    # a GW period should overlap the COW state it is given to, or at least have its name;
    # list those that do not for review
    for s in states.values():
        for code, iv in s["gw"]:
            if s["cow_system"] and not any(overlaps(iv, c) for c in s["cow_system"]):
                warn(f"review: GW {code} {fmt_iv(iv)} does not overlap COW {s['cow']} {s['name']}'s membership")

    # exists, names, codes
    for s in states.values():
        listed = merge(s["cow_system"] + [iv for _, iv in s["gw"]])
        cur = cur_cow.get(s["cow"], {}) if s["cow"] is not None else s.get("cur", {})
        if s["cow"] is None:  # a gw-state: id and name are set already
            cur = {k: v for k, v in cur.items() if k not in ("id", "name")}
        unknown = (set(cur) - {"name", "aliases", "iso3", "iso2", "codes", "note",
                               "unlisted-existence"} - PLACE_KEYS)
        if unknown:
            raise Fail(f"curated cow.{s['cow']}: unknown keys {sorted(unknown)}")
        s["exists_source"] = unlisted_existence(cur, listed, sources, f"cow.{s['cow']}")
        s["exists"] = sorted(listed + list(s["exists_source"]))
        s["today"] = s["exists"][-1][1] is OPEN
        if "name" in cur:
            s["aliases"].append(s["name"])
            s["name"] = cur["name"]
        x = xwalk.get(s["cow"]) if s["cow"] is not None else None
        if s["today"] and x is not None:
            s["iso3"] = x["iso3c"] or None
            s["iso2"] = x["iso2c"] or None
            s["aliases"].append(x["country.name.en"])
        s["aliases"] += gw_names.get(s["key"], [])
        s["aliases"] += cur.get("aliases", [])
        s["iso3"] = cur.get("iso3", s["iso3"])
        s["iso2"] = cur.get("iso2", s["iso2"])
        s["codes"] = list(cur.get("codes", []))
        s["note"] = cur.get("note", s["note"])
        seen = {s["name"]}
        s["aliases"] = [a for a in s["aliases"] if not (a in seen or seen.add(a))]
        place(s, cur, f"{s['id']}")
        # COW ccodes and G-W codes 2..165 are both the Americas
        s["american"] = s["key"] in AMERICAS
        if s["today"] and s["iso3"] is None:
            warn(f"review: {s['id']} {s['name']} exists today but has no ISO 3166-1 code")

    for k in cur_cow:
        if k not in states:
            raise Fail(f"curated cow.{k}: no such COW state")
    for r in gw_skipped:
        warn(f"left out: GW {r['code']} {r['name']} {fmt_iv(r['iv'])} (gw-skip)")
    return [states[k] for k in sorted(states)] + other_states(curated, sources)


def other_states(curated: dict, sources: set[str]) -> list[dict]:
    """States in neither the COW nor the G-W list, each with its own sourced existence."""
    out = []
    for sid, c in sorted(curated.get("other-state", {}).items()):
        unknown = (set(c) - {"name", "aliases", "iso3", "iso2", "codes", "exists", "source", "note"}
                   - PLACE_KEYS)
        if unknown:
            raise Fail(f"curated other-state.{sid}: unknown keys {sorted(unknown)}")
        for k in ("name", "exists", "source", "note"):
            if k not in c:
                raise Fail(f"curated other-state.{sid}: `{k}` is required")
        if c["source"] not in sources:
            raise Fail(f"curated other-state.{sid}: unknown source {c['source']!r}")
        exists = [(p["from"], p.get("until", OPEN)) for p in c["exists"]]
        if merge(exists) != exists:
            raise Fail(f"curated other-state.{sid}: exists must be sorted, disjoint and not touching")
        iso2 = c.get("iso2")
        aliases = [a for a in c.get("aliases", []) if a != c["name"]]
        out.append(dict(key=sid, id=sid, name=c["name"], cow=None, cow_abb=None, cow_system=[],
                        gw=[], aliases=aliases, codes=list(c.get("codes", [])),
                        iso3=c.get("iso3"), iso2=iso2, home=iso2, american=False,
                        exists=exists, today=exists[-1][1] is OPEN, source=c["source"],
                        note=c["note"]))
        place(out[-1], c, sid)
    return out


PLACE_KEYS = {"home", "continent", "names"}


def unlisted_existence(cur: dict, listed: list[tuple], sources: set[str], who: str) -> dict:
    """Periods of existence that neither COW nor G-W lists (the registry before 1816, for the
    states of the alliances of 1815), each with its own source: {interval: source}."""
    out = {}
    for p in cur.get("unlisted-existence", []):
        if set(p) - {"from", "until", "source"} or "source" not in p:
            raise Fail(f"curated {who}: unlisted-existence takes from, until and source")
        if p["source"] not in sources:
            raise Fail(f"curated {who}: unknown source {p['source']!r}")
        iv = (p["from"], p.get("until", OPEN))
        if any(overlaps(iv, x) for x in listed + list(out)):
            raise Fail(f"curated {who}: unlisted-existence {fmt_iv(iv)} overlaps another period")
        out[iv] = p["source"]
    return out


def place(s: dict, cur: dict, who: str) -> None:
    """Home region, continent and names by period from the curated table."""
    s["continent"] = cur.get("continent")
    s["home"] = cur.get("home", None if s["continent"] else s["iso2"])
    s["names"] = [(n["name"], (n["from"], n.get("until", OPEN)), n.get("source"))
                  for n in cur.get("names", [])]
    for name, iv, _ in s["names"]:
        if not covers(merge(s["exists"]), iv):
            raise Fail(f"curated {who}: the name {name!r} is dated outside the state's existence")


# ---------------------------------------------------------------------------------- checks

def check_codes(states: list[dict]) -> list[str]:
    """No two states that exist on the same day may answer to the same code.

    Tier 1 is iso3 + codes, tier 2 is cow-abb + id (only used when tier 1 has no match), as in
    the resolution rule of docs/format.md. Returns the tier-1/tier-2 shadowings for review."""
    ids = defaultdict(list)
    for s in states:
        ids[s["id"]].append(s)
    dup = [k for k, v in ids.items() if len(v) > 1]
    if dup:
        raise Fail(f"duplicate ids: {dup}")

    def tier1(s):
        return {c for c in [s["iso3"], *s["codes"]] if c}

    def tier2(s):
        return {c for c in [s["cow_abb"], s["id"]] if c}

    errors, shadows = [], []
    for i, a in enumerate(states):
        for b in states[i + 1:]:
            days = [intersect(x, y) for x in a["exists"] for y in b["exists"]]
            days = [d for d in days if d]
            if not days:
                continue
            when = fmt_iv(days[0])
            for kind, fa, fb in (("iso3/codes", tier1, tier1), ("cow-abb/id", tier2, tier2),
                                 ("iso2", lambda s: {s["iso2"]} - {None}, lambda s: {s["iso2"]} - {None})):
                for c in sorted(fa(a) & fb(b)):
                    errors.append(f"registry-code-clash: {kind} {c}: {a['id']} and {b['id']} both exist on {when}")
            for x, y in ((a, b), (b, a)):
                for c in sorted(tier2(x) & tier1(y)):
                    shadows.append(f"{c}: {x['id']}'s cow-abb/id is {y['id']}'s iso3/code while both exist ({when}); {c} resolves to {y['id']}")
    if errors:
        raise Fail("\n".join(errors))
    return shadows


def verify(text: str, cow_rows: list[dict], gw_rows: list[dict], gw_skip: set[int]) -> dict:
    doc = tomllib.loads(text)
    st = doc["state"]
    by_cow = {s["cow"]: s for s in st if "cow" in s}
    if len(by_cow) != len({r["ccode"] for r in cow_rows}):
        raise Fail(f"{len(by_cow)} COW states written, {len({r['ccode'] for r in cow_rows})} in the list")

    def iv(t):
        return (t["from"], t.get("until"))

    seen = defaultdict(int)
    for r in cow_rows:
        s = by_cow.get(r["ccode"])
        if s is None or s["cow-abb"] != r["abb"] or s["id"] != r["abb"]:
            raise Fail(f"COW row {r['ccode']} {r['abb']} not reproduced")
        want = (r["start"], None if r["end"] == COW_END_OF_COVERAGE else r["end"] + DAY)
        if want not in [iv(t) for t in s["cow-system"]]:
            raise Fail(f"COW row {r['ccode']} {r['abb']} {r['start']}..{r['end']} not reproduced")
        seen[r["ccode"]] += 1
    for s in by_cow.values():
        if len(s["cow-system"]) != seen[s["cow"]]:
            raise Fail(f"COW {s['cow']}: extra cow-system periods")
    gw_written = [(g["code"], iv(g)) for s in st for g in s.get("gw", [])]
    for s in st:
        ex = [iv(t) for t in s["exists"]]
        # The listed periods are merged; a period beyond the lists keeps its own (with its
        # source), so it may touch them but not overlap.
        plain = [iv(t) for t in s["exists"] if "source" not in t]
        if merge(plain) != plain or any(overlaps(a, b) for a, b in zip(ex, ex[1:])) or sorted(ex) != ex:
            raise Fail(f"{s['id']}: exists not merged, sorted and disjoint")
        for t in s.get("cow-system", []) + s.get("gw", []):
            if not covers(merge(ex), iv(t)):
                raise Fail(f"{s['id']}: exists does not cover {t}")
    n_gw_rows = 0
    for r in gw_rows:
        if r["code"] in gw_skip:
            continue
        n_gw_rows += 1
        pieces = [p for c, p in gw_written if c == r["code"] and intersect(p, r["iv"])]
        if merge(pieces) != [r["iv"]]:
            raise Fail(f"GW row {r['code']} {r['iv']} not reproduced")
    return dict(
        states=len(st),
        cow_states=len(by_cow),
        cow_rows=sum(seen.values()),
        gw_only=sum(1 for s in st if "cow" not in s and "gw" in s),
        neither=sum(1 for s in st if "cow" not in s and "gw" not in s),
        gw_rows=n_gw_rows,
        gw_periods=len(gw_written),
        gw_skipped=sum(1 for r in gw_rows if r["code"] in gw_skip),
        existing_today=sum(1 for s in st if "until" not in s["exists"][-1]),
        with_iso3=sum(1 for s in st if "iso3" in s),
        with_iso2=sum(1 for s in st if "iso2" in s),
        american=sum(1 for s in st if s.get("american")),
    )


# ---------------------------------------------------------------------------------- writing

def fmt_iv(iv) -> str:
    return f"{iv[0]}..{'' if iv[1] is OPEN else iv[1]}"


def q(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{out}"'


def tbl(iv, code=None) -> str:
    parts = [] if code is None else [f"code = {code}"]
    parts.append(f"from = {iv[0].isoformat()}")
    if iv[1] is not OPEN:
        parts.append(f"until = {iv[1].isoformat()}")
    return "{ " + ", ".join(parts) + " }"


def ivlist(items) -> str:
    if not items:
        return "[]"
    if len(items) == 1:
        return f"[ {items[0]} ]"
    return "[\n" + "".join(f"  {x},\n" for x in items) + "]"


def render(states: list[dict], sources: list[dict]) -> str:
    out = [
        "# casus state registry (docs/format.md, section 1).",
        "#",
        "# GENERATED FILE - do not edit by hand. Generated by tools/registry/gen_states.py from the",
        "# Correlates of War state system list v2016, the Gleditsch-Ward list of independent states",
        "# (with microstates), the countrycode crosswalk (ISO codes of states existing today) and the",
        "# curated overrides in tools/registry/curated.toml. To change it, edit curated.toml (or the",
        "# script) and regenerate from the repository root:",
        "#",
        "#   python3 tools/registry/gen_states.py --reference ../shared/reference > data/states.toml",
        "#",
        "# One [[state]] per COW ccode, ordered by ccode (G-W-only states by their G-W code), then",
        "# the states in neither list (other-state in curated.toml), by id.",
        "# Intervals are half-open: `until` is the first day a period no longer applies; COW and",
        "# G-W end dates (inclusive) are written as the next day, and COW's end of coverage",
        "# (2016-12-31) and G-W's 'ongoing' as open intervals.",
        "",
    ]
    for src in sources:
        out += ["[[source]]", f"id = {q(src['id'])}", f"citation = {q(src['citation'])}"]
        out += [f"url = {q(src['url'])}"] if "url" in src else []
        out.append("")
    for s in states:
        out.append("[[state]]")
        out.append(f"id = {q(s['id'])}")
        out.append(f"name = {q(s['name'])}")
        if s["aliases"]:
            out.append("aliases = [" + ", ".join(q(a) for a in s["aliases"]) + "]")
        if s["iso3"]:
            out.append(f"iso3 = {q(s['iso3'])}")
        if s["iso2"]:
            out.append(f"iso2 = {q(s['iso2'])}")
        if s["codes"]:
            out.append("codes = [" + ", ".join(q(c) for c in s["codes"]) + "]")
        if s["cow"] is not None:
            out.append(f"cow = {s['cow']}")
            out.append(f"cow-abb = {q(s['cow_abb'])}")
        if s["home"]:
            out.append(f"home = {q(s['home'])}")
        if s.get("continent"):
            out.append(f"continent = {q(s['continent'])}")
        if s.get("names"):
            out.append("names = [")
            for name, iv, src in s["names"]:
                t = tbl(iv)[:-2] + (f", source = {q(src)} }}" if src else " }")
                out.append(f"  {{ name = {q(name)}, " + t[2:] + ",")
            out.append("]")
        if s["american"]:
            out.append("american = true")
        src = s.get("exists_source", {})
        out.append("exists = " + ivlist([
            tbl(iv)[:-2] + f", source = {q(src[iv])} }}" if iv in src else tbl(iv)
            for iv in s["exists"]]))
        if s["cow_system"]:
            out.append("cow-system = " + ivlist([tbl(iv) for iv in s["cow_system"]]))
        if s["gw"]:
            out.append("gw = " + ivlist([tbl(iv, code) for code, iv in s["gw"]]))
        out.append(f"source = {q(s['source'])}")
        if s["note"]:
            out.append(f"note = {q(s['note'])}")
        out.append("")
    return "\n".join(out)


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", required=True, type=Path,
                    help="the reference data directory (holds cow/ and crosswalk/)")
    ap.add_argument("--curated", type=Path, default=here / "curated.toml")
    ap.add_argument("--out", type=Path, help="write here instead of stdout")
    ap.add_argument("-q", "--quiet", action="store_true", help="no review notes on stderr")
    args = ap.parse_args()

    notes: list[str] = []
    try:
        with open(args.curated, "rb") as f:
            curated = tomllib.load(f)
        sources = SOURCES + curated.get("source", [])
        ids = [s["id"] for s in sources]
        if len(set(ids)) != len(ids):
            raise Fail(f"duplicate source ids: {ids}")
        states = build(args.reference, curated, set(ids), notes.append)
        for s in states:
            if s["source"] not in ids:
                raise Fail(f"{s['id']}: unknown source {s['source']!r}")
        shadows = check_codes(states)
        text = render(states, sources)
        counts = verify(text, read_cow(args.reference), read_gw(args.reference),
                        set(curated.get("gw-skip", [])))
    except Fail as e:
        print(f"gen_states: FAILED\n{e}", file=sys.stderr)
        return 1

    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if not args.quiet:
        for n in notes:
            print(n, file=sys.stderr)
        for s in shadows:
            print("shadowed:", s, file=sys.stderr)
    print("gen_states: ok: " + ", ".join(f"{k}={v}" for k, v in counts.items())
          + f", shadowed={len(shadows)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
