//! Decisions on the bundled data: the core issue's must-show scenarios, asserted with reasons.

use casus_core::eval::Decision;
use casus_core::{evaluate, EventBuilder};

use crate::common::{dataset, date};

fn decide(aggressor: &str, victim: &str, day: &str, assume: &[(&str, Option<&str>)]) -> Decision {
    let mut b = EventBuilder::new(aggressor, victim, date(day));
    for (t, v) in assume {
        b.assume_in_force(t, *v);
    }
    evaluate(dataset(), &b.build(dataset()).unwrap())
}

#[test]
fn a_victim_left_to_the_place_is_its_sovereign_on_the_date() {
    let mut b = EventBuilder::new("RUS", "", date("2026-01-01"));
    b.region("PT-20").victim_from_place();
    let d = evaluate(dataset(), &b.build(dataset()).unwrap());
    assert_eq!(&*d.event().victim.code, "PRT");
    assert!(
        d.notes()[0].starts_with("no victim given: taken as the sovereign of"),
        "{:?}",
        d.notes()
    );
    assert!(d.triggered().iter().any(|f| &*f.treaty == "north-atlantic-treaty"));
    // History: Okinawa in 1960 is Japan's, administered by the US; the note says both.
    let mut b = EventBuilder::new("CHN", "", date("1960-06-01"));
    b.region("JP-47").victim_from_place();
    let d = evaluate(dataset(), &b.build(dataset()).unwrap());
    assert_eq!(&*d.event().victim.code, "JPN");
    assert!(d.notes()[0].contains("administered by USA"), "{:?}", d.notes());
    // Without a place there is nothing to take it from.
    let mut b = EventBuilder::new("RUS", "", date("2026-01-01"));
    b.victim_from_place();
    let e = b.build(dataset()).unwrap_err();
    assert_eq!(e.to_string(), "no victim given, and no place is given to take it from");
    assert_eq!(e.hint().as_deref(), Some("give the victim"));
}

#[test]
fn a_finding_cites_what_it_rests_on_not_every_source_of_its_treaty() {
    let d = decide("RUS", "EST", "2026-01-01", &[]);
    let nato = d.triggered().iter().find(|f| &*f.treaty == "north-atlantic-treaty").unwrap();
    let ids: Vec<&str> = nato.sources.iter().map(|s| s.id.as_str()).collect();
    // The text (Art 5), the membership list (Estonia's accession), nothing unrelated.
    assert!(ids.contains(&"nato-text") && ids.contains(&"nato-members"), "{ids:?}");
    let all = dataset().treaty("north-atlantic-treaty").unwrap().sources().len();
    assert!(ids.len() < all, "{} of {all}", ids.len());
    // In file order, as the JSON gives them.
    let json = serde_json::to_value(&nato.sources).unwrap();
    let listed: Vec<&str> =
        json.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(listed, ids);
}

#[test]
fn russia_attacks_estonia_in_2026() {
    let d = decide("RUS", "EST", "2026-01-01", &[]);
    let nato = d
        .triggered()
        .iter()
        .find(|f| *f.treaty == *"north-atlantic-treaty")
        .expect("NATO triggered");
    let bound: Vec<&str> = nato.obligated().iter().map(|s| s.code.as_ref()).collect();
    assert_eq!(bound.len(), 31);
    assert!(!bound.contains(&"EST") && !bound.contains(&"RUS"));
    assert!(bound.contains(&"USA") && bound.contains(&"SWE") && bound.contains(&"DEU"));
    assert!(nato.obligations.iter().all(|o| o.strength.as_str() == "as_deems_necessary"));
    let art5 = &nato.obligations[0];
    assert_eq!(art5.article(), "5");
    assert!(art5.operative_text().contains("such action as it deems necessary"));
    assert!(art5
        .reasons
        .iter()
        .any(|r| r.code.as_str() == "victim-covered" && r.text.contains("since 2004-03-29")));
    assert!(art5
        .reasons
        .iter()
        .any(|r| r.code.as_str() == "place-in-scope" && r.text.contains("Art 6")));
    let eu = d.triggered().iter().find(|f| *f.treaty == *"teu-42-7").expect("TEU 42(7) triggered");
    assert_eq!(eu.obligated().len(), 26);
    assert!(
        eu.obligations[0].caveats.iter().any(|c| c.contains("IRL")),
        "neutral members' reservation"
    );
    // Art 4 consultation arises too, as another duty.
    assert!(d
        .other_duties()
        .iter()
        .any(|x| *x.treaty == *"north-atlantic-treaty" && x.finding.article() == "4"));
    assert!(!d.is_hypothetical());
}

#[test]
fn the_day_before_estonia_joined_nato_is_not_triggered() {
    let d = decide("RUS", "EST", "2004-03-28", &[]);
    assert!(d.triggered().iter().all(|f| &*f.treaty != "north-atlantic-treaty"));
    let nato = d.not_triggered().iter().find(|f| *f.treaty == *"north-atlantic-treaty").unwrap();
    let why = &nato.obligations.iter().find(|o| o.article() == "5").unwrap().reasons;
    assert!(
        why.iter().any(|r| r.code.as_str() == "victim-not-covered"
            && r.text.contains("EST was not a party on 2004-03-28")),
        "{why:?}"
    );
    // And the day it joined, it is.
    let d = decide("RUS", "EST", "2004-03-29", &[]);
    assert!(d.triggered().iter().any(|f| *f.treaty == *"north-atlantic-treaty"));
}

#[test]
fn the_ukraine_guarantee_is_only_hypothetical() {
    let d = decide("RUS", "UKR", "2027-01-01", &[]);
    let p =
        d.not_triggered().iter().find(|f| *f.treaty == *"ukraine-guarantee-proposal-2025").unwrap();
    assert!(p
        .reasons
        .iter()
        .any(|r| r.code.as_str() == "not-in-force" && r.text.contains("proposal")));
    assert!(
        d.triggered().is_empty(),
        "{:?}",
        d.triggered().iter().map(|f| &f.treaty).collect::<Vec<_>>()
    );

    let d = decide("RUS", "UKR", "2027-01-01", &[("ukraine-guarantee-proposal-2025", None)]);
    assert!(d.is_hypothetical());
    // One finding per variant of the version in effect (the Paris Declaration's, in 2027); a
    // variant that is only a political assurance binds no one to assist and is not triggered.
    let proposal = dataset().treaty("ukraine-guarantee-proposal-2025").unwrap();
    let on_the_table: Vec<&str> =
        proposal.variants_on(date("2027-01-01")).iter().map(|v| v.id()).collect();
    let all: Vec<&str> = d
        .triggered()
        .iter()
        .chain(d.indeterminate())
        .chain(d.not_triggered())
        .filter(|f| *f.treaty == *"ukraine-guarantee-proposal-2025")
        .filter_map(|f| f.variant.as_ref().map(|v| v.id.as_str()))
        .collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    let mut expected = on_the_table.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "one finding per variant of the version in effect");
    let found: Vec<_> = d
        .triggered()
        .iter()
        .chain(d.indeterminate())
        .filter(|f| *f.treaty == *"ukraine-guarantee-proposal-2025")
        .collect();
    assert!(found.len() + 1 >= on_the_table.len(), "{}", found.len());
    for f in &found {
        assert!(f.hypothetical);
        let v = f.variant.as_ref().expect("variant named");
        assert!(!v.form.is_empty());
        assert!(f
            .reasons
            .iter()
            .any(|r| r.code.as_str() == "assumed-in-force" && r.text.starts_with("HYPOTHETICAL")));
    }
    let ground = d
        .triggered()
        .iter()
        .find(|f| f.variant.as_ref().is_some_and(|v| v.id == "paris-2026-01-coalition-commitment"))
        .unwrap();
    let bound: Vec<&str> = ground.obligated().iter().map(|s| s.code.as_ref()).collect();
    assert!(bound.contains(&"FRA") && bound.contains(&"GBR"), "{bound:?}");

    // An explicit ceasefire fact that says there is none: the guarantee is not activated.
    let mut b = EventBuilder::new("RUS", "UKR", date("2027-01-01"));
    b.assume_in_force(
        "ukraine-guarantee-proposal-2025",
        Some("paris-2026-01-coalition-commitment"),
    );
    b.fact(casus_core::model::Fact::CeasefireInForce, false);
    let d = evaluate(dataset(), &b.build(dataset()).unwrap());
    let nt =
        d.not_triggered().iter().find(|f| *f.treaty == *"ukraine-guarantee-proposal-2025").unwrap();
    assert!(nt
        .obligations
        .iter()
        .flat_map(|o| &o.reasons)
        .any(|r| r.code.as_str() == "condition-failed"));
}

#[test]
fn an_unknown_fact_leaves_a_treaty_undecided_and_says_why() {
    // China-DPRK Art II needs a state of war; unstated, the decision is undecided.
    let d = decide("USA", "PRK", "2025-06-01", &[]);
    let f = d.indeterminate().iter().find(|f| *f.treaty == *"china-dprk-1961").expect("undecided");
    assert!(f.obligations[0]
        .missing
        .iter()
        .any(|m| m.starts_with("bound if state-of-war is true")));
    let mut b = EventBuilder::new("USA", "PRK", date("2025-06-01"));
    b.fact(casus_core::model::Fact::StateOfWar, true);
    let d = evaluate(dataset(), &b.build(dataset()).unwrap());
    let f = d
        .triggered()
        .iter()
        .find(|f| *f.treaty == *"china-dprk-1961")
        .expect("triggered with the fact");
    assert_eq!(f.obligated().iter().map(|s| s.code.as_ref()).collect::<Vec<_>>(), vec!["CHN"]);
}

#[test]
fn asymmetric_treaties_are_directed() {
    // US-Japan: an attack on Honolulu binds no one under the treaty.
    let mut b = EventBuilder::new("CHN", "USA", date("2025-06-01"));
    b.region("US-HI");
    let d = evaluate(dataset(), &b.build(dataset()).unwrap());
    assert!(d.triggered().iter().all(|f| &*f.treaty != "us-japan-1960"));
    assert!(
        d.triggered().iter().all(|f| &*f.treaty != "north-atlantic-treaty"),
        "Hawaii is outside Art 6"
    );
    // An attack on Japan binds the US.
    let d = decide("CHN", "JPN", "2025-06-01", &[]);
    let f = d.triggered().iter().find(|f| *f.treaty == *"us-japan-1960").unwrap();
    assert_eq!(f.obligated().iter().map(|s| s.code.as_ref()).collect::<Vec<_>>(), vec!["USA"]);
}

#[test]
fn a_non_state_attacker_is_named_and_covered_where_the_text_allows() {
    let d = decide("NSA:al-Qaeda", "USA", "2001-09-11", &[]);
    assert_eq!(&*d.event().aggressor.code, "NSA:al-Qaeda");
    let nato = d.triggered().iter().find(|f| *f.treaty == *"north-atlantic-treaty").unwrap();
    assert_eq!(nato.obligated().len(), 18, "the 18 other Allies of 2001");
}

#[test]
fn event_errors_are_clear() {
    let ds = dataset();
    let e = EventBuilder::new("RUS", "ESTT", date("2026-01-01")).build(ds).unwrap_err();
    assert_eq!(e.to_string(), "victim: unknown state `ESTT`");
    let e = EventBuilder::new("RUS", "RUS", date("2026-01-01")).build(ds).unwrap_err();
    assert!(e.to_string().contains("same state"));
    let mut b = EventBuilder::new("RUS", "UKR", date("2026-01-01"));
    b.assume_in_force("ukraine-guarantee-proposal", None);
    let e = b.build(ds).unwrap_err();
    let help = miette::Diagnostic::help(&e).unwrap().to_string();
    assert_eq!(help, "did you mean `ukraine-guarantee-proposal-2025`?");
    let mut b = EventBuilder::new("RUS", "UKR", date("2026-01-01"));
    b.point(91.0, 0.0, None);
    assert!(b.build(ds).unwrap_err().to_string().starts_with("invalid coordinates"));
}

/// A reservation applies on its dates: Finland and Sweden carried TEU 42(7)'s neutrality
/// caveat until they joined NATO (4 April 2023, 7 March 2024).
#[test]
fn dated_reservations_apply_only_on_their_dates() {
    let qualified = |day: &str| -> Vec<String> {
        let d = decide("RUS", "EST", day, &[]);
        let f = d.triggered().iter().find(|f| &*f.treaty == "teu-42-7").unwrap();
        let caveats: Vec<String> =
            f.obligations.iter().flat_map(|o| o.caveats.iter().map(|c| c.to_string())).collect();
        ["FIN", "SWE", "IRL"]
            .into_iter()
            .filter(|s| {
                caveats.iter().any(|c| c.contains(&format!("{s}:")) || c.contains(&format!("{s},")))
            })
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(qualified("2020-01-01"), ["FIN", "SWE", "IRL"]);
    assert_eq!(qualified("2023-06-01"), ["SWE", "IRL"]);
    assert_eq!(qualified("2025-01-01"), ["IRL"]);
}

#[test]
fn states_are_named_as_on_the_day_of_the_attack() {
    // Issue #14: the Kingdom of Serbia was printed as "Yugoslavia" in 1914 and the USSR as
    // "Russia" in 1939 and 1970.
    let name = |d: &Decision| d.event().victim.name.to_string();
    let agg = |d: &Decision| d.event().aggressor.name.to_string();
    assert_eq!(name(&decide("AUH", "SRB", "1914-07-28", &[])), "Kingdom of Serbia");
    assert_eq!(name(&decide("AUH", "SRB", "1915-10-07", &[])), "Kingdom of Serbia");
    assert_eq!(name(&decide("DEU", "YUG", "1941-04-06", &[])), "Yugoslavia");
    assert_eq!(name(&decide("RUS", "SRB", "2026-01-01", &[])), "Serbia");
    assert_eq!(agg(&decide("SUN", "POL", "1939-09-17", &[])), "Soviet Union");
    assert_eq!(agg(&decide("RUS", "CHN", "1970-01-01", &[])), "Soviet Union");
    assert_eq!(agg(&decide("RUS", "UKR", "2022-02-24", &[])), "Russia");
    assert_eq!(agg(&decide("DEU", "FRA", "1914-08-03", &[])), "German Empire");
    assert_eq!(name(&decide("RUS", "TUR", "1914-11-02", &[])), "Ottoman Empire");
    // The JSON carries the same name.
    let json = serde_json::to_value(decide("AUH", "SRB", "1914-07-28", &[])).unwrap();
    assert_eq!(json["event"]["victim"]["name"], "Kingdom of Serbia");
}
