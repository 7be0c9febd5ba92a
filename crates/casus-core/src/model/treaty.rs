//! Validated treaties. Only `check` builds these; evaluation reads nothing else.

use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::civil::Date;

use super::interval::Interval;
use super::registry::StateId;
use super::vocab::{
    Fact, IfUnknown, InstrumentKind, ObligationKind, StatusKind, Strength, Target, TextQuality,
};
use crate::source::{Loc, SourceFile};

/// A treaty id: the file stem, e.g. `north-atlantic-treaty`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TreatyId(pub(crate) String);

impl TreatyId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TreatyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A citation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// Id within the file.
    pub id: String,
    /// The citation.
    pub citation: String,
    /// Where to read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Sources and certainty of one fact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sourcing {
    pub(crate) sources: Vec<usize>,
    pub(crate) uncertain: Option<Arc<str>>,
    pub(crate) note: Option<Arc<str>>,
}

impl Sourcing {
    /// Why the fact is not confirmed, if it is not.
    pub fn uncertain(&self) -> Option<&str> {
        self.uncertain.as_deref()
    }
    /// A note.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// One step of the status timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusEntry {
    pub(crate) status: StatusKind,
    pub(crate) date: Date,
    pub(crate) sourcing: Sourcing,
}

impl StatusEntry {
    /// The status.
    pub fn status(&self) -> StatusKind {
        self.status
    }
    /// From when.
    pub fn date(&self) -> Date {
        self.date
    }
    /// Its sourcing.
    pub fn sourcing(&self) -> &Sourcing {
        &self.sourcing
    }
}

/// One membership as written: a code over an interval, and the states that held the code
/// during it.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub(crate) code: String,
    pub(crate) interval: Interval,
    pub(crate) role: Option<String>,
    /// INVARIANT (segments): disjoint sub-intervals of `interval`, each with the state that
    /// held `code` then; built by `check::lower` from the registry.
    pub(crate) segments: Vec<(StateId, Interval)>,
    pub(crate) sourcing: Sourcing,
    pub(crate) loc: Loc,
}

impl Membership {
    /// The code as written.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// Joined and left.
    pub fn interval(&self) -> Interval {
        self.interval
    }
    /// A role label.
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }
    /// The states that held the code, each over its sub-interval, in date order.
    pub fn segments(&self) -> &[(StateId, Interval)] {
        &self.segments
    }
    /// The state that is the party on `d`, if the membership applies then.
    pub fn state_on(&self, d: Date) -> Option<StateId> {
        self.segments.iter().find(|(_, i)| i.contains(d)).map(|(s, _)| *s)
    }
    /// The sourcing.
    pub fn sourcing(&self) -> &Sourcing {
        &self.sourcing
    }
    /// Where it is written.
    pub fn loc(&self) -> &Loc {
        &self.loc
    }
}

/// A directed leg that stopped applying.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspension {
    pub(crate) owed_by: BTreeSet<StateId>,
    pub(crate) owed_to: BTreeSet<StateId>,
    pub(crate) interval: Interval,
    pub(crate) sourcing: Sourcing,
    pub(crate) loc: Loc,
}

impl Suspension {
    /// The states whose leg stopped applying.
    pub fn owed_by(&self) -> &BTreeSet<StateId> {
        &self.owed_by
    }
    /// The states the suspended leg was owed to.
    pub fn owed_to(&self) -> &BTreeSet<StateId> {
        &self.owed_to
    }
    /// When the leg is suspended.
    pub fn interval(&self) -> Interval {
        self.interval
    }
}

/// An article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) text: String,
    pub(crate) quality: TextQuality,
    /// The sentence the memo quotes: `operative`, or the whole text.
    pub(crate) quote: Arc<str>,
    pub(crate) operative: Option<String>,
    /// The version of a proposal the text belongs to (an index into the versions); `None`:
    /// every version.
    pub(crate) version: Option<usize>,
    pub(crate) sourcing: Sourcing,
}

impl Article {
    /// The article id ("5", "IV").
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Title, or "Article {id}".
    pub fn title(&self) -> String {
        self.title.clone().unwrap_or_else(|| format!("Article {}", self.id))
    }
    /// Full text as stored.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// How faithful the text is.
    pub fn quality(&self) -> TextQuality {
        self.quality
    }
    /// The operative sentence.
    pub fn operative(&self) -> &str {
        &self.quote
    }
}

/// Which states a selector names.
#[derive(Debug, Clone, PartialEq)]
pub enum StateSelector {
    /// The victim of the event.
    Victim,
    /// Any party on the date.
    Party,
    /// These states (every holder of the codes written).
    States(BTreeSet<StateId>),
}

/// One clause of a scope: met when every given key is met.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clause {
    pub(crate) label: Option<String>,
    pub(crate) targets: Option<BTreeSet<Target>>,
    pub(crate) held_by: Option<StateSelector>,
    pub(crate) administered_by: Option<StateSelector>,
    pub(crate) continent: Option<Vec<String>>,
    pub(crate) region: Option<Vec<String>>,
    pub(crate) not_region: Option<Vec<String>>,
    pub(crate) island: Option<bool>,
    pub(crate) metropolitan: Option<bool>,
    pub(crate) sea: Option<Vec<String>>,
    pub(crate) coast: Option<Vec<String>>,
    pub(crate) area: Option<Vec<String>>,
    pub(crate) not_area: Option<Vec<String>>,
    pub(crate) north_of: Option<f64>,
    pub(crate) south_of: Option<f64>,
    pub(crate) interval: Option<Interval>,
}

/// A geographic scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub(crate) id: String,
    pub(crate) article: Option<String>,
    pub(crate) interval: Option<Interval>,
    pub(crate) clauses: Vec<Clause>,
    /// How casus reads the text: which clause encodes which words, what is left out.
    pub(crate) reading: Option<String>,
}

impl Scope {
    /// Its id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The article that draws it.
    pub fn article(&self) -> Option<&str> {
        self.article.as_deref()
    }
    /// The dates it applies.
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
    /// Its clauses: the scope is met when one of them is.
    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }
    /// How casus reads the text.
    pub fn reading(&self) -> Option<&str> {
        self.reading.as_deref()
    }
}

impl Clause {
    /// What the memo calls the clause.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    /// The treaty areas it requires the place to be in.
    pub fn areas(&self) -> &[String] {
        self.area.as_deref().unwrap_or_default()
    }
    /// The parallels it draws: `(latitude, north)`, north when the place must lie north of it.
    pub fn parallels(&self) -> Vec<(f64, bool)> {
        self.north_of
            .map(|p| (p, true))
            .into_iter()
            .chain(self.south_of.map(|p| (p, false)))
            .collect()
    }
}

/// Who can attack to trigger an obligation.
#[derive(Debug, Clone, PartialEq)]
pub enum AttackerSelector {
    /// Anyone, states and non-state actors.
    Anyone,
    /// Any state, not a non-state actor.
    AnyState,
    /// Named adversaries.
    States(BTreeSet<StateId>),
}

/// Who an obligation is owed to.
#[derive(Debug, Clone, PartialEq)]
pub enum Beneficiaries {
    /// The parties.
    Parties,
    /// Every American State (Rio Treaty Art 3).
    AmericanStates,
    /// Named states.
    States(BTreeSet<StateId>),
}

/// Who owes an obligation.
#[derive(Debug, Clone, PartialEq)]
pub enum Obligors {
    /// The parties.
    Parties,
    /// Named states (parties).
    States(BTreeSet<StateId>),
}

/// A condition on an event fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub(crate) fact: Fact,
    pub(crate) must_be: bool,
    pub(crate) if_unknown: IfUnknown,
    pub(crate) text: Option<Arc<str>>,
    pub(crate) why: Option<Arc<str>>,
}

/// A note qualifying some obligors.
#[derive(Debug, Clone, PartialEq)]
pub struct Reservation {
    pub(crate) states: BTreeSet<StateId>,
    pub(crate) text: Arc<str>,
    pub(crate) effect: Option<Arc<str>>,
    /// When it applies (Finland and Sweden carried TEU 42(7)'s neutrality caveat until they
    /// joined NATO); `None`: always.
    pub(crate) interval: Option<crate::model::Interval>,
}

/// The parties from a date until the next epoch's, by id and in output order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Epoch {
    pub(crate) from: Date,
    pub(crate) by_id: Box<[StateId]>,
    pub(crate) by_rank: Box<[StateId]>,
}

/// A directed obligation.
#[derive(Debug, Clone, PartialEq)]
pub struct Obligation {
    pub(crate) id: String,
    pub(crate) article: usize,
    pub(crate) kind: ObligationKind,
    pub(crate) strength: Strength,
    pub(crate) owed_by: Obligors,
    pub(crate) owed_by_except: BTreeSet<StateId>,
    pub(crate) owed_to: Beneficiaries,
    pub(crate) attack_by: AttackerSelector,
    pub(crate) attack_by_label: Option<String>,
    pub(crate) targets: BTreeSet<Target>,
    pub(crate) scopes: Arc<[usize]>,
    pub(crate) interval: Option<Interval>,
    pub(crate) conditions: Vec<Condition>,
    pub(crate) reservations: Vec<Reservation>,
    pub(crate) sourcing: Sourcing,
    /// Its words in decisions; built with the treaty's indexes ([`Treaty::build`]).
    pub(crate) labels: Arc<super::ObligationLabels>,
}

impl Obligation {
    /// Id within the treaty.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the duty is: defense, offense, neutrality, non-aggression or consultation.
    pub fn kind(&self) -> ObligationKind {
        self.kind
    }
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    pub fn strength(&self) -> Strength {
        self.strength
    }
    /// Who owes it.
    pub fn owed_by(&self) -> &Obligors {
        &self.owed_by
    }
    /// Parties left out of `owed_by` (`owed-by-except`).
    pub fn owed_by_except(&self) -> &BTreeSet<StateId> {
        &self.owed_by_except
    }
    /// Who it is owed to.
    pub fn owed_to(&self) -> &Beneficiaries {
        &self.owed_to
    }
    /// When it applies, if only over part of the treaty's life (`None`: whenever the treaty
    /// is in force).
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
}

/// A dated state of a proposal: in effect from its date until the next version's.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub(crate) id: String,
    pub(crate) date: Date,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) sourcing: Sourcing,
}

impl Version {
    /// Its stable id within the file.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The first day it is the state of the proposal.
    pub fn date(&self) -> Date {
        self.date
    }
    /// What it is (a draft, a declaration), in a line.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// What it proposes, if the file says.
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
    /// Its sources and caveats.
    pub fn sourcing(&self) -> &Sourcing {
        &self.sourcing
    }
}

/// A variant of a proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) form: String,
    /// The version it is an option of (an index into the versions).
    pub(crate) version: Option<usize>,
    /// How long the guarantee would last, as the sources give it.
    pub(crate) duration: Option<String>,
    pub(crate) overrides: Vec<Override>,
    pub(crate) sourcing: Sourcing,
}

impl Variant {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its title as the text gives it, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
    /// The form of protection.
    pub fn form(&self) -> &str {
        &self.form
    }
    /// How long it would last, as the sources give it.
    pub fn duration(&self) -> Option<&str> {
        self.duration.as_deref()
    }
}

/// A variant's change to one obligation.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub(crate) obligation: usize,
    /// The text this option rests on (an index into the articles), instead of the
    /// obligation's.
    pub(crate) article: Option<usize>,
    /// The obligation's words with that article (set by [`Treaty::build`]).
    pub(crate) labels: Option<Arc<super::ObligationLabels>>,
    pub(crate) owed_by: Option<Obligors>,
    pub(crate) strength: Option<Strength>,
    pub(crate) note: Option<String>,
    pub(crate) conditions: Vec<Condition>,
}

/// Who said what about an instrument, when, and where they stand.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Statement {
    /// The day, as a calendar date (YYYY-MM-DD).
    pub date: Date,
    /// Who spoke.
    pub speaker: String,
    /// In what capacity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For which state (display code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Where they stand.
    pub stance: super::vocab::Stance,
    /// What they said.
    pub text: String,
    /// How faithful the text is.
    pub quality: TextQuality,
    /// The article or variant it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// The sources the facts rest on, as citations (primary first).
    pub sources: Vec<Source>,
    /// Why it is not confirmed, if it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
    /// The context: where and when it was said, what it answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A known difference from ATOP 5.1's coding, with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct AtopDifference {
    /// The states the entry is about (every holder of the code written).
    pub states: BTreeSet<StateId>,
    /// The field that differs.
    pub field: super::vocab::AtopField,
    /// Our value, as text.
    pub ours: Option<String>,
    /// ATOP's value, as text.
    pub atop: Option<String>,
    /// Why, in a sentence with its source.
    pub why: String,
}

impl AtopDifference {
    /// Does it explain a difference in `field` for a state that holds one of `holders` (the
    /// states answering to one COW code)? The matching the ATOP comparison tests share.
    pub fn explains(&self, field: super::vocab::AtopField, holders: &BTreeSet<StateId>) -> bool {
        self.field == field && self.states.iter().any(|s| holders.contains(s))
    }
}

/// A validated instrument.
#[derive(Debug, Clone)]
pub struct Treaty {
    pub(crate) id: TreatyId,
    pub(crate) id_arc: Arc<str>,
    pub(crate) title: String,
    pub(crate) title_arc: Arc<str>,
    pub(crate) short_title: Option<String>,
    pub(crate) kind: InstrumentKind,
    pub(crate) atopid: Option<u32>,
    pub(crate) summary: Option<String>,
    pub(crate) sources: Arc<[Source]>,
    pub(crate) statuses: Vec<StatusEntry>,
    pub(crate) parties: Vec<Membership>,
    pub(crate) suspensions: Vec<Suspension>,
    pub(crate) articles: Vec<Article>,
    /// Shared, so that a reason can name the clause that decided it without a copy.
    pub(crate) scopes: Arc<[Scope]>,
    pub(crate) obligations: Vec<Obligation>,
    pub(crate) variants: Vec<Variant>,
    /// Dated versions of a proposal, by date.
    pub(crate) versions: Vec<Version>,
    pub(crate) statements: Vec<Statement>,
    pub(crate) atop_differences: Vec<AtopDifference>,
    pub(crate) file: Arc<SourceFile>,
    /// The party sets over time: from each date on (sorted), the parties (sorted ids), until
    /// the next. Built by [`Treaty::build`] from the memberships.
    pub(crate) epochs: Vec<Epoch>,
    /// Each state that ever held a membership, with the membership's index, sorted: the
    /// memberships of a state by binary search. Built by [`Treaty::build`].
    pub(crate) members: Vec<(StateId, usize)>,
    /// "no duty to assist: the instrument holds only ... undertakings" (a reason that would
    /// otherwise be written per event). Built by [`Treaty::build`].
    pub(crate) no_assist: Arc<str>,
}

impl Treaty {
    /// A treaty from its lowered parts, with the indexes the evaluator reads built (the
    /// fields `epochs`, `members`, `no_assist` and each obligation's labels are computed here,
    /// whatever the parts hold).
    pub(crate) fn build(mut parts: Treaty, registry: &super::Registry) -> Treaty {
        parts.index(registry);
        parts
    }

    /// Builds the indexes the evaluator reads: memberships by state and the party epochs.
    fn index(&mut self, registry: &super::Registry) {
        let mut members: Vec<(StateId, usize)> = self
            .parties
            .iter()
            .enumerate()
            .flat_map(|(i, m)| m.segments.iter().map(move |(s, _)| (*s, i)))
            .collect();
        members.sort_unstable();
        members.dedup();
        self.members = members;
        // A variant's own article gives its obligation other words.
        let mut variant_labels = Vec::new();
        for (vi, v) in self.variants.iter().enumerate() {
            for (oi, o) in v.overrides.iter().enumerate() {
                let (Some(ob), Some(a)) = (
                    self.obligations.get(o.obligation),
                    o.article.and_then(|a| self.articles.get(a)),
                ) else {
                    continue;
                };
                variant_labels.push((
                    vi,
                    oi,
                    Arc::new(super::ObligationLabels::new(ob, Some(a), registry)),
                ));
            }
        }
        for (vi, oi, labels) in variant_labels {
            if let Some(o) = self.variants.get_mut(vi).and_then(|v| v.overrides.get_mut(oi)) {
                o.labels = Some(labels);
            }
        }
        for i in 0..self.obligations.len() {
            let labels = self
                .obligations
                .get(i)
                .map(|o| Arc::new(super::ObligationLabels::new(o, self.article_of(o), registry)));
            if let (Some(o), Some(labels)) = (self.obligations.get_mut(i), labels) {
                o.labels = labels;
            }
        }
        let kinds: BTreeSet<&str> = self.obligations.iter().map(|o| o.kind.as_str()).collect();
        let kinds: Vec<&str> = kinds.into_iter().collect();
        self.no_assist = format!(
            "no duty to assist: the instrument holds only {} undertakings",
            kinds.join(" and ")
        )
        .into();
        // INVARIANT (epochs): the party set changes only on a segment's first or end date.
        let mut dates: Vec<Date> = self
            .parties
            .iter()
            .flat_map(|m| m.segments.iter())
            .flat_map(|(_, i)| std::iter::once(i.from()).chain(i.until()))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        self.epochs = dates
            .into_iter()
            .map(|from| {
                let by_id = self.scan_parties_on(from);
                let mut by_rank = by_id.clone();
                by_rank.sort_unstable_by_key(|s| registry.rank(*s));
                Epoch { from, by_id: by_id.into(), by_rank: by_rank.into() }
            })
            .collect();
    }

    /// The states the treaty can concern as a victim: every state that ever held one of its
    /// memberships, and every named beneficiary (American States under Rio aside).
    pub(crate) fn concerned_states(&self) -> impl Iterator<Item = StateId> + '_ {
        let named = self.obligations.iter().flat_map(|o| match &o.owed_to {
            Beneficiaries::States(states) => Some(states.iter().copied()),
            _ => None,
        });
        self.members.iter().map(|(s, _)| *s).chain(named.flatten())
    }

    /// Does an obligation protect American States as such (Rio)?
    pub(crate) fn protects_american(&self) -> bool {
        self.obligations.iter().any(|o| matches!(o.owed_to, Beneficiaries::AmericanStates))
    }

    /// The treaty's stable id: its file name, kebab-case with the year.
    pub fn id(&self) -> &TreatyId {
        &self.id
    }
    /// Its title as the instrument gives it.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Short title.
    pub fn short_title(&self) -> Option<&str> {
        self.short_title.as_deref()
    }
    /// Instrument kind.
    pub fn kind(&self) -> InstrumentKind {
        self.kind
    }
    /// ATOP alliance id.
    pub fn atopid(&self) -> Option<u32> {
        self.atopid
    }
    /// A summary of the instrument: its dates, parties and operative clause.
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
    /// The sources the facts rest on, as citations (primary first).
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    /// Status timeline, in date order.
    pub fn statuses(&self) -> &[StatusEntry] {
        &self.statuses
    }
    /// Memberships as written.
    pub fn parties(&self) -> &[Membership] {
        &self.parties
    }
    /// Directed legs suspended over an interval (`[[suspension]]`).
    pub fn suspensions(&self) -> &[Suspension] {
        &self.suspensions
    }
    /// The articles the file quotes or paraphrases, in file order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }
    /// The duties the instrument creates, one per kind and article.
    pub fn obligations(&self) -> &[Obligation] {
        &self.obligations
    }
    /// Where an attack must happen: the geographic scopes.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }
    /// Variants (proposals only).
    pub fn variants(&self) -> &[Variant] {
        &self.variants
    }
    /// The help for a variant it lacks: "did you mean `x`?", else its variants, else that it
    /// has none (one wording for events, credibility keys and comparisons).
    pub fn unknown_variant_help(&self, asked: &str) -> String {
        let names = self.variants.iter().map(|v| v.id.as_str());
        if self.variants.is_empty() {
            return "it has no variants".to_owned();
        }
        crate::diag::suggestion(asked, names.clone())
            .unwrap_or_else(|| format!("its variants: {}", names.collect::<Vec<_>>().join(", ")))
    }

    /// Dated versions (proposals only), by date.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }
    /// The version in effect on `d`: the last one dated on or before it. `None` before the
    /// first, or when the file has none.
    pub fn version_on(&self, d: Date) -> Option<&Version> {
        self.versions.iter().take_while(|v| v.date <= d).last()
    }
    /// The version a variant is an option of.
    pub fn version_of(&self, v: &Variant) -> Option<&Version> {
        v.version.and_then(|i| self.versions.get(i))
    }
    /// The variants on the table on `d`: those of the version in effect, or every variant
    /// when the file has no versions (none before the first version).
    pub fn variants_on(&self, d: Date) -> Vec<&Variant> {
        if self.versions.is_empty() {
            return self.variants.iter().collect();
        }
        let Some(now) = self.version_on(d) else { return Vec::new() };
        self.variants
            .iter()
            .filter(|v| self.version_of(v).is_some_and(|x| x.id == now.id))
            .collect()
    }
    /// Statements about it, in date order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
    /// Explained differences from ATOP 5.1.
    pub fn atop_differences(&self) -> &[AtopDifference] {
        &self.atop_differences
    }
    /// The file it was read from.
    pub fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }
    /// The article of an obligation.
    pub fn article_of(&self, o: &Obligation) -> Option<&Article> {
        self.articles.get(o.article)
    }
    /// Is it a proposal?
    pub fn is_proposal(&self) -> bool {
        self.kind == InstrumentKind::Proposal
    }
    /// The status in effect on `d`: the latest entry dated on or before `d`.
    pub fn status_on(&self, d: Date) -> Option<&StatusEntry> {
        self.statuses.iter().rev().find(|s| s.date <= d)
    }
    /// In force on `d`?
    pub fn in_force_on(&self, d: Date) -> bool {
        self.status_on(d).is_some_and(|s| s.status == StatusKind::InForce)
    }
    /// The parties on `d`, sorted, without duplicates.
    pub fn parties_on(&self, d: Date) -> Vec<StateId> {
        self.epoch_on(d).map_or_else(Vec::new, |e| e.by_id.to_vec())
    }
    /// The parties on `d` in the output order of states (by display code, as `StateRef`s
    /// sort).
    pub(crate) fn parties_in_output_order(&self, d: Date) -> &[StateId] {
        self.epoch_on(d).map_or(&[], |e| &e.by_rank)
    }
    /// Is `s` a party on `d`?
    pub fn is_party_on(&self, s: StateId, d: Date) -> bool {
        self.epoch_on(d).is_some_and(|e| e.by_id.binary_search(&s).is_ok())
    }
    /// The precomputed epoch in effect on `d`.
    fn epoch_on(&self, d: Date) -> Option<&Epoch> {
        let after = self.epochs.partition_point(|e| e.from <= d);
        after.checked_sub(1).and_then(|i| self.epochs.get(i))
    }
    /// The parties on `d`, read from every membership (what the epochs are built from).
    fn scan_parties_on(&self, d: Date) -> Vec<StateId> {
        let mut v: Vec<StateId> = self.parties.iter().filter_map(|m| m.state_on(d)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    /// The membership entries that ever resolved to `s`.
    pub fn memberships_of(&self, s: StateId) -> impl Iterator<Item = &Membership> {
        let from = self.members.partition_point(|(x, _)| *x < s);
        let to = self.members.partition_point(|(x, _)| *x <= s);
        self.members.get(from..to).unwrap_or(&[]).iter().filter_map(|(_, i)| self.parties.get(*i))
    }
    /// The citation text of a source index.
    pub fn source(&self, i: usize) -> Option<&Source> {
        self.sources.get(i)
    }
    /// Is the leg owed_by → owed_to suspended on `d`?
    pub(crate) fn is_suspended(&self, by: StateId, to: StateId, d: Date) -> Option<&Suspension> {
        self.suspensions
            .iter()
            .find(|s| s.interval.contains(d) && s.owed_by.contains(&by) && s.owed_to.contains(&to))
    }
}
