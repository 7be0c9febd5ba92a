//! The integration tests of casus-server, one test binary. The app is called as a function
//! (`app(state).oneshot(request)`, axum's `examples/testing`); one test runs a real server.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// Building requests and reading answers.
mod common;

/// `POST /v1/check` with good requests: the decision is the engine's, field for field.
mod check;

/// Bad requests of every kind, each answered 4xx with a diagnostic; no input gets a 5xx.
mod errors;

/// The read-only routes (`/v1/where`, `/v1/treaties`, `/v1/states`, `/v1/vocabulary`) and the
/// embedded page.
mod read;

/// The OpenAPI document: complete, and true to the JSON actually sent.
mod openapi;

/// `GET /v1/scenarios`, `POST /v1/cascade`, `POST /v1/simulate`: the engine's answers, and
/// bad requests answered 422.
mod cascade;

/// A real server on 127.0.0.1:0, over TCP.
mod server;
