use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common::{check, get, post_raw, send};

#[tokio::test]
async fn malformed_json_is_400_with_the_position() {
    let a = post_raw("/v1/check", r#"{"aggressor": "RUS", "victim": "#).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let e = a.error();
    assert_eq!(e["code"], "malformed-json");
    assert!(e["message"].as_str().unwrap().contains("line 1 column"), "{e}");

    let a = post_raw("/v1/check", "").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.error()["help"], "the body is empty; send a JSON object");
}

#[tokio::test]
async fn the_wrong_shape_is_422_with_the_path() {
    for (body, code, field, needle) in [
        (json!([1, 2]), "invalid-request", None, "the body must be a JSON object"),
        (
            json!({"aggressor": 5, "victim": "EST"}),
            "invalid-request",
            Some("aggressor"),
            "invalid type",
        ),
        // No victim and no place to take it from.
        (json!({"aggressor": "RUS"}), "missing-key", Some("victim"), "the victim is missing"),
        (
            json!({"aggressor": "RUS", "at": {"lat": 35.0, "lon": 20.0}}),
            "invalid-value",
            Some("victim"),
            "is at sea",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "at": {"lat": "x", "lon": 1}}),
            "invalid-request",
            Some("at.lat"),
            "invalid type",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "facts": {"provoked": "yes"}}),
            "invalid-request",
            Some("facts.provoked"),
            "invalid type",
        ),
        (
            json!({"aggressor": "NSA:", "victim": "EST"}),
            "invalid-value",
            Some("aggressor"),
            "the non-state actor has no name",
        ),
        (
            json!({"aggressor": "NSA:a\u{0}b\u{1b}[31m", "victim": "EST"}),
            "invalid-value",
            Some("aggressor"),
            "contains control characters",
        ),
    ] {
        let a = check(body.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let e = a.error();
        assert_eq!(e["code"], code, "{body}");
        assert_eq!(e["field"].as_str(), field, "{body}: {e}");
        assert!(e["message"].as_str().unwrap().contains(needle), "{body}: {e}");
    }
}

/// A key given twice is malformed JSON: serde would keep the last silently (RUS then USA would
/// decide for the USA).
#[tokio::test]
async fn a_key_given_twice_is_refused() {
    let a = post_raw(
        "/v1/check",
        br#"{"aggressor": "RUS", "aggressor": "USA", "victim": "EST"}"#.to_vec(),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.error()["code"], "malformed-json");
    assert!(a.error()["message"].as_str().unwrap().contains("`aggressor` is given twice"));
    // A date in another shape is no date.
    let a = check(json!({"aggressor": "RUS", "victim": "EST", "date": "20260101"})).await;
    assert_eq!(a.error()["code"], "invalid-date");
}

/// Messages stay short whatever was sent: a 60,000-character id, a 309-digit number.
#[tokio::test]
async fn messages_echo_a_short_prefix() {
    let long = "X".repeat(60_000);
    let a = check(json!({"aggressor": "RUS", "victim": "EST", "assume_in_force": [long]})).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.len() < 1_000, "{} bytes", a.body.len());
    let digits = "9".repeat(309);
    let body = format!(r#"{{"scenario": "estonia-2026", "samples": {digits}}}"#);
    let a = post_raw("/v1/simulate", body.into_bytes()).await;
    assert!(a.status.is_client_error(), "{}", a.status);
    assert!(a.body.len() < 1_000, "{} bytes", a.body.len());
}

#[tokio::test]
async fn unknown_keys_are_each_reported_with_a_suggestion() {
    let a = check(json!({"agressor": "RUS", "victm": "EST", "color": "red"})).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_codes(), ["unknown-key"; 3]);
    let v = a.json();
    let help = |key: &str| {
        let e = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["message"] == format!("unknown key `{key}`"));
        e.unwrap()["help"].as_str().unwrap().to_owned()
    };
    assert_eq!(help("agressor"), "did you mean `aggressor`?");
    assert_eq!(help("victm"), "did you mean `victim`?");
    assert!(help("color").starts_with("the keys are: aggressor, victim"), "{}", help("color"));
}

/// The CLI prints `victim: error[unknown-state]: unknown state `ESTT`` and `help: did you mean
/// `EST`?`; the API says the same, with the field.
#[tokio::test]
async fn unknown_codes_get_the_clis_did_you_mean() {
    for (body, code, message, help) in [
        (
            json!({"aggressor": "RUS", "victim": "ESTT", "date": "2026-01-01"}),
            "unknown-state",
            "unknown state `ESTT`",
            "did you mean `EST`?",
        ),
        (
            json!({"aggressor": "RUZ", "victim": "EST", "date": "2026-01-01"}),
            "unknown-state",
            "unknown state `RUZ`",
            "did you mean `RUS`?",
        ),
        (
            json!({"aggressor": "CHN", "victim": "USA", "date": "2026-01-01", "region": "US-HX"}),
            "unknown-region",
            "unknown region `US-HX`",
            "did you mean `US-HI`?",
        ),
        (
            json!({"aggressor": "RUS", "victim": "UKR", "assume_in_force": ["ukraine-guarantee-proposal-2026"]}),
            "unknown-treaty",
            "unknown treaty `ukraine-guarantee-proposal-2026`",
            "did you mean `ukraine-guarantee-proposal-2025`?",
        ),
        (
            json!({"aggressor": "RUS", "victim": "UKR", "assume_in_force": ["ukraine-guarantee-proposal-2025:paris-2026-01-mnf-ukrain"]}),
            "unknown-variant",
            "treaty `ukraine-guarantee-proposal-2025` has no variant `paris-2026-01-mnf-ukrain`",
            "did you mean `paris-2026-01-mnf-ukraine`?",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "facts": {"provokd": true}}),
            "unknown-fact",
            "unknown fact `provokd`",
            "did you mean `provoked`?",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "target": "aircarft"}),
            "invalid-value",
            "unknown target `aircarft`",
            "did you mean `aircraft`?",
        ),
    ] {
        let a = check(body.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let e = a.error();
        assert_eq!(e["code"], code, "{body}");
        assert_eq!(e["message"], message, "{body}");
        assert_eq!(e["help"], help, "{body}");
    }
}

#[tokio::test]
async fn a_state_that_did_not_exist_on_the_date() {
    let e = check(json!({"aggressor": "RUS", "victim": "EST", "date": "1960-01-01"})).await.error();
    assert_eq!(e["code"], "unknown-state");
    assert_eq!(e["message"], "no state held `EST` on 1960-01-01");
    assert_eq!(e["field"], "victim");
    assert!(e["help"].as_str().unwrap().contains("since 1991-09-06"), "{e}");
}

#[tokio::test]
async fn impossible_dates_are_invalid_dates() {
    for date in ["2026-13-01", "2026-02-30", "1 May 1945", "2026-1-1x"] {
        let a = check(json!({"aggressor": "RUS", "victim": "EST", "date": date})).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        let e = a.error();
        assert_eq!(e["code"], "invalid-date");
        assert_eq!(e["message"], format!("invalid date `{date}`"));
        assert_eq!(e["field"], "date");
        assert!(e["help"].is_string(), "{e}");
    }
    for uri in [
        "/v1/states?date=2026-13-01",
        "/v1/treaties?date=2026-00-10",
        "/v1/where?lat=1&lon=1&date=x",
    ] {
        let a = get(uri).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert_eq!(a.error_codes(), ["invalid-date"], "{uri}");
    }
}

/// Validation collects: every field that is wrong on its own is reported at once.
#[tokio::test]
async fn every_problem_at_once() {
    let a = check(json!({
        "aggressor": "RUS", "victim": "EST", "date": "2026-13-01", "target": "tank",
        "facts": {"provokd": true, "requestd": false}, "region": "EE", "at": {"lat": 1.0, "lon": 2.0}
    }))
    .await;
    assert_eq!(
        a.error_codes(),
        ["invalid-date", "invalid-value", "unknown-fact", "unknown-fact", "conflicting-values"]
    );
    let a = check(json!({"aggressor": "RUZ", "victim": "ESTT", "date": "2026-01-01"})).await;
    assert_eq!(a.error_codes(), ["unknown-state", "unknown-state"]);
}

#[tokio::test]
async fn other_invalid_events() {
    for (body, code) in [
        (json!({"aggressor": "RUS", "victim": "RUS"}), "invalid-value"),
        (
            json!({"aggressor": "RUS", "victim": "EST", "at": {"lat": 91.0, "lon": 0.0}}),
            "invalid-coordinates",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "at": {"lat": 0.0, "lon": -180.5}}),
            "invalid-coordinates",
        ),
        (json!({"aggressor": "R".repeat(500), "victim": "EST"}), "too-many-values"),
        (
            json!({"aggressor": "RUS", "victim": "EST", "assume_in_force": vec!["anzus"; 17]}),
            "too-many-values",
        ),
        (
            json!({"aggressor": "RUS", "victim": "EST", "place_label": "x".repeat(201)}),
            "too-many-values",
        ),
    ] {
        let a = check(body.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(a.error()["code"], code, "{body}");
    }
}

#[tokio::test]
async fn huge_bodies_are_413_whether_announced_or_not() {
    let big = format!(
        r#"{{"aggressor": "RUS", "victim": "EST", "place_label": "{}"}}"#,
        "x".repeat(100_000)
    );
    // Announced: refused on the Content-Length, before reading.
    let req = Request::post("/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    let a = send(req).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(a.error()["code"], "body-too-large");
    // Not announced: refused while reading.
    let a = post_raw("/v1/check", big).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(a.error()["code"], "body-too-large");
    // Just under the limit is read (and then judged on its content).
    let fits = format!(
        r#"{{"aggressor": "RUS", "victim": "EST", "place_label": "{}"}}"#,
        "x".repeat(60_000)
    );
    assert_eq!(post_raw("/v1/check", fits).await.error()["code"], "too-many-values");
}

#[tokio::test]
async fn a_body_sent_as_something_else_is_415() {
    let req = Request::post("/v1/check")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(r#"{"aggressor":"RUS","victim":"EST"}"#))
        .unwrap();
    let a = send(req).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        a.error()["help"],
        "send `Content-Type: application/json` and an uncompressed UTF-8 body"
    );
    // A type that only starts like JSON, another charset, a compressed body: 415 too.
    for (name, value) in [
        (header::CONTENT_TYPE, "application/jsonx"),
        (header::CONTENT_TYPE, "application/json; charset=utf-16"),
        (header::CONTENT_ENCODING, "gzip"),
    ] {
        let req = Request::post("/v1/check")
            .header(name.clone(), value)
            .body(Body::from(r#"{"aggressor":"RUS","victim":"EST"}"#))
            .unwrap();
        assert_eq!(send(req).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{name}: {value}");
    }
    // No content type at all is read as JSON.
    let req = Request::post("/v1/check")
        .body(Body::from(r#"{"aggressor":"RUS","victim":"EST"}"#))
        .unwrap();
    assert_eq!(send(req).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_routes_and_methods_have_the_same_shape() {
    let a = get("/v2/check").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.error()["code"], "not-found");

    let a = get("/v1/check").await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(a.error()["code"], "method-not-allowed");
    assert_eq!(a.headers[header::ALLOW], "POST");

    let a = get("/v1/treaties/north-atlantic-treat").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let e = a.error();
    assert_eq!(e["code"], "unknown-treaty");
    assert_eq!(e["help"], "did you mean `north-atlantic-treaty`?");

    let a = get("/assets/nothing.js").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.error()["code"], "not-found");
}

#[tokio::test]
async fn bad_query_parameters() {
    for (uri, codes) in [
        ("/v1/where?lat=21.3", vec!["missing-key"]),
        ("/v1/where?lat=1&lon=1&lat=2", vec!["conflicting-values"]),
        ("/v1/where?lat=abc&lon=x", vec!["invalid-coordinates", "invalid-coordinates"]),
        ("/v1/where?lat=95&lon=0", vec!["invalid-coordinates"]),
        ("/v1/where?lat=1&lon=1&dat=2020-01-01", vec!["unknown-key"]),
        ("/v1/states?when=2020-01-01", vec!["unknown-key"]),
        ("/v1/treaties?date=2020-01-01&x=1", vec!["unknown-key"]),
    ] {
        let a = get(uri).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert_eq!(a.error_codes(), codes, "{uri}");
    }
}

/// A request to `/v1/check` answered as the API promises: 200 with a decision, or 4xx with
/// `{"errors": [...]}`; never a 5xx.
fn assert_no_5xx(body: Vec<u8>) {
    assert_no_5xx_at("/v1/check", body);
}

/// The same for any POST route.
fn assert_no_5xx_at(path: &str, body: Vec<u8>) {
    thread_local! {
        static RT: tokio::runtime::Runtime =
            tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    }
    let a = RT.with(|rt| rt.block_on(post_raw(path, body.clone())));
    assert!(
        a.status == StatusCode::OK || a.status.is_client_error(),
        "{} for {:?}",
        a.status,
        String::from_utf8_lossy(&body)
    );
    if a.status != StatusCode::OK {
        a.error_codes();
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-400.0..400.0f64).prop_map(|n| json!(n)),
        "[A-Za-z0-9:_ -]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "RUS",
            "EST",
            "USA",
            "NSA:x",
            "2026-01-01",
            "1914-08-02",
            "US-HI",
            "territory",
            "provoked",
            "anzus",
            "ukraine-guarantee-proposal-2025:paris-2026-01-mnf-air",
            "estonia-2026",
            "july-1914",
            "stay-on-victim-soil",
            "USA=0.5"
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "aggressor",
                    "victim",
                    "date",
                    "region",
                    "at",
                    "lat",
                    "lon",
                    "target",
                    "facts",
                    "assume_in_force",
                    "place_label",
                    "provoked",
                    "scenario",
                    "events",
                    "escalation",
                    "derived_facts",
                    "max_rounds",
                    "samples",
                    "credibility",
                    "weights",
                    "x"
                ])
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/errors.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_5xx_for_any_json(v in json_value()) {
        assert_no_5xx(v.to_string().into_bytes());
    }

    #[test]
    fn no_5xx_for_any_cascade_or_simulation(v in json_value(), simulate in any::<bool>()) {
        let path = if simulate { "/v1/simulate" } else { "/v1/cascade" };
        assert_no_5xx_at(path, v.to_string().into_bytes());
    }

    #[test]
    fn no_5xx_for_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        assert_no_5xx(bytes);
    }
}
