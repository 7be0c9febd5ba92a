//! The integration tests of casus-core, one binary (see ../../../DESIGN.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// Bundled treaties against ATOP 5.1's member-level coding.
mod atop;
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
/// The state registry against the COW state system (../shared/reference).
mod registry;
