//! `casus coverage`'s comparison with ATOP 5.1's member file: every defence pact ATOP has in
//! force at the end of 2018 is carried by a treaty file, and the states either side gives a
//! defence commitment differ only where a treaty file says why.

use casus_export::{Coverage, Obligations, System};
use jiff::civil::date;

use crate::common::{dataset, reference};

/// States the data gives a defence commitment that ATOP does not, each with the reason.
const CASUS_ONLY: &[(&str, &str)] = &[
    ("FSM", "Compact of Free Association: the US defence obligation (Sec. 311); ATOP does not code the compacts"),
    ("MCO", "France-Monaco treaties of 1918 and 2002: France defends Monaco's independence and territory (Art 1); ATOP codes no France-Monaco alliance"),
    ("MHL", "Compact of Free Association (Sec. 311); not in ATOP"),
    ("NZL", "ANZUS: the US suspended its obligations to New Zealand in 1986, but Australia and New Zealand still owe each other Art IV (anzus.toml)"),
    ("PLW", "Compact of Free Association (Sec. 312); not in ATOP"),
];

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn every_atop_defence_pact_of_2018_is_curated() {
    let ds = dataset();
    let atop =
        Obligations::from_atop_file(&reference("atop/atop5_1m.csv"), ds.registry(), System::Cow)
            .unwrap();
    let bundled = Obligations::bundled(ds, System::Cow, "");
    let c = Coverage::of(ds, date(2026, 12, 6));
    let a = c.compare_with_atop(ds, &atop, &bundled);
    assert_eq!(a.day, date(2018, 12, 31), "ATOP 5.1 ends with 2018");
    assert_eq!(a.atop_defence_pacts.len(), 48);
    assert_eq!(a.missing, Vec::<u32>::new(), "ATOP defence pacts with no treaty file");
    assert_eq!(a.states_atop_only, Vec::<String>::new());
    let mut expected: Vec<&str> = CASUS_ONLY.iter().map(|(c, _)| *c).collect();
    expected.sort_unstable();
    let mut got: Vec<&str> = a.states_casus_only.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, expected);
}
