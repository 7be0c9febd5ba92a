//! Schemas, for the OpenAPI document only, of the JSON the engine serializes.
//!
//! `casus-core` serializes its types with serde and stays free of OpenAPI machinery (it
//! compiles fast on two cores and has no HTTP in it), so these types describe its JSON from
//! outside: they are never built or serialized. Vocabularies (strengths, kinds, targets, ...)
//! are not copied: their enum values come from the engine's own lists at run time. A test
//! (`tests/api/openapi.rs`) checks that real responses have exactly the keys these schemas
//! declare, so a change in the engine's JSON fails the build here rather than drifting.

use std::collections::BTreeMap;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// Schemas of the engine's closed vocabularies, their values read from the engine.
pub(crate) mod vocab {
    use super::*;
    use casus_core::model;

    macro_rules! vocab_schema {
        ($( $(#[doc = $doc:literal])* $name:ident = $core:ty; )*) => {$(
            $(#[doc = $doc])*
            pub(crate) struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some(concat!($($doc),*).trim()))
                        .enum_values(Some(<$core>::names()))
                        .into()
                }
            }

            impl ToSchema for $name {}
        )*};
    }

    vocab_schema! {
        /// How strongly an obligor is bound, strongest first.
        Strength = model::Strength;
        /// The kind of an obligation (ATOP's five, and non-binding assurance).
        ObligationKind = model::ObligationKind;
        /// What was attacked.
        Target = model::Target;
        /// An event fact that conditions read; unstated facts are unknown, never false.
        Fact = model::Fact;
        /// How faithfully a text is reproduced.
        TextQuality = model::TextQuality;
        /// What kind of instrument a file holds.
        InstrumentKind = model::InstrumentKind;
        /// A step in an instrument's life.
        StatusKind = model::StatusKind;
        /// Where a statement stands on a commitment.
        Stance = model::Stance;
        /// Why an obligation binds or does not (each code documented in docs/format.md).
        ReasonCode = model::ReasonCode;
    }
}

use vocab::{InstrumentKind, ObligationKind, Stance, Strength, Target, TextQuality};

/// A state in output.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct StateRef {
    /// Display code (ISO 3166-1 alpha-3 where there is one).
    #[schema(example = "EST")]
    code: String,
    /// The state's name on the date asked about (the Kingdom of Serbia in 1914).
    #[schema(example = "Estonia")]
    name: String,
    /// Correlates of War state number.
    cow: Option<u16>,
}

/// A citation.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Source {
    /// Id within the treaty file.
    id: String,
    /// The citation.
    citation: String,
    /// Where to read it.
    url: Option<String>,
}

/// One reading of whether a treaty covers a place, with its source.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Reading {
    /// The treaty id it is about.
    treaty: String,
    /// Whether this reading holds that the treaty covers the place.
    covered: bool,
    /// Who reads it so, and why.
    text: String,
    /// Where the reading is found.
    source: String,
}

/// What is known about a place; every field may be unknown (absent or null).
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct PlaceFacts {
    /// Region codes the place lies in, most specific first (`ES-CN`, `ES`).
    regions: Vec<String>,
    /// A readable name.
    name: Option<String>,
    /// Code of the state holding sovereignty.
    sovereign: Option<String>,
    /// Code of the administering state.
    administered_by: Option<String>,
    /// The continents the place is on (ids of regions.toml's `[[continent]]` tables).
    continent: Option<Vec<String>>,
    /// Island (true) or mainland (false).
    island: Option<bool>,
    /// The sea areas the place is in or over: a point at sea, an island; empty for a mainland.
    sea: Option<Vec<String>>,
    /// The sea areas a mainland place's coast is on.
    coasts: Option<Vec<String>>,
    /// Southern and northern latitude, degrees.
    #[schema(value_type = Option<Vec<f64>>)]
    lat: Option<[f64; 2]>,
    /// The point, `[lat, lon]`, when the place was given as one.
    #[schema(value_type = Option<Vec<f64>>)]
    point: Option<[f64; 2]>,
    /// Part of its sovereign's metropolitan territory.
    metropolitan: Option<bool>,
    /// TFEU Art 355 status: member, outermost, oct, excluded.
    eu: Option<String>,
    /// Present and true for a point at sea (the high seas, or a territorial sea).
    at_sea: Option<bool>,
    /// Present and true for a point within 12 nautical miles of a state's coast: its
    /// territorial sea, and its territory (approximate: measured from the coast line).
    territorial_sea: Option<bool>,
    /// Present and true for a point within about 650 m of a 1:10m coast, where land and water
    /// are not told apart.
    shore: Option<bool>,
    /// For a place within about 5 km of a coast: the sea areas of the water beside it (a vessel
    /// there is on that water).
    beside: Option<Vec<String>>,
    /// Since when the administering state has administered the place (from the regions
    /// table's history).
    #[schema(value_type = Option<String>, format = Date)]
    administered_since: Option<String>,
    /// Competing readings of treaties for this place.
    readings: Option<Vec<Reading>>,
    /// Notes carried from the regions table.
    notes: Option<Vec<String>>,
}

/// Where the attack happened, as given.
#[derive(ToSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[allow(dead_code, reason = "schema only")]
pub(crate) enum PlaceInput {
    /// Not given: the victim's metropolitan territory is assumed.
    Unspecified,
    /// A region code.
    Region {
        /// ISO 3166-1 or 3166-2 code.
        code: String,
    },
    /// A point.
    Point {
        /// Latitude, degrees.
        lat: f64,
        /// Longitude, degrees.
        lon: f64,
    },
}

/// The event as decided.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct EventSummary {
    /// The aggressor (for a non-state actor, code `NSA:<name>`).
    aggressor: StateRef,
    /// The victim.
    victim: StateRef,
    /// The day of the attack.
    #[schema(format = Date)]
    date: String,
    /// What was attacked.
    target: Target,
    /// The place as given.
    place: PlaceInput,
    /// A label for the place.
    place_label: Option<String>,
    /// The facts of the place used.
    place_facts: PlaceFacts,
    /// Set when no place was given and the victim's territory was assumed.
    place_assumed: Option<String>,
    /// The facts stated.
    facts: BTreeMap<String, bool>,
    /// Instruments assumed in force, `id` or `id:variant`.
    assume_in_force: Vec<String>,
}

/// One reason, with a stable code.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Reason {
    /// Stable code.
    #[schema(value_type = vocab::ReasonCode)]
    code: String,
    /// Is this reason why something does not bind?
    fails: bool,
    /// The sentence.
    text: String,
}

/// A variant of a proposal, as evaluated.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct VariantRef {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    id: String,
    /// Its title as the text gives it, if it has one.
    title: Option<String>,
    /// The form of protection.
    form: String,
    /// How long it would last, as the sources give it.
    duration: Option<String>,
    /// The version of the proposal it is an option of, when the file has versions.
    version: Option<VersionRef>,
}

/// A dated version of a proposal.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct VersionRef {
    /// Its stable id within the file.
    id: String,
    /// The first day it was the state of the proposal.
    #[schema(format = Date)]
    date: String,
    /// What it is (a draft, a declaration).
    title: String,
}

/// What one obligation comes to.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct ObligationFinding {
    /// Obligation id.
    obligation: String,
    /// Article id.
    article: String,
    /// Article title.
    article_title: String,
    /// What the duty is: defense, offense, neutrality, non-aggression or consultation.
    kind: ObligationKind,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    strength: Strength,
    /// The operative sentence, quoted.
    operative_text: String,
    /// How faithful the quote is.
    text_quality: TextQuality,
    /// Who is bound (empty when not triggered).
    obligated: Vec<StateRef>,
    /// The reasons, each a stable code and a sentence, in the order checked.
    reasons: Vec<Reason>,
    /// Facts that would decide it.
    missing: Option<Vec<String>>,
    /// Qualifications: reservations, assumptions, uncertain data.
    caveats: Option<Vec<String>>,
}

/// What one treaty (or one variant of a proposal) comes to.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Finding {
    /// Treaty id.
    treaty: String,
    /// Its title as the instrument gives it.
    title: String,
    /// Instrument kind.
    instrument: InstrumentKind,
    /// Evaluated as if in force.
    hypothetical: bool,
    /// The variant, for proposals.
    variant: Option<VariantRef>,
    /// Status on the date (`in-force`, `proposed`, ...), or `none` before the first.
    status: String,
    /// Obligations that arise (triggered), would arise (indeterminate), or were tested (not
    /// triggered).
    obligations: Vec<ObligationFinding>,
    /// Treaty-level reasons.
    reasons: Vec<Reason>,
    /// Competing readings of whether the treaty covers the place.
    contested: Option<Vec<Reading>>,
    /// Citations behind the finding.
    sources: Vec<Source>,
}

/// A consultation, neutrality or assurance duty that arises, or a breach.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Duty {
    /// Treaty id.
    treaty: String,
    /// Evaluated as if in force.
    hypothetical: bool,
    /// Variant id.
    variant: Option<String>,
    /// The obligation.
    finding: ObligationFinding,
}

/// The decision on one event: who is bound, how strongly, under which article and why; what
/// is not triggered and why not; what stays undecided. Every list is ordered, so the same
/// event gives byte-identical JSON.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Decision {
    /// The event.
    event: EventSummary,
    /// True if any finding rests on an assumed proposal.
    hypothetical: bool,
    /// A duty to assist arises.
    triggered: Vec<Finding>,
    /// Would arise, but a fact is missing.
    indeterminate: Vec<Finding>,
    /// Does not arise, with the reasons.
    not_triggered: Vec<Finding>,
    /// Consultation, neutrality and assurance duties that arise.
    other_duties: Vec<Duty>,
    /// Non-aggression undertakings the aggressor breaks.
    breaches: Vec<Duty>,
    /// Instruments the victim has no part in, by id.
    unconcerned: Vec<String>,
    /// Notes about the event.
    notes: Vec<String>,
}

/// Who said what about an instrument.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Statement {
    /// The day, as a calendar date (YYYY-MM-DD).
    #[schema(format = Date)]
    date: String,
    /// Who spoke.
    speaker: String,
    /// In what capacity.
    role: Option<String>,
    /// For which state.
    state: Option<String>,
    /// Where they stand.
    stance: Stance,
    /// What they said.
    text: String,
    /// How faithful the text is.
    quality: TextQuality,
    /// The article or variant it is about.
    about: Option<String>,
    /// The sources the facts rest on, as citations (primary first).
    sources: Vec<Source>,
    /// Why it is not confirmed, if it is not.
    uncertain: Option<String>,
    /// The context: where and when it was said, what it answered.
    note: Option<String>,
}

/// A place in a data file.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct Position {
    /// The file's display path.
    path: String,
    /// Line of the start.
    line: usize,
    /// Column of the start.
    column: usize,
    /// Line of the end.
    end_line: usize,
    /// Column of the end.
    end_column: usize,
}

/// A related place.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct DetailedLabel {
    /// What this place is.
    message: String,
    /// The file, line and column of the problem.
    location: Position,
}

/// One problem, as `casus validate --error-format json` prints it.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct DetailedDiagnostic {
    /// Stable kebab-case code (`casus diagnostics`; listed in the API description).
    #[schema(example = "unknown-state")]
    code: String,
    /// `error` or `warning`.
    severity: String,
    /// The message: lowercase, user input in backticks.
    #[schema(example = "unknown state `ESTT`")]
    message: String,
    /// The help line, often a "did you mean".
    #[schema(example = "did you mean `EST`?")]
    help: Option<String>,
    /// Where the problem is, for data files.
    location: Option<Position>,
    /// The input field the problem is in, for input that is not a file (`victim`,
    /// `events[2].date`, `facts.provoked`).
    #[schema(example = "victim")]
    field: Option<String>,
    /// Related places.
    related: Option<Vec<DetailedLabel>>,
}

/// The body of every 4xx answer.
#[derive(ToSchema)]
#[allow(dead_code, reason = "schema only")]
pub(crate) struct ErrorBody {
    /// Every problem found.
    errors: Vec<DetailedDiagnostic>,
}
