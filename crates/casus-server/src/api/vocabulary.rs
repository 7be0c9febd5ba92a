//! `GET /v1/vocabulary`: the closed vocabularies a request and a decision use, from the
//! engine, so that a client (the page) never hard-codes them.

use axum::response::Response;
use casus_core::model::{Fact, InstrumentKind, ObligationKind, ReasonCode, Strength, Target};
use serde::Serialize;
use utoipa::ToSchema;

use super::{json_response, schema};
use crate::error::ApiError;

/// A diagnostic code and what it means.
#[derive(Serialize, ToSchema)]
pub(crate) struct CodeDoc {
    /// The code.
    code: &'static str,
    /// What it means (the first line of its documentation).
    summary: String,
}

/// A reason code and what it means.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReasonDoc {
    /// The code.
    #[schema(value_type = schema::vocab::ReasonCode)]
    code: &'static str,
    /// Is a reason with this code why something does not bind?
    fails: bool,
    /// What it means.
    summary: String,
}

/// The vocabularies.
#[derive(Serialize, ToSchema)]
pub(crate) struct Vocabulary {
    /// Targets of an attack.
    #[schema(value_type = Vec<schema::vocab::Target>)]
    targets: Vec<&'static str>,
    /// Facts an event may state.
    #[schema(value_type = Vec<schema::vocab::Fact>)]
    facts: Vec<&'static str>,
    /// Strengths, strongest first.
    #[schema(value_type = Vec<schema::vocab::Strength>)]
    strengths: Vec<&'static str>,
    /// Obligation kinds.
    #[schema(value_type = Vec<schema::vocab::ObligationKind>)]
    obligation_kinds: Vec<&'static str>,
    /// Instrument kinds.
    #[schema(value_type = Vec<schema::vocab::InstrumentKind>)]
    instrument_kinds: Vec<&'static str>,
    /// Every reason code a decision may give, with whether it is why something does not bind.
    reason_codes: Vec<ReasonDoc>,
    /// Every code an error may carry (`casus diagnostics`).
    error_codes: Vec<CodeDoc>,
}

/// The vocabularies.
///
/// Targets, facts, strengths (strongest first), kinds, and every error code with its meaning.
#[utoipa::path(
    get,
    path = "/v1/vocabulary",
    tag = "meta",
    responses((status = 200, description = "The vocabularies", body = Vocabulary))
)]
pub(crate) async fn show() -> Result<Response, ApiError> {
    let codes = casus_core::diag::CODES.iter().map(|c| CodeDoc {
        code: c.name(),
        summary: c.doc().lines().next().unwrap_or("").trim().to_owned(),
    });
    json_response(&Vocabulary {
        targets: Target::names().collect(),
        facts: Fact::names().collect(),
        strengths: Strength::names().collect(),
        obligation_kinds: ObligationKind::names().collect(),
        instrument_kinds: InstrumentKind::names().collect(),
        reason_codes: ReasonCode::ALL
            .iter()
            .map(|r| ReasonDoc {
                code: r.as_str(),
                fails: r.fails(),
                summary: r.doc().split_whitespace().collect::<Vec<_>>().join(" "),
            })
            .collect(),
        error_codes: codes.collect(),
    })
}
