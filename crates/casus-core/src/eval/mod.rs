//! Evaluation: an [`Event`] and a [`crate::model::Dataset`] in, a [`Decision`] out. Imports the model only,
//! never the raw layer.

/// Formats a message only when the caller wants an explanation: deciding a clause needs no
/// text, and most clauses tested are not the one that decides.
macro_rules! say {
    ($explain:expr, $($t:tt)*) => {
        if $explain { format!($($t)*) } else { String::new() }
    };
}

mod decision;
mod evaluator;
mod event;
mod place;
mod scope;
mod text;

pub use decision::{
    Cited, Decision, Duty, EventSummary, Finding, ObligationFinding, Reason, StateRef, TreatyIds,
    VariantRef, VersionRef,
};
pub use evaluator::evaluate;
pub(crate) use evaluator::{effective, not_on_the_table};
pub use event::{Aggressor, Assumption, Event, EventBuilder, EventError, PlaceInput};
pub use text::Text;
