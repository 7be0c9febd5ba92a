//! The validated model: states, regions and treaties, immutable once built by `check`.

mod interval;
mod region;
mod registry;
mod treaty;
mod vocab;

use std::collections::BTreeMap;

pub use interval::Interval;
pub use region::{PlaceFacts, Reading, Region, Regions, CONTINENTS, SEAS};
pub use registry::{GwPeriod, Registry, ResolveError, State, StateId};
pub use treaty::{
    Article, AtopDifference, AttackerSelector, Beneficiaries, Clause, Condition, Membership,
    Obligation, Obligors, Override, Reservation, Scope, Source, Sourcing, StateSelector, Statement,
    StatusEntry, Suspension, Treaty, TreatyId, Variant,
};
pub use vocab::{
    AtopField, Fact, IfUnknown, InstrumentKind, ObligationKind, Stance, StatusKind, Strength,
    Target, TextQuality,
};

/// Everything evaluation needs, validated. Only [`crate::check`] builds one.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) registry: std::sync::Arc<Registry>,
    pub(crate) regions: Regions,
    /// INVARIANT (sorted treaties): ordered by id, so every output that iterates treaties is
    /// deterministic whatever the order files were read in.
    pub(crate) treaties: Vec<Treaty>,
    pub(crate) index: BTreeMap<String, usize>,
    /// The treaty ids in order, shared by the decisions that list some of them.
    pub(crate) treaty_id_list: std::sync::Arc<[std::sync::Arc<str>]>,
}

impl Dataset {
    /// The state registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }
    /// The regions table.
    pub fn regions(&self) -> &Regions {
        &self.regions
    }
    /// Treaties ordered by id.
    pub fn treaties(&self) -> &[Treaty] {
        &self.treaties
    }
    /// A treaty by id.
    pub fn treaty(&self, id: &str) -> Option<&Treaty> {
        self.index.get(id).and_then(|i| self.treaties.get(*i))
    }
    /// Treaty ids, for "did you mean".
    pub fn treaty_ids(&self) -> impl Iterator<Item = &str> {
        self.treaties.iter().map(|t| t.id.as_str())
    }
    pub(crate) fn new(registry: Registry, regions: Regions, mut treaties: Vec<Treaty>) -> Self {
        // INVARIANT (sorted treaties)
        treaties.sort_by(|a, b| a.id.cmp(&b.id));
        treaties.iter_mut().for_each(Treaty::index_concerned);
        let index = treaties.iter().enumerate().map(|(i, t)| (t.id.0.clone(), i)).collect();
        let treaty_id_list = treaties.iter().map(|t| std::sync::Arc::clone(&t.id_arc)).collect();
        Self { registry: std::sync::Arc::new(registry), regions, treaties, index, treaty_id_list }
    }
}
