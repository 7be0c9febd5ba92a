//! The COW frame on its own: dyad-years are the directed ones halved, dyad-days agree with
//! the years. Its agreement with peacesciencer is in the reference suite.

use casus_export::{Dyads, System, Unit};

use crate::common::{dataset, year_keys, Collect};

fn frame(unit: Unit, from: i16, to: i16) -> Vec<(u16, u16, i16)> {
    year_keys(System::Cow, unit, from, to)
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
