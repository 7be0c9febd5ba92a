//! `GET /v1/where`: what casus knows of a point, as `casus where --format json` says.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use casus_core::diag::{Code, Diagnostic};
use casus_core::input::echo;
use casus_core::model::{Dataset, PlaceFacts};
use jiff::civil::Date;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::{json_response, schema, StateBrief};
use crate::error::{problem, ApiError};
use crate::extract::{parse_date, Params};
use crate::AppState;

/// The query of `/v1/where`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "parameters are read by `Params`; this documents them")]
pub(crate) struct WhereParams {
    /// Latitude in degrees, -90..=90.
    #[param(example = 21.31)]
    lat: f64,
    /// Longitude in degrees, -180..=180.
    #[param(example = -157.86)]
    lon: f64,
    /// The date, `YYYY-MM-DD` (default: today): who held the place then.
    date: Option<String>,
}

/// What is known of a point.
#[derive(Serialize, ToSchema)]
pub(crate) struct Place {
    /// Latitude in degrees, north positive (-90 to 90).
    lat: f64,
    /// Longitude in degrees, east positive (-180 to 180).
    lon: f64,
    /// The date.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// The place's facts on the date; null where casus knows neither a land region nor a sea
    /// area there.
    #[schema(value_type = Option<schema::PlaceFacts>)]
    facts: Option<PlaceFacts>,
    /// The state holding sovereignty on the date, when there is one in the registry.
    sovereign: Option<StateBrief>,
    /// The administering state on the date, when it differs from the sovereign.
    administered_by: Option<StateBrief>,
    /// The treaty areas (`GET /v1/areas`) containing the point, by id.
    areas: Vec<String>,
}

/// Classify a point.
///
/// The ISO 3166 regions containing it (OpenStreetMap-derived boundaries, offline), and through
/// the regions table its sovereign (and administrator, since when), continent, island status,
/// the seas it is in or over and the coasts it is on; at sea, its sea areas and whether it is
/// in a territorial sea; the treaty areas containing it.
#[utoipa::path(
    get,
    path = "/v1/where",
    tag = "places",
    params(WhereParams),
    responses(
        (status = 200, description = "The point's facts", body = Place),
        (status = 422, description = "Missing or invalid coordinates, impossible dates", body = schema::ErrorBody),
    )
)]
pub(crate) async fn where_(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), &["lat", "lon", "date"])?;
    let mut problems = Vec::new();
    let lat = degrees(&params, "lat").map_err(|d| problems.push(*d)).ok();
    let lon = degrees(&params, "lon").map_err(|d| problems.push(*d)).ok();
    let date = parse_date(params.get("date"), "date").map_err(|d| problems.push(*d)).ok();
    let (Some(lat), Some(lon), Some(date)) = (lat, lon, date) else {
        return Err(ApiError::Invalid(problems));
    };
    let ds = state.dataset();
    let facts = state.classifier().classify(lat, lon, date, ds.regions()).map_err(|e| {
        ApiError::invalid(Code::InvalidCoordinates, Some("lat"), e.to_string(), None)
    })?;
    let sovereign = facts.as_ref().and_then(|f| brief(ds, f.sovereign.as_deref(), date));
    let administered_by = facts
        .as_ref()
        .filter(|f| f.administered_by.is_some() && f.administered_by != f.sovereign)
        .and_then(|f| brief(ds, f.administered_by.as_deref(), date));
    let areas = ds
        .regions()
        .areas()
        .iter()
        .filter(|a| a.contains(lat, lon))
        .map(|a| a.id.clone())
        .collect();
    json_response(&Place { lat, lon, date, facts, sovereign, administered_by, areas })
}

fn brief(ds: &Dataset, code: Option<&str>, date: Date) -> Option<StateBrief> {
    let id = ds.registry().resolve(code?, date).ok()?;
    Some(StateBrief::of(ds, id, date))
}

fn degrees(params: &Params, name: &str) -> Result<f64, Box<Diagnostic>> {
    let example = Some("write degrees, e.g. `lat=21.31&lon=-157.86`".to_owned());
    let Some(text) = params.get(name) else {
        return Err(
            problem(Code::MissingKey, Some(name), format!("`{name}` is missing"), example).into()
        );
    };
    let max = if name == "lat" { 90.0 } else { 180.0 };
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite() && v.abs() <= max).ok_or_else(|| {
        problem(
            Code::InvalidCoordinates,
            Some(name),
            format!("`{}` is not a number of degrees within -{max}..={max}", echo(text)),
            example,
        )
        .into()
    })
}
