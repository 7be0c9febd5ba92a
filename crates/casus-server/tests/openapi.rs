//! The document at `/v1/openapi.json`: every route is in it, and every answer fits it. A small
//! walker checks real responses against the schemas: no key the schema does not declare, no
//! required key missing, every enum value listed. It reads `$ref`, `oneOf`/`anyOf`/`allOf`,
//! `type` (also as a list with `null`), `properties`, `required`, `additionalProperties`,
//! `items` and `enum`, which is what utoipa emits.

use casus_core::model::Strength;
use serde_json::{json, Value};

use crate::common::{check, get, post_raw};

async fn doc() -> Value {
    let a = get("/v1/openapi.json").await;
    assert_eq!(a.status, 200);
    a.json()
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("a local ref");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// Problems with `value` against `schema`, with JSON paths.
fn conform(doc: &Value, schema: &Value, value: &Value, path: &str) -> Vec<String> {
    let schema = resolve(doc, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
            let results: Vec<Vec<String>> =
                alternatives.iter().map(|s| conform(doc, s, value, path)).collect();
            return if results.iter().any(Vec::is_empty) {
                Vec::new()
            } else {
                vec![format!("{path}: fits no alternative: {results:?}")]
            };
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        // Objects made of parts (serde's `flatten`): one object with every part's keys.
        let parts: Vec<&Value> = all.iter().map(|s| resolve(doc, s)).collect();
        if parts.iter().all(|p| p.get("properties").is_some()) {
            let mut properties = serde_json::Map::new();
            let mut required = Vec::new();
            for p in parts {
                properties.extend(p["properties"].as_object().unwrap().clone());
                required.extend(
                    p.get("required").and_then(Value::as_array).cloned().unwrap_or_default(),
                );
            }
            let merged = json!({"type": "object", "properties": properties, "required": required});
            return conform(doc, &merged, value, path);
        }
        return all.iter().flat_map(|s| conform(doc, s, value, path)).collect();
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let fits = types.is_empty()
        || types.contains(&kind)
        || (kind == "integer" && types.contains(&"number"));
    if !fits {
        return vec![format!("{path}: {kind} where the schema says {types:?}")];
    }
    let mut out = Vec::new();
    if let (Some(allowed), Value::String(s)) = (schema.get("enum").and_then(Value::as_array), value)
    {
        if !allowed.contains(&json!(s)) {
            out.push(format!("{path}: `{s}` is not one of {allowed:?}"));
        }
    }
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let extra = schema.get("additionalProperties");
            for (k, v) in map {
                match (props.and_then(|p| p.get(k)), extra) {
                    (Some(s), _) => out.extend(conform(doc, s, v, &format!("{path}.{k}"))),
                    (None, Some(s)) if s.is_object() => {
                        out.extend(conform(doc, s, v, &format!("{path}.{k}")))
                    }
                    (None, _) => out.push(format!("{path}: key `{k}` is not in the schema")),
                }
            }
            for r in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                if !map.contains_key(r.as_str().unwrap()) {
                    out.push(format!("{path}: required key {r} is missing"));
                }
            }
        }
        Value::Array(items) => {
            if let Some(s) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    out.extend(conform(doc, s, v, &format!("{path}[{i}]")));
                }
            }
        }
        _ => {}
    }
    out
}

/// The schema of an operation's answer with a status.
fn response_schema<'a>(doc: &'a Value, method: &str, path: &str, status: &str) -> &'a Value {
    let op = &doc["paths"][path][method];
    assert!(op.is_object(), "no {method} {path} in the document");
    let s = &op["responses"][status]["content"]["application/json"]["schema"];
    assert!(s.is_object(), "{method} {path} documents no {status} JSON answer");
    s
}

#[track_caller]
fn assert_fits(doc: &Value, schema: &Value, value: &Value) {
    let problems = conform(doc, schema, value, "$");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn every_route_is_documented_with_its_error_shape() {
    let d = doc().await;
    assert_eq!(d["openapi"], "3.1.0");
    assert_eq!(d["info"]["version"], env!("CARGO_PKG_VERSION"));
    let mut paths: Vec<&str> = d["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/v1/areas",
            "/v1/cascade",
            "/v1/check",
            "/v1/compare",
            "/v1/scenarios",
            "/v1/simulate",
            "/v1/states",
            "/v1/treaties",
            "/v1/treaties/{id}",
            "/v1/vocabulary",
            "/v1/where"
        ]
    );
    for (path, item) in d["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (status, r) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    let s = &r["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(s, "#/components/schemas/ErrorBody", "{method} {path} {status}");
                }
            }
        }
    }
    // Every code is listed in the description.
    let description = d["info"]["description"].as_str().unwrap();
    for code in casus_core::diag::CODES {
        assert!(description.contains(&format!("`{code}`")), "{code}");
    }
}

#[tokio::test]
async fn vocabularies_come_from_the_engine() {
    let d = doc().await;
    let strengths: Vec<&str> = d["components"]["schemas"]["Strength"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(strengths, Strength::names().collect::<Vec<_>>());
}

#[tokio::test]
async fn decisions_fit_the_schema() {
    let d = doc().await;
    let schema = response_schema(&d, "post", "/v1/check", "200");
    for body in [
        json!({"aggressor": "RUS", "victim": "EST", "date": "2026-01-01"}),
        json!({"aggressor": "CHN", "victim": "USA", "date": "2026-01-01", "at": {"lat": 21.31, "lon": -157.86}, "place_label": "Honolulu"}),
        json!({"aggressor": "USA", "victim": "PRK", "date": "2026-01-01"}),
        json!({"aggressor": "RUS", "victim": "UKR", "date": "2027-01-01", "assume_in_force": ["ukraine-guarantee-proposal-2025"]}),
        json!({"aggressor": "NSA:al-Qaeda", "victim": "USA", "date": "2001-09-12", "target": "aircraft"}),
        json!({"aggressor": "CHN", "victim": "PHL", "date": "2026-01-01", "at": {"lat": 15.15, "lon": 117.76}, "target": "vessel"}),
        json!({"aggressor": "MAR", "victim": "ESP", "date": "2026-01-01", "region": "ES-CE"}),
        json!({"aggressor": "FRA", "victim": "ITA", "date": "1900-01-01", "facts": {"provoked": false}}),
    ] {
        let a = check(body.clone()).await;
        assert_eq!(a.status, 200, "{body}");
        let problems = conform(&d, schema, &a.json(), "$");
        assert!(problems.is_empty(), "{body}: {problems:#?}");
    }
}

#[tokio::test]
async fn read_answers_and_errors_fit_the_schema() {
    let d = doc().await;
    for (path, uri) in [
        ("/v1/where", "/v1/where?lat=21.31&lon=-157.86&date=2026-01-01"),
        ("/v1/where", "/v1/where?lat=35&lon=20&date=2026-01-01"),
        ("/v1/where", "/v1/where?lat=41.9&lon=50.5&date=2026-01-01"),
        ("/v1/where", "/v1/where?lat=32.68&lon=-117.32&date=2026-01-01"), // territorial sea
        ("/v1/where", "/v1/where?lat=43.05&lon=5.93&date=2026-01-01"),    // the shore at Toulon
        ("/v1/areas", "/v1/areas"),
        ("/v1/treaties/{id}", "/v1/treaties/rio-treaty?date=2026-01-01"),
        ("/v1/treaties", "/v1/treaties?date=1955-05-06"),
        ("/v1/treaties/{id}", "/v1/treaties/north-atlantic-treaty?date=1955-05-06"),
        ("/v1/treaties/{id}", "/v1/treaties/ukraine-guarantee-proposal-2025"),
        ("/v1/states", "/v1/states?date=1914-08-02"),
        ("/v1/vocabulary", "/v1/vocabulary"),
    ] {
        let a = get(uri).await;
        assert_eq!(a.status, 200, "{uri}");
        assert_fits(&d, response_schema(&d, "get", path, "200"), &a.json());
    }
    let a = get("/v1/scenarios").await;
    assert_fits(&d, response_schema(&d, "get", "/v1/scenarios", "200"), &a.json());
    for (path, body) in [
        ("/v1/cascade", json!({"scenario": "july-1914"})),
        ("/v1/cascade", json!({"scenario": "estonia-2026"})),
        ("/v1/cascade", json!({"scenario": "ukraine-guarantee-2027"})),
        ("/v1/simulate", json!({"scenario": "ukraine-guarantee-2027", "samples": 500})),
        (
            "/v1/simulate",
            json!({"scenario": "estonia-2026", "samples": 500, "weights": {"USA": 1.0}}),
        ),
        ("/v1/compare", json!({"items": ["north-atlantic-treaty", "teu-42-7"], "max": 2})),
    ] {
        let a = post_raw(path, body.to_string()).await;
        assert_eq!(a.status, 200, "{body}");
        assert_fits(&d, response_schema(&d, "post", path, "200"), &a.json());
    }
    let a = post_raw("/v1/cascade", json!({"scenario": "nope"}).to_string()).await;
    assert_fits(&d, response_schema(&d, "post", "/v1/cascade", "422"), &a.json());
    let a = check(json!({"aggressor": "RUS", "victim": "ESTT", "date": "2026-13-01"})).await;
    assert_fits(&d, response_schema(&d, "post", "/v1/check", "422"), &a.json());
    let a = get("/v1/treaties/nope").await;
    assert_fits(&d, response_schema(&d, "get", "/v1/treaties/{id}", "404"), &a.json());
}

#[test]
fn the_walker_finds_what_does_not_fit() {
    let d = json!({"components": {"schemas": {"P": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "enum": ["x"]}}}}}});
    let s = json!({"$ref": "#/components/schemas/P"});
    assert!(conform(&d, &s, &json!({"a": "x"}), "$").is_empty());
    assert_eq!(conform(&d, &s, &json!({"a": "y"}), "$").len(), 1);
    assert_eq!(conform(&d, &s, &json!({"b": 1}), "$").len(), 2);
    assert_eq!(conform(&d, &s, &json!([1]), "$").len(), 1);
    let nullable = json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/P"}]});
    assert!(conform(&d, &nullable, &Value::Null, "$").is_empty());
    // Flattened parts: the keys of both, each part's required keys.
    let both = json!({"allOf": [{"$ref": "#/components/schemas/P"}, {"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["b"]}]});
    assert!(conform(&d, &both, &json!({"a": "x", "b": 1}), "$").is_empty());
    assert_eq!(conform(&d, &both, &json!({"a": "x"}), "$").len(), 1);
    assert_eq!(conform(&d, &both, &json!({"a": "x", "b": 1, "c": 2}), "$").len(), 1);
}

/// Every status a route can answer is in the document: the limits every route has (405, 408,
/// 414, 431, 500), a body's (400, 413, 415), the gate's on cascades and simulations (503).
#[tokio::test]
async fn every_status_a_route_can_answer_is_documented() {
    let d = doc().await;
    for (path, item) in d["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let statuses: Vec<&str> =
                op["responses"].as_object().unwrap().keys().map(String::as_str).collect();
            let mut want = vec!["405", "408", "414", "422", "431", "500"];
            if method == "post" {
                want.extend(["400", "413", "415"]);
            }
            if path.ends_with("/cascade") || path.ends_with("/simulate") {
                want.push("503");
            }
            for w in want {
                assert!(statuses.contains(&w), "{method} {path} lacks {w}: {statuses:?}");
            }
        }
    }
}
