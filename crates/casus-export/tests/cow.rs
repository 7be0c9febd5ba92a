//! The COW state-system frame against peacesciencer 1.2.9's `create_dyadyears()`
//! (../shared/reference/peacesciencer/cow_ddy.csv.gz): every directed dyad-year 1816–2024.
//! peacesciencer extends states ongoing at the end of the COW list (2016) to the current
//! year; the registry writes them as open intervals, so generating to 2024 matches it.

use casus_export::{Dyads, System, Unit};

use crate::common::{dataset, keyed_csv, read_text, reference, year_keys, Collect};

fn frame(unit: Unit, from: i16, to: i16) -> Vec<(u16, u16, i16)> {
    year_keys(System::Cow, unit, from, to)
}

#[test]
fn cow_directed_dyad_years_match_peacesciencer() {
    let ours = frame(Unit::DirectedDyadYear, 1816, 2024);
    let text = read_text(&reference("peacesciencer/cow_ddy.csv.gz"));
    let (header, theirs) = keyed_csv(&text);
    assert_eq!(header, ["ccode1", "ccode2", "year"]);
    assert_eq!(theirs.len(), 2_214_930);
    let theirs: Vec<(u16, u16, i16)> = theirs.into_keys().collect();
    if ours != theirs {
        let a: std::collections::BTreeSet<_> = ours.iter().copied().collect();
        let b: std::collections::BTreeSet<_> = theirs.iter().copied().collect();
        let only_ours: Vec<_> = a.difference(&b).take(20).collect();
        let only_theirs: Vec<_> = b.difference(&a).take(20).collect();
        panic!(
            "{} rows ours, {} peacesciencer's (same set: {}); only ours: {only_ours:?}; only \
             theirs: {only_theirs:?}",
            ours.len(),
            theirs.len(),
            a == b
        );
    }
    // Same rows in the same order (ccode1, ccode2, year).
    assert_eq!(ours.len(), 2_214_930);
}

#[test]
fn false_dyads_are_left_out() {
    // Pairs in the system in the same year but never on the same day (peacesciencer's
    // false_cow_dyads): none may appear.
    let text = read_text(&reference("peacesciencer/false_cow_dyads.csv"));
    let (_, false_dyads) = keyed_csv(&text);
    assert_eq!(false_dyads.len(), 60);
    let ours: std::collections::BTreeSet<_> =
        frame(Unit::DirectedDyadYear, 1816, 2024).into_iter().collect();
    let found: Vec<_> = false_dyads.keys().filter(|k| ours.contains(k)).collect();
    assert!(found.is_empty(), "false dyads generated: {found:?}");
    // Suriname (115) and the Republic of Vietnam (817) in 1975.
    assert!(false_dyads.contains_key(&(115, 817, 1975)));
}

#[test]
fn dyad_years_are_the_directed_ones_halved() {
    let directed = frame(Unit::DirectedDyadYear, 1900, 1950);
    let undirected = frame(Unit::DyadYear, 1900, 1950);
    assert!(undirected.iter().all(|(a, b, _)| a < b));
    let halved: Vec<_> = directed.into_iter().filter(|(a, b, _)| a < b).collect();
    assert_eq!(undirected, halved);
}

#[test]
fn directed_dyad_days_agree_with_the_years() {
    // 1975: RVN (817) leaves on 30 April, Suriname (115) enters on 25 November.
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadDay)
        .years(1975, 1975)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    let days = |a: u16, b: u16| sink.rows.iter().filter(|r| r.code1 == a && r.code2 == b).count();
    assert_eq!(days(2, 817), 120, "RVN, 1 January to 30 April");
    assert_eq!(days(115, 2), 37, "Suriname, 25 November to 31 December");
    assert_eq!(days(115, 817), 0);
    assert_eq!(days(2, 200), 365);
    let mut years: Vec<_> = sink.rows.iter().map(|r| (r.code1, r.code2, r.year())).collect();
    years.dedup();
    assert_eq!(years, frame(Unit::DirectedDyadYear, 1975, 1975));
}
