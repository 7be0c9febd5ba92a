//! `GET /v1/states`: the states existing on a date (`casus states`), with the map features
//! each holds.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;

use super::treaties::DateParams;
use super::{json_response, schema};
use crate::error::ApiError;
use crate::extract::{parse_date, Params};
use crate::AppState;

/// A state on the date.
#[derive(Serialize, ToSchema)]
pub(crate) struct StateRow {
    /// Display code (ISO 3166-1 alpha-3 where there is one): the code decisions use.
    #[schema(example = "EST")]
    code: String,
    /// The state's name on the date asked about (the Kingdom of Serbia in 1914).
    name: String,
    /// ISO 3166-1 alpha-3.
    iso3: Option<String>,
    /// ISO 3166-1 alpha-2.
    iso2: Option<String>,
    /// Correlates of War state number.
    cow: Option<u16>,
    /// Correlates of War abbreviation.
    cow_abb: Option<String>,
    /// Gleditsch–Ward number on the date.
    gw: Option<u16>,
    /// The features of the page's world map (world-atlas `countries-110m`, keyed by ISO
    /// 3166-1 numeric id, or by name for the three features without one) that the state holds
    /// on the date. Today's boundaries: see the crate documentation.
    #[schema(example = json!(["233"]))]
    map_ids: Vec<String>,
}

/// The states on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct StateList {
    /// The date.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// The states existing on the date, ordered by code.
    states: Vec<StateRow>,
}

/// List the states existing on a date.
///
/// From the state registry (COW v2016 and Gleditsch–Ward, day-precise), with the map features
/// each state holds on the date.
#[utoipa::path(
    get,
    path = "/v1/states",
    tag = "states",
    params(DateParams),
    responses(
        (status = 200, description = "The states", body = StateList),
        (status = 422, description = "An impossible date or an unknown parameter", body = schema::ErrorBody),
    )
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), &["date"])?;
    let date = parse_date(params.get("date"), "date").map_err(|d| ApiError::Invalid(vec![*d]))?;
    let ds = state.dataset();
    let reg = ds.registry();
    let mut held = crate::map::holders_on(ds, date);
    let states = reg
        .on(date)
        .into_iter()
        .filter_map(|id| {
            let s = reg.get(id)?;
            Some(StateRow {
                code: s.code().to_owned(),
                name: s.name_on(date).to_owned(),
                iso3: s.iso3().map(str::to_owned),
                iso2: s.iso2().map(str::to_owned),
                cow: s.cow(),
                cow_abb: s.cow_abb().map(str::to_owned),
                gw: s.gw_on(date),
                map_ids: held
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .collect();
    json_response(&StateList { date, states })
}
