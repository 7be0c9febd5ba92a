//! The registry against ../shared/reference/cow/states2016.csv: every COW state with the same
//! ccode, abbreviation and system-membership dates.

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
