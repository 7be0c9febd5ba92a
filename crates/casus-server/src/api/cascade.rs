//! `GET /v1/scenarios`, `POST /v1/cascade` and `POST /v1/simulate`: what happens next, as
//! `casus cascade` and `casus simulate` answer it.

use std::collections::BTreeMap;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use casus_core::cascade::{
    build_graph, cascade, check_scenario, parse_weights, simulate_worlds, CheckedScenario,
    Credibility, Decide, Escalation, Graph, Scenario, ScenarioEvent, Setting, SettingValue,
    SimulationOptions,
};
use casus_core::diag::{suggestion, suggestion_or_list, Code, Diagnostic, Diagnostics};
use casus_core::input::{
    check_facts, echo, AtInput, DateInput, Given, Origin, RawEvent, MAX_LABEL,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::check::{raw_facts, Point};
use super::{cascade_schema, json_response, schema};
use crate::error::{problem, ApiError};
use crate::extract::{ApiJson, KnownKeys};
use crate::AppState;

/// The most events a request may give.
const MAX_EVENTS: usize = 16;
/// The most rounds a request may ask for.
const MAX_ROUNDS: u32 = 32;
/// The most samples a simulation may draw: under two seconds for the worst request (16
/// events, 200,000 samples) on one core; the gate lets few run at once.
pub(crate) const MAX_SAMPLES: u64 = 200_000;

/// A bundled scenario, briefly.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioBrief {
    /// Id, for `scenario` in a cascade or simulation request.
    #[schema(example = "july-1914")]
    id: String,
    /// The scenario's title: what it plays out.
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
    /// The day, as a calendar date (YYYY-MM-DD).
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
    let reg = state.dataset().registry();
    let list: Vec<ScenarioBrief> = state
        .scenarios()
        .iter()
        .map(|(_, s)| ScenarioBrief {
            id: s.id.clone(),
            title: s.title.clone(),
            escalation: s.escalation,
            events: s
                .events
                .iter()
                .map(|e| ScenarioEventBrief {
                    date: e.event.date(),
                    aggressor: match e.event.aggressor() {
                        casus_core::eval::Aggressor::State(a) => reg.code(*a).to_owned(),
                        casus_core::eval::Aggressor::NonState(n) => format!("NSA:{n}"),
                    },
                    victim: reg.code(e.event.victim()).to_owned(),
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

/// A cascade: a bundled scenario by id, or events given here.
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
}

/// The keys of a cascade request.
const CASCADE_KEYS: [&str; 6] =
    ["scenario", "events", "escalation", "derived_facts", "assume_in_force", "max_rounds"];

impl KnownKeys for CascadeRequest {
    const KEYS: &'static [&'static str] = &CASCADE_KEYS;
}

/// A simulation: what a cascade takes, and how to sample.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"scenario": "estonia-2026", "samples": 10000, "credibility": ["USA=0.5"]}))]
pub(crate) struct SimulateRequest {
    /// The cascade to sample.
    #[serde(flatten)]
    cascade: CascadeRequest,
    /// Samples (default 10,000, at most 200,000).
    samples: Option<u64>,
    /// The seed (default 1). The same seed gives the same answer.
    seed: Option<u64>,
    /// Credibility overrides `STATE=P`, `TREATY=P`, `STATE@TREATY=P` (P in 0..=1); a key
    /// given twice with two values is an error.
    #[serde(default)]
    #[schema(example = json!(["USA=0.5"]))]
    credibility: Vec<String>,
    /// Weights per state code (capabilities, GDP; finite, 0 to 1e15) for the balance.
    #[serde(default)]
    weights: BTreeMap<String, f64>,
    /// How often a bound state decides: `per-victim` (default), `per-war` or
    /// `per-commitment`.
    #[schema(example = "per-victim")]
    decide: Option<String>,
}

impl KnownKeys for SimulateRequest {
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
        "decide",
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
        (status = 422, description = "Unknown scenario, codes or keys; impossible dates", body = schema::ErrorBody),
    )
)]
pub(crate) async fn run_cascade(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CascadeRequest>,
) -> Result<Response, ApiError> {
    let _permit = state.heavy().enter().await?;
    let (scenario, graph) = req.prepare(&state)?;
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
    request_body = SimulateRequest,
    responses(
        (status = 200, description = "Entry probabilities, coalition sizes, balance", body = cascade_schema::SimulationReport),
        (status = 422, description = "Unknown scenario, codes, overrides; too many samples", body = schema::ErrorBody),
    )
)]
pub(crate) async fn run_simulation(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<SimulateRequest>,
) -> Result<Response, ApiError> {
    let permit = state.heavy().enter().await?;
    let mut problems = Diagnostics::default();
    let samples = req.samples.unwrap_or(10_000);
    if samples == 0 || samples > MAX_SAMPLES {
        problems.push(problem(
            Code::OutOfRange,
            Some("samples"),
            format!("`samples` must be between 1 and {MAX_SAMPLES}"),
            None,
        ));
    }
    let prepared = req.cascade.prepare(&state);
    let (scenario, _graph) = match prepared {
        Ok(p) => p,
        Err(ApiError::Invalid(d)) => {
            d.into_iter().for_each(|x| problems.push(x));
            return Err(ApiError::from_diagnostics(problems));
        }
        Err(e) => return Err(e),
    };
    let date = scenario.first_date().unwrap_or_default();
    let ds = state.dataset();
    let settings: Vec<Setting> = req
        .credibility
        .iter()
        .enumerate()
        .map(|(i, c)| Setting::assignment(c, Origin::field(format!("credibility[{i}]"))))
        .collect();
    let credibility = Credibility::parse(ds, date, &settings).map_err(|d| problems.extend(d)).ok();
    let weights: Vec<Setting> = req
        .weights
        .iter()
        .map(|(k, w)| {
            let at = format!("weights.{}", echo(k));
            Setting {
                key: Given::field(k.clone(), at.clone()),
                value: Given::field(SettingValue::Number(*w), at),
            }
        })
        .collect();
    let weights = parse_weights(ds, date, &weights).map_err(|d| problems.extend(d)).ok();
    let (Some(credibility), Some(weights), true) = (credibility, weights, problems.is_empty())
    else {
        return Err(ApiError::from_diagnostics(problems.sorted()));
    };
    let seed = req.seed.unwrap_or(1);
    let decide = match req.decide.as_deref() {
        None => Decide::default(),
        Some(d) => Decide::parse(d).unwrap_or_else(|| {
            let names = Decide::ALL.iter().map(|(_, n)| *n);
            problems.push(problem(
                Code::InvalidValue,
                Some("decide"),
                format!("unknown rule `{}`", echo(d)),
                Some(suggestion_or_list(d, names)),
            ));
            Decide::default()
        }),
    };
    if !problems.is_empty() {
        return Err(ApiError::from_diagnostics(problems.sorted()));
    }
    // The simulation runs off the async workers; if the request is dropped (its time limit,
    // a client that left) before it ends, the flag stops it.
    let cancel = Arc::new(AtomicBool::new(false));
    let guard = CancelOnDrop(Arc::clone(&cancel));
    let result = tokio::task::spawn_blocking(move || {
        let opts = SimulationOptions {
            samples,
            seed,
            threads: 1,
            credibility,
            decide,
            weights: (!weights.is_empty()).then_some(weights),
            progress: None,
            cancel: Some(&cancel),
        };
        let result = simulate_worlds(state.dataset(), &scenario, &opts);
        drop(permit);
        result
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    drop(guard);
    let report = result.map_err(|e| {
        let mut d = Diagnostics::default();
        d.push(problem(Code::TooManyValues, None, e.to_string(), None));
        ApiError::from_diagnostics(d)
    })?;
    json_response(&report)
}

/// Sets its flag when dropped: the request's future was dropped with its work unfinished.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl CascadeRequest {
    /// The scenario asked for, checked, and its graph: every problem of the request at once.
    fn prepare(&self, state: &AppState) -> Result<(CheckedScenario, Graph), ApiError> {
        let mut problems = Diagnostics::default();
        let mut scenario = self.base(state, &mut problems)?;
        match self.escalation.as_deref() {
            None => {}
            Some("strike-aggressor-territory") => {
                scenario.escalation = Escalation::StrikeAggressorTerritory;
            }
            Some("stay-on-victim-soil") => scenario.escalation = Escalation::StayOnVictimSoil,
            Some(other) => problems.push(problem(
                Code::InvalidValue,
                Some("escalation"),
                format!("unknown escalation `{}`", echo(other)),
                Some(suggestion_or_list(
                    other,
                    ["strike-aggressor-territory", "stay-on-victim-soil"],
                )),
            )),
        }
        if let Some(facts) = &self.derived_facts {
            match check_facts(&raw_facts("derived_facts", facts)) {
                Ok(f) => scenario.derived_facts = f,
                Err(d) => problems.extend(d),
            }
        }
        scenario.assume_in_force.extend(
            self.assume_in_force
                .iter()
                .enumerate()
                .map(|(i, a)| Given::field(a.clone(), format!("assume_in_force[{i}]"))),
        );
        if let Some(r) = self.max_rounds {
            if r == 0 || r > MAX_ROUNDS {
                problems.push(problem(
                    Code::OutOfRange,
                    Some("max_rounds"),
                    format!("`max_rounds` must be between 1 and {MAX_ROUNDS}"),
                    None,
                ));
            }
            scenario.max_rounds = r;
        }
        let ds = state.dataset();
        let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
            state.classifier().classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
        };
        let checked = check_scenario(ds, &scenario, Some(&classify));
        let checked = match checked {
            Ok(c) if problems.is_empty() => c,
            Ok(_) => return Err(ApiError::from_diagnostics(problems.sorted())),
            Err(d) => {
                problems.extend(d);
                return Err(ApiError::from_diagnostics(problems.sorted()));
            }
        };
        let mut checked = checked;
        if self.events.is_some() {
            checked.title = title(ds, &checked);
        }
        let graph = build_graph(ds, &checked)
            .map_err(|e| ApiError::invalid(Code::TooManyValues, None, e.to_string(), None))?;
        Ok((checked, graph))
    }

    /// The scenario before the request's rules: a bundled one, or the events given.
    fn base(&self, state: &AppState, problems: &mut Diagnostics) -> Result<Scenario, ApiError> {
        match (&self.scenario, &self.events) {
            (Some(_), Some(_)) => Err(ApiError::invalid(
                Code::ConflictingValues,
                Some("scenario"),
                "`scenario` and `events` are both given",
                Some("name a bundled scenario, or give the events".to_owned()),
            )),
            (None, None) => Err(ApiError::invalid(
                Code::InvalidRequest,
                None,
                "give `scenario` (a bundled scenario's id) or `events`",
                None,
            )),
            (Some(id), None) => match state.scenarios().iter().find(|(s, _)| s.id == *id) {
                Some((s, _)) => Ok(s.clone()),
                None => {
                    let ids = state.scenarios().iter().map(|(s, _)| s.id.as_str());
                    Err(ApiError::invalid(
                        Code::UnknownScenario,
                        Some("scenario"),
                        format!("no scenario `{}`", echo(id)),
                        suggestion(id, ids),
                    ))
                }
            },
            (None, Some(events)) => {
                if events.is_empty() || events.len() > MAX_EVENTS {
                    return Err(ApiError::invalid(
                        Code::TooManyValues,
                        Some("events"),
                        format!("`events` must list 1 to {MAX_EVENTS} events"),
                        None,
                    ));
                }
                let events = events.iter().enumerate().map(|(i, e)| e.raw(i, problems)).collect();
                Ok(Scenario {
                    id: "request".to_owned(),
                    title: String::new(),
                    escalation: Escalation::StrikeAggressorTerritory,
                    derived_facts: BTreeMap::from([
                        (casus_core::model::Fact::Provoked, true),
                        (casus_core::model::Fact::StateOfWar, true),
                    ]),
                    assume_in_force: Vec::new(),
                    max_rounds: 8,
                    events,
                })
            }
        }
    }
}

/// A title for events given in a request.
fn title(ds: &casus_core::Dataset, sc: &CheckedScenario) -> String {
    let reg = ds.registry();
    match sc.events.as_slice() {
        [e] => {
            let aggressor = match e.event.aggressor() {
                casus_core::eval::Aggressor::State(a) => reg.code(*a).to_owned(),
                casus_core::eval::Aggressor::NonState(n) => format!("NSA:{n}"),
            };
            format!("{aggressor} attacks {} on {}", reg.code(e.event.victim()), e.event.date())
        }
        many => format!("{} events given in the request", many.len()),
    }
}

impl EventRequest {
    /// The event as given, each field named `events[i].field`.
    fn raw(&self, i: usize, problems: &mut Diagnostics) -> ScenarioEvent {
        let f = |name: &str| format!("events[{i}].{name}");
        let field = |v: &String, name: &str| Given::field(v.clone(), f(name));
        if let Some(l) = self.label.as_ref().filter(|l| l.chars().count() > MAX_LABEL) {
            problems.push(
                Diagnostic::error(
                    Code::TooManyValues,
                    format!("the label is longer than {MAX_LABEL} characters (`{}`)", echo(l)),
                )
                .on(f("label")),
            );
        }
        let event = RawEvent {
            aggressor: Some(field(&self.aggressor, "aggressor")),
            victim: Some(field(&self.victim, "victim")),
            date: Some(Given::field(DateInput::Text(self.date.clone()), f("date"))),
            region: self.region.as_ref().map(|r| field(r, "region")),
            at: self.at.map(|p| {
                let (lat, lon) = p.lat_lon();
                Given::field(AtInput::Point(lat, lon), f("at"))
            }),
            place_label: None,
            target: self.target.as_ref().map(|t| field(t, "target")),
            facts: raw_facts(&f("facts"), &self.facts),
            assume: Vec::new(),
        };
        ScenarioEvent {
            event,
            label: self.label.as_deref().map(echo_label),
            source: None,
            time: None,
            order: None,
        }
    }
}

/// A label as the trace shows it: at most [`MAX_LABEL`] characters.
fn echo_label(l: &str) -> String {
    l.chars().take(MAX_LABEL).collect()
}
