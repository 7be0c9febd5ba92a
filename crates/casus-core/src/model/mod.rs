//! The validated model: states, regions and treaties, immutable once built by `check`.

mod area;
mod epochs;
mod interval;
mod labels;
pub(crate) mod region;
pub(crate) mod registry;
mod treaty;
mod vocab;

use std::collections::BTreeMap;

pub use area::{Area, Areas, Edges, Quality};
pub use epochs::DateEpochs;
pub use interval::{covered, merged, Interval};
pub use labels::ObligationLabels;
pub use region::{MapFeatures, PlaceFacts, PlaceTerms, Reading, Region, Regions};
pub use registry::{GwPeriod, NamePeriod, Registry, ResolveError, State, StateId};
pub use treaty::{
    Article, AtopDifference, AttackerSelector, Beneficiaries, Clause, Condition, Membership,
    Obligation, Obligors, Override, Reservation, Scope, Source, Sourcing, StateSelector, Statement,
    StatusEntry, Suspension, Treaty, TreatyId, Variant, Version,
};
pub use vocab::{
    AtopField, Fact, IfUnknown, InstrumentKind, ObligationKind, ReasonCode, Stance, StatusKind,
    Strength, Target, TextQuality,
};

/// A state whose commitments were searched for and none found (`no-commitments.toml`): what
/// the sources say, so that coverage can tell "none in the sources" from "not yet searched".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoCommitment {
    /// The state.
    pub state: StateId,
    /// What the sources say (neutrality, no alliance in force, ...).
    pub why: String,
    /// The sources, as citations.
    pub sources: Vec<String>,
}

/// Everything evaluation needs, validated. Only [`crate::check()`] builds one.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) registry: std::sync::Arc<Registry>,
    pub(crate) regions: Regions,
    /// INVARIANT (sorted treaties): ordered by id, so every output that iterates treaties is
    /// deterministic whatever the order files were read in.
    pub(crate) treaties: Vec<Treaty>,
    /// States documented as having no commitment in the sources.
    pub(crate) no_commitments: Vec<NoCommitment>,
    pub(crate) index: BTreeMap<String, usize>,
    /// The treaty ids in order, shared by the decisions that list some of them.
    pub(crate) treaty_id_list: std::sync::Arc<[std::sync::Arc<str>]>,
    /// For each state (by index), the treaties that can concern it as a victim, as a bitset
    /// over treaty indices: deciding which treaties to evaluate reads one short row, not every
    /// treaty. American States under Rio are added by [`Dataset::concerning`].
    pub(crate) concerned_by_state: Vec<Vec<u64>>,
    /// The treaties protecting American States as such (Rio), as a bitset.
    pub(crate) american_treaties: Vec<u64>,
    /// The files besides the treaties the data was read from (states, regions, areas, seas,
    /// no-commitments): with the treaties' own files, where [`Dataset::date_epochs`] reads
    /// every date.
    pub(crate) files: Vec<std::sync::Arc<crate::source::SourceFile>>,
    /// The dates of the files besides the treaties, and of each treaty's file (by index),
    /// read once, for [`Dataset::date_epochs`] and [`Dataset::victim_epochs`].
    pub(crate) file_dates:
        std::sync::OnceLock<(Vec<jiff::civil::Date>, Vec<Vec<jiff::civil::Date>>)>,
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
    /// The state registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }
    /// The regions table.
    pub fn regions(&self) -> &Regions {
        &self.regions
    }
    /// The states documented as having no commitment in the sources (`no-commitments.toml`).
    pub fn no_commitments(&self) -> &[NoCommitment] {
        &self.no_commitments
    }
    pub(crate) fn set_no_commitments(&mut self, gaps: Vec<NoCommitment>) {
        self.no_commitments = gaps;
    }
    pub(crate) fn set_files(&mut self, files: Vec<std::sync::Arc<crate::source::SourceFile>>) {
        self.files = files;
        self.file_dates = std::sync::OnceLock::new();
    }
    /// The spans of days within which an attack's decision does not change but for the dates
    /// its texts quote ([`DateEpochs`]): read from every file of the data, treaties (the ATOP
    /// layer's generated ones too) and the rest.
    pub fn date_epochs(&self) -> DateEpochs {
        let (base, treaties) = self.file_dates();
        DateEpochs::from_dates(base.iter().chain(treaties.iter().flatten()).copied().collect())
    }

    /// [`Dataset::date_epochs`] for the attacks on one victim, assuming `assumed` (treaty
    /// ids) in force: a decision reads only the treaties that concern the victim and those
    /// assumed ([`crate::evaluate`]), so only their dates and those of the other files bound
    /// its spans, which are longer.
    pub fn victim_epochs<'a>(
        &self,
        victim: StateId,
        assumed: impl IntoIterator<Item = &'a str>,
    ) -> DateEpochs {
        let mut todo = self.concerning(victim);
        for a in assumed {
            if let Some(i) = self.treaty_index(a) {
                set_bit(&mut todo, i);
            }
        }
        let (base, treaties) = self.file_dates();
        let mut dates = base.clone();
        for i in bits(&todo) {
            dates.extend(treaties.get(i).into_iter().flatten().copied());
        }
        DateEpochs::from_dates(dates)
    }

    fn file_dates(&self) -> &(Vec<jiff::civil::Date>, Vec<Vec<jiff::civil::Date>>) {
        self.file_dates.get_or_init(|| {
            let base = epochs::dates_in(&self.files);
            (base, self.treaties.iter().map(|t| epochs::dates_in([t.file()])).collect())
        })
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
        // each treaty comes indexed from `Treaty::build`
        // INVARIANT (sorted treaties)
        treaties.sort_by(|a, b| a.id.cmp(&b.id));
        let index = treaties.iter().enumerate().map(|(i, t)| (t.id.0.clone(), i)).collect();
        let treaty_id_list = treaties.iter().map(|t| std::sync::Arc::clone(&t.id_arc)).collect();
        let words = treaties.len().div_ceil(64);
        let mut concerned_by_state = vec![vec![0u64; words]; registry.len()];
        let mut american_treaties = vec![0u64; words];
        for (i, t) in treaties.iter().enumerate() {
            for s in t.concerned_states() {
                if let Some(row) = concerned_by_state.get_mut(s.index()) {
                    set_bit(row, i);
                }
            }
            if t.protects_american() {
                set_bit(&mut american_treaties, i);
            }
        }
        Self {
            registry: std::sync::Arc::new(registry),
            regions,
            treaties,
            no_commitments: Vec::new(),
            index,
            treaty_id_list,
            concerned_by_state,
            american_treaties,
            files: Vec::new(),
            file_dates: std::sync::OnceLock::new(),
        }
    }
}

/// Sets bit `i` of a bitset (word `i / 64`); a bit past its end is ignored.
pub(crate) fn set_bit(words: &mut [u64], i: usize) {
    if let Some(w) = words.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// The indices of the set bits of a bitset, ascending.
pub(crate) fn bits(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().flat_map(|(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let bit = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            Some(w * 64 + bit)
        })
    })
}

/// Turns a bitset over `len` items into its complement over them (bits past `len` cleared).
pub(crate) fn complement(words: &mut [u64], len: usize) {
    for (w, word) in words.iter_mut().enumerate() {
        let valid = if (w + 1) * 64 <= len { u64::MAX } else { (1 << (len % 64)) - 1 };
        *word = !*word & valid;
    }
}

#[cfg(test)]
mod tests {
    use super::{bits, complement, set_bit};

    #[test]
    fn bitsets_set_list_and_complement() {
        let mut words = vec![0u64; 2];
        for i in [0, 5, 63, 64, 70, 200] {
            set_bit(&mut words, i); // 200 is past the end: ignored
        }
        assert_eq!(bits(&words).collect::<Vec<_>>(), [0, 5, 63, 64, 70]);
        complement(&mut words, 72);
        let rest: Vec<usize> = bits(&words).collect();
        assert_eq!(rest.len(), 72 - 5);
        assert!(rest.iter().all(|i| *i < 72 && ![0, 5, 63, 64, 70].contains(i)));
        let mut full = vec![0u64; 1];
        complement(&mut full, 64);
        assert_eq!(bits(&full).count(), 64);
    }
}
