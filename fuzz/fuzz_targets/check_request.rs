//! Arbitrary bytes as the body of `POST /v1/check` (and, first byte odd, `/v1/cascade`),
//! through the server's whole app: parsing, checking, evaluation, serialization. Every answer
//! must be a 200, a 4xx in the error shape or a 503, never another 5xx or a panic.
#![no_main]

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Request};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

fn state() -> &'static casus_server::AppState {
    static S: OnceLock<casus_server::AppState> = OnceLock::new();
    S.get_or_init(|| {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../data");
        casus_server::AppState::load(std::path::Path::new(data)).expect("the bundled data")
    })
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static R: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    R.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((which, body)) = data.split_first() else { return };
    let uri = if which % 2 == 0 { "/v1/check" } else { "/v1/cascade" };
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_vec()))
        .expect("a request");
    let response = runtime()
        .block_on(casus_server::app(state().clone()).oneshot(req))
        .expect("infallible");
    let status = response.status();
    assert!(status.is_success() || status.is_client_error() || status == 503, "{status}");
});
