//! `POST /v1/check`: decide an attack, as `casus check --format json` does.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use casus_core::diag::{did_you_mean, Code, DetailedDiagnostic};
use casus_core::eval::{Event, EventError};
use casus_core::model::{Fact, ResolveError, Target};
use casus_core::{evaluate, EventBuilder};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{json_answer, schema, to_json};
use crate::error::{problem, ApiError};
use crate::extract::{parse_date, parse_json, today, JsonBytes, KnownKeys};
use crate::AppState;

/// The longest state, region or treaty code accepted: longer input cannot be a code, and a
/// bound keeps "did you mean" cheap.
const MAX_CODE: usize = 80;
/// The most instruments one request may assume in force.
const MAX_ASSUMED: usize = 16;

/// A point, in degrees.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Point {
    /// Latitude, -90..=90.
    #[schema(example = 21.31)]
    lat: f64,
    /// Longitude, -180..=180.
    #[schema(example = -157.86)]
    lon: f64,
}

impl Point {
    /// `(lat, lon)`.
    pub(crate) fn lat_lon(self) -> (f64, f64) {
        (self.lat, self.lon)
    }
}

/// An attack to decide. Codes are ISO 3166-1 alpha-3 or COW abbreviations, resolved on the
/// date; unstated facts are unknown, never false.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"aggressor": "RUS", "victim": "EST", "date": "2026-01-01"}))]
pub(crate) struct CheckRequest {
    /// The attacker: a state code, or `NSA:<name>` for a non-state actor.
    aggressor: String,
    /// The state attacked. Absent: the sovereign of the place (`at` or `region`) on the date,
    /// and the decision notes it.
    victim: Option<String>,
    /// The day of the attack, `YYYY-MM-DD` (default: today, UTC).
    date: Option<String>,
    /// Where: an ISO 3166-1 or 3166-2 region code (`US-HI`). Excludes `at`.
    region: Option<String>,
    /// Where: a point. Excludes `region`. Neither: the victim's metropolitan territory.
    at: Option<Point>,
    /// A label for the place, shown in the decision ("Honolulu").
    place_label: Option<String>,
    /// What was attacked (default `territory`).
    #[schema(value_type = Option<schema::vocab::Target>)]
    target: Option<String>,
    /// Facts about the attack, by name.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, bool>, example = json!({"provoked": false}))]
    facts: BTreeMap<String, bool>,
    /// Instruments to evaluate as if in force: `id` (every variant) or `id:variant`.
    #[serde(default)]
    #[schema(example = json!(["ukraine-guarantee-proposal-2025:ground-forces"]))]
    assume_in_force: Vec<String>,
}

impl KnownKeys for CheckRequest {
    const KEYS: &'static [&'static str] = &[
        "aggressor",
        "victim",
        "date",
        "region",
        "at",
        "place_label",
        "target",
        "facts",
        "assume_in_force",
    ];
}

/// Decide an attack.
///
/// Which treaties are triggered, who is bound, how strongly, under which article and why;
/// which are not and why not; what stays undecided for lack of a fact. The answer is the JSON
/// `casus check --format json` prints. Every problem with the request is reported at once, with
/// the CLI's messages and "did you mean" help.
#[utoipa::path(
    post,
    path = "/v1/check",
    tag = "decide",
    request_body = CheckRequest,
    responses(
        (status = 200, description = "The decision", body = schema::Decision),
        (status = 400, description = "The body is not JSON", body = schema::ErrorBody),
        (status = 413, description = "The body is over 64 KiB", body = schema::ErrorBody),
        (status = 415, description = "The body is not sent as JSON", body = schema::ErrorBody),
        (status = 422, description = "Unknown codes, impossible dates, unknown keys", body = schema::ErrorBody),
    )
)]
pub(crate) async fn check(
    State(state): State<AppState>,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    // Today is read once: the memo key and a request without a date must agree, even at
    // midnight. The key is today and the bytes sent (see `memo`): a hit parses nothing.
    let today = today();
    let mut key = Vec::with_capacity(11 + body.len());
    key.extend_from_slice(today.to_string().as_bytes());
    key.push(0x1f);
    key.extend_from_slice(&body);
    if let Some(answer) = state.memo().get(&key) {
        return Ok(json_answer(answer));
    }
    let req: CheckRequest = parse_json(&body)?;
    let date = match req.date.as_deref() {
        None => Ok(today),
        given => parse_date(given, "date"),
    };
    let event = req.event(&state, date)?;
    let answer = to_json(&evaluate(state.dataset(), &event))?;
    state.memo().put(key, answer.clone());
    Ok(json_answer(answer))
}

impl CheckRequest {
    /// Resolves the request into an event, collecting every problem the fields have on their
    /// own before the ones that depend on each other.
    fn event(
        &self,
        state: &AppState,
        date: Result<Date, Box<DetailedDiagnostic>>,
    ) -> Result<Event, ApiError> {
        let ds = state.dataset();
        let mut problems = self.too_long();
        if !problems.is_empty() {
            return Err(ApiError::Invalid(problems));
        }
        let date = date.map_err(|d| problems.push(*d)).ok();
        let target = match self.target.as_deref() {
            None => Some(Target::Territory),
            Some(t) => Target::parse(t).or_else(|| {
                problems.push(vocab_problem("target", t, Target::names()));
                None
            }),
        };
        let mut facts = Vec::new();
        for (name, value) in &self.facts {
            match Fact::parse(name) {
                Some(f) => facts.push((f, *value)),
                None => {
                    let names: Vec<&str> = Fact::names().collect();
                    let help = match did_you_mean(name, names.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("one of {}", names.join(", ")),
                    };
                    problems.push(problem(
                        Code::UnknownFact.name(),
                        format!("unknown fact `{name}`"),
                        Some(help),
                    ));
                }
            }
        }
        if self.region.is_some() && self.at.is_some() {
            problems.push(problem(
                "conflicting-values",
                "`region` and `at` are both given",
                Some("give the place as a region code or as a point, not both".to_owned()),
            ));
        }
        if let Some(date) = date {
            let reg = ds.registry();
            if !self.aggressor.trim().to_ascii_uppercase().starts_with("NSA:") {
                if let Err(e) = reg.resolve(&self.aggressor, date) {
                    problems.push(event_problem(&EventError::Aggressor(e)));
                }
            }
            match &self.victim {
                Some(v) => {
                    if let Err(e) = reg.resolve(v, date) {
                        problems.push(event_problem(&EventError::Victim(e)));
                    }
                }
                None if self.region.is_none() && self.at.is_none() => problems.push(problem(
                    "invalid-request",
                    "`victim` is missing",
                    Some(
                        "give the victim, or a place (`at` or `region`) to take it from".to_owned(),
                    ),
                )),
                None => {}
            }
            if let Some(code) = &self.region {
                if ds.regions().facts_on(code, date).is_none() {
                    problems.push(event_problem(&EventError::Region {
                        code: code.clone(),
                        help: ds.regions().suggest(code).map(|s| format!("did you mean `{s}`?")),
                    }));
                }
            }
        }
        let (Some(date), Some(target), true) = (date, target, problems.is_empty()) else {
            return Err(ApiError::Invalid(problems));
        };

        let mut b = EventBuilder::new(&self.aggressor, self.victim.as_deref().unwrap_or(""), date);
        if self.victim.is_none() {
            b.victim_from_place();
        }
        b.target(target);
        for (f, v) in facts {
            b.fact(f, v);
        }
        if let Some(r) = &self.region {
            b.region(r);
        }
        if let Some(Point { lat, lon }) = self.at {
            let facts = state.classifier().classify(lat, lon, date, ds.regions()).map_err(|e| {
                ApiError::invalid(Code::InvalidCoordinates.name(), e.to_string(), None)
            })?;
            b.point(lat, lon, facts);
        }
        if let Some(label) = &self.place_label {
            b.place_label(label);
        }
        for x in &self.assume_in_force {
            let (t, v) = x.split_once(':').map_or((x.as_str(), None), |(t, v)| (t, Some(v)));
            b.assume_in_force(t, v);
        }
        b.build(ds).map_err(|e| ApiError::Invalid(vec![event_problem(&e)]))
    }

    /// Fields too long to be what they claim.
    fn too_long(&self) -> Vec<DetailedDiagnostic> {
        let mut out = Vec::new();
        let codes = [
            ("aggressor", Some(&self.aggressor)),
            ("victim", self.victim.as_ref()),
            ("region", self.region.as_ref()),
            ("date", self.date.as_ref()),
            ("target", self.target.as_ref()),
        ];
        let assumed = self.assume_in_force.iter().map(|a| ("assume_in_force", Some(a)));
        for (field, value) in codes.into_iter().chain(assumed) {
            if value.is_some_and(|v| v.chars().count() > MAX_CODE) {
                out.push(problem(
                    "too-many-values",
                    format!("`{field}` is longer than {MAX_CODE} characters"),
                    None,
                ));
            }
        }
        if self.place_label.as_ref().is_some_and(|l| l.chars().count() > 200) {
            out.push(problem(
                "too-many-values",
                "`place_label` is longer than 200 characters",
                None,
            ));
        }
        if self.assume_in_force.len() > MAX_ASSUMED {
            out.push(problem(
                "too-many-values",
                format!("`assume_in_force` lists more than {MAX_ASSUMED} instruments"),
                None,
            ));
        }
        out
    }
}

/// An unknown value of a closed vocabulary.
fn vocab_problem(
    field: &str,
    value: &str,
    names: impl Iterator<Item = &'static str>,
) -> DetailedDiagnostic {
    let names: Vec<&str> = names.collect();
    let help = match did_you_mean(value, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("one of {}", names.join(", ")),
    };
    problem(Code::InvalidValue.name(), format!("unknown {field} `{value}`"), Some(help))
}

/// An event error as the CLI words it (`victim: unknown state `ESTT``, help `did you mean
/// `EST`?`), with a stable code.
pub(crate) fn event_problem(e: &EventError) -> DetailedDiagnostic {
    let code = match e {
        EventError::Aggressor(r) | EventError::Victim(r) => match r {
            ResolveError::Unknown { .. } | ResolveError::NotOnDate { .. } => {
                Code::UnknownState.name()
            }
        },
        EventError::SameState(_) | EventError::NoVictim { .. } => Code::InvalidValue.name(),
        EventError::Region { .. } => Code::UnknownRegion.name(),
        EventError::Coordinates { .. } => Code::InvalidCoordinates.name(),
        EventError::Treaty { .. } => "unknown-treaty",
        EventError::Variant { .. } => "unknown-variant",
    };
    problem(code, e.to_string(), e.hint())
}
