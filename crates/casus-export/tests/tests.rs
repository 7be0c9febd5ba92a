//! The integration tests of casus-export, one binary (see ../../../DESIGN.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// The bundled treaties' obligations: day-precise legs, suspensions, strength.
mod bundled;
/// Shared helpers: the bundled data, the reference data, a collecting sink.
mod common;
/// Batch evaluation of tables of attacks (`casus events`).
mod events;
/// The COW frame on its own.
mod frame;
/// CSV and Parquet files, the sidecar, and reading them back in pandas and polars.
mod output;
/// The reference suite: the frames and the ATOP join against peacesciencer's and ATOP's own
/// outputs, which casus does not ship. Ignored, with the reason, where the data is absent
/// (`CASUS_REFERENCE`, default ../shared/reference; see build.rs).
mod reference;
