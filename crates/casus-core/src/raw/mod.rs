//! The raw layer: data files as written, with spans, before any checking.

pub(crate) mod reader;
mod treaty;

pub use reader::{Sp, StrOrList};
pub use treaty::{
    read_treaty, RawArticle, RawAtopDifference, RawClause, RawCondition, RawObligation,
    RawOverride, RawParty, RawReservation, RawScope, RawSource, RawSourcing, RawStatement,
    RawStatus, RawSuspension, RawTreaty, RawVariant,
};
