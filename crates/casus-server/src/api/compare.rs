//! `POST /v1/compare`: instruments and variants side by side, with counterexamples, as
//! `casus compare` gives them (casus_core::compare documents the answer).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use casus_core::compare::{compare, resolve, Options};
use casus_core::diag::{Code, Diagnostics};
use casus_core::input::{echo, split_variant};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{json_response, schema};
use crate::error::{problem, ApiError};
use crate::extract::{parse_date, ApiJson, KnownKeys};
use crate::AppState;

/// The most items a request may compare.
const MAX_ITEMS: usize = 8;
/// The most attacks a request's search evaluates (well inside the time limit on one core).
const MAX_ATTACKS: usize = 60_000;

/// A comparison asked for.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct CompareRequest {
    /// Instruments, `ID` or `ID:VARIANT` (a proposal without a variant: every variant of the
    /// version in effect on the date); two to eight.
    #[schema(example = json!(["north-atlantic-treaty", "ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment"]))]
    items: Vec<String>,
    /// The date, `YYYY-MM-DD` (default: today, UTC).
    #[schema(example = "2027-01-01")]
    date: Option<String>,
    /// Counterexamples shown per pair (default 5, at most 20).
    max: Option<usize>,
}

impl KnownKeys for CompareRequest {
    const KEYS: &'static [&'static str] = &["items", "date", "max"];
}

/// Compare instruments and variants, with counterexamples.
#[utoipa::path(
    post,
    path = "/v1/compare",
    tag = "decision",
    request_body = CompareRequest,
    responses(
        (status = 200, description = "Profiles side by side and counterexamples", body = super::compare_schema::Comparison),
        (status = 422, description = "Unknown instruments or variants, fewer than two items", body = schema::ErrorBody),
    )
)]
pub(crate) async fn run_compare(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CompareRequest>,
) -> Result<Response, ApiError> {
    let mut problems = Diagnostics::default();
    let date = parse_date(req.date.as_deref(), "date").map_err(|d| problems.push(*d)).ok();
    if req.items.len() > MAX_ITEMS {
        let msg = format!("at most {MAX_ITEMS} items may be compared");
        problems.push(problem(Code::TooManyValues, Some("items"), msg, None));
    }
    let max = req.max.unwrap_or(5);
    if max > 20 {
        let msg = "`max` must be between 0 and 20".to_owned();
        problems.push(problem(Code::OutOfRange, Some("max"), msg, None));
    }
    let mut asked: Vec<(String, Option<String>)> = Vec::new();
    for (k, i) in req.items.iter().take(MAX_ITEMS).enumerate() {
        // An id is a file name: longer text, or text with control characters, is no id and
        // is not echoed whole.
        if i.chars().count() > 200 || i.chars().any(char::is_control) {
            let msg = format!("`{}` is not an instrument id", echo(i));
            problems.push(problem(Code::UnknownTreaty, Some(&format!("items[{k}]")), msg, None));
            continue;
        }
        let (id, variant) = split_variant(i.trim());
        asked.push((id.to_owned(), variant.map(str::to_owned)));
    }
    let Some(date) = date else { return Err(ApiError::from_diagnostics(problems)) };
    let items = match resolve(state.dataset(), &asked, date) {
        Ok(items) if problems.is_empty() => items,
        Ok(_) => return Err(ApiError::from_diagnostics(problems)),
        Err(d) => {
            problems.extend(d);
            return Err(ApiError::from_diagnostics(problems.sorted()));
        }
    };
    let permit = state.heavy().enter().await?;
    let state2 = state.clone();
    let items = Arc::new(items);
    let answer = tokio::task::spawn_blocking(move || {
        let ds = state2.dataset();
        let classifier = state2.classifier();
        let classify = |lat: f64, lon: f64, d: jiff::civil::Date| {
            classifier.classify(lat, lon, d, ds.regions()).map_err(|e| e.to_string())
        };
        let mut options = Options::new(date);
        options.max_per_pair = max;
        options.max_attacks = MAX_ATTACKS;
        options.classify = Some(&classify);
        let c = compare(ds, &items, &options);
        drop(permit);
        c
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    json_response(&answer)
}
