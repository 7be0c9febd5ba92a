//! The integration tests of casus-export, one binary (see ../../../DESIGN.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// ATOP directed dyad-years from the member file against ATOP's own (issue 6).
mod atop;
/// The bundled treaties' obligations: day-precise legs, suspensions, strength.
mod bundled;
/// Shared helpers: the bundled data, the reference data, a collecting sink.
mod common;
/// The COW frame against peacesciencer's `create_dyadyears()` (issue 6).
mod cow;
/// The G–W frame against peacesciencer's `create_dyadyears(system = "gw")` (issue 4).
mod gw;
/// CSV and Parquet files, the sidecar, and reading them back in pandas and polars.
mod output;
