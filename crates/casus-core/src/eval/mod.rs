//! Evaluation: an [`Event`] and a [`Dataset`] in, a [`Decision`] out. Imports the model only,
//! never the raw layer.

mod decision;
mod evaluator;
mod event;
mod scope;
mod text;

pub use decision::{
    Cited, Decision, Duty, EventSummary, Finding, ObligationFinding, Reason, StateRef, TreatyIds,
    VariantRef,
};
pub use evaluator::evaluate;
pub use event::{Aggressor, Assumption, Event, EventBuilder, EventError, PlaceInput};
pub use text::Text;
