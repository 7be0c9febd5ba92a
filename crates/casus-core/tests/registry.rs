//! The registry against ../shared/reference/cow/states2016.csv (every COW state with the same
//! ccode, abbreviation and system-membership dates) and against the Gleditsch–Ward list with
//! microstates, ../shared/reference/crosswalk/states_pkg_gwstates.csv (every G–W code with the
//! same days).

use std::collections::BTreeMap;

use casus_core::model::Interval;
use jiff::civil::Date;

use crate::common::{dataset, date, read, shared};

#[test]
fn registry_matches_cow_state_system_2016() {
    let csv = read(&shared().join("reference/cow/states2016.csv"));
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
fn registry_matches_gleditsch_ward_list() {
    // gwcode,gwc,country_name,start,end,microstate; `end` is inclusive, 9999-12-31 is ongoing.
    let csv = read(&shared().join("reference/crosswalk/states_pkg_gwstates.csv"));
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

#[test]
fn states_in_neither_list() {
    // The Vatican and Palestine are neither COW system members nor G-W states; each has its
    // own sourced existence (tools/registry/curated.toml).
    type Entry<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [Interval]);
    let reg = dataset().registry();
    let mut neither: Vec<Entry<'_>> = reg
        .states()
        .filter(|(_, s)| s.cow().is_none() && s.gw().is_empty())
        .map(|(_, s)| (s.id(), s.iso3(), s.iso2(), s.exists()))
        .collect();
    neither.sort_by_key(|n| n.0);
    let open = |d: &str| vec![Interval::new(date(d), None)];
    assert_eq!(
        neither,
        [
            ("PSE", Some("PSE"), Some("PS"), &open("2012-11-29")[..]),
            ("VAT", Some("VAT"), Some("VA"), &open("1929-06-07")[..]),
        ]
    );
    let code = |c: &str, d: &str| reg.get(reg.resolve(c, date(d)).unwrap()).unwrap().id();
    assert_eq!(code("PSE", "2012-11-29"), "PSE", "UNGA resolution 67/19");
    assert!(reg.resolve("PSE", date("2012-11-28")).is_err());
    assert_eq!(code("VAT", "1929-06-07"), "VAT", "Lateran Treaty in force");
    assert!(reg.resolve("VAT", date("1929-06-06")).is_err());
}

#[test]
fn codes_resolve_by_date() {
    let reg = dataset().registry();
    let cow =
        |code: &str, d: &str| reg.get(reg.resolve(code, date(d)).unwrap()).unwrap().cow().unwrap();
    assert_eq!(cow("DEU", "1914-08-02"), 255, "German Empire");
    assert_eq!(cow("DEU", "1953-09-01"), 260, "Federal Republic");
    assert_eq!(cow("DEU", "2026-01-01"), 255, "Germany");
    assert_eq!(cow("SUN", "1970-05-01"), 365);
    assert_eq!(cow("AUH", "1914-07-29"), 300);
    assert_eq!(cow("GMY", "1914-08-02"), 255);
    assert_eq!(cow("UKG", "1939-09-01"), 200);
    assert_eq!(cow("FRN", "1950-01-01"), 220);
    assert_eq!(cow("gbr", "2020-01-01"), 200, "case-insensitive");
    // ISO codes win over COW abbreviations: AUS is Australia, not COW's Austria.
    assert_eq!(cow("AUS", "2020-01-01"), 900);
    assert_eq!(cow("AUT", "2020-01-01"), 305);
}

#[test]
fn unresolvable_codes_explain_themselves() {
    let reg = dataset().registry();
    let e = reg.resolve("DEU", date("1947-06-01")).unwrap_err().to_string();
    assert_eq!(e, "no state held `DEU` on 1947-06-01");
    let e = reg.resolve("FRQ", date("1950-01-01")).unwrap_err();
    let help = match e {
        casus_core::model::ResolveError::Unknown { suggestion, .. } => suggestion.unwrap(),
        other => panic!("{other:?}"),
    };
    assert!(help.starts_with("did you mean `FR"), "{help}");
}

#[test]
fn states_today_have_iso_codes() {
    let reg = dataset().registry();
    let today = date("2026-01-01");
    let missing: Vec<&str> = reg
        .on(today)
        .into_iter()
        .filter_map(|id| reg.get(id))
        .filter(|s| s.iso3().is_none())
        .map(|s| s.id())
        .collect();
    // Kosovo and the two G–W-only Caucasian entities have no ISO 3166-1 code.
    assert_eq!(missing, vec!["ABK", "KOS", "SOT"]);
}
