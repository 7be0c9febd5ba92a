"""The dyads job in plain pandas: the baseline of `cargo bench -p casus-export --bench dyads`.

Builds every COW directed dyad-year from data/states.toml (the same registry casus reads),
drops pairs that never share a day in a year (peacesciencer's false dyads), builds ATOP
directed dyad-years from a member-level file by casus's rule (shared days within a phase,
the obligations of state A's row, the phase in effect on the last shared day of the year),
left-joins them, and writes CSV and Parquet. Prints one JSON line: seconds, rows, flag sums.

A straightforward implementation, the way an analyst would write it: vectorised pandas
merges, no hand-tuning.
"""

import argparse
import json
import time
import tomllib

import pandas as pd

KINDS = ["defense", "offense", "neutral", "nonagg", "consul"]


def state_years(states_toml, first, last):
    with open(states_toml, "rb") as f:
        reg = tomllib.load(f)
    rows = []
    for s in reg["state"]:
        if "cow" not in s:
            continue
        for p in s.get("cow-system", []):
            start = pd.Timestamp(p["from"])
            end = pd.Timestamp(p["until"]) - pd.Timedelta(days=1) if "until" in p else pd.Timestamp(f"{last}-12-31")
            rows.append((s["cow"], start, end))
    per = pd.DataFrame(rows, columns=["ccode", "start", "end"])
    per["year"] = [list(range(max(a.year, first), min(b.year, last) + 1)) for a, b in zip(per.start, per.end)]
    sy = per.explode("year").dropna(subset=["year"])
    sy["year"] = sy["year"].astype(int)
    ys = pd.to_datetime(sy["year"].astype(str) + "-01-01")
    ye = pd.to_datetime(sy["year"].astype(str) + "-12-31")
    sy["first"] = sy["start"].where(sy["start"] > ys, ys)
    sy["last"] = sy["end"].where(sy["end"] < ye, ye)
    return sy[["ccode", "year", "first", "last"]]


def frame(sy):
    d = sy.merge(sy, on="year", suffixes=("1", "2"))
    d = d[(d.ccode1 != d.ccode2) & (d.first1 <= d.last2) & (d.first2 <= d.last1)]
    d = d[["ccode1", "ccode2", "year"]].drop_duplicates()
    return d.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)


def atop_date(y, m, d, end):
    m = m.fillna(0).astype(int)
    d = d.fillna(0).astype(int)
    m = m.where(m > 0, 12 if end else 1)
    first = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": 1}))
    if end:
        last = first + pd.offsets.MonthEnd(0)
        dd = first + pd.to_timedelta(d - 1, unit="D")
        return dd.where((d > 0) & (dd <= last), last)
    dd = first + pd.to_timedelta(d - 1, unit="D")
    return dd.where(d > 0, first)


def atop_ddy(path, cow_codes):
    m = pd.read_csv(path)
    last_year = int(max(m.yrent.max(), m.yrexit.max()))
    m = m[m.member.isin(cow_codes)].copy()
    m["entry"] = atop_date(m.yrent, m.moent, m.dayent, False)
    m["exit"] = atop_date(m.yrexit.where(m.yrexit > 0, last_year), m.moexit, m.dayexit, True)
    m.loc[m.yrexit == 0, "exit"] = pd.Timestamp(f"{last_year}-12-31")
    cols = ["atopid", "phase", "member", "entry", "exit", "obvary"] + KINDS
    p = m[cols].merge(m[["atopid", "phase", "member", "entry", "exit"]], on=["atopid", "phase"], suffixes=("1", "2"))
    p = p[p.member1 != p.member2]
    p["lo"] = p[["entry1", "entry2"]].max(axis=1)
    p["hi"] = p[["exit1", "exit2"]].min(axis=1)
    p = p[p.lo < p.hi]
    p["year"] = [list(range(a.year, b.year + 1)) for a, b in zip(p.lo, p.hi)]
    p = p.explode("year")
    p["year"] = p["year"].astype(int)
    ye = pd.to_datetime(p["year"].astype(str) + "-12-31")
    p["lastday"] = p["hi"].where(p["hi"] < ye, ye)
    p = p.sort_values(["member1", "member2", "year", "atopid", "lastday", "phase"])
    p = p.drop_duplicates(["member1", "member2", "year", "atopid"], keep="last")
    p = p.rename(columns={"member1": "ccode1", "member2": "ccode2"})
    out = p.groupby(["ccode1", "ccode2", "year"])[KINDS + ["obvary"]].max()
    for k in KINDS:
        ids = p[p[k] == 1].groupby(["ccode1", "ccode2", "year"])["atopid"].agg(
            lambda s: ";".join(str(x) for x in sorted(s)))
        out[k + "_ids"] = ids
    out = out.reset_index()
    out.columns = ["ccode1", "ccode2", "year"] + ["atop_" + c for c in out.columns[3:]]
    return out, last_year


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--states", required=True)
    ap.add_argument("--atop", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--parquet", required=True)
    ap.add_argument("--from", dest="first", type=int, default=1816)
    ap.add_argument("--to", dest="last", type=int, default=2024)
    a = ap.parse_args()
    t0 = time.perf_counter()
    sy = state_years(a.states, a.first, a.last)
    fr = frame(sy)
    atop, last_year = atop_ddy(a.atop, set(sy.ccode))
    d = fr.merge(atop, on=["ccode1", "ccode2", "year"], how="left")
    inside = d.year <= last_year
    for k in KINDS + ["obvary"]:
        c = "atop_" + k
        d[c] = d[c].where(~(inside & d[c].isna()), 0).astype("Int8")
    order = ["ccode1", "ccode2", "year"] + ["atop_" + k for k in KINDS] + ["atop_" + k + "_ids" for k in KINDS] + ["atop_obvary"]
    d = d[order]
    d.to_csv(a.csv, index=False)
    d.to_parquet(a.parquet, index=False)
    secs = time.perf_counter() - t0
    print(json.dumps({"seconds": secs, "rows": len(d), "flags": {k: int(d["atop_" + k].sum()) for k in KINDS}}))


if __name__ == "__main__":
    main()
