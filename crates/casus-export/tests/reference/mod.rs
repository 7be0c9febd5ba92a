//! The reference suite: comparisons with published research data casus must not ship
//! (peacesciencer's dyad-year frames, ATOP 5.1's directed dyad-years). Run it alone with
//! `cargo test --workspace reference::`; without the data its tests are listed as ignored,
//! with the reason.

/// ATOP directed dyad-years from the member file against ATOP's own.
mod atop;
/// `casus coverage` against ATOP's defence pacts of 2018.
mod coverage;
/// The COW frame against peacesciencer's `create_dyadyears()`.
mod cow;
/// The G–W frame against peacesciencer's `create_dyadyears(system = "gw")`.
mod gw;
/// The ATOP layer (#15): every ATOP alliance evaluable, and the curated files against it.
mod layer;
