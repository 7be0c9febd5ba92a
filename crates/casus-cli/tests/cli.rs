//! CLI tests: the binary as a user runs it. Outputs are insta snapshots, read in review.

use crate::common::{casus, codes, json, repo};

/// A small data directory for the snapshots: the 48 instruments the memos were written
/// against (links to the bundled files), so that a new treaty file elsewhere changes no
/// snapshot; the bundled data is tested by assertions and the casebook.
const FIXTURE: &str = "crates/casus-cli/tests/fixtures/data";

#[test]
fn check_russia_estonia_2026_json() {
    let d = json(&[
        "check",
        "--aggressor",
        "RUS",
        "--victim",
        "EST",
        "--date",
        "2026-01-01",
        "--format",
        "json",
    ]);
    let triggered: Vec<&str> =
        d["triggered"].as_array().unwrap().iter().map(|f| f["treaty"].as_str().unwrap()).collect();
    assert_eq!(triggered, vec!["north-atlantic-treaty", "teu-42-7"]);
    let art5 = &d["triggered"][0]["obligations"][0];
    assert_eq!(art5["strength"], "as_deems_necessary");
    assert_eq!(art5["article"], "5");
    let bound = codes(&art5["obligated"]);
    assert_eq!(bound.len(), 31);
    assert!(!bound.contains(&"EST".to_owned()));
    assert_eq!(d["hypothetical"], false);
}

#[test]
fn check_russia_estonia_2026_memo() {
    let r = casus(&[
        "check",
        "--data",
        FIXTURE,
        "--aggressor",
        "RUS",
        "--victim",
        "EST",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn check_the_day_before_estonia_joined() {
    let d = json(&[
        "check",
        "--aggressor",
        "RUS",
        "--victim",
        "EST",
        "--date",
        "2004-03-28",
        "--format",
        "json",
    ]);
    let nt = d["not_triggered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["treaty"] == "north-atlantic-treaty")
        .unwrap();
    let reasons = serde_json::to_string(&nt["obligations"]).unwrap();
    assert!(reasons.contains("EST was not a party on 2004-03-28"), "{reasons}");
}

#[test]
fn check_the_ukraine_proposal() {
    let args = [
        "check",
        "--data",
        FIXTURE,
        "--aggressor",
        "RUS",
        "--victim",
        "UKR",
        "--date",
        "2027-01-01",
    ];
    let r = casus(&args);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("TRIGGERED (0)"), "{}", r.stdout);
    assert!(r.stdout.contains("a proposal, not in force"));
    let mut with = args.to_vec();
    with.extend(["--assume-in-force", "ukraine-guarantee-proposal-2025"]);
    let r = casus(&with);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn check_at_a_point_classifies_it() {
    // Honolulu: outside NATO Art 6, inside ANZUS.
    let d = json(&[
        "check",
        "--aggressor",
        "CHN",
        "--victim",
        "USA",
        "--date",
        "2025-06-01",
        "--at",
        "21.31,-157.86",
        "--format",
        "json",
    ]);
    let triggered: Vec<&str> =
        d["triggered"].as_array().unwrap().iter().map(|f| f["treaty"].as_str().unwrap()).collect();
    assert!(!triggered.contains(&"north-atlantic-treaty"));
    assert!(triggered.contains(&"anzus"), "{triggered:?}");
    assert_eq!(d["event"]["place_facts"]["regions"][0], "US-HI");
}

#[test]
fn check_without_a_victim_takes_the_sovereign_of_the_point() {
    // Honolulu again, the victim left to the point; the decision says so.
    let d = json(&[
        "check",
        "--aggressor",
        "CHN",
        "--date",
        "2025-06-01",
        "--at",
        "21.31,-157.86",
        "--format",
        "json",
    ]);
    assert_eq!(d["event"]["victim"]["code"], "USA");
    assert!(
        d["notes"][0].as_str().unwrap().starts_with("no victim given: taken as the sovereign of"),
        "{}",
        d["notes"]
    );
    let triggered: Vec<&str> =
        d["triggered"].as_array().unwrap().iter().map(|f| f["treaty"].as_str().unwrap()).collect();
    assert!(triggered.contains(&"anzus"), "{triggered:?}");
    // A region names its sovereign too: the Azores are Portugal's, inside NATO's area.
    let d = json(&[
        "check",
        "--aggressor",
        "RUS",
        "--date",
        "2026-01-01",
        "--region",
        "PT-20",
        "--format",
        "json",
    ]);
    assert_eq!(d["event"]["victim"]["code"], "PRT");
    // At sea there is no sovereign: a clear error asking for the victim.
    let r = casus(&["check", "--aggressor", "RUS", "--date", "2026-01-01", "--at", "35,20"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("no victim given, and") && r.stderr.contains("is at sea"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: give the victim"), "{}", r.stderr);
    // Neither victim nor place: the check says what is missing, as the help does.
    let r = casus(&["check", "--aggressor", "RUS"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("the victim is missing"), "{}", r.stderr);
    assert!(r.stderr.contains("or a place"), "{}", r.stderr);
}

#[test]
fn bad_input_gets_a_clear_error() {
    let r = casus(&["check", "--aggressor", "RUS", "--victim", "ESTT", "--error-format", "plain"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
    // Each bad argument, added to a good check, gives exit 2 and a message naming the problem.
    let cases: [(&[&str], &str); 3] = [
        (&["--at", "95,10"], "invalid coordinates `95,10`"),
        (&["--date", "2026-13-01"], "invalid date `2026-13-01`"),
        (&["--fact", "provocked=true"], "did you mean `provoked`?"),
    ];
    for (extra, message) in cases {
        let mut args =
            vec!["check", "--aggressor", "RUS", "--victim", "EST", "--error-format", "plain"];
        args.extend_from_slice(extra);
        let r = casus(&args);
        assert_eq!(r.code, 2, "{extra:?}");
        assert!(r.stderr.contains(message), "{extra:?}: {}", r.stderr);
    }
    let r = casus(&["treaty", "nato", "--error-format", "plain"]);
    assert_eq!(r.code, 2);
}

#[test]
fn validate_reports_nothing_on_the_bundled_data() {
    let r = casus(&["validate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
}

#[test]
fn validate_reports_every_mistake_in_a_bad_directory() {
    let r = casus(&["validate", "crates/casus-core/tests/invalid", "--error-format", "json"]);
    assert_eq!(r.code, 2);
    // The one error shape, and nothing after it.
    let body: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    let diags = &body["errors"];
    let n = diags.as_array().unwrap().len();
    assert!(n >= 20, "{n} diagnostics");
    for d in diags.as_array().unwrap() {
        assert!(d["location"]["line"].as_u64().unwrap() >= 1, "{d}");
        assert!(d["code"].as_str().is_some());
    }
}

#[test]
fn treaty_and_states_commands() {
    let t = json(&["treaty", "north-atlantic-treaty", "--date", "2023-04-05", "--format", "json"]);
    let parties = t["parties_on_date"].as_array().unwrap();
    assert_eq!(parties.len(), 31, "Finland in, Sweden not yet");
    let s = json(&["states", "--date", "1914-08-02", "--format", "json"]);
    let all = s["states"].as_array().unwrap();
    let deu = all.iter().find(|x| x["code"] == "DEU").unwrap();
    assert_eq!(deu["cow"], 255);
    assert!(all.iter().any(|x| x["cow_abb"] == "AUH"));
}

#[test]
fn diagnostics_doc_is_up_to_date() {
    let r = casus(&["diagnostics"]);
    let on_disk = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap_or_default();
    assert!(on_disk == r.stdout, "docs/diagnostics.md is stale: run `cargo run -p casus-cli -- diagnostics > docs/diagnostics.md`");
}

#[test]
fn keys_doc_is_up_to_date() {
    let r = casus(&["keys"]);
    let on_disk = std::fs::read_to_string(repo().join("docs/keys.md")).unwrap_or_default();
    assert!(
        on_disk == r.stdout,
        "docs/keys.md is stale: run `cargo run -p casus-cli -- keys > docs/keys.md`"
    );
}

#[test]
fn the_casebook_passes_every_settled_and_mainstream_case() {
    let r = casus(&["cases", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let failing: Vec<String> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false && c["confidence"] != "contested")
        .map(|c| format!("{}: {}", c["id"], c["failures"]))
        .collect();
    assert!(failing.is_empty(), "{}", failing.join("\n"));
    assert_eq!(r.code, 0, "exit 0 when every settled and mainstream case passes");
    let total = v["cases"].as_array().unwrap().len();
    assert!(total >= 39, "{total} cases run");
    // Contested cases are reported, not hidden; --strict makes them count.
    let strict = casus(&["cases", "--strict"]);
    let contested_failed = v["summary"]["contested"]["failed"].as_u64().unwrap();
    assert_eq!(strict.code, if contested_failed > 0 { 1 } else { 0 });
}

#[test]
fn cascade_july_1914_memo() {
    let r = casus(&["cascade", "--data", FIXTURE, "data/scenarios/july-1914.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn simulate_is_reproducible_and_checks_its_input() {
    let args = [
        "simulate",
        "data/scenarios/ukraine-guarantee-2027.toml",
        "--samples",
        "20000",
        "--seed",
        "5",
        "--format",
        "json",
    ];
    let a = json(&args);
    let mut two = args.to_vec();
    two.extend(["--threads", "1"]);
    assert_eq!(a, json(&two), "the same seed gives the same result whatever the threads");
    assert_eq!(a["hypothetical"], true);
    // The US is bound only in the world of its own guarantee.
    let usa_in = |v: &serde_json::Value| {
        let world = v["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["variant"].as_str().unwrap().ends_with(":paris-2026-01-us-guarantee"))
            .unwrap();
        let usa = world["states"].as_array().unwrap().iter().find(|e| e["state"]["code"] == "USA");
        usa.map_or(0.0, |e| e["victim_side"].as_f64().unwrap())
    };
    let p = usa_in(&a);
    assert!(p > 0.0 && p < 1.0, "{p}");
    let mut sure = args.to_vec();
    sure.extend(["--credibility", "USA=1"]);
    assert_eq!(usa_in(&json(&sure)), 1.0);
    let r = casus(&[
        "simulate",
        "data/scenarios/ukraine-guarantee-2027.toml",
        "--credibility",
        "USA=2",
        "--error-format",
        "plain",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("the credibility of `USA` is `2`, not a number from 0 to 1"),
        "{}",
        r.stderr
    );
}

#[test]
fn validate_finds_a_bad_code_in_every_data_file() {
    // One misspelled code in each file casus reads, in a copy of the bundled data: validate
    // reports each at its file and line.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let status = std::process::Command::new("cp")
        .args(["-r", repo().join("data").to_str().unwrap(), data.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let edit = |rel: &str, from: &str, to: &str| {
        let p = data.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit("states.toml", "home = \"US\"", "home = \"UZZ\"");
    edit("regions.toml", "sovereign = \"EST\"", "sovereign = \"ESX\"");
    edit("geo/parts.toml", "code = \"XX-TR-THRACE\"", "code = \"XX-TR-THRAC\"");
    edit("geo/areas.toml", "inside = [", "inside = [\"QQ\", ");
    edit("treaties/1946-1991/north-atlantic-treaty.toml", "state = \"EST\"", "state = \"ESX\"");
    edit("no-commitments.toml", "state = \"BTN\"", "state = \"BTX\"");
    let r = casus(&["validate", data.to_str().unwrap(), "--error-format", "json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let body: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    let mut files: Vec<String> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["location"]["line"].as_u64().is_some_and(|l| l >= 1))
        .map(|d| {
            let path = d["location"]["path"].as_str().unwrap_or("");
            path.rsplit_once("/data/").map_or(path, |(_, rel)| rel).to_owned()
        })
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(
        files,
        [
            "geo/areas.toml",
            "geo/parts.toml",
            "no-commitments.toml",
            "regions.toml",
            "states.toml",
            "treaties/1946-1991/north-atlantic-treaty.toml",
        ],
        "{}",
        r.stderr
    );
}

/// The sides of a bundled scenario's cascade: (aggressor side, victim side) as codes.
fn sides(scenario: &str) -> (Vec<String>, Vec<String>) {
    let path = format!("data/scenarios/{scenario}.toml");
    let v = json(&["cascade", &path, "--format", "json"]);
    let codes = |k: &str| -> Vec<String> {
        v[k].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap().to_owned()).collect()
    };
    (codes("aggressor_side"), codes("victim_side"))
}

#[test]
fn history_replays_september_1939() {
    // Britain and France at war with Germany for Poland; the USSR invades on 17 September
    // (Britain owed Poland only consultation against it). Italy (Pact of Steel) and Romania
    // (alliance with Poland) are drawn in on paper: the format cannot state Hitler's release of
    // Italy or Poland's not invoking the Romanian alliance (casebook/history-2026.toml).
    let (aggressor, victim) = sides("september-1939");
    for s in ["DEU", "RUS"] {
        assert!(aggressor.iter().any(|x| x == s), "{s} on the aggressor's side: {aggressor:?}");
    }
    for s in ["POL", "GBR", "FRA"] {
        assert!(victim.iter().any(|x| x == s), "{s} on the victim's side: {victim:?}");
    }
}

#[test]
fn history_replays_june_1950() {
    // No treaty bound anyone to Korea in 1950: the US entered under Security Council
    // resolutions, China with no treaty duty (the Sino-Soviet treaty is against Japan and its
    // allies). Every state on a side is a principal of a given event, none drawn in by a treaty.
    let v = json(&["cascade", "data/scenarios/june-1950.toml", "--format", "json"]);
    let joined_by_treaty: Vec<&serde_json::Value> = v["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["events"].as_array().unwrap())
        .flat_map(|e| e["entered"].as_array().unwrap())
        .filter(|x| !x["basis"].as_array().unwrap().is_empty())
        .collect();
    assert!(joined_by_treaty.is_empty(), "{joined_by_treaty:?}");
    let (_, victim) = sides("june-1950");
    assert!(victim.iter().any(|x| x == "KOR"));
}

#[test]
fn history_a_cold_war_attack_across_the_inner_german_border_in_1962() {
    // NATO Art 5 brings the Alliance in; the Warsaw Pact's Art 4 brings its members in on the
    // Soviet side once NATO strikes the GDR.
    let (aggressor, victim) = sides("cold-war-1962");
    for s in ["USA", "GBR", "FRA", "DEU", "ITA", "CAN", "TUR"] {
        assert!(victim.iter().any(|x| x == s), "{s}: {victim:?}");
    }
    for s in ["RUS", "DDR", "POL", "CSK", "HUN", "ROU", "BGR"] {
        assert!(aggressor.iter().any(|x| x == s), "{s}: {aggressor:?}");
    }
}
