//! The registry against ATOP's and peacesciencer's state lists: COW v2016
//! (reference/cow/states2016.csv: every COW state with the same ccode, abbreviation and
//! system-membership dates) and the Gleditsch–Ward list with microstates
//! (reference/crosswalk/states_pkg_gwstates.csv: every G–W code with the same days).

use std::collections::BTreeMap;

use casus_core::model::Interval;
use jiff::civil::Date;

use crate::common::{dataset, date, read, reference};

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn registry_matches_cow_state_system_2016() {
    let csv = read(&reference("cow/states2016.csv"));
    let reg = dataset().registry();
    // ccode -> (abb, periods) from COW, with COW's inclusive end turned into our exclusive
    // `until`, and the end of coverage (2016-12-31) into an open interval.
    let mut cow: BTreeMap<u16, (String, Vec<Interval>)> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        let n = |i: usize| -> i16 { f[i].parse().unwrap() };
        let start = Date::new(n(3), n(4) as i8, n(5) as i8).unwrap();
        let end = Date::new(n(6), n(7) as i8, n(8) as i8).unwrap();
        let until = if end == date("2016-12-31") { None } else { Some(end.tomorrow().unwrap()) };
        let e = cow.entry(f[1].parse().unwrap()).or_insert_with(|| (f[0].to_owned(), Vec::new()));
        e.1.push(Interval::new(start, until));
    }
    assert_eq!(cow.len(), 217);
    let mut ours: BTreeMap<u16, (String, Vec<Interval>)> = BTreeMap::new();
    for (_, s) in reg.states() {
        if let Some(c) = s.cow() {
            let prev =
                ours.insert(c, (s.cow_abb().unwrap_or("").to_owned(), s.cow_system().to_vec()));
            assert!(prev.is_none(), "ccode {c} twice in the registry");
        }
    }
    let mut diffs = Vec::new();
    for (ccode, want) in &cow {
        match ours.get(ccode) {
            None => diffs.push(format!("{ccode} missing")),
            Some(got) if got != want => diffs.push(format!("{ccode}: ours {got:?}, COW {want:?}")),
            Some(_) => {}
        }
    }
    for ccode in ours.keys().filter(|c| !cow.contains_key(c)) {
        diffs.push(format!("{ccode} not in COW"));
    }
    assert!(diffs.is_empty(), "registry differs from COW v2016:\n{}", diffs.join("\n"));
}

/// Sorted half-open intervals with overlapping or touching ones merged.
fn merged(mut v: Vec<Interval>) -> Vec<Interval> {
    v.sort_by_key(|i| (i.from(), i.until().is_none(), i.until()));
    let mut out: Vec<Interval> = Vec::new();
    for i in v {
        if let Some(last) = out.last_mut() {
            if last.until().is_none_or(|u| i.from() <= u) {
                let until = match (last.until(), i.until()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                *last = Interval::new(last.from(), until);
                continue;
            }
        }
        out.push(i);
    }
    out
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn registry_matches_gleditsch_ward_list() {
    // gwcode,gwc,country_name,start,end,microstate; `end` is inclusive, 9999-12-31 is ongoing.
    let csv = read(&reference("crosswalk/states_pkg_gwstates.csv"));
    let mut gw: BTreeMap<u16, Vec<Interval>> = BTreeMap::new();
    let mut rows = 0;
    for line in csv.lines().skip(1).filter(|l| !l.is_empty()) {
        // some country names are quoted and hold commas: read the code from the left and the
        // dates from the right
        let line = line.trim_end_matches('\r');
        let code: u16 = line.split(',').next().unwrap().parse().unwrap();
        let f: Vec<&str> = line.rsplitn(4, ',').collect(); // microstate, end, start, rest
        let end = date(f[1]);
        let until = if end == date("9999-12-31") { None } else { Some(end.tomorrow().unwrap()) };
        gw.entry(code).or_default().push(Interval::new(date(f[2]), until));
        rows += 1;
    }
    assert_eq!((rows, gw.len()), (239, 225), "G-W list rows and codes");
    // Our G-W periods by code, over all states: a code may be split between states (260 is
    // the FRG until 1990-10-03 and Germany, COW 255, after it; 678 is the YAR and then
    // Yemen, COW 679), so the pieces are merged before comparing.
    let reg = dataset().registry();
    let mut ours: BTreeMap<u16, Vec<Interval>> = BTreeMap::new();
    for (_, s) in reg.states() {
        for p in s.gw() {
            ours.entry(p.code).or_default().push(p.interval);
        }
    }
    let ours: BTreeMap<u16, Vec<Interval>> =
        ours.into_iter().map(|(c, v)| (c, merged(v))).collect();
    let mut diffs = Vec::new();
    for (code, want) in &gw {
        let want = merged(want.clone());
        match ours.get(code) {
            None => diffs.push(format!("G-W {code} missing")),
            Some(got) if *got != want => {
                diffs.push(format!("G-W {code}: ours {got:?}, G-W {want:?}"))
            }
            Some(_) => {}
        }
    }
    for code in ours.keys().filter(|c| !gw.contains_key(c)) {
        diffs.push(format!("G-W {code} not in the G-W list"));
    }
    assert!(diffs.is_empty(), "registry differs from the G-W list:\n{}", diffs.join("\n"));

    // The states G-W lists and COW does not have no COW ccode, and only their G-W code.
    let mut gw_only: Vec<(u16, &str)> = reg
        .states()
        .filter(|(_, s)| s.cow().is_none() && !s.gw().is_empty())
        .map(|(_, s)| {
            assert!(s.cow_system().is_empty() && s.cow_abb().is_none(), "{}", s.id());
            assert!(s.gw().iter().all(|p| p.code == s.gw()[0].code), "{}", s.id());
            assert_eq!(s.exists(), merged(s.gw().iter().map(|p| p.interval).collect()));
            (s.gw()[0].code, s.id())
        })
        .collect();
    gw_only.sort_unstable();
    assert_eq!(
        gw_only,
        [
            (89, "UPC"),
            (99, "GCL"),
            (396, "ABK"),
            (397, "SOT"),
            (563, "TRA"),
            (564, "OFS"),
            (711, "TBT")
        ]
    );
}
