//! `POST /v1/check`: decide an attack, as `casus check --format json` does.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use casus_core::eval::Event;
use casus_core::evaluate;
use casus_core::input::{
    check_event, echo, AtInput, DateInput, FactValue, Given, RawEvent, RawFact,
};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{json_answer, schema, to_json};
use crate::error::ApiError;
use crate::extract::{parse_json, today, JsonBytes, KnownKeys};
use crate::AppState;

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
    #[schema(example = json!(["ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment"]))]
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
    let event = checked_event(&state, &req.raw(), today)?;
    let answer = to_json(&evaluate(state.dataset(), &event))?;
    state.memo().put(key, answer.clone());
    Ok(json_answer(answer))
}

impl CheckRequest {
    /// The event as given: each field named as in the JSON.
    pub(crate) fn raw(&self) -> RawEvent {
        let field = |v: &String, name: &str| Given::field(v.clone(), name);
        RawEvent {
            aggressor: Some(field(&self.aggressor, "aggressor")),
            victim: self.victim.as_ref().map(|v| field(v, "victim")),
            date: self.date.as_ref().map(|d| Given::field(DateInput::Text(d.clone()), "date")),
            region: self.region.as_ref().map(|r| field(r, "region")),
            at: self.at.map(|p| Given::field(AtInput::Point(p.lat, p.lon), "at")),
            place_label: self.place_label.as_ref().map(|l| field(l, "place_label")),
            target: self.target.as_ref().map(|t| field(t, "target")),
            facts: raw_facts("facts", &self.facts),
            assume: self
                .assume_in_force
                .iter()
                .enumerate()
                .map(|(i, a)| Given::field(a.clone(), format!("assume_in_force[{i}]")))
                .collect(),
        }
    }
}

/// Facts by name, as given in a JSON object.
pub(crate) fn raw_facts(field: &str, facts: &BTreeMap<String, bool>) -> Vec<RawFact> {
    facts
        .iter()
        .map(|(name, value)| {
            let at = format!("{field}.{}", echo(name));
            RawFact {
                name: Given::field(name.clone(), at.clone()),
                value: Given::field(FactValue::Bool(*value), at),
            }
        })
        .collect()
}

/// Checks an event the way every way in does, classifying its point with the server's
/// classifier.
pub(crate) fn checked_event(
    state: &AppState,
    raw: &RawEvent,
    today: Date,
) -> Result<Event, ApiError> {
    let ds = state.dataset();
    let classify = |lat: f64, lon: f64, date: Date| {
        state.classifier().classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    check_event(ds, raw, today, Some(&classify)).map_err(ApiError::from_diagnostics)
}
