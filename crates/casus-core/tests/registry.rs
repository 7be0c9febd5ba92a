//! The registry on its own: codes by date, explanations of unresolvable codes, ISO codes today.
//! Its agreement with the COW and G–W lists is in the reference suite (reference/states.rs).

use crate::common::{dataset, date};
use casus_core::model::Interval;

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

/// A place's holder is written as an ISO code: `MNG` (Mongolia) before Mongolia existed is no
/// state, although Montenegro's COW abbreviation is also `MNG` (a point in Ulaanbaatar in 1896
/// was held by Montenegro until this was fixed). An event's code still falls back, as a user
/// typing a COW abbreviation means it.
#[test]
fn place_holders_do_not_fall_back_to_cow_abbreviations() {
    let reg = dataset().registry();
    let montenegro = reg.resolve("MNG", date("1896-01-01")).unwrap();
    assert_eq!(reg.get(montenegro).unwrap().cow(), Some(341));
    assert!(reg.resolve_place_holder("MNG", date("1896-01-01")).is_err());
    let mongolia = reg.resolve_place_holder("MNG", date("2000-01-01")).unwrap();
    assert_eq!(reg.get(mongolia).unwrap().cow(), Some(712));
    // a code that is no state's ISO code still resolves as a COW abbreviation
    assert!(reg.resolve_place_holder("AUH", date("1900-01-01")).is_ok());
}

#[test]
fn two_states_answering_to_one_code_on_the_same_days_are_reported() {
    use casus_core::diag::{Code, Diagnostics};
    use casus_core::model::Registry;
    use casus_core::source::SourceFile;
    let state = |id: &str, iso: &str, from: &str, until: &str| {
        format!(
            "[[state]]\nid = \"{id}\"\nname = \"{id}\"\niso3 = \"{iso}\"\n\
             exists = [ {{ from = {from}, until = {until} }} ]\nsource = \"s\"\n\n"
        )
    };
    let head = "[[source]]\nid = \"s\"\ncitation = \"test\"\n\n";
    // Overlapping existence: one code, two holders on 1950-1960.
    let text = format!(
        "{head}{}{}",
        state("AAA", "XAA", "1900-01-01", "1960-01-01"),
        state("BBB", "XAA", "1950-01-01", "1990-01-01")
    );
    let file = SourceFile::new("states.toml", text.clone());
    let mut diags = Diagnostics::default();
    let _ = Registry::load(&file, &mut diags);
    let clashes: Vec<_> = diags.iter().filter(|d| d.code() == Code::RegistryCodeClash).collect();
    assert_eq!(clashes.len(), 1, "{:?}", diags.iter().map(|d| d.message()).collect::<Vec<_>>());
    let d = clashes[0];
    assert_eq!(d.message(), "`BBB` and `AAA` both answer to `XAA` on the same days");
    let line = d.primary().map(|l| l.loc().position().line);
    let bbb_iso_line = text.lines().position(|l| l == "iso3 = \"XAA\"").map(|i| i + 1);
    assert!(line.is_some() && line > bbb_iso_line, "points at BBB's code: {line:?}");
    // Successive holders of one code (AAA until 1950, BBB from 1950) are not a clash.
    let text = format!(
        "{head}{}{}",
        state("AAA", "XAA", "1900-01-01", "1950-01-01"),
        state("BBB", "XAA", "1950-01-01", "1990-01-01")
    );
    let mut diags = Diagnostics::default();
    let _ = Registry::load(&SourceFile::new("states.toml", text), &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.iter().map(|d| d.message()).collect::<Vec<_>>());
}

#[test]
fn names_follow_the_period_and_fall_back_to_the_name() {
    let reg = dataset().registry();
    let id = |c: &str, d: &str| reg.resolve(c, date(d)).unwrap();
    let name = |c: &str, d: &str| reg.name_on(id(c, d), date(d));
    // The day a name changes belongs to the new name (periods are half-open).
    assert_eq!(name("SUN", "1922-12-29"), "Soviet Russia");
    assert_eq!(name("SUN", "1922-12-30"), "Soviet Union");
    assert_eq!(name("RUS", "1991-12-25"), "Soviet Union");
    assert_eq!(name("RUS", "1991-12-26"), "Russia");
    assert_eq!(name("YUG", "1918-11-30"), "Kingdom of Serbia");
    assert_eq!(name("YUG", "1918-12-01"), "Kingdom of Serbs, Croats and Slovenes");
    assert_eq!(name("IRN", "1935-03-20"), "Persia");
    assert_eq!(name("THA", "1946-01-01"), "Siam");
    assert_eq!(name("THA", "1950-01-01"), "Thailand");
    // No period: the registry's name.
    assert_eq!(name("FRA", "1914-08-03"), "France");
}

#[test]
fn registry_problems_are_all_reported_with_their_place() {
    use casus_core::diag::{Code, Diagnostics};
    use casus_core::model::Registry;
    use casus_core::source::SourceFile;
    let text = "[[source]]\nid = \"s\"\ncitation = \"test\"\n\n\
        [[state]]\nid = \"AAA\"\nname = \"A\"\ncontinent = \"eurpe\"\n\
        names = [ { name = \"Old A\", from = 1800-01-01, until = 1950-01-01, source = \"t\" } ]\n\
        exists = [ { from = 1900-01-01 } ]\nsource = \"src\"\n";
    let mut diags = Diagnostics::default();
    let _ = Registry::load(&SourceFile::new("states.toml", text), &mut diags);
    let got: Vec<(Code, String, usize)> = diags
        .sorted()
        .iter()
        .map(|d| {
            let line = d.primary().map_or(0, |l| l.loc().position().line);
            (d.code(), d.message().to_owned(), line)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Code::InvalidValue,
                "the name `Old A` is dated outside the state's existence".to_owned(),
                9
            ),
            (Code::UnknownSource, "unknown source `t`".to_owned(), 9),
            (Code::UnknownSource, "unknown source `src`".to_owned(), 11),
        ]
    );
}

#[test]
fn existence_beyond_the_cow_and_gw_periods_needs_its_own_source() {
    use casus_core::diag::{Code, Diagnostics};
    use casus_core::model::{Interval, Registry};
    use casus_core::source::SourceFile;
    use jiff::civil::date;
    // AAA: 1815 in a period of its own with a source (merged into one existence); BBB: 1815
    // with no source; CCC: a source the file lacks; DDD, in no list, rests on its own source.
    let text = "[[source]]\nid = \"s\"\ncitation = \"test\"\n\n\
        [[state]]\nid = \"AAA\"\nname = \"A\"\n\
        exists = [ { from = 1815-01-01, until = 1816-01-01, source = \"s\" }, { from = 1816-01-01 } ]\n\
        cow-system = [ { from = 1816-01-01 } ]\nsource = \"s\"\n\n\
        [[state]]\nid = \"BBB\"\nname = \"B\"\n\
        exists = [ { from = 1815-01-01 } ]\ncow-system = [ { from = 1816-01-01 } ]\nsource = \"s\"\n\n\
        [[state]]\nid = \"CCC\"\nname = \"C\"\n\
        exists = [ { from = 1815-01-01, until = 1816-01-01, source = \"vienna\" }, { from = 1816-01-01 } ]\n\
        gw = [ { code = 9, from = 1816-01-01 } ]\nsource = \"s\"\n\n\
        [[state]]\nid = \"DDD\"\nname = \"D\"\nexists = [ { from = 1929-06-07 } ]\nsource = \"s\"\n";
    let mut diags = Diagnostics::default();
    let reg = Registry::load(&SourceFile::new("states.toml", text), &mut diags);
    let got: Vec<(Code, String, usize)> = diags
        .sorted()
        .iter()
        .map(|d| {
            (d.code(), d.message().to_owned(), d.primary().map_or(0, |l| l.loc().position().line))
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Code::InvalidValue,
                "existence since 1815-01-01 goes beyond the state's COW and G-W periods without a source"
                    .to_owned(),
                15
            ),
            (Code::UnknownSource, "unknown source `vienna`".to_owned(), 22),
        ]
    );
    let a = reg.states().find(|(_, s)| s.id() == "AAA").map(|(_, s)| s.exists().to_vec());
    assert_eq!(a, Some(vec![Interval::new(date(1815, 1, 1), None)]));
}

#[test]
fn a_state_continent_must_be_a_continent_of_the_regions_table() {
    use crate::common::{data_dir, read};
    use casus_core::diag::Code;
    let states = "[[source]]\nid = \"s\"\ncitation = \"test\"\n\n\
        [[state]]\nid = \"AAA\"\nname = \"A\"\ncontinent = \"eurpe\"\n\
        exists = [ { from = 1900-01-01 } ]\nsource = \"s\"\n";
    let checked = casus_core::load_from_texts(states, &read(&data_dir().join("regions.toml")), &[]);
    // The regions table names states this one-state registry lacks; only states.toml's
    // diagnostics are about the continent.
    let got: Vec<(Code, &str, Option<&str>, usize)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.primary().is_some_and(|l| l.loc().file().path() == "states.toml"))
        .map(|d| {
            let line = d.primary().map_or(0, |l| l.loc().position().line);
            (d.code(), d.message(), d.help_text(), line)
        })
        .collect();
    assert_eq!(
        got,
        [(Code::InvalidValue, "unknown continent `eurpe`", Some("did you mean `europe`?"), 8)]
    );
}

#[test]
fn a_code_not_held_on_the_date_names_each_holder_once() {
    // Ukraine answers to UKR as its ISO code and as its COW abbreviation: the help named it
    // twice ("Ukraine (UKR): since 1991-12-01; Ukraine (UKR): since 1991-12-01").
    let reg = crate::common::dataset().registry();
    let err = reg.resolve("UKR", crate::common::date("1939-09-01")).unwrap_err();
    let casus_core::model::ResolveError::NotOnDate { holders: Some(text), .. } = err else {
        panic!("{err:?}");
    };
    assert_eq!(text.matches("Ukraine (UKR)").count(), 1, "{text}");
}
