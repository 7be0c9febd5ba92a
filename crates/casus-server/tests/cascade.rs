use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::{codes, get, post_raw, state};

async fn cascade(body: Value) -> crate::common::Answer {
    post_raw("/v1/cascade", body.to_string()).await
}

async fn simulate(body: Value) -> crate::common::Answer {
    post_raw("/v1/simulate", body.to_string()).await
}

#[tokio::test]
async fn the_bundled_scenarios_are_listed() {
    let a = get("/v1/scenarios").await;
    assert_eq!(a.status, 200);
    let v = a.json();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "cold-war-1962",
            "estonia-2026",
            "july-1914",
            "june-1950",
            "september-1939",
            "ukraine-guarantee-2027"
        ]
    );
    let july = &v[2];
    assert_eq!(july["escalation"], "strike-aggressor-territory");
    assert_eq!(july["events"][0]["date"], "1914-07-29");
    assert_eq!(july["events"][0]["aggressor"], "AUH");
}

#[tokio::test]
async fn a_bundled_cascade_is_the_engines() {
    let a = cascade(json!({"scenario": "estonia-2026"})).await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let v = a.json();
    // The engine's own answer, serialized: the API adds and drops nothing.
    let st = state();
    let ds = st.dataset();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let c = casus_geo::Classifier::new().unwrap();
    let (_, sc) = casus_server::AppState::read_scenarios(&dir, ds, &c)
        .unwrap()
        .into_iter()
        .find(|(s, _)| s.id == "estonia-2026")
        .unwrap();
    let graph = casus_core::cascade::build_graph(ds, &sc).unwrap();
    let want = serde_json::to_value(casus_core::cascade::cascade(ds, &graph, &sc)).unwrap();
    assert_eq!(v, want);
    // And what it says: NATO on Estonia's side in round one, North Korea on Russia's in two.
    assert!(v["fixed_point"].as_bool().unwrap());
    let victims = codes(&v["victim_side"]);
    for s in ["EST", "USA", "DEU", "FRA", "GBR", "POL", "TUR"] {
        assert!(victims.contains(&s), "{s} on Estonia's side: {victims:?}");
    }
    let aggressors = codes(&v["aggressor_side"]);
    assert!(aggressors.contains(&"PRK") && aggressors.contains(&"BLR"), "{aggressors:?}");
    let round2: Vec<&str> = v["rounds"][1]["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["entered"].as_array().unwrap())
        .map(|x| x["state"]["code"].as_str().unwrap())
        .collect();
    assert!(round2.contains(&"PRK"), "{round2:?}");
}

#[tokio::test]
async fn events_given_in_the_request_run_with_their_rules() {
    let body = json!({
        "events": [{"date": "2026-01-01", "aggressor": "RUS", "victim": "EST", "region": "EE"}],
        "escalation": "stay-on-victim-soil",
    });
    let a = cascade(body).await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let v = a.json();
    // Nobody strikes Russia, so nobody is drawn in on its side.
    assert_eq!(codes(&v["aggressor_side"]), ["RUS"]);
    assert_eq!(v["rounds"].as_array().unwrap().len(), 1);
    assert!(codes(&v["victim_side"]).contains(&"USA"));
    // With strikes on Russia, its allies come in.
    let a = cascade(json!({
        "events": [{"date": "2026-01-01", "aggressor": "RUS", "victim": "EST"}],
    }))
    .await;
    assert!(codes(&a.json()["aggressor_side"]).contains(&"BLR"));
}

#[tokio::test]
async fn a_proposal_assumed_in_force_enters_the_cascade() {
    let body = |assume: Value| {
        json!({
            "events": [{"date": "2027-01-01", "aggressor": "RUS", "victim": "UKR", "facts": {"ceasefire-in-force": true}}],
            "escalation": "stay-on-victim-soil",
            "assume_in_force": assume,
        })
    };
    let without = cascade(body(json!([]))).await.json();
    assert_eq!(codes(&without["victim_side"]), ["UKR"]);
    assert!(!without["hypothetical"].as_bool().unwrap());
    let with = cascade(body(json!(["ukraine-guarantee-proposal-2025:paris-2026-01-mnf-air"])))
        .await
        .json();
    assert!(with["hypothetical"].as_bool().unwrap());
    assert!(codes(&with["victim_side"]).contains(&"GBR"), "{}", with["victim_side"]);
}

#[tokio::test]
async fn simulations_are_seeded_and_take_credibility() {
    let body = json!({"scenario": "ukraine-guarantee-2027", "samples": 4000, "seed": 7});
    let a = simulate(body.clone()).await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.body, simulate(body).await.body, "the same seed, the same answer");
    let v = a.json();
    assert_eq!(v["samples"], 4000);
    // One result per variant of the version in effect, each with 95% intervals, and the
    // defaults with their source.
    let worlds = v["variants"].as_array().unwrap();
    assert!(worlds.len() > 1, "{v}");
    assert_eq!(v["decide"], "per-victim");
    assert!(v["defaults"][0]["source"].as_str().unwrap().contains("Berkemeier"));
    for w in worlds {
        assert!(w["variant"].as_str().unwrap().starts_with("ukraine-guarantee-proposal-2025:"));
        for e in w["states"].as_array().unwrap() {
            let p = e["p_enter"].as_f64().unwrap();
            let (lo, hi) = (e["ci_low"].as_f64().unwrap(), e["ci_high"].as_f64().unwrap());
            assert!(0.0 <= lo && lo <= p && p <= hi && hi <= 1.0, "{e}");
        }
    }
    // GBR's chance in the world of the coalition's commitment.
    let p = |v: &Value, code: &str| {
        let world = v["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| {
                w["variant"].as_str().unwrap().ends_with(":paris-2026-01-coalition-commitment")
            })
            .unwrap();
        world["states"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["state"]["code"] == code)
            .map_or(0.0, |e| e["victim_side"].as_f64().unwrap())
    };
    let sure = simulate(
        json!({"scenario": "ukraine-guarantee-2027", "samples": 2000, "credibility": ["GBR=1"]}),
    )
    .await
    .json();
    let never = simulate(
        json!({"scenario": "ukraine-guarantee-2027", "samples": 2000, "credibility": ["GBR=0"]}),
    )
    .await
    .json();
    assert_eq!(p(&never, "GBR"), 0.0);
    assert_eq!(p(&sure, "GBR"), 1.0);
    let weighted = simulate(
        json!({"scenario": "estonia-2026", "samples": 1000, "weights": {"USA": 10.0, "RUS": 5.0}}),
    )
    .await
    .json();
    let balance = &weighted["variants"][0]["balance"];
    assert!(balance["mean_victim_share"].as_f64().is_some(), "{balance}");
}

#[tokio::test]
async fn bad_cascade_requests_are_422_with_diagnostics() {
    let err = |body: Value| async move {
        let a = cascade(body.clone()).await;
        assert_eq!(a.status, 422, "{body}: {}", String::from_utf8_lossy(&a.body));
        a
    };
    let a = err(json!({"scenario": "estonia-2062"})).await;
    let e = a.error();
    assert_eq!(e["code"], "unknown-scenario");
    assert_eq!(e["help"], "did you mean `estonia-2026`?");
    let a = err(json!({"scenario": "estonia-2026", "events": []})).await;
    assert_eq!(a.error()["code"], "conflicting-values");
    let a = err(json!({})).await;
    assert_eq!(a.error()["code"], "invalid-request");
    let a = err(json!({"scenaro": "estonia-2026"})).await;
    assert!(a.error_codes().contains(&"unknown-key".to_owned()));
    // Every problem of the events at once.
    let a = err(json!({"events": [
        {"date": "2026-13-01", "aggressor": "RUS", "victim": "EST"},
        {"date": "2026-01-01", "aggressor": "RUS", "victim": "EST", "target": "tanks", "facts": {"provokd": true}},
    ], "escalation": "nuke"}))
    .await;
    // In field order: the escalation, then each event's fields.
    assert_eq!(a.error_codes(), ["invalid-value", "invalid-date", "unknown-fact", "invalid-value"]);
    let v = a.json();
    let fields: Vec<&str> =
        v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["escalation", "events[0].date", "events[1].facts.provokd", "events[1].target"]
    );
    // An unknown state is named with its event.
    let a = err(json!({"events": [{"date": "2026-01-01", "aggressor": "RUS", "victim": "ESTT"}]}))
        .await;
    let e = a.error();
    assert_eq!(e["code"], "unknown-state");
    assert_eq!(e["field"], "events[0].victim", "{e}");
    assert_eq!(e["help"], "did you mean `EST`?");
    let a = err(json!({"scenario": "estonia-2026", "max_rounds": 1000})).await;
    assert_eq!(a.error()["code"], "out-of-range");
}

#[tokio::test]
async fn bad_simulation_requests_are_422_with_diagnostics() {
    for (body, code) in [
        (json!({"scenario": "estonia-2026", "samples": 1_000_000_000u64}), "out-of-range"),
        (json!({"scenario": "estonia-2026", "samples": 0}), "out-of-range"),
        (json!({"scenario": "estonia-2026", "credibility": ["USA=2"]}), "out-of-range"),
        (
            json!({"scenario": "estonia-2026", "credibility": ["north-atlantic-traety=0.5"]}),
            "unknown-state",
        ),
        (
            json!({"scenario": "estonia-2026", "credibility": ["USA=0.5", "USA=0.9"]}),
            "conflicting-values",
        ),
        (json!({"scenario": "estonia-2026", "weights": {"USAA": 1.0}}), "unknown-state"),
        (json!({"scenario": "estonia-2026", "weights": {"USA": -1.0}}), "out-of-range"),
        (json!({"scenario": "estonia-2026", "weights": {"USA": 1e308}}), "out-of-range"),
        (json!({"scenario": "estonia-2026", "samples": 10, "seed": 1, "label": 1}), "unknown-key"),
    ] {
        let a = simulate(body.clone()).await;
        assert_eq!(a.status, 422, "{body}: {}", String::from_utf8_lossy(&a.body));
        assert_eq!(a.error()["code"], code, "{body}");
    }
    let a =
        simulate(json!({"scenario": "estonia-2026", "credibility": ["north-atlantic-traety=0.5"]}))
            .await;
    assert_eq!(a.error()["help"], "did you mean `north-atlantic-treaty`?");
}

/// More expensive requests than the gate admits at once: the excess is answered 503 with
/// `Retry-After` at once, never queued without bound; every answer is 200 or 503.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_simulations_is_admitted_or_refused_at_once() {
    // A state of its own: the other tests share one gate, which this burst fills.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let own = casus_server::AppState::load(std::path::Path::new(data)).unwrap();
    // Small runs: the test is about the gate, not about speed (a debug build under load would
    // otherwise hit the time limit while waiting its turn).
    let body = json!({"scenario": "estonia-2026", "samples": 1_000}).to_string();
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let (own, body) = (own.clone(), body.clone());
            tokio::spawn(async move {
                let req = axum::http::Request::post("/v1/simulate")
                    .header(axum::http::header::CONTENT_TYPE, "application/json")
                    .body(axum::body::Body::from(body))
                    .unwrap();
                crate::common::answer(casus_server::app(own).oneshot(req).await.unwrap()).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        let a = t.await.unwrap();
        if a.status == 503 {
            assert_eq!(a.headers[axum::http::header::RETRY_AFTER], "1");
            assert_eq!(a.error()["code"], "busy");
        }
        statuses.push(a.status.as_u16());
    }
    assert!(statuses.iter().all(|s| *s == 200 || *s == 503), "{statuses:?}");
    assert!(statuses.contains(&503), "12 at once exceed the gate: {statuses:?}");
    assert!(statuses.contains(&200), "{statuses:?}");
}

#[tokio::test]
async fn compare_finds_where_article_5_and_the_guarantee_differ() {
    let body = json!({
        "items": [
            "north-atlantic-treaty",
            "ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment"
        ],
        "date": "2027-01-01",
        "max": 10
    });
    let a = crate::common::post_raw("/v1/compare", body.to_string()).await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let v = a.json();
    assert_eq!(v["hypothetical"], true);
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let pair = &v["pairs"][0];
    let examples = pair["counterexamples"].as_array().unwrap();
    // Ukraine attacked: the Paris variant binds France, NATO binds no one.
    assert!(
        examples.iter().any(|c| c["victim"]["code"] == "UKR"
            && c["only_b"].as_array().unwrap().iter().any(|s| s == "FRA")),
        "{pair}"
    );
    // A NATO member attacked: NATO binds, the variant does not.
    assert!(
        examples
            .iter()
            .any(|c| c["victim"]["code"] != "UKR" && !c["only_a"].as_array().unwrap().is_empty()),
        "{pair}"
    );
    // Unknown items are refused with a suggestion, every problem at once.
    let bad = json!({"items": ["north-atlantic-treat", "teu-42-7:x"], "max": 99});
    let a = crate::common::post_raw("/v1/compare", bad.to_string()).await;
    assert_eq!(a.status, 422);
    let errors = a.json()["errors"].as_array().unwrap().clone();
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"unknown-treaty") && codes.contains(&"out-of-range"), "{codes:?}");
}
