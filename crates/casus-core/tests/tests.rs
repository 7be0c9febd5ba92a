//! The integration tests of casus-core, one binary (see ../../../DESIGN.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// Treaty areas (every edge inside and outside) and the scope readings.
mod areas;
/// Cascades and Monte Carlo over the bundled scenarios.
mod cascade;
/// Shared helpers: the bundled data, the reference data.
mod common;
/// Diagnostics: every mistake reported at once, with spans (insta snapshots).
mod diagnostics;
/// Decisions on the bundled data: the must-show scenarios.
mod eval;
/// Invariants: order independence, determinism, the membership interval rule, no panics.
mod properties;
/// The reference suite: the bundled data against ATOP 5.1 and the COW and G–W state lists,
/// which casus does not ship. Ignored, with the reason, where the data is absent
/// (`CASUS_REFERENCE`, default ../shared/reference; see build.rs).
mod reference;
/// The state registry on its own.
mod registry;
