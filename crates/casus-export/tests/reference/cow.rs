//! The COW state-system frame against peacesciencer 1.2.9's `create_dyadyears()`
//! (reference/peacesciencer/cow_ddy.csv.gz): every directed dyad-year 1816–2024.
//! peacesciencer extends states ongoing at the end of the COW list (2016) to the current
//! year; the registry writes them as open intervals, so generating to 2024 matches it.

use casus_export::{System, Unit};

use crate::common::{keyed_csv, read_text, reference, year_keys};

fn frame(unit: Unit, from: i16, to: i16) -> Vec<(u16, u16, i16)> {
    year_keys(System::Cow, unit, from, to)
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
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
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
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
