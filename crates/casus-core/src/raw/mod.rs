//! The raw layer: data files as written, with spans, before any checking.

pub(crate) mod areas;
pub(crate) mod casebook;
mod event;
pub(crate) mod gaps;
pub(crate) mod reader;
pub(crate) mod regions;
pub(crate) mod scenario;
pub mod schema;
mod seas;
pub(crate) mod states;
mod treaty;

pub use areas::{read_areas, RawArea, RawAreaSource, RawAreas, Rings};
pub use gaps::{read_no_commitments, RawNoCommitment};
pub use reader::{Sp, StrOrList};
pub use regions::{read_regions, RawHistory, RawMap, RawRegion, RawRegionReading, RawRegions};
pub use seas::read_sea_ids;
pub use states::{read_states, RawPeriod, RawState, RawStates};
pub use treaty::{
    read_treaty, RawArticle, RawAtopDifference, RawClause, RawCondition, RawExplanation,
    RawObligation, RawOverride, RawParty, RawReservation, RawScope, RawSource, RawSourcing,
    RawStatement, RawStatus, RawSuspension, RawTreaty, RawVariant, RawVersion,
};
