//! Schemas, for the OpenAPI document only, of the cascade and simulation JSON the engine
//! serializes (`casus_core::cascade`). Never built; `tests/openapi.rs` checks real answers
//! against them key by key.

#![allow(dead_code, reason = "schema only")]

use utoipa::ToSchema;

use super::schema::vocab::Strength;
use super::schema::StateRef;

/// Why a state enters: an obligation that binds it.
#[derive(ToSchema)]
pub(crate) struct Basis {
    /// Treaty id.
    treaty: String,
    /// The article of the treaty the duty is in, as the treaty numbers it.
    article: String,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    strength: Strength,
    /// Rests on an instrument assumed in force.
    hypothetical: bool,
    /// The proposal's variant.
    variant: Option<String>,
    /// Qualifications (absent when none).
    caveats: Option<Vec<String>>,
}

/// A state drawn in.
#[derive(ToSchema)]
pub(crate) struct Entry {
    /// The state: display code, name on the date, COW code.
    state: StateRef,
    /// `victim` or `aggressor`.
    #[schema(example = "victim")]
    side: String,
    /// The obligations that bind it (empty for a principal).
    basis: Vec<Basis>,
}

/// A state bound in principle that stays out, and why.
#[derive(ToSchema)]
pub(crate) struct StayedOut {
    /// The state: display code, name on the date, COW code.
    state: StateRef,
    /// Under which treaty it is a party.
    treaty: String,
    /// The condition that failed.
    reason: String,
}

/// One event of a round.
#[derive(ToSchema)]
pub(crate) struct EventTrace {
    /// The day, as a calendar date (YYYY-MM-DD).
    #[schema(value_type = String, example = "1914-08-04")]
    date: String,
    /// The attacking state.
    aggressor: StateRef,
    /// The state attacked.
    victim: StateRef,
    /// What happened (given events).
    label: Option<String>,
    /// A strike derived by the escalation rule rather than given.
    derived: bool,
    /// Citation of a given event.
    source: Option<String>,
    /// States that enter in this event.
    entered: Vec<Entry>,
    /// States bound here that had already entered.
    also_bound: Vec<Entry>,
    /// States bound in principle that stay out.
    stayed_out: Vec<StayedOut>,
    /// What stays undecided for lack of facts.
    undecided: Vec<String>,
}

/// One round.
#[derive(ToSchema)]
pub(crate) struct RoundTrace {
    /// From 1.
    round: u32,
    /// Its events.
    events: Vec<EventTrace>,
}

/// A cascade: who is drawn in, round by round.
#[derive(ToSchema)]
pub(crate) struct CascadeTrace {
    /// Scenario id.
    scenario: String,
    /// The scenario's title: what it plays out.
    title: String,
    /// Rounds, in order.
    rounds: Vec<RoundTrace>,
    /// Everyone at war on the aggressor's side at the end.
    aggressor_side: Vec<StateRef>,
    /// Everyone at war on the victim's side at the end.
    victim_side: Vec<StateRef>,
    /// Did the cascade stop by itself (rather than at the round limit)?
    fixed_point: bool,
    /// Does any entry rest on an instrument assumed in force?
    hypothetical: bool,
}

/// One state's chance of entering.
#[derive(ToSchema)]
pub(crate) struct EntryProbability {
    /// The state: display code, name on the date, COW code.
    state: StateRef,
    /// Probability of being at war, on either side (1 for the first aggressor and victim).
    p_enter: f64,
    /// Lower bound of the 95% interval of `p_enter` (Wilson score interval).
    ci_low: f64,
    /// Upper bound of the 95% interval of `p_enter`.
    ci_high: f64,
    /// Probability of being at war on the victim's side.
    victim_side: f64,
    /// The 95% interval of `victim_side`, low and high.
    victim_side_ci: [f64; 2],
    /// Probability of being at war on the aggressor's side.
    aggressor_side: f64,
    /// The 95% interval of `aggressor_side`, low and high.
    aggressor_side_ci: [f64; 2],
}

/// A count of samples.
#[derive(ToSchema)]
pub(crate) struct SizeCount {
    /// Coalition size, the principal included.
    size: usize,
    /// How many samples were drawn.
    samples: u64,
}

/// A bin of the victim side's share of weight.
#[derive(ToSchema)]
pub(crate) struct BalanceBin {
    /// Lower bound (inclusive).
    from: f64,
    /// Upper bound (exclusive; the last bin includes 1).
    to: f64,
    /// How many samples were drawn.
    samples: u64,
}

/// The balance between the sides, by weight.
#[derive(ToSchema)]
pub(crate) struct Balance {
    /// Mean share of total weight on the victim's side.
    mean_victim_share: f64,
    /// Distribution of that share, ten bins.
    histogram: Vec<BalanceBin>,
}

/// The credibility used for one commitment.
#[derive(ToSchema)]
pub(crate) struct CredibilityUsed {
    /// The state.
    state: StateRef,
    /// The treaty.
    treaty: String,
    /// The variant of the proposal, when the commitment is under one.
    variant: Option<String>,
    /// Probability that it is honoured.
    probability: f64,
    /// `default`, `treaty`, `treaty and variant`, `state`, `state and treaty` or `state,
    /// treaty and variant`: the most specific override that set it.
    from: String,
}

/// One alternative world's result: a variant of each proposal assumed without one.
#[derive(ToSchema)]
pub(crate) struct WorldResult {
    /// `treaty:variant` (several joined with ` + `), or null when no proposal has variants.
    variant: Option<String>,
    /// The variants the world takes.
    pinned: Vec<Pinned>,
    /// Samples run.
    samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    seed: u64,
    /// Each state ever at war in some sample, by descending probability then code.
    states: Vec<EntryProbability>,
    /// Distribution of the victim side's size.
    victim_coalition: Vec<SizeCount>,
    /// Distribution of the aggressor side's size.
    aggressor_coalition: Vec<SizeCount>,
    /// The balance by weight, when weights were given.
    balance: Option<Balance>,
    /// The credibility of every commitment the world can reach.
    credibility: Vec<CredibilityUsed>,
    /// Does any commitment rest on an instrument assumed in force?
    hypothetical: bool,
}

/// A proposal and the variant a world takes.
#[derive(ToSchema)]
pub(crate) struct Pinned {
    /// The proposal's id.
    treaty: String,
    /// The variant's id.
    variant: String,
}

/// A default credibility, by kind of obligation and era.
#[derive(ToSchema)]
pub(crate) struct DefaultCredibility {
    /// The kind of obligation.
    kind: String,
    /// The probability of honouring it before 1945.
    before_1945: f64,
    /// The probability of honouring it from 1945.
    from_1945: f64,
    /// Where the figure comes from.
    source: String,
}

/// What a simulation found: one result per alternative world (variant), side by side.
#[derive(ToSchema)]
pub(crate) struct SimulationReport {
    /// Samples run per world.
    samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    seed: u64,
    /// How often a state decides: `per-victim`, `per-war` or `per-commitment`.
    decide: String,
    /// The rule, in a sentence.
    rule: String,
    /// The default credibility by kind and era, with its source.
    defaults: Vec<DefaultCredibility>,
    /// Does any world rest on an instrument assumed in force?
    hypothetical: bool,
    /// One result per world.
    variants: Vec<WorldResult>,
}
