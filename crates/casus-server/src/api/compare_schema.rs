//! The OpenAPI description of `POST /v1/compare`'s answer, mirroring `casus_core::compare`
//! (whose module documentation gives the JSON format); a test checks answers fit it.
#![allow(dead_code, reason = "schema only")]

use utoipa::ToSchema;

use super::schema::{Reason, Source, VariantRef, VersionRef};

/// A comparison: each item's profile on the date, and the counterexamples of every pair.
#[derive(ToSchema)]
pub(crate) struct Comparison {
    /// The date asked about.
    #[schema(format = Date)]
    date: String,
    /// Does any item rest on a proposal assumed in force?
    hypothetical: bool,
    /// The items, in the order asked (a proposal without a variant: each variant of the
    /// version in effect on the date).
    items: Vec<Profile>,
    /// Every pair of items, in item order, with its counterexamples.
    pairs: Vec<Pair>,
    /// What was searched.
    search: Search,
}

/// One item on the date.
#[derive(ToSchema)]
pub(crate) struct Profile {
    /// `treaty` or `treaty:variant`.
    key: String,
    /// The instrument's id.
    treaty: String,
    /// Its title.
    title: String,
    /// Its short title.
    short_title: Option<String>,
    /// What the instrument is.
    instrument: String,
    /// Compared as if in force (a proposal)?
    hypothetical: bool,
    /// The variant, for a proposal.
    variant: Option<VariantRef>,
    /// The version of the proposal in effect on the date.
    version_in_effect: Option<VersionRef>,
    /// Why the variant binds no one on the date, if it does not (a later or replaced version).
    on_the_table: Option<String>,
    /// The status on the date, in words.
    status: String,
    /// How long it lasts: the variant's duration, or the status dates.
    duration: String,
    /// Its obligations.
    obligations: Vec<ObligationProfile>,
    /// The sources it cites, in the file's order.
    sources: Vec<Source>,
}

/// Who, by a rule or by name.
#[derive(ToSchema)]
pub(crate) struct StatesRule {
    /// `parties`, `american-states` or `states`.
    rule: String,
    /// The named states' codes.
    states: Vec<String>,
}

/// Whose attack triggers an obligation.
#[derive(ToSchema)]
pub(crate) struct AttackBy {
    /// `anyone`, `any-state` or `states`.
    rule: String,
    /// The named adversaries' codes.
    states: Vec<String>,
    /// How the instrument names them.
    label: Option<String>,
}

/// A condition on an event fact.
#[derive(ToSchema)]
pub(crate) struct Condition {
    /// The fact it reads.
    fact: String,
    /// The value that meets it.
    must_be: bool,
    /// How an unknown fact is read.
    if_unknown: String,
    /// The words it encodes.
    text: Option<String>,
}

/// The article an obligation quotes.
#[derive(ToSchema)]
pub(crate) struct Article {
    /// Its id.
    id: String,
    /// Its title.
    title: String,
    /// The sentence quoted.
    quote: String,
    /// How faithful the text is.
    quality: String,
}

/// One obligation of an item.
#[derive(ToSchema)]
pub(crate) struct ObligationProfile {
    /// Its id.
    obligation: String,
    /// Its kind.
    kind: String,
    /// Its strength (under the variant).
    strength: String,
    /// Is it a duty to assist?
    assistance: bool,
    /// Who owes it.
    obligors: StatesRule,
    /// To whom.
    beneficiaries: StatesRule,
    /// Whose attack triggers it.
    attack_by: AttackBy,
    /// The targets covered.
    targets: Vec<String>,
    /// Its conditions (the variant's included).
    conditions: Vec<Condition>,
    /// The labels of its scope clauses.
    scope: Vec<String>,
    /// The first day it applies, if not the instrument's.
    #[schema(format = Date)]
    from: Option<String>,
    /// The first day it no longer applies.
    #[schema(format = Date)]
    until: Option<String>,
    /// The text it rests on.
    article: Option<Article>,
}

/// A pair of items and where they differ.
#[derive(ToSchema)]
pub(crate) struct Pair {
    /// The first item's key.
    a: String,
    /// The second item's key.
    b: String,
    /// How many distinct counterexamples the search found.
    found: u64,
    /// Those shown.
    counterexamples: Vec<Counterexample>,
}

/// A state, briefly.
#[derive(ToSchema)]
pub(crate) struct StateLabel {
    /// Display code.
    code: String,
    /// Name on the date.
    name: String,
}

/// Where an attack of the search is.
#[derive(ToSchema)]
pub(crate) struct PlaceRef {
    /// `region`, `point` or `unspecified`.
    kind: String,
    /// The region code.
    code: Option<String>,
    /// Latitude of a point.
    lat: Option<f64>,
    /// Longitude of a point.
    lon: Option<f64>,
    /// The place in words.
    label: String,
}

/// What one item comes to on an attack.
#[derive(ToSchema)]
pub(crate) struct Side {
    /// `triggered`, `indeterminate`, `not-triggered` or `unconcerned`.
    outcome: String,
    /// States bound.
    bound: Vec<String>,
    /// States that may be bound, for lack of a fact.
    undecided: Vec<String>,
    /// Why it does not bind, if it does not.
    why: Option<Reason>,
}

/// A concrete attack on which one item binds a state and the other does not.
#[derive(ToSchema)]
pub(crate) struct Counterexample {
    /// The attacker.
    aggressor: StateLabel,
    /// The state attacked.
    victim: StateLabel,
    /// The day.
    #[schema(format = Date)]
    date: String,
    /// What was attacked.
    target: String,
    /// Where.
    place: PlaceRef,
    /// The first item's outcome.
    a: Side,
    /// The second item's outcome.
    b: Side,
    /// States only the first binds.
    only_a: Vec<String>,
    /// States only the second binds.
    only_b: Vec<String>,
}

/// What the search covered.
#[derive(ToSchema)]
pub(crate) struct Search {
    /// Attacks enumerated.
    attacks: u64,
    /// Attacks evaluated.
    evaluated: u64,
    /// Was it cut off at its limit?
    cut_off: bool,
    /// Boundary dates were searched this many years around the date.
    window_years: i64,
    /// The dates searched.
    dates: Vec<String>,
    /// The victims searched.
    victims: Vec<String>,
    /// The aggressors searched.
    aggressors: Vec<String>,
    /// The seas searched (one point each).
    seas: Vec<String>,
}
