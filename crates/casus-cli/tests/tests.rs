//! The integration tests of the `casus` binary, one test binary.

/// Running the binary and snapshotting its output.
mod cli;
