//! The integration tests of the `casus` binary, one test binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// Running the binary and snapshotting its output.
mod cli;
