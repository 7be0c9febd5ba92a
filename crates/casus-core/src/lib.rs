//! casus-core: the engine of casus.
//!
//! It reads a directory of treaty files (TOML), checks them into a validated [`Dataset`], and
//! turns an attack ([`Event`]) into a [`Decision`]: which treaties are triggered, which states
//! are bound, how strongly, under which article and why; which treaties are not triggered and
//! why not; and what could not be decided for lack of a fact.
//!
//! The crate has no async, no HTTP and no command-line parsing; the only I/O is reading the
//! paths it is given ([`load`]). It never reads the clock: every event carries its date.
//!
//! ```
//! use casus_core::{load, DataPaths, EventBuilder, evaluate};
//! let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
//! let checked = load(&DataPaths::in_dir(data));
//! assert!(checked.passed());
//! let event = EventBuilder::new("RUS", "EST", "2026-01-01".parse()?)
//!     .build(checked.dataset())?;
//! let decision = evaluate(checked.dataset(), &event);
//! assert!(decision.triggered().iter().any(|t| *t.treaty == *"north-atlantic-treaty"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod cascade;
pub mod casebook;
pub mod check;
pub mod compare;
pub mod diag;
pub mod eval;
pub mod input;
mod load;
pub mod model;
pub mod raw;
pub mod source;

pub use check::{check, Checked};
pub use diag::{Code, Diagnostic, Diagnostics};
pub use eval::{evaluate, Decision, Event, EventBuilder, EventError};
pub use load::{
    load, load_from_bytes, load_from_bytes_with_areas, load_from_texts, load_from_texts_with_areas,
    load_texts, load_with, treaty_files, DataPaths, DataTexts, Supplement,
};
pub use model::Dataset;
