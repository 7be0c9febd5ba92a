//! Obligations from the bundled treaties: membership days, `owed-to` beneficiaries,
//! suspensions and strength, through the frame.

use casus_export::{Collapse, Dyads, Kind, Obligations, System, Unit, When};
use jiff::civil::date;

use crate::common::{dataset, Collect, Row};

fn rows(unit: Unit, from: i16, to: i16, collapse: Collapse) -> Vec<Row> {
    let ob = Obligations::bundled(dataset(), System::Cow, "test");
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Cow, unit)
        .years(from, to)
        .obligations(&ob)
        .collapse(collapse)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    sink.rows
}

fn find(rows: &[Row], a: u16, b: u16, when: When) -> &Row {
    rows.iter()
        .find(|r| r.code1 == a && r.code2 == b && r.when == when)
        .unwrap_or_else(|| panic!("no row {a} {b} {when:?}"))
}

#[test]
fn nato_and_rio_in_1950() {
    let r = rows(Unit::DirectedDyadYear, 1950, 1950, Collapse::Last);
    let usa_gbr = find(&r, 2, 200, When::Year(1950));
    assert!(usa_gbr.has(Kind::Defense) && usa_gbr.has(Kind::Consul));
    assert_eq!(usa_gbr.ids[0], "north-atlantic-treaty");
    assert_eq!(usa_gbr.strength.as_deref(), Some("as_deems_necessary"));
    // Rio binds its parties to every American State: Canada was not a party.
    let usa_can = find(&r, 2, 20, When::Year(1950));
    assert_eq!(usa_can.ids[0], "north-atlantic-treaty;rio-treaty");
    // The strongest of as_deems_necessary (NATO) and assist_no_compulsory_force (Rio).
    assert_eq!(usa_can.strength.as_deref(), Some("as_deems_necessary"));
    // Bundled flags are never null, and 0 for unallied pairs.
    let usa_chn = find(&r, 2, 710, When::Year(1950));
    assert_eq!(usa_chn.flags, Some(0));
    assert_eq!(usa_chn.strength, None);
}

#[test]
fn the_federal_republic_is_owed_defence_from_its_accession_day() {
    let r = rows(Unit::DirectedDyadDay, 1955, 1955, Collapse::Last);
    let before = find(&r, 2, 260, When::Day(date(1955, 5, 5)));
    let after = find(&r, 2, 260, When::Day(date(1955, 5, 6)));
    assert!(!before.ids[0].contains("north-atlantic-treaty"), "{before:?}");
    assert!(after.ids[0].contains("north-atlantic-treaty"), "{after:?}");
}

#[test]
fn the_anzus_suspension_ends_the_us_new_zealand_leg() {
    // Suspended from 1986-08-12: still owed on some day of 1986 (`any`), not on its last
    // shared day (`last`), and not at all from 1987.
    let last = rows(Unit::DirectedDyadYear, 1985, 1987, Collapse::Last);
    let any = rows(Unit::DirectedDyadYear, 1986, 1986, Collapse::Any);
    let anzus = |r: &Row| r.ids[0].split(';').any(|i| i == "anzus");
    assert!(anzus(find(&last, 2, 920, When::Year(1985))));
    assert!(!anzus(find(&last, 2, 920, When::Year(1986))));
    assert!(anzus(find(&any, 2, 920, When::Year(1986))));
    assert!(!anzus(find(&last, 2, 920, When::Year(1987))));
    assert!(anzus(find(&last, 2, 900, When::Year(1987))), "US-Australia goes on");
}

#[test]
fn proposals_make_no_legs() {
    let ob = Obligations::bundled(dataset(), System::Cow, "test");
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadYear)
        .years(2024, 2030)
        .obligations(&ob)
        .allied_only(true)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    // The years have allied rows (NATO and the rest), none from a proposal: the Ukraine
    // guarantee binds nobody unless assumed, so Ukraine is allied to no guarantor by it.
    assert!(sink.rows.len() > 1000, "{} rows", sink.rows.len());
    assert!(sink.rows.iter().all(|r| !r.ids.iter().any(|i| i.contains("proposal"))));
}

#[test]
fn coverage_counts_eras_of_conclusion_and_leaves_no_continent_unknown() {
    use casus_export::Coverage;
    let c = Coverage::of(dataset(), date(2026, 12, 6));
    // Issue #14: the Anglo-Portuguese alliance (1373) was counted in 1815-1913, and
    // instruments that never entered into force were counted in their era.
    assert!(c.by_era["before 1815"].contains(&"anglo-portuguese-alliance".to_owned()));
    assert!(c.never_in_force.contains(&"nato-edc-protocol-1952".to_owned()));
    assert!(c.never_in_force.contains(&"bjorko-treaty-1905".to_owned()));
    assert!(c.by_era.values().flatten().all(|t| !c.never_in_force.contains(t)));
    let counted: usize = c.by_era.values().map(Vec::len).sum::<usize>() + c.never_in_force.len();
    assert_eq!(counted, c.treaties);
    // Every party has a continent (a home region or the registry's continent).
    assert!(c.continent_unknown.is_empty(), "{:?}", c.continent_unknown);
    // A state with only a consultation commitment is told apart from one with none.
    assert!(c.without_defence.contains(&"UKR".to_owned()));
    assert!(c.with_other_commitment_only.contains(&"UKR".to_owned()));
    // Bhutan has none (its treaties with India carry no attack or consultation clause).
    assert!(c.without_defence.contains(&"BTN".to_owned()));
    assert!(!c.with_other_commitment_only.contains(&"BTN".to_owned()));
}

#[test]
fn coverage_tells_documented_gaps_from_states_not_yet_searched() {
    use casus_export::Coverage;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-commitments.toml");
    std::fs::write(
        &file,
        "[[no-commitment]]\nstate = \"BTN\"\nwhy = \"\"\"\nNo clause on attack.\n\"\"\"\n\
         sources = [\"a source\"]\n\n[[no-commitment]]\nstate = \"UKR\"\nwhy = \"x\"\n\
         sources = [\"s\"]\n",
    )
    .unwrap();
    let mut paths = casus_core::DataPaths::in_dir(crate::common::data_dir());
    paths.no_commitments = file;
    let checked = casus_core::load(&paths);
    assert!(checked.passed(), "{:?}", checked.diagnostics());
    let c = Coverage::of(checked.dataset(), date(2026, 12, 6));
    assert_eq!(c.none_in_sources.get("BTN").map(String::as_str), Some("No clause on attack."));
    assert!(!c.not_yet_searched.contains(&"BTN".to_owned()));
    // Ukraine has consultation commitments: listed under them, not as documented without any.
    assert!(c.with_other_commitment_only.contains(&"UKR".to_owned()));
    assert!(!c.none_in_sources.contains_key("UKR"));
    // Every state without a defence commitment is in exactly one of the three lists.
    let mut parts: Vec<&String> = c.with_other_commitment_only.iter().collect();
    parts.extend(c.none_in_sources.keys());
    parts.extend(c.not_yet_searched.iter());
    parts.sort();
    let mut all: Vec<&String> = c.without_defence.iter().collect();
    all.sort();
    assert_eq!(parts, all);
}
