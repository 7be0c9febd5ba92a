//! The Gleditsch–Ward frame against peacesciencer 1.2.9's `create_dyadyears(system = "gw")`
//! (reference/peacesciencer/gw_ddy.csv.gz): every directed dyad-year 1816–2024,
//! microstates included. The registry carries every G–W code of the G–W list with microstates
//! (crosswalk/states_pkg_gwstates.csv; see casus-core's registry test), including the G–W-only
//! states COW does not list (Great Colombia, the Central American federation, the Boer
//! republics, Tibet, Abkhazia, South Ossetia). peacesciencer extends ongoing states to the
//! current year; the registry writes them as open intervals, so generating to 2024 matches it.

use std::collections::BTreeSet;

use casus_export::{System, Unit};

use crate::common::{read_text, reference, year_keys, Key};

fn frame(from: i16, to: i16) -> Vec<Key> {
    year_keys(System::Gw, Unit::DirectedDyadYear, from, to)
}

/// The `(gwcode1, gwcode2, year)` keys of a peacesciencer G–W file, sorted.
fn keys(rel: &str, header: &str) -> Vec<Key> {
    let text = read_text(&reference(rel));
    let mut lines = text.lines();
    assert_eq!(lines.next().map(|h| h.trim_end_matches('\r')), Some(header));
    let mut out: Vec<Key> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut f = l.split(',');
            let mut n = || f.next().unwrap().trim_end_matches('\r');
            (n().parse().unwrap(), n().parse().unwrap(), n().parse().unwrap())
        })
        .collect();
    out.sort_unstable();
    let n = out.len();
    out.dedup();
    assert_eq!(out.len(), n, "duplicate keys in {rel}");
    out
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn gw_directed_dyad_years_match_peacesciencer() {
    let ours = frame(1816, 2024);
    let theirs =
        keys("peacesciencer/gw_ddy.csv.gz", "gwcode1,gwcode2,year,microstate1,microstate2");
    assert_eq!(theirs.len(), 2_599_466);
    if ours != theirs {
        let a: BTreeSet<_> = ours.iter().copied().collect();
        let b: BTreeSet<_> = theirs.iter().copied().collect();
        let only_ours: Vec<_> = a.difference(&b).take(20).collect();
        let only_theirs: Vec<_> = b.difference(&a).take(20).collect();
        panic!(
            "{} rows ours, {} peacesciencer's (same set: {}, {} only ours, {} only theirs); \
             only ours: {only_ours:?}; only theirs: {only_theirs:?}",
            ours.len(),
            theirs.len(),
            a == b,
            a.difference(&b).count(),
            b.difference(&a).count(),
        );
    }
    // Same rows in the same order (gwcode1, gwcode2, year).
    assert_eq!(ours.len(), 2_599_466);
    // The G–W-only states are in it: Transvaal (563) and the Orange Free State (564) in the
    // Second Boer War, Tibet (711) with China (710) and Great Colombia (99) with the US.
    for k in [(563, 200, 1899), (564, 563, 1900), (711, 710, 1950), (99, 2, 1825), (89, 99, 1830)] {
        assert!(ours.binary_search(&k).is_ok(), "{k:?}");
    }
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn gw_false_dyads_are_left_out() {
    // Pairs in the G–W system in the same year but never on the same day (peacesciencer's
    // false_gw_dyads): none may appear. Several involve G–W-only states, e.g. Great Colombia
    // (99, last day 1830-09-22) and Colombia (100, first day 1830-09-23).
    let false_dyads = keys(
        "peacesciencer/false_gw_dyads.csv",
        "gwcode1,gwcode2,year,microstate1,microstate2,in_ps",
    );
    assert_eq!(false_dyads.len(), 40);
    let ours: BTreeSet<_> = frame(1816, 2024).into_iter().collect();
    let found: Vec<_> = false_dyads.iter().filter(|k| ours.contains(k)).collect();
    assert!(found.is_empty(), "false dyads generated: {found:?}");
    assert!(false_dyads.binary_search(&(99, 100, 1830)).is_ok());
}
