//! `GET /v1/areas`, and the scopes and areas in a treaty's answer: where an attack must happen,
//! as the treaty files and `data/geo/areas.toml` draw it (the page draws the same polygons).

use axum::extract::{RawQuery, State};
use axum::response::Response;
use casus_core::model::{Area, Dataset, Edges, Quality, Scope, Treaty};
use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;

use super::json_response;
use crate::error::ApiError;
use crate::extract::Params;
use crate::AppState;

/// How far apart (degrees) the points added along an area's edges are, for drawing.
const OUTLINE_STEP: f64 = 1.0;

/// A treaty area: a polygon drawn from a text.
#[derive(Serialize, ToSchema)]
pub(crate) struct AreaOut {
    /// Id (`rio-art-4`).
    id: String,
    /// Its name, as shown to readers.
    name: String,
    /// The treaty whose text defines it.
    treaty: Option<String>,
    /// The article.
    article: Option<String>,
    /// How the text joins the vertices: `rhumb`, `geodesic` or `plain`.
    #[schema(value_type = String)]
    edges: Edges,
    /// `verbatim` (the text's vertices) or `approximate` (drawn for casus from a text that
    /// names an area without drawing it).
    #[schema(value_type = String)]
    quality: Quality,
    /// The words that define it.
    text: Option<String>,
    /// The rings as the file gives them, `[lat, lon]`.
    vertices: Vec<Vec<[f64; 2]>>,
    /// The rings to draw, `[lat, lon]`: points added along each edge (at most 1 degree apart)
    /// so that a map in any projection follows the edges as the text draws them.
    outline: Vec<Vec<[f64; 2]>>,
    /// Regions wholly inside, for places given as a region.
    inside: Vec<String>,
    /// Regions wholly outside.
    outside: Vec<String>,
    /// The source.
    source: Option<String>,
    /// How it was drawn, what is uncertain.
    note: Option<String>,
}

impl AreaOut {
    pub(crate) fn of(a: &Area) -> Self {
        let rings = |rs: Vec<Vec<(f64, f64)>>| -> Vec<Vec<[f64; 2]>> {
            rs.into_iter().map(|r| r.into_iter().map(|(lat, lon)| [lat, lon]).collect()).collect()
        };
        Self {
            id: a.id.clone(),
            name: a.name.clone(),
            treaty: a.treaty.clone(),
            article: a.article.clone(),
            edges: a.edges,
            quality: a.quality,
            text: a.text.clone(),
            vertices: rings(a.polygons.clone()),
            outline: rings(a.outline(OUTLINE_STEP)),
            inside: a.inside.clone(),
            outside: a.outside.clone(),
            source: a.source.clone(),
            note: a.note.clone(),
        }
    }
}

/// One clause of a scope, as the page lists it.
#[derive(Serialize, ToSchema)]
pub(crate) struct ClauseOut {
    /// What the memo calls it.
    label: Option<String>,
    /// The treaty areas it names (ids).
    areas: Vec<String>,
    /// Parallels it draws, with the side the place must be on: `{lat, north}`.
    parallels: Vec<Parallel>,
}

/// A parallel a clause draws.
#[derive(Serialize, ToSchema)]
pub(crate) struct Parallel {
    /// Its latitude.
    lat: f64,
    /// Must the place lie north of it (else south)?
    north: bool,
}

/// A geographic scope of a treaty.
#[derive(Serialize, ToSchema)]
pub(crate) struct ScopeOut {
    /// The area's stable id (`rio-art-4`), as `area` clauses name it.
    id: String,
    /// The article that draws it.
    article: Option<String>,
    /// In effect on the date asked about.
    in_effect: bool,
    /// How casus reads the text: which clause encodes which words.
    reading: Option<String>,
    /// The clauses: the scope is met when one of them is.
    clauses: Vec<ClauseOut>,
}

impl ScopeOut {
    pub(crate) fn of(s: &Scope, date: Date) -> Self {
        Self {
            id: s.id().to_owned(),
            article: s.article().map(str::to_owned),
            in_effect: s.interval().is_none_or(|i| i.contains(date)),
            reading: s.reading().map(str::to_owned),
            clauses: s
                .clauses()
                .iter()
                .map(|c| ClauseOut {
                    label: c.label().map(str::to_owned),
                    areas: c.areas().to_vec(),
                    parallels: c
                        .parallels()
                        .into_iter()
                        .map(|(lat, north)| Parallel { lat, north })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The areas a treaty's scopes name, and those its text defines, by id.
pub(crate) fn areas_of(ds: &Dataset, t: &Treaty) -> Vec<AreaOut> {
    let areas = ds.regions().areas();
    let mut ids: std::collections::BTreeSet<&str> =
        areas.of_treaty(t.id().as_str()).map(|a| a.id.as_str()).collect();
    for s in t.scopes() {
        for c in s.clauses() {
            ids.extend(c.areas().iter().map(String::as_str));
        }
    }
    ids.into_iter().filter_map(|id| areas.get(id)).map(AreaOut::of).collect()
}

/// Every treaty area.
#[derive(Serialize, ToSchema)]
pub(crate) struct AreaList {
    /// The areas, by id.
    areas: Vec<AreaOut>,
}

/// List the treaty areas.
///
/// Every area drawn from a treaty text (`data/geo/areas.toml`), with its vertices as written
/// and an outline to draw.
#[utoipa::path(
    get,
    path = "/v1/areas",
    tag = "places",
    responses(
        (status = 200, description = "The treaty areas", body = AreaList),
        (status = 422, description = "An unknown parameter", body = super::schema::ErrorBody),
    )
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let ds = state.dataset();
    json_response(&AreaList { areas: ds.regions().areas().iter().map(AreaOut::of).collect() })
}
