//! `GET /v1/scenarios`, `POST /v1/cascade` and `POST /v1/simulate`: what happens next, as
//! `casus cascade` and `casus simulate` answer it.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use casus_core::cascade::{
    build_graph, cascade, simulate, CascadeError, Credibility, Escalation, Scenario, ScenarioEvent,
    SimulationOptions,
};
use casus_core::diag::{did_you_mean, Code, DetailedDiagnostic};
use casus_core::model::{Fact, PlaceFacts, Target};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::check::{event_problem, Point};
use super::{cascade_schema, json_response, schema};
use crate::error::{problem, ApiError};
use crate::extract::{parse_date, ApiJson, KnownKeys};
use crate::AppState;

/// The most events a request may give.
const MAX_EVENTS: usize = 16;
/// The most rounds a request may ask for.
const MAX_ROUNDS: u32 = 32;
/// The most samples a simulation may draw: about a fifth of a second on this engine.
pub(crate) const MAX_SAMPLES: u64 = 200_000;
/// The most credibility overrides and weights.
const MAX_OVERRIDES: usize = 256;

/// A bundled scenario, briefly.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioBrief {
    /// Id, for `scenario` in a cascade or simulation request.
    #[schema(example = "july-1914")]
    id: String,
    /// Title.
    title: String,
    /// What the states that come to a victim's aid do.
    #[schema(value_type = String, example = "strike-aggressor-territory")]
    escalation: Escalation,
    /// The given events.
    events: Vec<ScenarioEventBrief>,
}

/// A given event, briefly.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioEventBrief {
    /// Date.
    #[schema(value_type = String, example = "1914-07-28")]
    date: jiff::civil::Date,
    /// Aggressor code.
    aggressor: String,
    /// Victim code.
    victim: String,
    /// What happened.
    label: Option<String>,
}

/// List the bundled scenarios.
#[utoipa::path(
    get,
    path = "/v1/scenarios",
    tag = "cascade",
    responses((status = 200, description = "The scenarios", body = Vec<ScenarioBrief>))
)]
pub(crate) async fn list(State(state): State<AppState>) -> Result<Response, ApiError> {
    let list: Vec<ScenarioBrief> = state
        .scenarios()
        .iter()
        .map(|s| ScenarioBrief {
            id: s.id.clone(),
            title: s.title.clone(),
            escalation: s.escalation,
            events: s
                .events
                .iter()
                .map(|e| ScenarioEventBrief {
                    date: e.date,
                    aggressor: e.aggressor.clone(),
                    victim: e.victim.clone(),
                    label: e.label.clone(),
                })
                .collect(),
        })
        .collect();
    json_response(&list)
}

/// One event of a scenario given in a request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventRequest {
    /// The day, `YYYY-MM-DD`.
    #[schema(example = "2026-01-01")]
    date: String,
    /// The attacker: a state code, or `NSA:<name>`.
    #[schema(example = "RUS")]
    aggressor: String,
    /// The state attacked.
    #[schema(example = "EST")]
    victim: String,
    /// What was attacked (default `territory`).
    #[schema(value_type = Option<schema::vocab::Target>)]
    target: Option<String>,
    /// Where: a region code. Excludes `at`.
    region: Option<String>,
    /// Where: a point. Excludes `region`.
    at: Option<Point>,
    /// Facts about the attack, by name.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, bool>)]
    facts: BTreeMap<String, bool>,
    /// What happened.
    label: Option<String>,
}

/// A cascade or a simulation: a bundled scenario by id, or events given here.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"scenario": "estonia-2026"}))]
pub(crate) struct CascadeRequest {
    /// A bundled scenario (`GET /v1/scenarios`). Excludes `events`.
    scenario: Option<String>,
    /// Events, in any order (the scenario is sorted by date). Excludes `scenario`.
    events: Option<Vec<EventRequest>>,
    /// `strike-aggressor-territory` (default) or `stay-on-victim-soil`.
    escalation: Option<String>,
    /// Facts every derived strike states (default `provoked` and `state-of-war` true).
    #[schema(value_type = Option<BTreeMap<String, bool>>)]
    derived_facts: Option<BTreeMap<String, bool>>,
    /// Proposals to assume in force (`id` or `id:variant`), added to the scenario's own.
    #[serde(default)]
    assume_in_force: Vec<String>,
    /// Round limit (default 8, at most 32).
    max_rounds: Option<u32>,
    /// Simulation only: samples (default 10,000, at most 200,000).
    samples: Option<u64>,
    /// Simulation only: the seed (default 1). The same seed gives the same answer.
    seed: Option<u64>,
    /// Simulation only: credibility overrides `STATE=P`, `TREATY=P`, `STATE@TREATY=P`.
    #[serde(default)]
    #[schema(example = json!(["USA=0.5"]))]
    credibility: Vec<String>,
    /// Simulation only: weights per state code (capabilities, GDP) for the balance.
    #[serde(default)]
    weights: BTreeMap<String, f64>,
}

impl KnownKeys for CascadeRequest {
    const KEYS: &'static [&'static str] = &[
        "scenario",
        "events",
        "escalation",
        "derived_facts",
        "assume_in_force",
        "max_rounds",
        "samples",
        "seed",
        "credibility",
        "weights",
    ];
}

/// Run a cascade: who is drawn in, round by round.
///
/// Every given event is decided; states bound to assist enter on the victim's side; with the
/// escalation `strike-aggressor-territory` their strikes on the aggressor are new events,
/// which may bind the aggressor's allies in the next round; until nothing changes. The answer
/// is the JSON of `casus cascade --format json`.
#[utoipa::path(
    post,
    path = "/v1/cascade",
    tag = "cascade",
    request_body = CascadeRequest,
    responses(
        (status = 200, description = "The rounds, who entered on which side and why", body = cascade_schema::CascadeTrace),
        (status = 400, description = "The body is not JSON", body = schema::ErrorBody),
        (status = 422, description = "Unknown scenario, codes or keys; impossible dates", body = schema::ErrorBody),
    )
)]
pub(crate) async fn run_cascade(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CascadeRequest>,
) -> Result<Response, ApiError> {
    let scenario = req.scenario(&state)?;
    let graph = graph(&state, &scenario)?;
    json_response(&cascade(state.dataset(), &graph, &scenario))
}

/// Run a Monte Carlo simulation with the guarantors' credibility.
///
/// Each sample draws, for every commitment the cascade can reach, whether it is honoured
/// (defaults by kind and era, or the overrides given), and walks the cascade; the answer gives
/// each state's chance of entering on either side, the coalition sizes and, with weights, the
/// balance. The JSON of `casus simulate --format json`.
#[utoipa::path(
    post,
    path = "/v1/simulate",
    tag = "cascade",
    request_body = CascadeRequest,
    responses(
        (status = 200, description = "Entry probabilities, coalition sizes, balance", body = cascade_schema::SimulationResult),
        (status = 400, description = "The body is not JSON", body = schema::ErrorBody),
        (status = 422, description = "Unknown scenario, codes, overrides; too many samples", body = schema::ErrorBody),
    )
)]
pub(crate) async fn run_simulation(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CascadeRequest>,
) -> Result<Response, ApiError> {
    let scenario = req.scenario(&state)?;
    let samples = req.samples.unwrap_or(10_000);
    if samples == 0 || samples > MAX_SAMPLES {
        return Err(ApiError::invalid(
            "too-many-values",
            format!("`samples` must be between 1 and {MAX_SAMPLES}"),
            None,
        ));
    }
    let date = scenario.events.first().map(|e| e.date).unwrap_or_default();
    let ds = state.dataset();
    let credibility = Credibility::parse(ds, date, &req.credibility).map_err(|e| {
        let help = match &e {
            casus_core::cascade::CredibilityError::Unknown { help, .. } => help.clone(),
            casus_core::cascade::CredibilityError::Syntax(_) => Some(
                "write KEY=P with P between 0 and 1; KEY a state, a treaty or STATE@TREATY"
                    .to_owned(),
            ),
        };
        ApiError::invalid(Code::InvalidValue.name(), format!("`credibility`: {e}"), help)
    })?;
    let mut weights = BTreeMap::new();
    let mut problems = Vec::new();
    for (code, w) in &req.weights {
        match ds.registry().resolve(code, date) {
            Ok(id) if w.is_finite() && *w >= 0.0 => {
                weights.insert(id, *w);
            }
            Ok(_) => problems.push(problem(
                Code::InvalidValue.name(),
                format!("`weights`: the weight of `{code}` must be a number >= 0"),
                None,
            )),
            Err(e) => {
                let help = casus_core::eval::EventError::Victim(e.clone()).hint();
                problems.push(problem(Code::UnknownState.name(), format!("`weights`: {e}"), help));
            }
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let graph = graph(&state, &scenario)?;
    let seed = req.seed.unwrap_or(1);
    // A simulation takes up to a fifth of a second: off the async workers.
    let result = tokio::task::spawn_blocking(move || {
        let opts = SimulationOptions {
            samples,
            seed,
            threads: 1,
            credibility,
            weights: (!weights.is_empty()).then_some(weights),
            progress: None,
        };
        simulate(state.dataset(), &graph, &opts)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    json_response(&result)
}

/// The scenario's graph, points classified on the first event's date.
fn graph(state: &AppState, scenario: &Scenario) -> Result<casus_core::cascade::Graph, ApiError> {
    let ds = state.dataset();
    let date = scenario.events.first().map(|e| e.date).unwrap_or_default();
    let classify = |lat: f64, lon: f64| -> Option<PlaceFacts> {
        state.classifier().classify(lat, lon, date, ds.regions()).ok().flatten()
    };
    build_graph(ds, scenario, Some(&classify)).map_err(|e| match e {
        CascadeError::Event { index, label, error } => {
            let mut p = event_problem(&error);
            p.message = format!("event {index} ({label}): {}", p.message);
            ApiError::Invalid(vec![p])
        }
        other => ApiError::invalid(Code::InvalidValue.name(), other.to_string(), None),
    })
}

impl CascadeRequest {
    /// The scenario asked for, with every problem of the request at once.
    fn scenario(&self, state: &AppState) -> Result<Scenario, ApiError> {
        let mut problems: Vec<DetailedDiagnostic> = Vec::new();
        let mut scenario = match (&self.scenario, &self.events) {
            (Some(_), Some(_)) => {
                return Err(ApiError::invalid(
                    "conflicting-values",
                    "`scenario` and `events` are both given",
                    Some("name a bundled scenario, or give the events".to_owned()),
                ))
            }
            (None, None) => {
                return Err(ApiError::invalid(
                    "invalid-request",
                    "give `scenario` (a bundled scenario's id) or `events`",
                    None,
                ))
            }
            (Some(id), None) => match state.scenarios().iter().find(|s| s.id == *id) {
                Some(s) => s.clone(),
                None => {
                    let ids = state.scenarios().iter().map(|s| s.id.as_str());
                    let help = did_you_mean(id, ids).map(|s| format!("did you mean `{s}`?"));
                    return Err(ApiError::invalid(
                        "unknown-scenario",
                        format!("no scenario `{}`", truncate(id)),
                        help,
                    ));
                }
            },
            (None, Some(events)) => {
                if events.is_empty() || events.len() > MAX_EVENTS {
                    return Err(ApiError::invalid(
                        "too-many-values",
                        format!("`events` must list 1 to {MAX_EVENTS} events"),
                        None,
                    ));
                }
                let mut given = Vec::new();
                for (i, e) in events.iter().enumerate() {
                    if let Some(ev) = e.read(i, &mut problems) {
                        given.push(ev);
                    }
                }
                given.sort_by(|a, b| {
                    (a.date, &a.aggressor, &a.victim, &a.label).cmp(&(
                        b.date,
                        &b.aggressor,
                        &b.victim,
                        &b.label,
                    ))
                });
                let title = match given.as_slice() {
                    [e] => format!("{} attacks {} on {}", e.aggressor, e.victim, e.date),
                    many => format!("{} events given in the request", many.len()),
                };
                Scenario {
                    id: "request".to_owned(),
                    title,
                    escalation: Escalation::StrikeAggressorTerritory,
                    derived_facts: BTreeMap::from([
                        (Fact::Provoked, true),
                        (Fact::StateOfWar, true),
                    ]),
                    assume_in_force: Vec::new(),
                    max_rounds: 8,
                    events: given,
                }
            }
        };
        match self.escalation.as_deref() {
            None => {}
            Some("strike-aggressor-territory") => {
                scenario.escalation = Escalation::StrikeAggressorTerritory;
            }
            Some("stay-on-victim-soil") => scenario.escalation = Escalation::StayOnVictimSoil,
            Some(other) => problems.push(problem(
                Code::InvalidValue.name(),
                format!("unknown escalation `{}`", truncate(other)),
                Some("one of strike-aggressor-territory, stay-on-victim-soil".to_owned()),
            )),
        }
        if let Some(facts) = &self.derived_facts {
            scenario.derived_facts = read_facts("derived_facts", facts, &mut problems);
        }
        if self.assume_in_force.len() > 16 {
            problems.push(problem("too-many-values", "`assume_in_force` lists more than 16", None));
        }
        scenario.assume_in_force.extend(self.assume_in_force.iter().map(|a| truncate(a)));
        scenario.assume_in_force.sort();
        scenario.assume_in_force.dedup();
        if let Some(r) = self.max_rounds {
            if r == 0 || r > MAX_ROUNDS {
                problems.push(problem(
                    "too-many-values",
                    format!("`max_rounds` must be between 1 and {MAX_ROUNDS}"),
                    None,
                ));
            }
            scenario.max_rounds = r;
        }
        if self.credibility.len() > MAX_OVERRIDES || self.weights.len() > MAX_OVERRIDES {
            problems.push(problem(
                "too-many-values",
                format!("`credibility` and `weights` take at most {MAX_OVERRIDES} entries"),
                None,
            ));
        }
        if problems.is_empty() {
            Ok(scenario)
        } else {
            Err(ApiError::Invalid(problems))
        }
    }
}

impl EventRequest {
    /// The event, or its problems (prefixed with `events[i]`).
    fn read(&self, i: usize, problems: &mut Vec<DetailedDiagnostic>) -> Option<ScenarioEvent> {
        let field = |name: &str| format!("events[{i}].{name}");
        let date = parse_date(Some(&self.date), &field("date")).map_err(|d| problems.push(*d)).ok();
        let target = match self.target.as_deref() {
            None => Some(Target::Territory),
            Some(t) => Target::parse(t).or_else(|| {
                let names: Vec<&str> = Target::names().collect();
                problems.push(problem(
                    Code::InvalidValue.name(),
                    format!("`{}`: unknown target `{}`", field("target"), truncate(t)),
                    did_you_mean(t, names.iter().copied()).map(|s| format!("did you mean `{s}`?")),
                ));
                None
            }),
        };
        if self.region.is_some() && self.at.is_some() {
            problems.push(problem(
                "conflicting-values",
                format!("`{}` and `{}` are both given", field("region"), field("at")),
                None,
            ));
        }
        let facts = read_facts(&field("facts"), &self.facts, problems);
        for (name, value) in [("aggressor", &self.aggressor), ("victim", &self.victim)] {
            if value.chars().count() > 80 {
                problems.push(problem(
                    "too-many-values",
                    format!("`{}` is longer than 80 characters", field(name)),
                    None,
                ));
            }
        }
        Some(ScenarioEvent {
            date: date?,
            aggressor: self.aggressor.clone(),
            victim: self.victim.clone(),
            target: target?,
            region: self.region.as_deref().map(truncate),
            point: self.at.map(Point::lat_lon),
            facts,
            label: self.label.as_deref().map(truncate),
            source: None,
        })
    }
}

/// Facts by name; unknown names are problems.
fn read_facts(
    field: &str,
    facts: &BTreeMap<String, bool>,
    problems: &mut Vec<DetailedDiagnostic>,
) -> BTreeMap<Fact, bool> {
    let mut out = BTreeMap::new();
    for (name, value) in facts {
        match Fact::parse(name) {
            Some(f) => {
                out.insert(f, *value);
            }
            None => {
                let names: Vec<&str> = Fact::names().collect();
                problems.push(problem(
                    Code::UnknownFact.name(),
                    format!("`{field}`: unknown fact `{}`", truncate(name)),
                    did_you_mean(name, names.iter().copied())
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| Some(format!("one of {}", names.join(", ")))),
                ));
            }
        }
    }
    out
}

/// Input echoed in messages is cut at 80 characters.
fn truncate(s: &str) -> String {
    s.chars().take(80).collect()
}
