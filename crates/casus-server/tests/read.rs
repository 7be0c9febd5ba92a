use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

use crate::common::{codes, get, send};

#[tokio::test]
async fn where_is_honolulu() {
    let a = get("/v1/where?lat=21.31&lon=-157.86&date=2026-01-01").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["facts"]["regions"], json!(["US-HI", "US"]));
    assert_eq!(v["facts"]["island"], true);
    assert_eq!(v["sovereign"], json!({"code": "USA", "name": "United States of America"}));
    assert!(v["administered_by"].is_null());
}

#[tokio::test]
async fn where_is_a_point_at_sea_and_algiers_in_1960() {
    let v = get("/v1/where?lat=35.0&lon=20.0&date=2026-01-01").await.json();
    assert_eq!(v["facts"]["at_sea"], true);
    assert_eq!(v["facts"]["sea"], json!(["mediterranean"]));
    assert!(v["sovereign"].is_null());
    // Algiers: French until 1962-07-05, the regions table's dated history.
    let v = get("/v1/where?lat=36.75&lon=3.06&date=1960-01-01").await.json();
    assert_eq!(v["sovereign"]["code"], "FRA");
    let v = get("/v1/where?lat=36.75&lon=3.06&date=1963-01-01").await.json();
    assert_eq!(v["sovereign"]["code"], "DZA");
}

#[tokio::test]
async fn the_treaties_on_a_date() {
    let v = get("/v1/treaties?date=1955-05-06").await.json();
    assert_eq!(v["date"], "1955-05-06");
    let list = v["treaties"].as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "ordered by id");
    let nato = list.iter().find(|t| t["id"] == "north-atlantic-treaty").unwrap();
    assert_eq!(nato["in_force"], true);
    assert_eq!(nato["parties"], 15); // the FRG joined that day
    let proposal = list.iter().find(|t| t["kind"] == "proposal").unwrap();
    assert_eq!(proposal["in_force"], false);
    assert!(!proposal["variants"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_treaty_with_parties_articles_statements_sources() {
    let v = get("/v1/treaties/north-atlantic-treaty?date=1955-05-06").await.json();
    assert_eq!(v["in_force"], true);
    let parties = codes(&v["parties_on_date"]);
    assert_eq!(parties.len(), 15);
    assert!(parties.contains(&"DEU"));
    // DEU's membership is held by the Federal Republic, then by unified Germany.
    let deu = v["memberships"].as_array().unwrap().iter().find(|m| m["code"] == "DEU").unwrap();
    let holders: Vec<&str> = deu["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["state"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(holders, ["German Federal Republic", "Germany"]);
    assert_eq!(deu["holders"][0]["until"], "1990-10-03");
    let art5 = v["articles"].as_array().unwrap().iter().find(|a| a["id"] == "5").unwrap();
    assert!(art5["text"].as_str().unwrap().contains("armed attack"));
    assert!(!v["statements"].as_array().unwrap().is_empty());
    assert!(v["sources"].as_array().unwrap().iter().any(|s| s["id"] == "nato-text"));
}

#[tokio::test]
async fn the_states_on_a_date_with_the_map_features_they_hold() {
    let v = get("/v1/states?date=1960-01-01").await.json();
    let states = v["states"].as_array().unwrap();
    let by = |code: &str| states.iter().find(|s| s["code"] == code).unwrap().clone();
    assert!(states.iter().all(|s| s["code"] != "EST"));
    let rus = by("RUS");
    let held = rus["map_ids"].as_array().unwrap();
    for (id, what) in
        [("643", "Russia"), ("233", "Estonia"), ("804", "Ukraine"), ("398", "Kazakhstan")]
    {
        assert!(held.contains(&json!(id)), "RUS should hold {what} in 1960");
    }
    assert!(
        by("FRA")["map_ids"].as_array().unwrap().contains(&json!("012")),
        "Algeria, French in 1960"
    );
    let v = get("/v1/states?date=2026-01-01").await.json();
    let est = v["states"].as_array().unwrap().iter().find(|s| s["code"] == "EST").unwrap().clone();
    assert_eq!(est["map_ids"], json!(["233"]));
    assert_eq!(est["iso2"], "EE");
}

#[tokio::test]
async fn the_vocabulary_comes_from_the_engine() {
    let v = get("/v1/vocabulary").await.json();
    assert_eq!(v["targets"], json!(["territory", "forces", "vessel", "aircraft"]));
    assert_eq!(v["strengths"][0], "automatic_all_forces");
    assert!(v["facts"].as_array().unwrap().contains(&json!("state-of-war")));
    let codes: Vec<&str> =
        v["error_codes"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    for c in ["unknown-state", "invalid-date", "malformed-json", "body-too-large", "unknown-treaty"]
    {
        assert!(codes.contains(&c), "{c}");
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_embedded() {
    let a = get("/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(a.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let html = String::from_utf8(a.body).unwrap();
    assert!(html.contains(r#"<script type="module" src="/assets/app.js"></script>"#));
    for (path, ct) in [
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/dom.js", "text/javascript; charset=utf-8"),
        ("/assets/api.js", "text/javascript; charset=utf-8"),
        ("/assets/url.js", "text/javascript; charset=utf-8"),
        ("/assets/page.js", "text/javascript; charset=utf-8"),
        ("/assets/form.js", "text/javascript; charset=utf-8"),
        ("/assets/requests.js", "text/javascript; charset=utf-8"),
        ("/assets/check-view.js", "text/javascript; charset=utf-8"),
        ("/assets/treaty-view.js", "text/javascript; charset=utf-8"),
        ("/assets/map.js", "text/javascript; charset=utf-8"),
        ("/assets/next.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
        ("/assets/countries-110m.json", "application/json"),
    ] {
        let a = get(path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert_eq!(a.headers[header::CONTENT_TYPE], ct, "{path}");
        // Revalidation: the same ETag gets a 304 with no body.
        let etag = a.headers[header::ETAG].clone();
        let req =
            Request::get(path).header(header::IF_NONE_MATCH, etag).body(Body::empty()).unwrap();
        let again = send(req).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
    }
    let topo = get("/assets/countries-110m.json").await.json();
    assert_eq!(topo["objects"]["countries"]["geometries"].as_array().unwrap().len(), 177);
}
