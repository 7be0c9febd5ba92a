use casus_core::model::{Fact, Target};
use casus_core::{evaluate, EventBuilder};
use serde_json::json;

use crate::common::{check, codes, state, treaties};

#[tokio::test]
async fn without_a_victim_the_sovereign_of_the_point_is_attacked() {
    let a = check(
        json!({"aggressor": "CHN", "date": "2025-06-01", "at": {"lat": 21.31, "lon": -157.86}}),
    )
    .await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let d = a.json();
    assert_eq!(d["event"]["victim"]["code"], "USA");
    assert!(d["notes"][0].as_str().unwrap().starts_with("no victim given"), "{}", d["notes"]);
    assert!(treaties(&d["triggered"]).contains(&"anzus"));
}

#[tokio::test]
async fn russia_attacks_estonia_in_2026() {
    let a = check(json!({"aggressor": "RUS", "victim": "EST", "date": "2026-01-01"})).await;
    assert_eq!(a.status, 200);
    let d = a.json();
    assert_eq!(treaties(&d["triggered"]), ["north-atlantic-treaty", "teu-42-7"]);
    let art5 = &d["triggered"][0]["obligations"][0];
    assert_eq!(art5["article"], "5");
    assert_eq!(art5["strength"], "as_deems_necessary");
    let bound = codes(&art5["obligated"]);
    assert_eq!(bound.len(), 31);
    assert!(!bound.contains(&"EST"));
    assert_eq!(d["hypothetical"], false);
    assert_eq!(d["event"]["place"]["kind"], "unspecified");
}

/// The answer is the engine's decision serialized, byte for byte: what `casus check --format
/// json` prints (pretty-printed there).
#[tokio::test]
async fn the_decision_is_the_engines() {
    let a = check(json!({
        "aggressor": "USA", "victim": "PRK", "date": "2026-01-01", "target": "forces",
        "facts": {"state-of-war": true}
    }))
    .await;
    let st = state();
    let ds = st.dataset();
    let mut b = EventBuilder::new("USA", "PRK", "2026-01-01".parse().unwrap());
    b.target(Target::Forces).fact(Fact::StateOfWar, true);
    let want = serde_json::to_vec(&evaluate(ds, &b.build(ds).unwrap())).unwrap();
    assert_eq!(String::from_utf8(a.body).unwrap(), String::from_utf8(want).unwrap());
}

#[tokio::test]
async fn a_fact_decides_what_was_undecided() {
    let base = json!({"aggressor": "USA", "victim": "PRK", "date": "2026-01-01"});
    let unknown = check(base.clone()).await.json();
    // Cuba's 1986 treaty has no condition on a state of war; China's and Russia's do.
    assert_eq!(treaties(&unknown["triggered"]), ["cuba-dprk-1986"]);
    assert_eq!(treaties(&unknown["indeterminate"]), ["china-dprk-1961", "russia-dprk-2024"]);
    let missing = unknown["indeterminate"][0]["obligations"][0]["missing"][0].as_str().unwrap();
    assert!(missing.starts_with("bound if state-of-war is true"), "{missing}");

    let mut war = base.clone();
    war["facts"] = json!({"state-of-war": true});
    let war = check(war).await.json();
    assert_eq!(
        treaties(&war["triggered"]),
        ["china-dprk-1961", "cuba-dprk-1986", "russia-dprk-2024"]
    );

    let mut peace = base;
    peace["facts"] = json!({"state-of-war": false});
    let peace = check(peace).await.json();
    let not = treaties(&peace["not_triggered"]);
    assert!(not.contains(&"china-dprk-1961") && not.contains(&"russia-dprk-2024"), "{not:?}");
    assert!(treaties(&peace["indeterminate"]).is_empty());
}

#[tokio::test]
async fn a_point_in_honolulu_is_outside_nato_article_6() {
    let a = check(json!({
        "aggressor": "CHN", "victim": "USA", "date": "2026-01-01",
        "at": {"lat": 21.31, "lon": -157.86}, "place_label": "Honolulu"
    }))
    .await;
    assert_eq!(a.status, 200);
    let d = a.json();
    assert_eq!(d["event"]["place_label"], "Honolulu");
    assert_eq!(d["event"]["place_facts"]["regions"], json!(["US-HI", "US"]));
    let nato = d["not_triggered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["treaty"] == "north-atlantic-treaty")
        .expect("NATO not triggered");
    let reasons: Vec<&str> = nato["obligations"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"place-out-of-scope"), "{reasons:?}");
    assert!(treaties(&d["triggered"]).contains(&"anzus"));
}

#[tokio::test]
async fn a_region_code_places_the_attack() {
    let d = check(
        json!({"aggressor": "CHN", "victim": "USA", "date": "2026-01-01", "region": "US-HI"}),
    )
    .await
    .json();
    assert_eq!(d["event"]["place"], json!({"kind": "region", "code": "US-HI"}));
    assert!(!treaties(&d["triggered"]).contains(&"north-atlantic-treaty"));
}

#[tokio::test]
async fn the_ukraine_proposal_assumed_in_force_with_a_variant() {
    let a = check(json!({
        "aggressor": "RUS", "victim": "UKR", "date": "2027-01-01",
        "assume_in_force": ["ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment"]
    }))
    .await;
    assert_eq!(a.status, 200);
    let d = a.json();
    assert_eq!(d["hypothetical"], true);
    assert_eq!(
        d["event"]["assume_in_force"],
        json!(["ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment"])
    );
    let f = &d["triggered"][0];
    assert_eq!(f["treaty"], "ukraine-guarantee-proposal-2025");
    assert_eq!(f["variant"]["id"], "paris-2026-01-coalition-commitment");
    assert_eq!(f["variant"]["version"]["id"], "paris-2026-01");
    assert_eq!(codes(&f["obligations"][0]["obligated"]), ["DEU", "FRA", "GBR", "POL"]);

    // Without the assumption the proposal is not in force.
    let d = check(json!({"aggressor": "RUS", "victim": "UKR", "date": "2027-01-01"})).await.json();
    assert_eq!(d["hypothetical"], false);
    assert!(!treaties(&d["triggered"]).contains(&"ukraine-guarantee-proposal-2025"));
}

#[tokio::test]
async fn every_variant_of_the_version_in_effect_when_none_is_named() {
    let d = check(json!({
        "aggressor": "RUS", "victim": "UKR", "date": "2027-01-01",
        "assume_in_force": ["ukraine-guarantee-proposal-2025"]
    }))
    .await
    .json();
    let mut variants: Vec<&str> = ["triggered", "indeterminate", "not_triggered"]
        .iter()
        .flat_map(|k| d[*k].as_array().unwrap())
        .filter(|f| f["treaty"] == "ukraine-guarantee-proposal-2025")
        .map(|f| f["variant"]["id"].as_str().unwrap())
        .collect();
    variants.sort();
    // The options of the Paris Declaration's version (6 January 2026), in effect in 2027.
    assert_eq!(
        variants,
        [
            "paris-2026-01-coalition-commitment",
            "paris-2026-01-mnf-air",
            "paris-2026-01-mnf-ukraine",
            "paris-2026-01-us-backstop",
            "paris-2026-01-us-guarantee"
        ]
    );
}

#[tokio::test]
async fn a_non_state_aggressor_and_cow_codes() {
    let d = check(json!({"aggressor": "NSA:al-Qaeda", "victim": "USA", "date": "2001-09-12"}))
        .await
        .json();
    assert_eq!(d["event"]["aggressor"]["code"], "NSA:al-Qaeda");
    assert!(treaties(&d["triggered"]).contains(&"north-atlantic-treaty"));
    // COW's abbreviation for the United Kingdom resolves, as on the command line.
    let d = check(json!({"aggressor": "RUS", "victim": "UKG", "date": "2026-01-01"})).await.json();
    assert_eq!(d["event"]["victim"]["code"], "GBR");
}

#[tokio::test]
async fn the_date_defaults_to_today() {
    let d = check(json!({"aggressor": "RUS", "victim": "EST"})).await.json();
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
    assert_eq!(d["event"]["date"], today);
}

#[tokio::test]
async fn the_same_request_gives_the_same_bytes() {
    let req =
        json!({"aggressor": "RUS", "victim": "EST", "date": "2026-01-01", "target": "aircraft"});
    let a = check(req.clone()).await.body;
    let b = check(req).await.body;
    assert_eq!(a, b);
}

/// The second answer to a request comes from the memo: it must be the fresh answer, and a
/// request differing in any field must not get it.
#[tokio::test]
async fn a_kept_answer_is_the_fresh_answer() {
    let st = state();
    let ds = st.dataset();
    let fresh = |label: &str| {
        let mut b = EventBuilder::new("RUS", "LVA", "2026-03-01".parse().unwrap());
        b.place_label(label);
        serde_json::to_vec(&evaluate(ds, &b.build(ds).unwrap())).unwrap()
    };
    let req = |label: &str| json!({"aggressor": "RUS", "victim": "LVA", "date": "2026-03-01", "place_label": label});
    let first = check(req("memo test")).await.body;
    let second = check(req("memo test")).await.body;
    assert_eq!(first, fresh("memo test"));
    assert_eq!(second, first);
    let other = check(req("memo test 2")).await.body;
    assert_eq!(other, fresh("memo test 2"));
    assert_ne!(other, first);
}

#[tokio::test]
async fn the_memo_answers_the_same_bytes_with_what_evaluation_gives() {
    // Keyed by the bytes sent: the same request spelled twice is evaluated twice, and both
    // answers equal the first; a refused request is never kept.
    let spaced = r#"{ "aggressor": "RUS",  "victim": "LVA", "date": "2026-02-01" }"#;
    let tight = r#"{"aggressor":"RUS","victim":"LVA","date":"2026-02-01"}"#;
    let first = crate::common::post_raw("/v1/check", spaced).await;
    assert_eq!(first.status, 200);
    for body in [spaced, tight, spaced] {
        assert_eq!(crate::common::post_raw("/v1/check", body).await.body, first.body);
    }
    for _ in 0..2 {
        let bad =
            crate::common::post_raw("/v1/check", r#"{"aggressor":"RUS","victim":"LVAA"}"#).await;
        assert_eq!(bad.status, 422);
    }
    // No date: today, as read by the server.
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
    let d = check(json!({"aggressor": "RUS", "victim": "LVA"})).await.json();
    assert_eq!(d["event"]["date"], today);
}
