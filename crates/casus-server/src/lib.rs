#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod api;
mod error;
mod extract;
mod map;
mod memo;
mod state;
mod ui;

use std::future::Future;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, SERVER_CODES};
pub use memo::MEMO_BUDGET;
pub use state::{AppState, StateError};

/// The largest request body accepted: 64 KiB. A check request is a few hundred bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The longest a request may take before it is answered 408. Evaluation takes microseconds;
/// the limit is there for slow clients and bugs.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The whole application: the `/v1` API, its OpenAPI document at `/v1/openapi.json`, and the
/// page at `/`. Tests call it directly (`app(state).oneshot(request)`), without a server.
///
/// Layers, outermost first: every 4xx without a JSON body (the router's 404 and 405,
/// tower-http's 408 and 413) is rewritten into the API's error shape; a [`TIME_LIMIT`];
/// a [`BODY_LIMIT`] (checked on `Content-Length` up front, and while reading).
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router();
    let openapi_json = openapi.to_pretty_json().unwrap_or_else(|e| {
        // Unreachable with the document above; a broken document must not stop the API.
        eprintln!("casus-server: cannot serialize the OpenAPI document: {e}");
        "{}".to_owned()
    });
    Router::new()
        .merge(api)
        .route(
            "/v1/openapi.json",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                    openapi_json,
                )
            }),
        )
        .merge(ui::router())
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, TIME_LIMIT))
        .layer(axum::middleware::map_response(uniform_errors))
}

/// Gives every error answer the API's shape: answers made outside the handlers (no route,
/// wrong method, time or size limit) come with an empty or plain-text body.
async fn uniform_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut rewritten = ApiError::from_status(status).into_response();
    if let Some(allow) = allow {
        rewritten.headers_mut().insert(header::ALLOW, allow);
    }
    rewritten
}

/// Serves [`app`] on a bound listener until `shutdown` completes, then finishes the requests
/// in flight. `casus serve` passes Ctrl-C; tests and the benchmark pass their own signal.
///
/// # Errors
/// An I/O error from the listener.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Small JSON answers on kept-alive connections: without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add tens of milliseconds to a response.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await
}
