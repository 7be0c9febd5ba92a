//! `casus compare` (issue #16): instruments side by side and the attacks on which they differ;
//! `--format markdown` for `check` and `compare`. Snapshots on the fixture data; assertions on
//! the live data.

use crate::common::{casus, json};

/// The fixture data of the snapshots (see `cli.rs`).
const FIXTURE: &str = "crates/casus-cli/tests/fixtures/data";

/// The counterexamples of the first pair of a `compare --format json`.
fn counterexamples(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["pairs"][0]["counterexamples"].as_array().unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn compare_nato_and_the_eu_text() {
    let r = casus(&[
        "compare",
        "--data",
        FIXTURE,
        "north-atlantic-treaty",
        "teu-42-7",
        "--date",
        "2026-01-01",
        "--max",
        "3",
        "--window-years",
        "3",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn compare_nato_and_the_coalition_commitment_markdown() {
    let r = casus(&[
        "compare",
        "--data",
        FIXTURE,
        "north-atlantic-treaty",
        "ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment",
        "--date",
        "2027-01-01",
        "--window-years",
        "2",
        "--format",
        "markdown",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn check_the_reassurance_force_markdown() {
    let r = casus(&[
        "check",
        "--data",
        FIXTURE,
        "--aggressor",
        "RUS",
        "--victim",
        "UKR",
        "--date",
        "2027-01-01",
        "--assume-in-force",
        "ukraine-guarantee-proposal-2025:paris-2026-01-mnf-ukraine",
        "--format",
        "markdown",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

/// On the live data: NATO binds no one when Russia attacks Ukraine and the coalition's
/// commitment binds France; NATO binds when Russia attacks a member and the commitment does
/// not. Both are among the five shown.
#[test]
fn compare_finds_both_directions_on_the_live_data() {
    let v = json(&[
        "compare",
        "north-atlantic-treaty",
        "ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment",
        "--date",
        "2027-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(v["hypothetical"], true);
    let shown = counterexamples(&v);
    assert!(shown.len() <= 5);
    let ukraine = shown
        .iter()
        .find(|c| c["victim"]["code"] == "UKR")
        .unwrap_or_else(|| panic!("no counterexample with victim UKR: {shown:#?}"));
    assert!(strings(&ukraine["a"]["bound"]).is_empty());
    assert!(strings(&ukraine["b"]["bound"]).contains(&"FRA"));
    assert_eq!(ukraine["a"]["why"]["code"], "victim-not-covered");
    let member = shown
        .iter()
        .find(|c| c["victim"]["code"] != "UKR" && !strings(&c["a"]["bound"]).is_empty())
        .unwrap_or_else(|| panic!("no counterexample with a NATO member: {shown:#?}"));
    assert!(strings(&member["b"]["bound"]).is_empty());
    assert!(!strings(&member["only_a"]).is_empty());
    let search = &v["search"];
    assert_eq!(search["cut_off"], false);
    assert_eq!(search["dates"][0], "2027-01-01");
    assert!(strings(&search["aggressors"]).contains(&"RUS"));
}

/// A proposal named without a variant is every variant of the version in effect; each
/// variant's profile says which version it belongs to, and what it says; a search that is
/// cut off says so.
#[test]
fn compare_expands_a_proposal_and_says_when_the_search_is_cut_off() {
    let v = json(&[
        "compare",
        "--data",
        FIXTURE,
        "ukraine-guarantee-proposal-2025",
        "--date",
        "2026-02-01",
        "--max-attacks",
        "50",
        "--format",
        "json",
    ]);
    let keys: Vec<&str> =
        v["items"].as_array().unwrap().iter().map(|p| p["key"].as_str().unwrap()).collect();
    assert!(keys.len() >= 2, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("ukraine-guarantee-proposal-2025:paris-2026-01")));
    for p in v["items"].as_array().unwrap() {
        assert_eq!(p["hypothetical"], true);
        assert_eq!(p["version_in_effect"]["id"], "paris-2026-01");
        assert!(p["on_the_table"].is_null());
        assert!(!p["sources"].as_array().unwrap().is_empty());
    }
    assert_eq!(v["search"]["cut_off"], true);
    assert_eq!(v["search"]["evaluated"], 50);
}

#[test]
fn compare_rejects_unknown_items() {
    let r = casus(&["compare", "--data", FIXTURE, "north-atlantic-treatie", "teu-42-7:nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("north-atlantic-treaty"), "{}", r.stderr);
    assert!(r.stderr.contains("has no variant `nope`"), "{}", r.stderr);
}
