//! The reference suite: comparisons with published research data casus must not ship (ATOP
//! 5.1, the COW state system, the G–W list). Run it alone with `cargo test --workspace
//! reference::`; without the data its tests are listed as ignored, with the reason.

/// Bundled treaties against ATOP 5.1's member-level coding.
mod atop;
/// The registry against the COW and G–W state lists.
mod states;
