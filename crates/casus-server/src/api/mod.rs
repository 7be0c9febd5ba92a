//! The JSON API under `/v1`, and its OpenAPI document, built from the same route list: a
//! route is in the document exactly when it is served (utoipa-axum's `routes!`).

mod areas;
mod cascade;
mod cascade_schema;
mod check;
mod compare;
mod compare_schema;
mod place;
pub(crate) mod schema;
mod states;
mod treaties;
mod vocabulary;

use axum::body::Bytes;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Router;
use casus_core::model::{Dataset, StateId};
use serde::Serialize;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::AppState;

/// The document's fixed parts; paths and schemas are added by the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "casus",
        description = "If this state is attacked, here, on this day, who is bound to defend it, how strongly, under which article? \
The JSON API of `casus serve`. Every 4xx answer has the body `{\"errors\": [DetailedDiagnostic, ...]}` with the diagnostics the CLI prints.",
        license(name = "MIT OR Apache-2.0")
    ),
    tags(
        (name = "decide", description = "Decide an attack"),
        (name = "places", description = "Classify a point"),
        (name = "treaties", description = "The instruments"),
        (name = "states", description = "The state registry"),
        (name = "cascade", description = "What happens next: cascades and simulations"),
        (name = "meta", description = "Vocabularies and codes"),
    ),
    components(schemas(schema::ErrorBody))
)]
struct ApiDoc;

/// The `/v1` routes and the OpenAPI document describing them.
pub(crate) fn router() -> (Router<AppState>, OpenApiDoc) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(check::check))
        .routes(routes!(place::where_))
        .routes(routes!(areas::list))
        .routes(routes!(treaties::list))
        .routes(routes!(treaties::show))
        .routes(routes!(states::list))
        .routes(routes!(vocabulary::show))
        .routes(routes!(cascade::list))
        .routes(routes!(cascade::run_cascade))
        .routes(routes!(cascade::run_simulation))
        .routes(routes!(compare::run_compare))
        .split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut description = doc.info.description.take().unwrap_or_default();
    description.push_str("\n\nError codes (`casus diagnostics`, `GET /v1/vocabulary`):\n");
    for code in casus_core::diag::CODES {
        let what = code.doc().lines().next().unwrap_or("").trim();
        description.push_str(&format!("\n- `{code}`: {what}"));
    }
    doc.info.description = Some(description);
    every_status(&mut doc);
    (router, doc)
}

/// Adds to every operation the error answers any route can give, beside the ones it
/// documents: 408 (time limit), 414 and 431 (request line, headers), 500; for routes with a
/// body 400, 413 and 415; for cascades, simulations and comparisons 503. Each has the one
/// error body.
fn every_status(doc: &mut OpenApiDoc) {
    use utoipa::openapi::{RefOr, ResponseBuilder};
    let error = |what: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(what)
                .content(
                    "application/json",
                    utoipa::openapi::ContentBuilder::new()
                        .schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let heavy =
            path.ends_with("/cascade") || path.ends_with("/simulate") || path.ends_with("/compare");
        let ops = [
            (item.get.as_mut(), false),
            (item.post.as_mut(), true),
            (item.put.as_mut(), true),
            (item.delete.as_mut(), false),
        ];
        for (op, has_body) in ops {
            let Some(op) = op else { continue };
            let mut add = |status: &str, what: &str| {
                op.responses.responses.entry(status.to_owned()).or_insert_with(|| error(what));
            };
            add("405", "The route does not answer to this method");
            add("408", "The request took longer than the time limit; its work was stopped");
            add("414", "The request line is too long");
            add("431", "The headers are too large or too many");
            add("500", "A bug in casus (logged; no details are sent)");
            if has_body {
                add("400", "The body is not JSON, or has a key twice");
                add("413", "The body is over 64 KiB");
                add("415", "The body is not sent as UTF-8 JSON (or is compressed)");
                add(
                    "422",
                    "The input is well-formed but wrong: every problem, with codes and help",
                );
            } else {
                add("422", "A query parameter is unknown, repeated or invalid");
            }
            if heavy {
                add("503", "Too many cascades and simulations running or waiting; see Retry-After");
            }
        }
    }
}

/// A state, briefly.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct StateBrief {
    /// Display code.
    #[schema(example = "DEU")]
    code: String,
    /// The state's name on the date asked about (the Kingdom of Serbia in 1914).
    #[schema(example = "Germany")]
    name: String,
}

impl StateBrief {
    /// The state as named on `date`.
    pub(crate) fn of(ds: &Dataset, id: StateId, date: jiff::civil::Date) -> Self {
        let reg = ds.registry();
        Self { code: reg.code(id).to_owned(), name: reg.name_on(id, date).to_owned() }
    }
}

/// Serializes an answer. Serializing the engine's types cannot fail (string keys, finite
/// numbers); if it ever did, that is a bug, logged and answered 500.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<Bytes, ApiError> {
    // Decisions run to tens of kilobytes: start big rather than copy while growing.
    let mut body = Vec::with_capacity(16 * 1024);
    serde_json::to_writer(&mut body, value).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Bytes::from(body))
}

/// A JSON answer from serialized bytes.
pub(crate) fn json_answer(body: Bytes) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A JSON answer.
pub(crate) fn json_response<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    to_json(value).map(json_answer)
}
