//! The validated model: states, regions and treaties, immutable once built by `check`.

mod interval;
mod labels;
mod region;
mod registry;
mod treaty;
mod vocab;

use std::collections::BTreeMap;

pub use interval::Interval;
pub use labels::ObligationLabels;
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
    /// For each state (by index), the treaties that can concern it as a victim, as a bitset
    /// over treaty indices: deciding which treaties to evaluate reads one short row, not every
    /// treaty. American States under Rio are added by the evaluator, which knows the victim.
    pub(crate) concerned_by_state: Vec<Vec<u64>>,
    /// The treaties protecting American States as such (Rio), as a bitset.
    pub(crate) american_treaties: Vec<u64>,
}

impl Dataset {
    /// The treaties that can concern `victim`, as a bitset over treaty indices: ever a party,
    /// a named beneficiary, or an American State under a treaty that protects them.
    /// Treaties that do not are listed by id only ("ANZUS does not concern Estonia" is not a
    /// finding worth a paragraph), and skipping them keeps evaluation fast.
    pub(crate) fn concerning(&self, victim: StateId) -> Vec<u64> {
        let words = self.treaties.len().div_ceil(64);
        let mut row = self.concerned_by_state.get(victim.index()).cloned().unwrap_or_default();
        row.resize(words, 0);
        if self.registry.get(victim).is_some_and(|s| s.is_american()) {
            row.iter_mut().zip(&self.american_treaties).for_each(|(w, a)| *w |= a);
        }
        row
    }
    /// The index of a treaty by id.
    pub(crate) fn treaty_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

impl Dataset {
    /// How many treaties can concern `victim` (at most; see [`Dataset::concerns`]).
    pub(crate) fn concerned_count(&self, victim: StateId) -> usize {
        let ones = |words: &[u64]| words.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        self.concerned_by_state.get(victim.index()).map_or(0, |row| ones(row))
            + ones(&self.american_treaties)
    }
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
        treaties.iter_mut().for_each(|t| t.index(&registry));
        let index = treaties.iter().enumerate().map(|(i, t)| (t.id.0.clone(), i)).collect();
        let treaty_id_list = treaties.iter().map(|t| std::sync::Arc::clone(&t.id_arc)).collect();
        let words = treaties.len().div_ceil(64);
        let mut concerned_by_state = vec![vec![0u64; words]; registry.len()];
        let mut american_treaties = vec![0u64; words];
        for (i, t) in treaties.iter().enumerate() {
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            for s in t.concerned_states() {
                if let Some(w) = concerned_by_state.get_mut(s.index()).and_then(|r| r.get_mut(word))
                {
                    *w |= bit;
                }
            }
            if t.protects_american() {
                if let Some(w) = american_treaties.get_mut(word) {
                    *w |= bit;
                }
            }
        }
        Self {
            registry: std::sync::Arc::new(registry),
            regions,
            treaties,
            index,
            treaty_id_list,
            concerned_by_state,
            american_treaties,
        }
    }
}
