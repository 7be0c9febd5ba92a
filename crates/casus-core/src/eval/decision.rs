//! Decisions: what an event obliges, and why. Every collection is ordered, so the JSON form
//! is byte-identical across runs.
//!
//! # JSON format
//!
//! ```text
//! {
//!   "event": { "aggressor": {..}, "victim": {..}, "date": "2026-01-01", "target": "territory",
//!              "place": {..}, "place_facts": {..}, "place_assumed": "..."|null, "facts": {..},
//!              "assume_in_force": ["id" | "id:variant"] },
//!   "hypothetical": bool,                 // true if any finding rests on an assumed proposal
//!   "triggered":     [Finding],           // a duty to assist arises
//!   "indeterminate": [Finding],           // would arise, but a fact is missing
//!   "not_triggered": [Finding],           // with the reasons it does not arise
//!   "other_duties":  [Duty],              // consultation, neutrality, assurances that arise
//!   "breaches":      [Duty],              // non-aggression undertakings the aggressor breaks
//!   "unconcerned":   [string],            // ids of instruments the victim has no part in
//!   "notes":         [string]             // assumptions about the event itself
//! }
//! Finding = { "treaty", "title", "instrument", "hypothetical", "variant": {id,title,form}|null,
//!             "status": "in-force"|..., "obligations": [ObligationFinding],
//!             "reasons": [Reason], "sources": [Source] }
//! ObligationFinding = { "obligation", "article", "article_title", "kind", "strength",
//!             "operative_text", "text_quality", "obligated": [StateRef],
//!             "reasons": [Reason], "missing": [string], "caveats": [string] }
//! Reason = { "code": ReasonCode, "fails": bool, "text": string }
//! StateRef = { "code", "name", "cow" }
//! ```
//!
//! Reason codes are [`crate::model::ReasonCode`] (each documented there, and in
//! docs/format.md); `fails` says whether the reason is why something does not bind.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use super::text::Text;
use crate::model::{
    Dataset, ObligationKind, ObligationLabels, ReasonCode, State, StateId, Strength, TextQuality,
};

/// A state in output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StateRef {
    /// Display code (ISO alpha-3 where there is one). Borrowed from the registry's interned
    /// strings (free to copy); owned only for a non-state attacker.
    pub code: Cow<'static, str>,
    /// The state's name on the date asked about (the Kingdom of Serbia in 1914).
    pub name: Cow<'static, str>,
    /// COW ccode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cow: Option<u16>,
    #[serde(skip)]
    pub(crate) id: Option<StateId>,
}

impl StateRef {
    /// The state as named on `date` (the Kingdom of Serbia in 1914, the Soviet Union in 1970).
    pub(crate) fn of(ds: &Dataset, id: StateId, date: jiff::civil::Date) -> Self {
        let s = ds.registry().get(id);
        Self {
            code: Cow::Borrowed(s.map_or("?", State::code_static)),
            name: Cow::Borrowed(s.map_or("", |s| s.name_on(date))),
            cow: s.and_then(|s| s.cow()),
            id: Some(id),
        }
    }
    /// The registry id, when the state is in the registry.
    pub fn id(&self) -> Option<StateId> {
        self.id
    }
}

/// One reason, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The sentence, written when read.
    pub text: Text,
}

impl Reason {
    /// Does this reason say why something does not bind (a condition that failed, a victim
    /// or attacker not covered, a place outside the area, no obligor, not in effect)?
    pub fn is_failure(&self) -> bool {
        self.code.fails()
    }

    pub(crate) fn new(code: ReasonCode, text: impl Into<Text>) -> Self {
        Self { code, text: text.into() }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut r = s.serialize_struct("Reason", 3)?;
        r.serialize_field("code", &self.code)?;
        r.serialize_field("fails", &self.code.fails())?;
        r.serialize_field("text", &self.text)?;
        r.end()
    }
}

/// A variant evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantRef {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    pub id: String,
    /// Its title as the text gives it, if it has one.
    pub title: Option<String>,
    /// Form of protection.
    pub form: String,
    /// How long it would last, as the sources give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// The version of the proposal it is an option of, if the file has versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<VersionRef>,
}

/// A version of a proposal, as a decision names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRef {
    /// Its stable id within the file.
    pub id: String,
    /// The first day it was the state of the proposal (YYYY-MM-DD).
    #[serde(serialize_with = "crate::eval::decision::date_str")]
    pub date: jiff::civil::Date,
    /// What it is (a draft, a declaration).
    pub title: String,
}

impl VariantRef {
    /// A variant of `t` as decisions name it.
    pub(crate) fn of(t: &crate::model::Treaty, v: &crate::model::Variant) -> Self {
        VariantRef {
            id: v.id().to_owned(),
            title: v.title().map(str::to_owned),
            form: v.form().to_owned(),
            duration: v.duration().map(str::to_owned),
            version: t.version_of(v).map(VersionRef::of),
        }
    }
}

impl VersionRef {
    /// A version as decisions name it.
    pub(crate) fn of(x: &crate::model::Version) -> Self {
        VersionRef { id: x.id().to_owned(), date: x.date(), title: x.title().to_owned() }
    }
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn date_str<S: serde::Serializer>(
    d: &jiff::civil::Date,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// What one obligation of a treaty comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct ObligationFinding {
    /// The obligation's fixed words (id, article, quote), shared with the dataset.
    pub(crate) labels: Arc<ObligationLabels>,
    /// What the duty is: defense, offense, neutrality, non-aggression or consultation.
    pub kind: ObligationKind,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    pub strength: Strength,
    /// Who is bound (for a not-triggered obligation: empty).
    pub obligated: Vec<StateRef>,
    /// The reasons, each a stable code and a sentence, in the order checked.
    pub reasons: Vec<Reason>,
    /// Facts that would decide it.
    pub missing: Vec<Text>,
    /// Qualifications (reservations, assumptions, uncertain data).
    pub caveats: Vec<Text>,
}

impl ObligationFinding {
    /// Obligation id.
    pub fn obligation(&self) -> &str {
        &self.labels.obligation
    }
    /// Article id (empty if the obligation names none).
    pub fn article(&self) -> &str {
        &self.labels.article
    }
    /// The article id as a shared string.
    pub(crate) fn article_shared(&self) -> Arc<str> {
        Arc::clone(&self.labels.article)
    }
    /// Article title.
    pub fn article_title(&self) -> &str {
        &self.labels.article_title
    }
    /// The operative sentence.
    pub fn operative_text(&self) -> &str {
        &self.labels.operative_text
    }
    /// How faithful it is.
    pub fn text_quality(&self) -> TextQuality {
        self.labels.text_quality
    }
}

/// Field by field, as documented in the module's JSON format.
impl Serialize for ObligationFinding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ObligationFinding", 11)?;
        st.serialize_field("obligation", self.obligation())?;
        st.serialize_field("article", self.article())?;
        st.serialize_field("article_title", self.article_title())?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("strength", &self.strength)?;
        st.serialize_field("operative_text", self.operative_text())?;
        st.serialize_field("text_quality", &self.text_quality())?;
        st.serialize_field("obligated", &self.obligated)?;
        st.serialize_field("reasons", &self.reasons)?;
        if self.missing.is_empty() {
            st.skip_field("missing")?;
        } else {
            st.serialize_field("missing", &self.missing)?;
        }
        if self.caveats.is_empty() {
            st.skip_field("caveats")?;
        } else {
            st.serialize_field("caveats", &self.caveats)?;
        }
        st.end()
    }
}

/// What one treaty (or one variant of a proposal) comes to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Treaty id.
    pub treaty: Arc<str>,
    /// Its title as the instrument gives it.
    pub title: Arc<str>,
    /// Instrument kind.
    pub instrument: crate::model::InstrumentKind,
    /// Evaluated as if in force.
    pub hypothetical: bool,
    /// The variant, for proposals (boxed: rare, and findings are moved into their lists).
    pub variant: Option<Box<VariantRef>>,
    /// Status on the date (`in-force`, `proposed`, ...), or `none` before the first.
    pub status: &'static str,
    /// Obligations that arise (triggered), would arise (indeterminate), or the assistance
    /// obligations that were tested (not triggered).
    pub obligations: Vec<ObligationFinding>,
    /// Treaty-level reasons.
    pub reasons: Vec<Reason>,
    /// Competing readings of whether the treaty covers this place, with sources: the
    /// finding follows the text as modelled, and these say who reads it otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contested: Vec<crate::model::Reading>,
    /// Citations behind the finding: those its status, the victim's membership, its
    /// obligations and their articles cite.
    pub sources: Cited,
}

/// Some of the dataset's treaty ids, in id order: a bitset over the dataset's shared list of
/// ids (one shared pointer for the lot, rather than one per id); serialized as the ids.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatyIds {
    all: Arc<[Arc<str>]>,
    /// Bit `i` of word `i / 64`: the `i`th id is picked.
    picked: Vec<u64>,
}

impl TreatyIds {
    /// The ids of `picked`, a bitset over `all` (bits past its end are ignored).
    pub(crate) fn from_bits(all: &Arc<[Arc<str>]>, picked: Vec<u64>) -> Self {
        Self { all: Arc::clone(all), picked }
    }
    /// The ids.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        crate::model::bits(&self.picked).filter_map(|i| self.all.get(i)).map(|s| &**s)
    }
    /// How many.
    pub fn len(&self) -> usize {
        self.iter().count()
    }
    /// None?
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl Serialize for TreatyIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The citations a finding rests on: a subset of its treaty's sources, kept as a mask over
/// them (no copy); serialized as the list of those sources, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    all: Arc<[crate::model::Source]>,
    /// Bit i: source i is cited. Bit 63 also stands for every source past the 63rd.
    mask: u64,
}

impl Cited {
    pub(crate) fn none(all: &Arc<[crate::model::Source]>) -> Self {
        Self { all: Arc::clone(all), mask: 0 }
    }
    /// Cites what `sourcing` cites.
    pub(crate) fn add(&mut self, sourcing: &crate::model::Sourcing) {
        self.mask |= Self::mask(sourcing);
    }
    /// The mask of what `sourcing` cites.
    pub(crate) fn mask(sourcing: &crate::model::Sourcing) -> u64 {
        sourcing.sources.iter().fold(0, |m, i| m | 1 << (*i).min(63))
    }
    /// Cites the sources of a mask.
    pub(crate) fn add_mask(&mut self, mask: u64) {
        self.mask |= mask;
    }
    /// The sources cited, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &crate::model::Source> {
        self.all
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mask & (1 << (*i).min(63)) != 0)
            .map(|(_, s)| s)
    }
    /// How many.
    pub fn len(&self) -> usize {
        self.iter().count()
    }
    /// None?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Serialize for Cited {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl Finding {
    /// Every state obligated under this finding, sorted.
    pub fn obligated(&self) -> Vec<&StateRef> {
        let mut v: Vec<&StateRef> =
            self.obligations.iter().flat_map(|o| o.obligated.iter()).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// A consultation, neutrality or assurance duty that arises, or a breach.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duty {
    /// Treaty id.
    pub treaty: Arc<str>,
    /// Evaluated as if in force.
    pub hypothetical: bool,
    /// Variant id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The obligation.
    pub finding: ObligationFinding,
}

/// The event as decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSummary {
    /// Aggressor (state or `NSA:<name>`).
    pub aggressor: StateRef,
    /// The state attacked.
    pub victim: StateRef,
    /// The day, as a calendar date (YYYY-MM-DD).
    pub date: jiff::civil::Date,
    /// What was attacked: territory, forces, a vessel or an aircraft.
    pub target: crate::model::Target,
    /// Place as given.
    pub place: super::event::PlaceInput,
    /// Place label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_label: Option<Arc<str>>,
    /// Facts of the place used.
    pub place_facts: Arc<crate::model::PlaceFacts>,
    /// Set when the place was assumed.
    pub place_assumed: Option<Arc<str>>,
    /// Facts stated.
    pub facts: std::collections::BTreeMap<String, bool>,
    /// Instruments assumed in force.
    pub assume_in_force: Vec<String>,
}

/// The decision on one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub(crate) event: EventSummary,
    pub(crate) hypothetical: bool,
    pub(crate) triggered: Vec<Finding>,
    pub(crate) indeterminate: Vec<Finding>,
    pub(crate) not_triggered: Vec<Finding>,
    pub(crate) other_duties: Vec<Duty>,
    pub(crate) breaches: Vec<Duty>,
    /// Instruments that do not concern the victim at all (never a party, never a
    /// beneficiary), by id.
    pub(crate) unconcerned: TreatyIds,
    pub(crate) notes: Vec<Arc<str>>,
}

impl Decision {
    /// The event.
    pub fn event(&self) -> &EventSummary {
        &self.event
    }
    /// Does any finding rest on an assumed instrument?
    pub fn is_hypothetical(&self) -> bool {
        self.hypothetical
    }
    /// Treaties triggered.
    pub fn triggered(&self) -> &[Finding] {
        &self.triggered
    }
    /// Treaties undecided for lack of facts.
    pub fn indeterminate(&self) -> &[Finding] {
        &self.indeterminate
    }
    /// Treaties not triggered.
    pub fn not_triggered(&self) -> &[Finding] {
        &self.not_triggered
    }
    /// Consultation, neutrality and assurance duties.
    pub fn other_duties(&self) -> &[Duty] {
        &self.other_duties
    }
    /// Non-aggression undertakings broken by the aggressor.
    pub fn breaches(&self) -> &[Duty] {
        &self.breaches
    }
    /// Instruments that do not concern the victim (ids).
    pub fn unconcerned(&self) -> &TreatyIds {
        &self.unconcerned
    }
    /// Notes about the event.
    pub fn notes(&self) -> &[Arc<str>] {
        &self.notes
    }
    /// Every state bound to assist, sorted.
    pub fn obligated_states(&self) -> Vec<&StateRef> {
        let mut v: Vec<&StateRef> = self
            .triggered
            .iter()
            .flat_map(|f| f.obligations.iter().flat_map(|o| o.obligated.iter()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}
