use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use casus_server::{app, AppState};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The state over the bundled data, loaded once per test binary.
pub(crate) fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
            AppState::load(std::path::Path::new(data)).expect("the bundled data loads")
        })
        .clone()
}

/// An answer: status, headers, body bytes.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The codes of an error answer, checking its shape on the way: `{"errors": [...]}`, each
    /// with a code, `severity: error` and a message.
    #[track_caller]
    pub(crate) fn error_codes(&self) -> Vec<String> {
        assert!(
            self.status.is_client_error() || self.status == 503,
            "{}: {}",
            self.status,
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.headers[header::CONTENT_TYPE], "application/json");
        let v = self.json();
        let errors = v["errors"].as_array().expect("an `errors` array");
        assert!(!errors.is_empty());
        for e in errors {
            assert_eq!(e["severity"], "error", "{e}");
            assert!(!e["message"].as_str().unwrap().is_empty(), "{e}");
        }
        errors.iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect()
    }

    /// The one error of an error answer.
    #[track_caller]
    pub(crate) fn error(&self) -> Value {
        let codes = self.error_codes();
        assert_eq!(codes.len(), 1, "{codes:?}");
        self.json()["errors"][0].clone()
    }
}

pub(crate) async fn send(req: Request<Body>) -> Answer {
    answer(app(state()).oneshot(req).await.unwrap()).await
}

/// A response read in full.
pub(crate) async fn answer(response: axum::response::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, headers, body }
}

pub(crate) async fn get(uri: &str) -> Answer {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

pub(crate) async fn post_raw(uri: &str, body: impl Into<Body>) -> Answer {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    send(req).await
}

pub(crate) async fn check(body: Value) -> Answer {
    post_raw("/v1/check", body.to_string()).await
}

/// Treaty ids of a list of findings.
pub(crate) fn treaties(findings: &Value) -> Vec<&str> {
    findings.as_array().unwrap().iter().map(|f| f["treaty"].as_str().unwrap()).collect()
}

/// State codes of a list of state refs.
pub(crate) fn codes(states: &Value) -> Vec<&str> {
    states.as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect()
}
