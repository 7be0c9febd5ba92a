//! The integration tests of the `casus` binary, one test binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

/// `--atop` and `CASUS_ATOP`: ATOP alliances without a file on check and serve (issue #15).
mod atop;
/// Running the binary and snapshotting its output.
mod cli;
/// Running the binary as a user does.
mod common;
/// `casus compare` and the Markdown briefs (issue #16).
mod compare;
/// `casus fmt`: the bundled data formatted keeps its meaning; a snapshot of one small file.
mod fmt;
/// Bad input, closed pipes, interrupted and refused writes: a clear error, nothing lost.
mod hardening;
